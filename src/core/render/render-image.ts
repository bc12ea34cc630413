// `fractal render`'s engine: one shared RGBA image, several threads filling it row block by row
// block. Rows are independent, so the bytes do not depend on the thread count or the order.
import type { Worker } from 'node:worker_threads';
import { FractalError } from '../errors.js';
import { startWorker } from '../start-worker.js';
import type { ImageSpec } from './image-spec.js';
import type { KernelName } from './kernel-choice.js';
import type { RenderThreadData, RenderThreadReport } from './render-thread.js';

export interface RenderImageOptions {
  spec: ImageSpec;
  threads: number;
  /** Rows per block handed to a thread; small enough to balance, large enough to amortise. */
  rowsPerUnit?: number;
  /** Called about every progressIntervalMs with the rows finished so far. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  progressIntervalMs?: number;
  signal?: AbortSignal;
  /** The kernel every thread builds (default: the fastest here). */
  kernel?: KernelName;
}

export interface RenderImageResult {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row 0 at the top. */
  rgba: Uint8Array;
  iterations: number;
  /** Summed over threads. */
  computeMs: number;
  colorMs: number;
  wallMs: number;
  threads: number;
  kernel: string;
}

export const DEFAULT_ROWS_PER_UNIT = 8;

export const renderImage = async (options: RenderImageOptions): Promise<RenderImageResult> => {
  const { spec } = options;
  const started = performance.now();
  const image = new SharedArrayBuffer(spec.width * spec.height * 4);
  const control = new SharedArrayBuffer(8);
  const rowsPerUnit = options.rowsPerUnit ?? DEFAULT_ROWS_PER_UNIT;
  const threads = Math.max(1, Math.min(options.threads, Math.ceil(spec.height / rowsPerUnit)));
  const data: RenderThreadData = { spec, image, control, rowsPerUnit, kernel: options.kernel };
  const workers = Array.from({ length: threads }, () => startWorker(import.meta.url, 'render-thread', { workerData: data }));
  const progress = new Int32Array(control);
  const timer = options.onProgress
    ? setInterval(() => options.onProgress?.(Atomics.load(progress, 1), spec.height), options.progressIntervalMs ?? 250)
    : undefined;
  const abort = (): void => {
    for (const worker of workers) void worker.terminate();
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    const reports = await Promise.all(workers.map((worker) => waitForReport(worker, options.signal)));
    options.onProgress?.(spec.height, spec.height);
    return {
      width: spec.width,
      height: spec.height,
      rgba: new Uint8Array(image),
      iterations: reports.reduce((sum, r) => sum + r.iterations, 0),
      computeMs: Number(reports.reduce((sum, r) => sum + r.computeNs, 0n)) / 1e6,
      colorMs: Number(reports.reduce((sum, r) => sum + r.colorNs, 0n)) / 1e6,
      wallMs: performance.now() - started,
      threads,
      kernel: reports[0]?.kernel ?? 'none',
    };
  } catch (error) {
    abort();
    throw error;
  } finally {
    if (timer) clearInterval(timer);
    options.signal?.removeEventListener('abort', abort);
  }
};

const waitForReport = (worker: Worker, signal?: AbortSignal): Promise<RenderThreadReport> =>
  new Promise((resolve, reject) => {
    let report: RenderThreadReport | undefined;
    worker.once('message', (message: RenderThreadReport) => (report = message));
    worker.once('error', (error) =>
      reject(new FractalError(`a render thread failed: ${error.message}`, { kind: 'bug', code: 'E_RENDER_THREAD', cause: error })),
    );
    worker.once('exit', (code) => {
      if (report) resolve(report);
      else if (signal?.aborted) reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      else reject(new FractalError(`a render thread exited with code ${code} before finishing`, { kind: 'bug', code: 'E_RENDER_THREAD' }));
    });
  });
