// The original's colouring, bit for bit: v = (N − it) + ln(norm), palette entries k = trunc|v| and
// k + 1 blended with the *integer* weight uint32(v) in wrap-around uint32 arithmetic. The result is
// rarely a blend at all, which is why the picture has its hard bands; past the palette's end the
// pixel stays transparent.
import type { EscapeResult } from './kernel.js';

export const colorClassic = (
  escape: EscapeResult,
  count: number,
  maxIter: number,
  packed: Uint32Array,
  out: Uint8Array,
  outOffset: number,
): void => {
  const { iters, norms } = escape;
  const last = packed.length - 1;
  let o = outOffset;
  for (let p = 0; p < count; p++, o += 4) {
    const v = maxIter - iters[p]! + Math.log(norms[p]!);
    const k = Math.trunc(Math.abs(v));
    if (!(k < last)) {
      // also catches ln(0) = −∞ and NaN: the original would index out of range there
      out[o] = 0;
      out[o + 1] = 0;
      out[o + 2] = 0;
      out[o + 3] = 0;
      continue;
    }
    const mu = v >>> 0; // Go's uint32(v): truncate, keep the low 32 bits
    const color = (Math.imul(packed[k]!, (1 - mu) | 0) + Math.imul(packed[k + 1]!, mu)) >>> 0;
    out[o] = color >>> 24;
    out[o + 1] = (color >>> 16) & 0xff;
    out[o + 2] = (color >>> 8) & 0xff;
    out[o + 3] = 0xff;
  }
};
