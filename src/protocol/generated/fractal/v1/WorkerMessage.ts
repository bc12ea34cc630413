// Original file: proto/fractal/v1/fractal.proto

import type { Hello as _fractal_v1_Hello, Hello__Output as _fractal_v1_Hello__Output } from '../../fractal/v1/Hello.js';
import type { Credit as _fractal_v1_Credit, Credit__Output as _fractal_v1_Credit__Output } from '../../fractal/v1/Credit.js';
import type { Results as _fractal_v1_Results, Results__Output as _fractal_v1_Results__Output } from '../../fractal/v1/Results.js';
import type { Heartbeat as _fractal_v1_Heartbeat, Heartbeat__Output as _fractal_v1_Heartbeat__Output } from '../../fractal/v1/Heartbeat.js';
import type { FinalMetrics as _fractal_v1_FinalMetrics, FinalMetrics__Output as _fractal_v1_FinalMetrics__Output } from '../../fractal/v1/FinalMetrics.js';

export interface WorkerMessage {
  'hello'?: (_fractal_v1_Hello | null);
  'credit'?: (_fractal_v1_Credit | null);
  'results'?: (_fractal_v1_Results | null);
  'heartbeat'?: (_fractal_v1_Heartbeat | null);
  'metrics'?: (_fractal_v1_FinalMetrics | null);
  'body'?: "hello"|"credit"|"results"|"heartbeat"|"metrics";
}

export interface WorkerMessage__Output {
  'hello'?: (_fractal_v1_Hello__Output | null);
  'credit'?: (_fractal_v1_Credit__Output | null);
  'results'?: (_fractal_v1_Results__Output | null);
  'heartbeat'?: (_fractal_v1_Heartbeat__Output | null);
  'metrics'?: (_fractal_v1_FinalMetrics__Output | null);
  'body'?: "hello"|"credit"|"results"|"heartbeat"|"metrics";
}
