// `fractal render`'s engine: compute threads (the workers' unit pool) render units, colour them
// and filter their rows for the PNG; this thread puts the units in row order, feeds the segmented
// encoder (png-stream.ts: deflate on libuv's thread pool, in parallel) and streams the file out.
// Units are handed out only within a window of rows ahead of what is in the file
// (held-memory.ts), so the process holds a few units and the window, never the picture.
import { FractalError } from './errors.js';
import { pngWindowRows } from './held-memory.js';
import { createPngAssembler } from './image/png-assembler.js';
import type { PngSink } from './image/png-stream.js';
import type { ImageSpec } from './render/image-spec.js';
import type { KernelName } from './render/kernel-choice.js';
import { rowsAddon } from './render/native-addon.js';
import { createUnitPool, type UnitOutput } from './cluster/unit-pool.js';

export interface RenderToPngOptions {
  spec: ImageSpec;
  threads: number;
  /** Rows per unit handed to a thread; small enough to balance, large enough to amortise. */
  rowsPerUnit: number;
  sink: PngSink;
  /** Called about every progressIntervalMs with the rows computed so far. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  progressIntervalMs?: number;
  signal?: AbortSignal;
  /** The kernel every thread builds (default: the fastest here). */
  kernel?: KernelName;
}

export interface RenderToPngResult {
  threads: number;
  kernel: string;
  units: number;
  iterations: number;
  /** Thread time, summed over threads: computing the escape times, colouring, filtering for the PNG. */
  computeMs: number;
  colorMs: number;
  filterMs: number;
  /** zlib's time on its threads, summed over segments. */
  deflateMs: number;
  /** From the start to the first unit computed, and to the last. */
  firstUnitMs: number;
  renderMs: number;
  /** From the last unit computed to the last byte of the PNG handed to the sink: the encoder's tail. */
  encodeMs: number;
  /** The most this process held for the PNG at once (units waiting for the rows above, segments). */
  maxHeldBytes: number;
}

export const DEFAULT_ROWS_PER_UNIT = 8;

export const renderToPng = async (options: RenderToPngOptions): Promise<RenderToPngResult> => {
  const { spec, rowsPerUnit, signal } = options;
  const started = performance.now();
  const units = Math.ceil(spec.height / rowsPerUnit);
  const threads = Math.max(1, Math.min(options.threads, units));
  const windowRows = pngWindowRows(spec.width, rowsPerUnit, threads);
  const totals = { iterations: 0, computeNs: 0, colorNs: 0, shapeNs: 0, rowsDone: 0, unitsDone: 0, maxHeld: 0 };
  let renderEnd = 0;
  let firstUnit = 0;
  let nextUnit = 0;
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const computed = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  computed.catch(() => {});
  const fail = (error: Error): void => settle?.reject(error);

  // the threads filter each unit's rows; this thread its first row, against the unit above
  const png = createPngAssembler({
    width: spec.width,
    height: spec.height,
    sink: options.sink,
    onWritten: () => pump(),
    onError: fail,
    complete: rowsAddon(options.kernel)?.completeUnit,
  });
  const onResult = (output: UnitOutput): void => {
    try {
      png.addUnit(output.unit * rowsPerUnit, { rows: output.rows, bytes: output.bytes, restAdler: output.restAdler });
    } catch (error) {
      fail(error as Error);
      return;
    }
    totals.iterations += output.iterations;
    totals.computeNs += output.computeNs - output.colorNs - output.shapeNs;
    totals.colorNs += output.colorNs;
    totals.shapeNs += output.shapeNs;
    totals.rowsDone += output.rows;
    totals.maxHeld = Math.max(totals.maxHeld, png.heldBytes);
    if (totals.unitsDone === 0) firstUnit = performance.now();
    if (++totals.unitsDone === units) {
      renderEnd = performance.now();
      settle?.resolve();
    }
  };
  const pool = createUnitPool({ spec, threads, form: 'png', kernel: options.kernel, onResult, onError: fail });
  // units within the window after the rows in the file; the pool queues what its threads cannot take yet
  const pump = (): void => {
    while (nextUnit < units && nextUnit * rowsPerUnit < png.rowsWritten + windowRows) {
      const rowStart = nextUnit * rowsPerUnit;
      pool.submit({ unit: nextUnit, rowStart, rowCount: Math.min(rowsPerUnit, spec.height - rowStart) }, 0);
      nextUnit++;
    }
  };
  const abort = (): void => {
    const reason = signal?.reason instanceof Error ? signal.reason : new Error('aborted');
    fail(reason);
    png.abort(reason);
  };
  signal?.addEventListener('abort', abort, { once: true });
  const report = (): void => options.onProgress?.(totals.rowsDone, spec.height);
  const timer = options.onProgress ? setInterval(report, options.progressIntervalMs ?? 250) : undefined;
  try {
    if (signal?.aborted) abort();
    const kernel = await Promise.race([pool.ready(), computed.then(() => '')]);
    pump();
    await computed;
    options.onProgress?.(spec.height, spec.height);
    const stats = await png.finish();
    const ms = (ns: number): number => ns / 1e6;
    return {
      threads,
      kernel,
      units,
      iterations: totals.iterations,
      computeMs: ms(totals.computeNs),
      colorMs: ms(totals.colorNs),
      filterMs: ms(totals.shapeNs),
      deflateMs: stats.deflateMs,
      firstUnitMs: firstUnit - started,
      renderMs: renderEnd - started,
      encodeMs: performance.now() - renderEnd,
      maxHeldBytes: totals.maxHeld,
    };
  } catch (error) {
    png.abort(error instanceof Error ? error : undefined);
    if (error instanceof FractalError || signal?.aborted) throw error;
    throw new FractalError(`the render failed: ${String((error as Error).message ?? error)}`, { kind: 'bug', code: 'E_RENDER', cause: error });
  } finally {
    if (timer) clearInterval(timer);
    signal?.removeEventListener('abort', abort);
    await pool.close();
  }
};
