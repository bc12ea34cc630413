// The leader: serves the Work stream, waits for its workers (the barrier), hands out units as
// workers have credit, writes each result into the PNG exactly once, re-queues the units of
// workers it loses, then stops every worker, collects their metrics, writes the PNG and the
// results JSON atomically, and shuts down. It never computes.
//
// This file runs the phases and owns the clock and the timers; the rules are in state.ts, the
// network in transport.ts, the files in output.ts, the HTTP views in status.ts and http.ts.
import { createChangeSignal } from '../../change-signal.js';
import { checkpointedError, FractalError, interruptedError } from '../../errors.js';
import { checkWritable } from '../../files/atomic-file.js';
import { checkHeldMemory, checkUnitBytes, pngWindowRows } from '../../held-memory.js';
import { startProcessMetrics } from '../../metrics/process-metrics.js';
import type { Labels } from '../../metrics/labels.js';
import type { RunResults } from '../../metrics/results.js';
import type { ImageSpec } from '../../render/image-spec.js';
import { PROTOCOL_VERSION } from '../../version.js';
import type { TlsFiles } from '../../../protocol/work-server.js';
import { formatHostPort, type HostPort } from '../leader-address.js';
import { claimRendezvous, removeRendezvous, writeRendezvous, RENDEZVOUS_KIND } from '../rendezvous.js';
import { startCheckpointing, type LeaderCheckpointing } from './checkpointing.js';
import { readConsoleAssets } from './console/console-assets.js';
import { createLiveConsole } from './console/live-console.js';
import type { LeaderEvent } from './events.js';
import { leaderRoutes, startLeaderHttp, type LeaderHttpHandle } from './http.js';
import { createLeaderOutput, type RunFacts } from './output.js';
import { LeaderMachine, type LeaderEffect } from './state.js';
import { leaderStatus } from './status.js';
import { startLeaderTransport, type LeaderTransport } from './transport.js';

export type { LeaderEvent, RejectionKind } from './events.js';
export { MAX_CREDITS_PER_WORKER } from './state.js';

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 15_000;
const FINAL_METRICS_TIMEOUT_MS = 10_000;
const SHUTDOWN_GRACE_MS = 2000;
/**
 * How long results in flight are waited for once the leader is told to stop: well inside Slurm's
 * default KillWait (30 s) between SIGTERM and SIGKILL, with room for the checkpoint and the exit.
 */
export const DEFAULT_STOP_GRACE_MS = 10_000;
/** Room for the other fields of a Results message beside the RGBA. */
const MESSAGE_OVERHEAD_BYTES = 64 * 1024;
const MIN_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface LeaderJob {
  scheduler: RunFacts['job']['scheduler'];
  jobId: string | null;
  nodeList: string | null;
  /** Tasks in the job, leader included. */
  size: number;
}

export interface LeaderOptions {
  spec: ImageSpec;
  /** The image flags as given (before smoothness), for the results file. */
  input: { width: number; height: number; smoothness: number };
  chunkRows: number;
  workersExpected: number;
  /** Below this many workers at the join timeout the run fails; at or above it, it goes on. */
  minWorkers: number;
  joinTimeoutMs: number;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  bind: HostPort;
  /** The host name workers reach this leader by: published in the rendezvous file. */
  advertiseHost: string;
  token: string;
  /** Where rendezvous.json is written; null writes none. */
  runDir: string | null;
  outfile: string;
  resultsPath: string;
  http: HostPort | null;
  /** Wait for POST /start on the HTTP port instead of starting when every worker is in. */
  waitForStart: boolean;
  job: LeaderJob;
  rank: number;
  host: string;
  /** Threads each worker computes with, for the results file; null takes the workers' own figure. */
  threadsPerNode: number | null;
  toolVersion: string;
  /** The study's --label pairs, recorded in the results. */
  labels?: Labels;
  /** The machine's memory: the leader refuses a picture whose book and window would not fit in half of it. */
  memoryBytes: number;
  tls?: TlsFiles;
  /** Checkpoints in the run directory, made durable every intervalMs; null or left out: none. */
  checkpoint?: { intervalMs: number } | null;
  /** Abandons the run at once: nothing is written. */
  signal?: AbortSignal;
  /**
   * Told to stop (SIGTERM, SIGINT, the walltime warning; its reason names the signal): no more
   * work is handed out, results in flight are taken for stopGraceMs, the checkpoint is written.
   */
  stopSignal?: AbortSignal;
  stopGraceMs?: number;
  onEvent?: (event: LeaderEvent) => void;
}

export interface LeaderReport {
  results: RunResults;
  outfile: string;
  resultsPath: string;
  address: string;
  httpPort: number | null;
}

/** The leader's time and timers: the real ones unless a test says otherwise. */
export interface LeaderClock {
  now(): number;
  date(): Date;
}

const SYSTEM_CLOCK: LeaderClock = { now: () => performance.now(), date: () => new Date() };

