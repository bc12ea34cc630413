// Original file: proto/fractal/v1/fractal.proto


/**
 * The resolved image (width and height already multiplied by the smoothness).
 */
export interface ImageSpec {
  'width'?: (number);
  'height'?: (number);
  'xpos'?: (number | string);
  'ypos'?: (number | string);
  'escape_radius'?: (number | string);
  'iters'?: (number);
  'step'?: (number);
  'palette'?: (string);
  'coloring'?: (string);
}

/**
 * The resolved image (width and height already multiplied by the smoothness).
 */
export interface ImageSpec__Output {
  'width': (number);
  'height': (number);
  'xpos': (number);
  'ypos': (number);
  'escape_radius': (number);
  'iters': (number);
  'step': (number);
  'palette': (string);
  'coloring': (string);
}
