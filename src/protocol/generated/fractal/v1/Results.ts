// Original file: proto/fractal/v1/fractal.proto

import type { UnitResult as _fractal_v1_UnitResult, UnitResult__Output as _fractal_v1_UnitResult__Output } from '../../fractal/v1/UnitResult.js';

/**
 * Results finished at about the same time travel together; each one returns one credit.
 */
export interface Results {
  'results'?: (_fractal_v1_UnitResult)[];
}

/**
 * Results finished at about the same time travel together; each one returns one credit.
 */
export interface Results__Output {
  'results': (_fractal_v1_UnitResult__Output)[];
}
