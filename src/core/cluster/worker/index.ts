// A worker: finds its leader, opens the Work stream (retrying with backoff while the leader is not
// there yet), computes the units it is assigned on --threads threads, streams the RGBA back, and
// when told to stop sends its metrics and returns. A refusal (token, version, aborted run) ends it
// at once; a lost leader is retried until --connect-timeout, then it gives up with a clear error.
//
// This file owns the compute pool and the counters; the loop is in retry.ts, one stream's
// protocol in session.ts, the batching of results in batcher.ts.
import { hostname } from 'node:os';
import type { ClientTls } from '../../../protocol/work-client.js';
import { interruptedError, type FractalError } from '../../errors.js';
import { startProcessMetrics } from '../../metrics/process-metrics.js';
import type { NodeMetrics } from '../../metrics/results.js';
import type { ImageSpec } from '../../render/image-spec.js';
import type { KernelName } from '../../render/kernel-choice.js';
import { MAX_CREDITS_PER_WORKER } from '../leader/machine-types.js';
import { createUnitPool, type UnitPool } from '../unit-pool.js';
import { specFromWelcome, toHello, toNodeReport } from '../wire.js';
import { retryUntilStopped, type LeaderDiscovery } from './retry.js';
import { WorkSession, type WorkerTally } from './session.js';
import { NetworkGauge } from './network-gauge.js';

export { backoffDelay, type LeaderDiscovery, type LeaderTarget, type TargetPending } from './retry.js';

export interface WorkerOptions {
  discovery: LeaderDiscovery;
  /** The image this worker expects (its own flags): threads warm up while it looks for the leader. */
  expectedSpec?: ImageSpec;
  /** The task's rank, or null to let the leader choose. */
  rank: number | null;
  jobId: string | null;
  host?: string;
  threads: number;
  /**
   * Units to keep in flight, fixed; left out: adaptive, sized from the measured round trip and
   * time per unit (see credit-window.ts). Either way it hides the network round trip.
   */
  credits?: number;
  /** How long to look for and retry the leader, at the start and after losing it. */
  connectTimeoutMs: number;
  /** Run-length encode results on the wire (default true): a fraction of the bytes for a little CPU. */
  compress?: boolean;
  /** The kernel the compute threads build (default: the fastest here). */
  kernel?: KernelName;
  tls?: ClientTls;
  signal?: AbortSignal;
  onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  | { type: 'connecting'; address: string; via: string; attempt: number }
  | { type: 'joined'; address: string; rank: number; width: number; height: number; units: number }
  | { type: 'retrying'; reason: string; delayMs: number }
  | { type: 'lost-leader'; reason: string }
  | { type: 'stopped'; units: number };

export interface WorkerReport {
  address: string;
  rank: number;
  kernel: string;
  wallMs: number;
  node: NodeMetrics;
}

export { DEFAULT_CREDITS_PER_THREAD } from './credit-window.js';

const interrupted = (): FractalError => interruptedError('the worker was interrupted; the leader gives its units to the others');

export const runWorker = async (options: WorkerOptions): Promise<WorkerReport> => {
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const metrics = startProcessMetrics();
  const host = options.host ?? hostname();
  const tally: WorkerTally = { bytesSent: 0, bytesReceived: 0, units: 0, rows: 0, pixels: 0, iterations: 0, computeNs: 0 };
  const gauge = new NetworkGauge();
  let rank = options.rank;
  let address = '';
  let reconnects = 0;
  let kernel = 'none';
  let pool: UnitPool | undefined;
  let poolKey = '';
  let poolError: FractalError | undefined;
  let current: WorkSession | undefined;
  let tag = 0;

  const node = (): NodeMetrics => ({
    rank: rank ?? -1,
    host,
    role: 'worker',
    threads: options.threads,
    units: tally.units,
    rows: tally.rows,
    pixels: tally.pixels,
    iterations: tally.iterations,
    computeMs: tally.computeNs / 1e6,
    idleMs: pool?.idleMs() ?? 0,
    bytesSent: tally.bytesSent,
    bytesReceived: tally.bytesReceived,
    reconnects,
    lost: false,
    process: metrics.read(),
    network: gauge.report(performance.now(), pool?.idleMs() ?? 0),
  });

  /** One pool per image: a leader that comes back with the same image keeps the warm threads. */
  const poolFor = (spec: ImageSpec): UnitPool => {
    const key = JSON.stringify(spec);
    if (pool && poolKey === key) return pool;
    void pool?.close();
    poolKey = key;
    pool = createUnitPool({
      spec,
      threads: options.threads,
      form: (options.compress ?? true) ? 'runs' : 'rgba',
      kernel: options.kernel,
      onResult: (output) => current?.computed(output),
      onError: (error) => {
        poolError = error;
        current?.broken(error);
      },
    });
    pool.ready().then(
      (name) => (kernel = name),
      () => {},
    );
    return pool;
  };

  const interrupt = (): void => current?.interrupt(interrupted());
  options.signal?.addEventListener('abort', interrupt);
  if (options.expectedSpec) poolFor(options.expectedSpec);
  try {
    await retryUntilStopped({
      discovery: options.discovery,
      connectTimeoutMs: options.connectTimeoutMs,
      signal: options.signal,
      brokenBy: () => poolError,
      interrupted,
      onConnecting: (target, attempt) => {
        address = target.address;
        emit({ type: 'connecting', address: target.address, via: target.via, attempt });
      },
      onRetrying: (reason, delayMs) => emit({ type: 'retrying', reason, delayMs }),
      onLostLeader: (reason) => {
        reconnects++;
        emit({ type: 'lost-leader', reason });
      },
      attempt: async (target) => {
        current = new WorkSession({
          target,
          tls: options.tls,
          hello: toHello({ rank, host, threads: options.threads, pid: process.pid, reconnects, jobId: options.jobId }),
          credits: options.credits ?? 'adaptive',
          maxCredits: MAX_CREDITS_PER_WORKER,
          tag: ++tag,
          tally,
          gauge,
          joined: (welcome) => {
            const spec = specFromWelcome(welcome);
            rank = welcome.rank;
            const joinedPool = poolFor(spec);
            emit({ type: 'joined', address: target.address, rank: welcome.rank, width: spec.width, height: spec.height, units: welcome.units });
            return joinedPool;
          },
          finalReport: () => toNodeReport(node(), kernel),
          stopped: () => emit({ type: 'stopped', units: tally.units }),
        });
        try {
          return await current.run();
        } finally {
          current = undefined;
        }
      },
    });
    return { address, rank: rank ?? -1, kernel, wallMs: performance.now() - started, node: node() };
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    current?.cancel();
    await pool?.close();
    metrics.stop();
  }
};
