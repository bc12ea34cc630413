// Original file: proto/fractal/v1/fractal.proto


/**
 * The answer to a Heartbeat with a probe, sent as soon as it is read.
 */
export interface Echo {
  'probe'?: (number);
}

/**
 * The answer to a Heartbeat with a probe, sent as soon as it is read.
 */
export interface Echo__Output {
  'probe': (number);
}
