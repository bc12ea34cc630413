// Original file: proto/fractal/v1/fractal.proto

import type { ImageSpec as _fractal_v1_ImageSpec, ImageSpec__Output as _fractal_v1_ImageSpec__Output } from '../../fractal/v1/ImageSpec.js';

/**
 * The answer to Hello: everything the worker needs to compute any unit.
 */
export interface Welcome {
  'protocol_version'?: (string);
  /**
   * The rank the leader knows this worker by (the Hello's, or the one it chose).
   */
  'rank'?: (number);
  'job_id'?: (string);
  'image'?: (_fractal_v1_ImageSpec | null);
  /**
   * Unit u is rows [u × chunk_rows, min((u + 1) × chunk_rows, height)).
   */
  'chunk_rows'?: (number);
  'units'?: (number);
  'heartbeat_interval_ms'?: (number);
  /**
   * The largest message the leader accepts; a Results message must stay below it.
   */
  'max_message_bytes'?: (number);
}

/**
 * The answer to Hello: everything the worker needs to compute any unit.
 */
export interface Welcome__Output {
  'protocol_version': (string);
  /**
   * The rank the leader knows this worker by (the Hello's, or the one it chose).
   */
  'rank': (number);
  'job_id': (string);
  'image': (_fractal_v1_ImageSpec__Output | null);
  /**
   * Unit u is rows [u × chunk_rows, min((u + 1) × chunk_rows, height)).
   */
  'chunk_rows': (number);
  'units': (number);
  'heartbeat_interval_ms': (number);
  /**
   * The largest message the leader accepts; a Results message must stay below it.
   */
  'max_message_bytes': (number);
}
