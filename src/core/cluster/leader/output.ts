// What the leader leaves behind: the PNG, assembled and written to its temporary file as rows
// arrive (the leader never holds the whole image, nor the whole file), its digest computed on the
// way, and the results JSON built from what the state machine counted and what the workers
// reported. Both files appear at their names only once complete.
import type { UnitResult } from '../../../protocol/messages.js';
import { createBufferPool } from '../../buffer-pool.js';
import { FractalError } from '../../errors.js';
import { openAtomicFile, writeFileAtomic, type AtomicFileStream } from '../../files/atomic-file.js';
import { createPngAssembler, type PngAssembler } from '../../image/png-assembler.js';
import { buildDistributedResults } from '../../metrics/build-results.js';
import type { Labels } from '../../metrics/labels.js';
import type { ProcessMetrics } from '../../metrics/process-metrics.js';
import { newRunId } from '../../metrics/run-id.js';
import type { NodeMetrics, RunResults, SchedulerName } from '../../metrics/results.js';
import type { ImageSpec } from '../../render/image-spec.js';
import { rowsAddon } from '../../render/native-addon.js';
import { createWriteWait } from './write-wait.js';
import { decodeUnitRgba } from '../unit-rgba.js';
import type { Account } from './account.js';
import type { DecodedUnit, LeaderMachine } from './state.js';

export interface OutputOptions {
  spec: ImageSpec;
  outfile: string;
  resultsPath: string;
  /** The leader's clock: times how long accepted rows wait to go into the PNG. */
  now: () => number;
  /** Rows in the PNG file so far: the work queue's window moves on. */
  onWritten(rows: number): void;
  /** The PNG cannot be finished (the disk is full, zlib failed): the run is over. */
  onError(error: FractalError): void;
}

/** What the results file says about the run beside what the state machine counted. */
export interface RunFacts {
  startedAt: Date;
  toolVersion: string;
  labels: Labels;
  job: { scheduler: SchedulerName; jobId: string | null; nodeList: string | null; size: number };
  input: { width: number; height: number; smoothness: number };
  rank: number;
  host: string;
  threadsPerNode: number | null;
  /** The leader's own process: CPU, memory, GC. */
  process: ProcessMetrics;
  /** Time the leader spent handling messages while rendering (its idle time is the rest). */
  busyMs: number;
  /** What a checkpoint carried over from earlier attempts; null for a first attempt. */
  resume: { attempt: number; resumedUnits: number; interruptions: RunResults['run']['interruptions'] } | null;
  now(): number;
}

export interface LeaderOutput {
  /** Opens the PNG's temporary file; before any rows. */
  open(): Promise<void>;
  decodeUnit: (result: UnitResult, rowCount: number) => DecodedUnit;
  addRows(rowStart: number, rgba: Uint8Array): void;
  discard(rgba: Uint8Array): void;
  /** Writes the PNG, then the results; returns the results. */
  write(machine: LeaderMachine, facts: RunFacts): Promise<RunResults>;
  abort(): Promise<void>;
}

