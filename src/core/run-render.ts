// `fractal render` end to end: check the output can be written, render with threads, encode the
// PNG, write it atomically, and measure each step.
import { encodePng, sha256 } from './image/write-png.js';
import { checkWritable, writeFileAtomic } from './files/atomic-file.js';
import { startProcessMetrics, type ProcessMetrics } from './metrics/process-metrics.js';
import type { ImageSpec } from './render/image-spec.js';
import { renderImage } from './render/render-image.js';

export interface RunRenderOptions {
  spec: ImageSpec;
  threads: number;
  rowsPerUnit?: number;
  outfile: string;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Called as each step after the render starts: the PNG encoding takes seconds on big images. */
  onStep?: (step: 'encode' | 'write') => void;
  signal?: AbortSignal;
}

export interface RunRenderReport {
  outfile: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  iterations: number;
  threads: number;
  kernel: string;
  timings: {
    wallMs: number;
    renderMs: number;
    /** Thread time, summed over threads. */
    computeMs: number;
    colorMs: number;
    encodeMs: number;
    writeMs: number;
  };
  process: ProcessMetrics;
}

export const runRender = async (options: RunRenderOptions): Promise<RunRenderReport> => {
  const started = performance.now();
  const metrics = startProcessMetrics();
  try {
    await checkWritable(options.outfile, 'image');
    const image = await renderImage({
      spec: options.spec,
      threads: options.threads,
      rowsPerUnit: options.rowsPerUnit,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    options.onStep?.('encode');
    const encodeStart = performance.now();
    const png = await encodePng(image);
    options.onStep?.('write');
    const writeStart = performance.now();
    await writeFileAtomic(options.outfile, png, 'image');
    const done = performance.now();
    return {
      outfile: options.outfile,
      width: image.width,
      height: image.height,
      bytes: png.length,
      sha256: sha256(png),
      iterations: image.iterations,
      threads: image.threads,
      kernel: image.kernel,
      timings: {
        wallMs: done - started,
        renderMs: image.wallMs,
        computeMs: image.computeMs,
        colorMs: image.colorMs,
        encodeMs: writeStart - encodeStart,
        writeMs: done - writeStart,
      },
      process: metrics.read(),
    };
  } finally {
    metrics.stop();
  }
};
