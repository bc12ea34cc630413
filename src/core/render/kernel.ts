// Escape-time kernels: for every pixel of a block of rows, the iteration at which it escaped
// (or maxIter) and the norm the colouring takes the log of. Every kernel must give exactly the
// counts and norms of the scalar definition below: the classic colouring depends on the bits.

import type { RowJob } from './view.js';

export interface EscapeResult {
  /** Per pixel, row-major: the iteration of escape, or maxIter. */
  iters: Uint32Array;
  /** Per pixel: |z|² at escape, or |z|²/2 after maxIter steps. */
  norms: Float64Array;
}

export interface ClassicRowsStats {
  /** The sum of the per-pixel counts. */
  iterations: number;
  computeNs: bigint;
  colorNs: bigint;
}

export interface EscapeKernel {
  readonly name: string;
  /** The result views stay valid until the next call on the same kernel. */
  computeRows(job: RowJob): EscapeResult;
  /**
   * Where the kernel can colour too (the native one): escape and classic colour of the job's rows
   * in one step, RGBA at out[outOffset…], the same bytes as computeRows then colorClassic.
   */
  renderClassicRows?(job: RowJob, palette: Uint32Array, out: Uint8Array, outOffset: number): ClassicRowsStats;
}

/** The definition, one pixel at a time, in the original's operation order. */
export const escapeScalar = (cx: number, cy: number, maxIter: number, out: { it: number; norm: number }): void => {
  let x = 0;
  let y = 0;
  for (let i = 0; i < maxIter; i++) {
    const xy = x * y;
    const xx = x * x;
    const yy = y * y;
    if (xx + yy > 4) {
      out.it = i;
      out.norm = xx + yy;
      return;
    }
    x = xx - yy + cx;
    y = 2 * xy + cy;
  }
  out.it = maxIter;
  out.norm = (x * x + y * y) / 2;
};

/** Plain JavaScript: the reference, and the fallback where WebAssembly SIMD is missing. */
export const createScalarKernel = (): EscapeKernel => {
  let iters = new Uint32Array(0);
  let norms = new Float64Array(0);
  const pixel = { it: 0, norm: 0 };
  return {
    name: 'js-scalar',
    computeRows(job) {
      const count = job.width * job.rowCount;
      if (iters.length < count) {
        iters = new Uint32Array(count);
        norms = new Float64Array(count);
      }
      let p = 0;
      for (let r = 0; r < job.rowCount; r++) {
        const cy = job.ymin + (job.yspan * (job.rowStart + r)) / job.denom;
        for (let ix = 0; ix < job.width; ix++, p++) {
          escapeScalar(job.xmin + (job.xspan * ix) / job.denom, cy, job.maxIter, pixel);
          iters[p] = pixel.it;
          norms[p] = pixel.norm;
        }
      }
      return { iters: iters.subarray(0, count), norms: norms.subarray(0, count) };
    },
  };
};
