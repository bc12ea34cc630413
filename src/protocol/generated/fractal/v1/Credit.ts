// Original file: proto/fractal/v1/fractal.proto


/**
 * Adds units to the number the worker wants in flight, or sets that number.
 */
export interface Credit {
  'units'?: (number);
  /**
   * When non-zero: the number of units the worker wants in flight from now on (units is ignored).
   * A smaller window takes effect as results come back; nothing already assigned is taken away.
   */
  'window'?: (number);
}

/**
 * Adds units to the number the worker wants in flight, or sets that number.
 */
export interface Credit__Output {
  'units': (number);
  /**
   * When non-zero: the number of units the worker wants in flight from now on (units is ignored).
   * A smaller window takes effect as results come back; nothing already assigned is taken away.
   */
  'window': (number);
}
