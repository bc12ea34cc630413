// Comparing escape-time kernels bit for bit, and the views the kernel tests run them on.
import { DEFAULT_IMAGE, type ImageSpec } from '../../src/core/render/image-spec.js';
import type { EscapeResult } from '../../src/core/render/kernel.js';
import { classicRowJob, type RowJob } from '../../src/core/render/view.js';

export const bytes = (a: Uint32Array | Float64Array | Uint8Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Copies, since a kernel's views only last until its next call. */
export const copyResult = (r: EscapeResult): EscapeResult => ({ iters: r.iters.slice(), norms: r.norms.slice() });

/** Where two results differ, described, or undefined when they are bit-identical. */
export const firstDifference = (got: EscapeResult, want: EscapeResult): string | undefined => {
  if (got.iters.length !== want.iters.length) return `${got.iters.length} pixels, expected ${want.iters.length}`;
  if (bytes(got.iters).equals(bytes(want.iters)) && bytes(got.norms).equals(bytes(want.norms))) return undefined;
  const hex = (a: Float64Array, p: number): string => bytes(a.subarray(p, p + 1)).toString('hex');
  for (let p = 0; p < want.iters.length; p++) {
    if (got.iters[p] !== want.iters[p] || hex(got.norms, p) !== hex(want.norms, p)) {
      return (
        `pixel ${p}: iters ${got.iters[p]} norm ${got.norms[p]} (${hex(got.norms, p)}), ` +
        `expected ${want.iters[p]} norm ${want.norms[p]} (${hex(want.norms, p)})`
      );
    }
  }
  return 'differs';
};

export const image = (over: Partial<ImageSpec>): ImageSpec => ({ ...DEFAULT_IMAGE, palette: 'Hippi', ...over });

/** A view span wide in the complex plane, centred on (x, y), of width × height pixels, as the CLI computes it. */
export const viewJob = (
  x: number,
  y: number,
  span: number,
  width: number,
  height: number,
  maxIter: number,
  rowStart = 0,
  rowCount = height,
): RowJob => classicRowJob(image({ width, height, xpos: x, ypos: y, escapeRadius: span, iters: maxIter }), rowStart, rowCount);

export const distinct = (a: Uint32Array): number => new Set(a).size;

/** A seeded generator of numbers in [0, 1): the same views on every run. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
};
