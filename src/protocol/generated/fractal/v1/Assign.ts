// Original file: proto/fractal/v1/fractal.proto


/**
 * Units to compute, by number (packed varints: one to three bytes a unit).
 */
export interface Assign {
  'units'?: (number)[];
}

/**
 * Units to compute, by number (packed varints: one to three bytes a unit).
 */
export interface Assign__Output {
  'units': (number)[];
}
