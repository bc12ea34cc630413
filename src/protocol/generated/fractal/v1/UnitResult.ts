// Original file: proto/fractal/v1/fractal.proto

import type { RgbaEncoding as _fractal_v1_RgbaEncoding, RgbaEncoding__Output as _fractal_v1_RgbaEncoding__Output } from '../../fractal/v1/RgbaEncoding.js';
import type { Long } from '@grpc/proto-loader';

export interface UnitResult {
  'unit'?: (number);
  /**
   * RGBA of the unit's rows, row-major, 4 bytes a pixel: rows × image width × 4 bytes once decoded.
   */
  'rgba'?: (Buffer | Uint8Array | string);
  /**
   * Escape iterations computed for the unit (sum of the per-pixel counts).
   */
  'iterations'?: (number | string | Long);
  /**
   * Thread time spent on the unit (compute + colouring + encoding), in nanoseconds.
   */
  'compute_ns'?: (number | string | Long);
  'encoding'?: (_fractal_v1_RgbaEncoding);
}

export interface UnitResult__Output {
  'unit': (number);
  /**
   * RGBA of the unit's rows, row-major, 4 bytes a pixel: rows × image width × 4 bytes once decoded.
   */
  'rgba': (Buffer);
  /**
   * Escape iterations computed for the unit (sum of the per-pixel counts).
   */
  'iterations': (number);
  /**
   * Thread time spent on the unit (compute + colouring + encoding), in nanoseconds.
   */
  'compute_ns': (number);
  'encoding': (_fractal_v1_RgbaEncoding__Output);
}