export const runLeader = async (options: LeaderOptions, clock: LeaderClock = SYSTEM_CLOCK): Promise<LeaderReport> => {
  const t0 = clock.now();
  const startedAt = clock.date();
  const emit = options.onEvent ?? (() => {});
  checkHeldMemory({ spec: options.spec, chunkRows: options.chunkRows, threads: 0, memoryBytes: options.memoryBytes, role: 'leader' });
  const maxMessageBytes = Math.max(MIN_MESSAGE_BYTES, checkUnitBytes(options.spec, options.chunkRows) + MESSAGE_OVERHEAD_BYTES);
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
  // several heartbeats per timeout, so that one late beat never drops a healthy worker
  const heartbeatIntervalMs =
    options.heartbeatIntervalMs ?? Math.min(DEFAULT_HEARTBEAT_INTERVAL_MS, Math.max(50, Math.floor(heartbeatTimeoutMs / 5)));
  const metrics = startProcessMetrics();
  const output = createLeaderOutput({
    spec: options.spec,
    outfile: options.outfile,
    resultsPath: options.resultsPath,
    now: () => clock.now(),
    onWritten: (rows) => {
      checkpointing?.written(rows);
      apply(machine.step({ type: 'written', rows }, clock.now()));
    },
    onError: (error) => apply(machine.abort(error)),
  });
  const machine = new LeaderMachine(
    {
      spec: options.spec,
      chunkRows: options.chunkRows,
      workersExpected: options.workersExpected,
      minWorkers: options.minWorkers,
      joinTimeoutMs: options.joinTimeoutMs,
      heartbeatIntervalMs,
      heartbeatTimeoutMs,
      finalMetricsTimeoutMs: FINAL_METRICS_TIMEOUT_MS,
      waitForStart: options.waitForStart,
      jobId: options.job.jobId,
      nodeList: options.job.nodeList,
      leaderRank: options.rank,
      jobSize: options.job.size,
      maxMessageBytes,
      pngWindowRows: pngWindowRows(options.spec.width, options.chunkRows, 0),
      decodeUnit: output.decodeUnit,
    },
    t0,
  );
  // the live console samples accepted rows into its preview: only with the HTTP port open
  const live = options.http ? createLiveConsole({ image: options.spec, status: () => leaderStatus(machine, clock.now()) }) : null;
  const changes = createChangeSignal();
  let transport: LeaderTransport | undefined;
  let http: LeaderHttpHandle | undefined;
  let rendezvousWritten = false;
  let busyMs = 0;
  let deadlineTimer: NodeJS.Timeout | undefined;
  let deadlineAt: number | null = null;
  let checkpointing: LeaderCheckpointing | null = null;

  const apply = (effects: LeaderEffect[]): void => {
    for (const effect of effects) {
      switch (effect.type) {
        case 'send':
          machine.sent(effect.stream, transport?.apply(effect) ?? 0);
          break;
        case 'end':
        case 'fail':
          transport?.apply(effect);
          break;
        case 'emit':
          emit(effect.event);
          break;
        case 'rows': {
          live?.rows(effect.rowStart, effect.rgba, effect.rank);
          output.addRows(effect.rowStart, effect.rgba);
          const { unit, rgba: payload, encoding } = effect.result;
          checkpointing?.record({ unit, rowStart: effect.rowStart, rowCount: effect.rowCount, encoding, payload });
          break;
        }
        case 'discard':
          output.discard(effect.rgba);
          break;
      }
    }
    scheduleDeadline();
    changes.notify();
  };
  const tick = (): void => apply(machine.step({ type: 'tick' }, clock.now()));
  // the barrier, a run with no workers left and the final metrics each have one deadline: a timer
  // waits for exactly that one; heartbeats are checked by the periodic tick
  const scheduleDeadline = (): void => {
    const due = machine.nextDeadline();
    if (due === deadlineAt) return;
    clearTimeout(deadlineTimer);
    deadlineAt = due;
    if (due !== null) deadlineTimer = setTimeout(tick, Math.max(0, due - clock.now()));
  };

  const abort = (): void => apply(machine.abort(interruptedError('the leader was interrupted; the run was abandoned and nothing was written')));
  options.signal?.addEventListener('abort', abort, { once: true });
  const stop = (): void => {
    const reason = String(options.stopSignal?.reason ?? 'told to stop');
    apply(machine.step({ type: 'interrupt', reason, graceMs: options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS }, clock.now()));
  };
  options.stopSignal?.addEventListener('abort', stop, { once: true });
  const watchdog = setInterval(tick, heartbeatIntervalMs);
  watchdog.unref();
  try {
    if (options.signal?.aborted) abort();
    if (machine.failure) throw machine.failure;
    await checkWritable(options.outfile, 'image');
    await checkWritable(options.resultsPath, 'results');
    await output.open();
    transport = await startLeaderTransport({
      host: options.bind.host,
      port: options.bind.port,
      token: options.token,
      maxMessageBytes,
      tls: options.tls,
      onInput: (input) => {
        const start = clock.now();
        const rendering = machine.state === 'rendering';
        apply(machine.step(input, start));
        if (rendering && input.type === 'message') busyMs += clock.now() - start;
      },
    });
    if (options.http) {
      http = await startLeaderHttp({
        host: options.http.host,
        port: options.http.port,
        routes: leaderRoutes({
          token: options.token,
          console: live && { live, assets: await readConsoleAssets() },
          status: () => leaderStatus(machine, clock.now()),
          start: () => {
            const { outcome, effects } = machine.requestStart(clock.now());
            apply(effects);
            return outcome;
          },
        }),
      });
    }
    const address = formatHostPort({ host: options.advertiseHost, port: transport.port });
    let rendezvous: string | null = null;
    if (options.runDir !== null) {
      await claimRendezvous(options.runDir, options.token, options.host);
      rendezvous = await writeRendezvous(options.runDir, {
        kind: RENDEZVOUS_KIND,
        version: 1,
        address,
        token: options.token,
        jobId: options.job.jobId,
        protocol: PROTOCOL_VERSION,
        host: options.host,
        pid: process.pid,
        startedAt: startedAt.toISOString(),
      });
      rendezvousWritten = true;
      // after the claim: no other live leader uses this directory, so its checkpoint is this run's
      const settings = options.checkpoint ? { runDir: options.runDir, intervalMs: options.checkpoint.intervalMs } : null;
      // resumed rows reach the preview too, owned by nobody (-1)
      const addRows = (rowStart: number, rgba: Uint8Array): void => {
        live?.rows(rowStart, rgba, -1);
        output.addRows(rowStart, rgba);
      };
      if (settings) checkpointing = await startCheckpointing(settings, machine, { ...output, addRows }, startedAt, emit);
    }
    emit({ type: 'listening', address, port: transport.port, httpPort: http?.port ?? null, rendezvous });
    if (options.waitForStart) emit({ type: 'waiting-for-start', httpPort: http?.port ?? null });
    apply(machine.step({ type: 'listening' }, clock.now()));
    if (options.stopSignal?.aborted) stop();
    await changes.until(() => {
      if (machine.failure) throw machine.failure;
      return machine.collected;
    });
    if (machine.interruption && !machine.queue.isComplete()) throw await stoppedEarly(machine, checkpointing, clock.date());
    const results = await output.write(machine, {
      startedAt,
      toolVersion: options.toolVersion,
      labels: options.labels ?? {},
      job: options.job,
      input: options.input,
      rank: options.rank,
      host: options.host,
      threadsPerNode: options.threadsPerNode,
      process: metrics.read(),
      busyMs,
      resume: checkpointing?.facts ?? null,
      now: () => clock.now(),
    });
    machine.written();
    await checkpointing?.completed();
    emit({ type: 'written', outfile: options.outfile, resultsPath: options.resultsPath });
    live?.finish({ state: 'done', message: `rendered in ${Math.round(results.timings.renderMs)} ms`, outfile: options.outfile, resultsPath: options.resultsPath });
    return { results, outfile: options.outfile, resultsPath: options.resultsPath, address, httpPort: http?.port ?? null };
  } catch (error) {
    await output.abort();
    live?.finish({ state: machine.interruption ? 'interrupted' : 'failed', message: String((error as Error).message ?? error) });
    // a failed or stopped run keeps its checkpoint: a resume continues from it
    await checkpointing?.close();
    const reason = error instanceof FractalError ? error : new FractalError(String((error as Error).message ?? error), { kind: 'bug', code: 'E_BUG' });
    apply(machine.abort(reason));
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    options.stopSignal?.removeEventListener('abort', stop);
    clearInterval(watchdog);
    clearTimeout(deadlineTimer);
    metrics.stop();
    live?.close();
    if (rendezvousWritten && options.runDir !== null) await removeRendezvous(options.runDir, options.token).catch(() => {});
    await Promise.all([transport?.shutdown(SHUTDOWN_GRACE_MS), http?.close()]);
  }
};

/** The error a leader told to stop ends with: exit 75 with a checkpoint to resume from, else 130. */
const stoppedEarly = async (machine: LeaderMachine, checkpointing: LeaderCheckpointing | null, at: Date): Promise<FractalError> => {
  const { reason } = machine.interruption!;
  const { done, units } = machine.queue;
  if (done === 0) {
    await checkpointing?.completed();
    return interruptedError(`the leader was interrupted (${reason}) before any unit was done; nothing was written`);
  }
  if (!checkpointing) return interruptedError(`the leader stopped on ${reason} with ${done} of ${units} units done; without checkpoints nothing was kept`);
  await checkpointing.interrupted(reason, done, at);
  return checkpointedError(`the leader stopped on ${reason} with ${done} of ${units} units done; they are kept in the checkpoint ${checkpointing.path}`, [
    'resume: run the same command again with the same --run-dir, or `fractal submit --resume RUN_DIR` for a submitted job',
  ]);
};
