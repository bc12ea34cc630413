// Original file: proto/fractal/v1/fractal.proto


/**
 * Adds units to the number the worker wants in flight.
 */
export interface Credit {
  'units'?: (number);
}

/**
 * Adds units to the number the worker wants in flight.
 */
export interface Credit__Output {
  'units': (number);
}
