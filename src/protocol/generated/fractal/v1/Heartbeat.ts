// Original file: proto/fractal/v1/fractal.proto


/**
 * Sent every Welcome.heartbeat_interval_ms; a worker the leader does not hear from for its
 * heartbeat timeout is dropped and its units are given to others.
 */
export interface Heartbeat {
  'units_in_progress'?: (number);
}

/**
 * Sent every Welcome.heartbeat_interval_ms; a worker the leader does not hear from for its
 * heartbeat timeout is dropped and its units are given to others.
 */
export interface Heartbeat__Output {
  'units_in_progress': (number);
}
