// Renders any block of rows of an image to RGBA: the one piece of work shared by `fractal render`'s
// threads and the distributed workers, so that both produce the same bytes.
import { colorClassic } from './classic-coloring.js';
import type { ImageSpec } from './image-spec.js';
import type { ClassicRowsStats, EscapeKernel } from './kernel.js';
import { buildPalette, type Palette } from './palette.js';
import { renderSmoothRows } from './smooth-coloring.js';
import { classicRowJob } from './view.js';

/** Escape iterations computed (the sum of the per-pixel counts) and the time each step took. */
export type RowStats = ClassicRowsStats;

export interface RowRenderer {
  readonly spec: ImageSpec;
  readonly kernelName: string;
  /** Writes rowCount full rows of RGBA at out[outOffset…]. */
  renderRows(rowStart: number, rowCount: number, out: Uint8Array, outOffset?: number): RowStats;
}

export const createRowRenderer = (
  spec: ImageSpec,
  kernel: EscapeKernel,
  palette: Palette = buildPalette(spec.palette, spec.step, spec.iters),
): RowRenderer => ({
  spec,
  kernelName: spec.coloring === 'classic' ? kernel.name : 'js-smooth',
  renderRows(rowStart, rowCount, out, outOffset = 0) {
    const t0 = process.hrtime.bigint();
    if (spec.coloring === 'smooth') {
      const iterations = renderSmoothRows(spec, palette, rowStart, rowCount, out, outOffset);
      return { iterations, computeNs: process.hrtime.bigint() - t0, colorNs: 0n };
    }
    const job = classicRowJob(spec, rowStart, rowCount);
    // the native kernel colours in the same call, while the block is still in cache
    if (kernel.renderClassicRows) return kernel.renderClassicRows(job, palette.packed, out, outOffset);
    const escape = kernel.computeRows(job);
    const t1 = process.hrtime.bigint();
    const count = spec.width * rowCount;
    colorClassic(escape, count, spec.iters, palette.packed, out, outOffset);
    let iterations = 0;
    for (let p = 0; p < count; p++) iterations += escape.iters[p]!;
    return { iterations, computeNs: t1 - t0, colorNs: process.hrtime.bigint() - t1 };
  },
});