export const createLeaderOutput = (options: OutputOptions): LeaderOutput => {
  const { spec } = options;
  const rowBytes = spec.width * 4;
  // decoded units on their way into the PNG; the assembler hands each back once filtered
  const blocks = createBufferPool(16);
  let file: AtomicFileStream | undefined;
  let png: PngAssembler | undefined;
  const writeWait = createWriteWait(options.now);
  // where the addon is built, the leader decodes the runs and filters every row it writes natively
  const native = rowsAddon();
  return {
    async open() {
      file = await openAtomicFile(options.outfile, 'image');
      png = createPngAssembler({
        width: spec.width,
        height: spec.height,
        sink: file,
        release: (rgba) => {
          writeWait.written(rgba);
          blocks.give(rgba);
        },
        onWritten: (rows) => options.onWritten(rows),
        onError: (error) => options.onError(asFractalError(error)),
        filter: native?.filterUnit,
        complete: native?.completeUnit,
      });
    },
    decodeUnit(result, rowCount) {
      const rgba = blocks.take(rowCount * rowBytes);
      const problem = decodeUnitRgba(result.rgba, result.encoding, rgba, native);
      if (problem === undefined) return { rgba };
      blocks.give(rgba);
      return { problem };
    },
    addRows: (rowStart, rgba) => {
      writeWait.arrived(rgba);
      png!.addRows(rowStart, rgba);
    },
    discard: (rgba) => blocks.give(rgba),
    async abort() {
      png?.abort();
      await file?.abort();
    },
    async write(machine, facts) {
      // most of the encoding and writing happened during the render; this is its tail
      const encodeStart = facts.now();
      await png!.finish();
      const writeStart = facts.now();
      const { bytes, sha256: digest } = await file!.commit();
      const written = facts.now();
      const { times, queue, rules } = machine;
      const renderMs = (times.renderEnd ?? 0) - (times.renderStart ?? 0);
      const accounts = [...machine.accounts.values()];
      const results = buildDistributedResults({
        runId: newRunId(facts.startedAt),
        startedAt: facts.startedAt,
        finishedAt: new Date(facts.startedAt.getTime() + (written - times.t0)),
        toolVersion: facts.toolVersion,
        labels: facts.labels,
        nodeVersion: process.version,
        scheduler: { name: facts.job.scheduler, jobId: facts.job.jobId, nodeList: facts.job.nodeList, size: facts.job.size },
        spec,
        input: facts.input,
        chunkRows: rules.chunkRows,
        workersExpected: rules.workersExpected,
        threadsPerNode: facts.threadsPerNode ?? Math.max(1, ...accounts.map((a) => a.threads)),
        image: { path: options.outfile, width: spec.width, height: spec.height, bytes, sha256: digest },
        timings: {
          wallMs: written - times.t0,
          joinMs: (times.renderStart ?? times.t0) - times.t0,
          timeToFirstUnitMs: (times.firstUnit ?? times.renderEnd ?? 0) - (times.renderStart ?? 0),
          renderMs,
          encodeMs: writeStart - encodeStart,
          writeMs: written - writeStart,
        },
        work: {
          units: queue.units,
          requeuedUnits: queue.requeued,
          rejectedResults: { ...machine.rejected },
          lostWorkers: machine.lostWorkers,
        },
        resume: facts.resume ?? undefined,
        leader: {
          rank: facts.rank,
          host: facts.host,
          role: 'leader',
          threads: 0,
          units: 0,
          rows: 0,
          pixels: 0,
          iterations: 0,
          computeMs: 0,
          idleMs: Math.max(0, renderMs - facts.busyMs),
          bytesSent: machine.bytes.out,
          bytesReceived: machine.bytes.in,
          reconnects: 0,
          lost: false,
          kernel: 'none',
          process: facts.process,
          network: { writeWaitMs: writeWait.figures() },
        },
        workers: accounts.map(workerNode),
      });
      await writeFileAtomic(options.resultsPath, `${JSON.stringify(results, null, 2)}\n`, 'results');
      return results;
    },
  };
};

/** A write error is the user's (a full disk, a read-only file system); anything else from zlib is a bug. */
const asFractalError = (error: Error): FractalError =>
  error instanceof FractalError ? error : new FractalError(`the PNG could not be encoded: ${error.message}`, { kind: 'bug', code: 'E_PNG', cause: error });

const workerNode = (a: Account): NodeMetrics => ({
  rank: a.rank,
  host: a.host,
  role: 'worker',
  threads: a.threads,
  units: a.units,
  rows: a.rows,
  pixels: a.pixels,
  iterations: a.iterations,
  computeMs: a.self?.computeMs ?? 0,
  idleMs: a.self?.idleMs ?? 0,
  // the worker's own view when it reported; the leader's mirror image when it did not
  bytesSent: a.self?.bytesSent ?? a.bytesFromWorker,
  bytesReceived: a.self?.bytesReceived ?? a.bytesToWorker,
  reconnects: a.self?.reconnects ?? a.reconnects,
  lost: a.lost,
  // what the worker said it computed with; a worker lost before its report never said
  kernel: a.self?.kernel || 'unknown',
  process: a.self?.process ?? null,
  ...(a.self?.network ? { network: a.self.network } : {}),
});
