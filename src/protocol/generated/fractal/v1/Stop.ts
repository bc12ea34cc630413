// Original file: proto/fractal/v1/fractal.proto


/**
 * No more work: send FinalMetrics, then close the stream.
 */
export interface Stop {
  'reason'?: (string);
}

/**
 * No more work: send FinalMetrics, then close the stream.
 */
export interface Stop__Output {
  'reason': (string);
}
