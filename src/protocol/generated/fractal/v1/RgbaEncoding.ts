// Original file: proto/fractal/v1/fractal.proto

/**
 * How UnitResult.rgba is encoded. Fractal rows are long stretches of one colour: runs take the
 * default image from 4 to about 0.5 bytes a pixel in one cheap pass on either side.
 */
export const RgbaEncoding = {
  RGBA_RAW: 'RGBA_RAW',
  /**
   * Packets of a varint header h and pixels: h odd, a run of h >> 1 copies of the 4 RGBA bytes
   * that follow; h even, h >> 1 pixels of 4 RGBA bytes each (src/core/cluster/unit-rgba.ts).
   */
  RGBA_RUNS: 'RGBA_RUNS',
} as const;

/**
 * How UnitResult.rgba is encoded. Fractal rows are long stretches of one colour: runs take the
 * default image from 4 to about 0.5 bytes a pixel in one cheap pass on either side.
 */
export type RgbaEncoding =
  | 'RGBA_RAW'
  | 0
  /**
   * Packets of a varint header h and pixels: h odd, a run of h >> 1 copies of the 4 RGBA bytes
   * that follow; h even, h >> 1 pixels of 4 RGBA bytes each (src/core/cluster/unit-rgba.ts).
   */
  | 'RGBA_RUNS'
  | 2

/**
 * How UnitResult.rgba is encoded. Fractal rows are long stretches of one colour: runs take the
 * default image from 4 to about 0.5 bytes a pixel in one cheap pass on either side.
 */
export type RgbaEncoding__Output = typeof RgbaEncoding[keyof typeof RgbaEncoding]
