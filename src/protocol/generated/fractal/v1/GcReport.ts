// Original file: proto/fractal/v1/fractal.proto


export interface GcReport {
  'count'?: (number);
  'pause_ms'?: (number | string);
}

export interface GcReport__Output {
  'count': (number);
  'pause_ms': (number);
}
