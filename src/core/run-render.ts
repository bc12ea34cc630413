// `fractal render` end to end: check what the process would hold and that the outputs can be
// written, render and encode the PNG straight into its temporary file (render-to-png.ts), rename it
// into place, and, with --results, write a results JSON like a distributed run's (mode 'render').
import { checkWritable, openAtomicFile, writeFileAtomic } from './files/atomic-file.js';
import { checkHeldMemory } from './held-memory.js';
import { buildRenderResults } from './metrics/build-results.js';
import { startProcessMetrics, type ProcessMetrics } from './metrics/process-metrics.js';
import type { RunResults } from './metrics/results.js';
import { newRunId } from './metrics/run-id.js';
import type { ImageSpec } from './render/image-spec.js';
import type { KernelName } from './render/kernel-choice.js';
import { DEFAULT_ROWS_PER_UNIT, renderToPng } from './render-to-png.js';

export interface RunRenderOptions {
  spec: ImageSpec;
  threads: number;
  rowsPerUnit?: number;
  outfile: string;
  /** Where to write the results JSON; none when absent. */
  results?: RenderResultsOptions;
  /** The machine's memory: what the render holds must fit in half of it. */
  memoryBytes: number;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Called as each step after the compute: the encoder's tail, then the file's flush and rename. */
  onStep?: (step: 'encode' | 'write') => void;
  signal?: AbortSignal;
  /** The kernel every thread builds (default: the fastest here). */
  kernel?: KernelName;
}

export interface RenderResultsOptions {
  path: string;
  /** The image flags as given, before smoothness. */
  input: { width: number; height: number; smoothness: number };
  toolVersion: string;
  host: string;
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
    /** Until the first unit was computed, and the last; the PNG is encoded and written meanwhile. */
    firstUnitMs: number;
    renderMs: number;
    /** Thread time, summed over threads: escape times, colouring, filtering rows for the PNG. */
    computeMs: number;
    colorMs: number;
    filterMs: number;
    /** zlib's thread time, summed over the PNG's segments. */
    deflateMs: number;
    /** The encoder's tail after the last unit: the last segments compressed and written. */
    encodeMs: number;
    /** The file flushed to disk and renamed into place. */
    writeMs: number;
  };
  /** The most the render held for the PNG at once. */
  heldBytes: number;
  process: ProcessMetrics;
  resultsPath: string | null;
}

export const runRender = async (options: RunRenderOptions): Promise<RunRenderReport> => {
  const started = performance.now();
  const startedAt = new Date();
  const metrics = startProcessMetrics();
  const { spec } = options;
  const rowsPerUnit = options.rowsPerUnit ?? DEFAULT_ROWS_PER_UNIT;
  try {
    checkHeldMemory({ spec, chunkRows: rowsPerUnit, threads: options.threads, memoryBytes: options.memoryBytes, role: 'render' });
    await checkWritable(options.outfile, 'image');
    if (options.results) await checkWritable(options.results.path, 'results');
    const file = await openAtomicFile(options.outfile, 'image');
    let rendered: Awaited<ReturnType<typeof renderToPng>>;
    let written: { bytes: number; sha256: string };
    let writeStart: number;
    let computed = false;
    try {
      rendered = await renderToPng({
        spec,
        threads: options.threads,
        rowsPerUnit,
        sink: file,
        onProgress: (done, total) => {
          options.onProgress?.(done, total);
          if (done === total && !computed) {
            computed = true;
            options.onStep?.('encode');
          }
        },
        signal: options.signal,
        kernel: options.kernel,
      });
      options.onStep?.('write');
      writeStart = performance.now();
      written = await file.commit();
    } catch (error) {
      await file.abort();
      throw error;
    }
    const done = performance.now();
    const report: RunRenderReport = {
      outfile: options.outfile,
      width: spec.width,
      height: spec.height,
      bytes: written.bytes,
      sha256: written.sha256,
      iterations: rendered.iterations,
      threads: rendered.threads,
      kernel: rendered.kernel,
      timings: {
        wallMs: done - started,
        firstUnitMs: rendered.firstUnitMs,
        renderMs: rendered.renderMs,
        computeMs: rendered.computeMs,
        colorMs: rendered.colorMs,
        filterMs: rendered.filterMs,
        deflateMs: rendered.deflateMs,
        encodeMs: rendered.encodeMs,
        writeMs: done - writeStart,
      },
      heldBytes: rendered.maxHeldBytes,
      process: metrics.read(),
      resultsPath: options.results?.path ?? null,
    };
    if (options.results) await writeRenderResults(report, options, rendered.units, rowsPerUnit, startedAt);
    return report;
  } finally {
    metrics.stop();
  }
};

const writeRenderResults = async (
  report: RunRenderReport,
  options: RunRenderOptions,
  units: number,
  chunkRows: number,
  startedAt: Date,
): Promise<RunResults> => {
  const results = options.results!;
  const t = report.timings;
  const built = buildRenderResults({
    runId: newRunId(startedAt),
    startedAt,
    finishedAt: new Date(startedAt.getTime() + t.wallMs),
    toolVersion: results.toolVersion,
    nodeVersion: process.version,
    spec: options.spec,
    input: results.input,
    chunkRows,
    threadsPerNode: report.threads,
    image: { path: report.outfile, width: report.width, height: report.height, bytes: report.bytes, sha256: report.sha256 },
    // the same phases as a distributed run's, with no join
    timings: {
      wallMs: t.wallMs,
      joinMs: 0,
      timeToFirstUnitMs: t.firstUnitMs,
      renderMs: t.renderMs,
      encodeMs: t.encodeMs,
      writeMs: t.writeMs,
    },
    node: {
      rank: 0,
      host: results.host,
      role: 'render',
      threads: report.threads,
      units,
      rows: report.height,
      pixels: report.width * report.height,
      iterations: report.iterations,
      // as a worker counts it: its threads' time on the units, computing and colouring them
      computeMs: t.computeMs + t.colorMs + t.filterMs,
      idleMs: 0,
      bytesSent: 0,
      bytesReceived: 0,
      reconnects: 0,
      lost: false,
      process: report.process,
    },
  });
  await writeFileAtomic(results.path, `${JSON.stringify(built, null, 2)}\n`, 'results');
  return built;
};
