// Original file: proto/fractal/v1/fractal.proto


/**
 * Sent every Welcome.heartbeat_interval_ms; a worker the leader does not hear from for its
 * heartbeat timeout is dropped and its units are given to others.
 */
export interface Heartbeat {
  'units_in_progress'?: (number);
  /**
   * Non-zero: the leader answers at once with an Echo of this number; the worker times the trip.
   */
  'probe'?: (number);
  /**
   * The worker's median round trip to the leader so far, in milliseconds (0: not measured yet).
   */
  'rtt_ms'?: (number | string);
}

/**
 * Sent every Welcome.heartbeat_interval_ms; a worker the leader does not hear from for its
 * heartbeat timeout is dropped and its units are given to others.
 */
export interface Heartbeat__Output {
  'units_in_progress': (number);
  /**
   * Non-zero: the leader answers at once with an Echo of this number; the worker times the trip.
   */
  'probe': (number);
  /**
   * The worker's median round trip to the leader so far, in milliseconds (0: not measured yet).
   */
  'rtt_ms': (number);
}
