// An independent, deliberately plain re-statement of the classic algorithm (SPEC section 2), one
// pixel at a time with BigInt for the uint32 arithmetic. Slow; used only on small images to check
// what the fast paths produce.
import { PALETTE_SEEDS, type PaletteName } from '../../src/core/render/palette-data.js';

const U32 = (1n << 32n) - 1n;

const pack = (r: number, g: number, b: number, a: number): bigint => {
  const w = (c: number) => BigInt(Math.floor((c * 257) / 255));
  return ((w(r) << 24n) | (w(g) << 16n) | (w(b) << 8n) | w(a)) & U32;
};

const paletteOf = (name: PaletteName, step: number, iters: number): bigint[] => {
  const seeds = PALETTE_SEEDS[name];
  const stops = seeds.map((s, i) =>
    i === 0 || (s.stop !== null && s.stop !== 0) ? (s.stop ?? 0) : Math.trunc(((i + 1) / seeds.length) * 100) / 100,
  );
  const packed = seeds.map((s) => Number(pack(...s.rgba)));
  const n = Math.max(step, iters);
  const out: bigint[] = [];
  for (let i = 0; i <= 1; i += 1 / n) {
    for (let j = 0; j + 1 < seeds.length; j++) {
      if (stops[j]! <= i && i < stops[j + 1]!) {
        const mu = (i - stops[j]!) / (stops[j + 1]! - stops[j]!);
        const mu2 = (1 - Math.cos(mu * Math.PI)) / 2;
        const v = BigInt.asUintN(32, BigInt(Math.trunc(packed[j + 1]! * (1 - mu2) + packed[j]! * mu2)));
        out.push(pack(Number((v >> 24n) & 255n), Number((v >> 16n) & 255n), Number((v >> 8n) & 255n), 255));
      }
    }
  }
  return out;
};

export interface ReferenceImage {
  width: number;
  height: number;
  xpos: number;
  ypos: number;
  escapeRadius: number;
  iters: number;
  step: number;
  palette: PaletteName;
}

export const referenceRender = (img: ReferenceImage): Uint8Array => {
  const { width: W, height: H, iters: N } = img;
  const palette = paletteOf(img.palette, img.step, img.iters);
  const ratio = H / W;
  const xmin = img.xpos - img.escapeRadius / 2;
  const xmax = Math.abs(img.xpos + img.escapeRadius / 2);
  const ymin = img.ypos - (img.escapeRadius * ratio) / 2;
  const ymax = Math.abs(img.ypos + (img.escapeRadius * ratio) / 2);
  const out = new Uint8Array(W * H * 4);
  for (let iy = 0; iy < H; iy++) {
    for (let ix = 0; ix < W; ix++) {
      const cx = xmin + ((xmax - xmin) * ix) / (W - 1);
      const cy = ymin + ((ymax - ymin) * iy) / (W - 1);
      let x = 0;
      let y = 0;
      let it = N;
      let norm = 0;
      for (let i = 0; i < N; i++) {
        const xy = x * y;
        const xx = x * x;
        const yy = y * y;
        if (xx + yy > 4) {
          it = i;
          norm = xx + yy;
          break;
        }
        x = xx - yy + cx;
        y = 2 * xy + cy;
      }
      if (it === N) norm = (x * x + y * y) / 2;
      const v = N - it + Math.log(norm);
      const k = Math.trunc(Math.abs(v));
      if (!(k < palette.length - 1)) continue; // transparent
      const mu = BigInt.asUintN(32, BigInt(Math.trunc(v)));
      const c = (palette[k]! * ((1n - mu) & U32) + palette[k + 1]! * mu) & U32;
      const o = (iy * W + ix) * 4;
      out[o] = Number((c >> 24n) & 255n);
      out[o + 1] = Number((c >> 16n) & 255n);
      out[o + 2] = Number((c >> 8n) & 255n);
      out[o + 3] = 255;
    }
  }
  return out;
};
