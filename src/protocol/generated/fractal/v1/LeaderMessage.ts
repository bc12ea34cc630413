// Original file: proto/fractal/v1/fractal.proto

import type { Welcome as _fractal_v1_Welcome, Welcome__Output as _fractal_v1_Welcome__Output } from '../../fractal/v1/Welcome.js';
import type { Assign as _fractal_v1_Assign, Assign__Output as _fractal_v1_Assign__Output } from '../../fractal/v1/Assign.js';
import type { Stop as _fractal_v1_Stop, Stop__Output as _fractal_v1_Stop__Output } from '../../fractal/v1/Stop.js';
import type { Echo as _fractal_v1_Echo, Echo__Output as _fractal_v1_Echo__Output } from '../../fractal/v1/Echo.js';

export interface LeaderMessage {
  'welcome'?: (_fractal_v1_Welcome | null);
  'assign'?: (_fractal_v1_Assign | null);
  'stop'?: (_fractal_v1_Stop | null);
  'echo'?: (_fractal_v1_Echo | null);
  'body'?: "welcome"|"assign"|"stop"|"echo";
}

export interface LeaderMessage__Output {
  'welcome'?: (_fractal_v1_Welcome__Output | null);
  'assign'?: (_fractal_v1_Assign__Output | null);
  'stop'?: (_fractal_v1_Stop__Output | null);
  'echo'?: (_fractal_v1_Echo__Output | null);
  'body'?: "welcome"|"assign"|"stop"|"echo";
}
