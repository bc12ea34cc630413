// The honest rendering: square pixels over the whole requested view (R wide, R·H/W high, centred
// on (X, Y)), the imaginary axis up, a real escape radius, the normalised continuous iteration
// count, per-channel blending of neighbouring palette entries, and the set's interior in one colour.
import type { ImageSpec } from './image-spec.js';
import type { Palette } from './palette.js';

/** A large bailout makes the continuous count smooth (the error term falls with 1/ln R). */
const BAILOUT_SQUARED = 256 * 256;
const INTERIOR = [0, 0, 0, 255] as const;

export const renderSmoothRows = (
  spec: ImageSpec,
  palette: Palette,
  rowStart: number,
  rowCount: number,
  out: Uint8Array,
  outOffset: number,
): number => {
  const { width, height, iters: maxIter } = spec;
  const pixel = spec.escapeRadius / width;
  const left = spec.xpos - (width / 2) * pixel;
  const top = spec.ypos + (height / 2) * pixel;
  const rgb = palette.rgb;
  const entries = rgb.length / 3;
  let iterations = 0;
  let o = outOffset;
  for (let r = 0; r < rowCount; r++) {
    const cy = top - (rowStart + r + 0.5) * pixel;
    for (let ix = 0; ix < width; ix++, o += 4) {
      const cx = left + (ix + 0.5) * pixel;
      let x = 0;
      let y = 0;
      let xx = 0;
      let yy = 0;
      let i = 0;
      for (; i < maxIter && xx + yy <= BAILOUT_SQUARED; i++) {
        y = 2 * x * y + cy;
        x = xx - yy + cx;
        xx = x * x;
        yy = y * y;
      }
      iterations += i;
      if (i === maxIter) {
        out.set(INTERIOR, o);
        continue;
      }
      // ν = i + 1 − log2(ln|z|): continuous across the bands of the integer count
      const nu = i + 1 - Math.log2(0.5 * Math.log(xx + yy));
      // like the classic colouring, fast escapes take the high end of the palette
      const position = Math.min(Math.max(maxIter - nu, 0), entries - 1);
      const k = Math.max(0, Math.min(Math.floor(position), entries - 2));
      const next = Math.min(k + 1, entries - 1);
      const t = position - k;
      for (let ch = 0; ch < 3; ch++) {
        const a = rgb[k * 3 + ch]!;
        const b = rgb[next * 3 + ch]!;
        out[o + ch] = Math.round(a + (b - a) * t);
      }
      out[o + 3] = 0xff;
    }
  }
  return iterations;
};
