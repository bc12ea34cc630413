// Original file: proto/fractal/v1/fractal.proto

import type { MethodDefinition } from '@grpc/proto-loader'
import type { LeaderMessage as _fractal_v1_LeaderMessage, LeaderMessage__Output as _fractal_v1_LeaderMessage__Output } from '../../fractal/v1/LeaderMessage.js';
import type { WorkerMessage as _fractal_v1_WorkerMessage, WorkerMessage__Output as _fractal_v1_WorkerMessage__Output } from '../../fractal/v1/WorkerMessage.js';

export interface FractalDefinition {
  Work: MethodDefinition<_fractal_v1_WorkerMessage, _fractal_v1_LeaderMessage, _fractal_v1_WorkerMessage__Output, _fractal_v1_LeaderMessage__Output>
}
