// What the leader leaves behind: the PNG, assembled as rows arrive (the leader never holds the
// whole image), its digest, and the results JSON built from what the state machine counted and
// what the workers reported. Both files are written atomically.
import { randomBytes } from 'node:crypto';
import type { UnitResult } from '../../../protocol/messages.js';
import { createBufferPool } from '../../buffer-pool.js';
import { writeFileAtomic } from '../../files/atomic-file.js';
import { createPngAssembler } from '../../image/png-assembler.js';
import { sha256OffThread } from '../../image/write-png.js';
import { buildDistributedResults } from '../../metrics/build-results.js';
import type { Labels } from '../../metrics/labels.js';
import type { ProcessMetrics } from '../../metrics/process-metrics.js';
import type { NodeMetrics, RunResults, SchedulerName } from '../../metrics/results.js';
import type { ImageSpec } from '../../render/image-spec.js';
import { decodeUnitRgba } from '../unit-rgba.js';
import type { Account } from './account.js';
import type { DecodedUnit, LeaderMachine } from './state.js';

export interface OutputOptions {
  spec: ImageSpec;
  outfile: string;
  resultsPath: string;
  /** The leader's clock: times how long accepted rows wait to go into the PNG. */
  now: () => number;
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
  decodeUnit: (result: UnitResult, rowCount: number) => DecodedUnit;
  addRows(rowStart: number, rgba: Uint8Array): void;
  discard(rgba: Uint8Array): void;
  /** Writes the PNG, then the results; returns the results. */
  write(machine: LeaderMachine, facts: RunFacts): Promise<RunResults>;
  abort(): void;
}

export const createLeaderOutput = (options: OutputOptions): LeaderOutput => {
  const { spec } = options;
  const rowBytes = spec.width * 4;
  // decoded units on their way into the PNG; the assembler hands each back once filtered
  const blocks = createBufferPool(16);
  // rows wait in the assembler until the rows above them are in: the leader's own share of a result's trip
  const arrived = new Map<Uint8Array, number>();
  const writeWait = { totalMs: 0, maxMs: 0, blocks: 0 };
  const written = (rgba: Uint8Array): void => {
    const at = arrived.get(rgba);
    if (at === undefined) return;
    arrived.delete(rgba);
    const waited = options.now() - at;
    writeWait.totalMs += waited;
    writeWait.maxMs = Math.max(writeWait.maxMs, waited);
    writeWait.blocks++;
  };
  const png = createPngAssembler({
    width: spec.width,
    height: spec.height,
    release: (rgba) => {
      written(rgba);
      blocks.give(rgba);
    },
  });
  return {
    decodeUnit(result, rowCount) {
      const rgba = blocks.take(rowCount * rowBytes);
      const problem = decodeUnitRgba(result.rgba, result.encoding, rgba);
      if (problem === undefined) return { rgba };
      blocks.give(rgba);
      return { problem };
    },
    addRows: (rowStart, rgba) => {
      arrived.set(rgba, options.now());
      png.addRows(rowStart, rgba);
    },
    discard: (rgba) => blocks.give(rgba),
    abort: () => png.abort(),
    async write(machine, facts) {
      // most of the encoding happened during the render; this is its tail
      const encodeStart = facts.now();
      const bytes = await png.finish();
      const writeStart = facts.now();
      // the results need the PNG's digest: it is computed while the file goes to disk
      const [digest] = await Promise.all([sha256OffThread(bytes), writeFileAtomic(options.outfile, bytes, 'image')]);
      const written = facts.now();
      const { times, queue, rules } = machine;
      const renderMs = (times.renderEnd ?? 0) - (times.renderStart ?? 0);
      const accounts = [...machine.accounts.values()];
      const results = buildDistributedResults({
        runId: `${facts.startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`,
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
        image: { path: options.outfile, width: spec.width, height: spec.height, bytes: bytes.length, sha256: digest },
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
          network: { writeWaitMs: writeWaitOf(writeWait) },
        },
        workers: accounts.map(workerNode),
      });
      await writeFileAtomic(options.resultsPath, `${JSON.stringify(results, null, 2)}\n`, 'results');
      return results;
    },
  };
};

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

const toMicroseconds = (ms: number): number => Math.round(ms * 1000) / 1000;

const writeWaitOf = (w: { totalMs: number; maxMs: number; blocks: number }): { mean: number; max: number } => ({
  mean: toMicroseconds(w.blocks > 0 ? w.totalMs / w.blocks : 0),
  max: toMicroseconds(w.maxMs),
});
