// Original file: proto/fractal/v1/fractal.proto

import type { NodeReport as _fractal_v1_NodeReport, NodeReport__Output as _fractal_v1_NodeReport__Output } from '../../fractal/v1/NodeReport.js';

/**
 * The worker's own view of itself, sent once, after Stop.
 */
export interface FinalMetrics {
  'node'?: (_fractal_v1_NodeReport | null);
}

/**
 * The worker's own view of itself, sent once, after Stop.
 */
export interface FinalMetrics__Output {
  'node': (_fractal_v1_NodeReport__Output | null);
}
