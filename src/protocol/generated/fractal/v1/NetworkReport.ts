// Original file: proto/fractal/v1/fractal.proto


/**
 * What the network cost the worker, as the worker measured it while rendering (from its first
 * assignment to Stop).
 */
export interface NetworkReport {
  /**
   * Round trips to the leader (probe to Echo), in milliseconds.
   */
  'rtt_median_ms'?: (number | string);
  'rtt_p99_ms'?: (number | string);
  'rtt_max_ms'?: (number | string);
  'rtt_samples'?: (number);
  /**
   * Thread time spent with no unit to compute: starvation.
   */
  'starved_ms'?: (number | string);
  /**
   * Units assigned and not yet sent back, averaged over time, and the most at once.
   */
  'in_flight_mean'?: (number | string);
  'in_flight_max'?: (number);
  /**
   * The credit window the worker asked for, at the end and at its largest.
   */
  'window_final'?: (number);
  'window_max'?: (number);
}

/**
 * What the network cost the worker, as the worker measured it while rendering (from its first
 * assignment to Stop).
 */
export interface NetworkReport__Output {
  /**
   * Round trips to the leader (probe to Echo), in milliseconds.
   */
  'rtt_median_ms': (number);
  'rtt_p99_ms': (number);
  'rtt_max_ms': (number);
  'rtt_samples': (number);
  /**
   * Thread time spent with no unit to compute: starvation.
   */
  'starved_ms': (number);
  /**
   * Units assigned and not yet sent back, averaged over time, and the most at once.
   */
  'in_flight_mean': (number);
  'in_flight_max': (number);
  /**
   * The credit window the worker asked for, at the end and at its largest.
   */
  'window_final': (number);
  'window_max': (number);
}
