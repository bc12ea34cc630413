// `fractal run`: one task of an allocation. The rank from the environment decides the role; the
// leader listens on all interfaces and publishes where it is, the workers find it.
import type { Environment } from '../environment.js';
import { FractalError, interruptedError } from '../errors.js';
import type { ImageSpec } from '../render/image-spec.js';
import type { KernelName } from '../render/kernel-choice.js';
import { createLeaderDiscovery } from './discover-leader.js';
import { fluxJobHostlist, type HostlistLookup } from './flux-hostlist.js';
import { jobHostFileLookup } from './job-host-file.js';
import { resolveToken } from './job-token.js';
import { buildLeaderOptions } from './leader-options.js';
import { parseHostPort, portForJob } from './leader-address.js';
import type { LeaderEvent, LeaderReport } from './leader/index.js';
import { resolveTask, type TaskIdentity, type TaskOverrides } from './resolve-task.js';
import { readClientTls, readServerTls, type TlsPaths } from './tls-files.js';
import type { WorkerEvent, WorkerReport } from './worker/index.js';
import type { Labels } from '../metrics/labels.js';

export interface RunTaskOptions {
  env: Environment;
  overrides: TaskOverrides;
  spec: ImageSpec;
  input: { width: number; height: number; smoothness: number };
  outfile: string;
  resultsPath: string;
  /** Where the rendezvous file is written (leader) or looked for (workers). */
  runDir: string;
  threads: number;
  /** Units each worker keeps in flight (default: the worker's own). */
  credits?: number;
  /** Run-length encode results on the wire (default true). */
  compress?: boolean;
  /** Worker only: the kernel the compute threads build (default: the fastest here). */
  kernel?: KernelName;
  chunkRows: number;
  /** --host HOST:PORT: where workers connect; the leader listens on its port. */
  host?: string;
  /** --port: the leader's port when --host is not given (0: any, published in the rendezvous file). */
  port?: number;
  /** The interface the leader listens on. */
  bind: string;
  token?: string;
  tokenFile?: string;
  joinTimeoutMs: number;
  connectTimeoutMs: number;
  minWorkers?: number;
  heartbeatTimeoutMs?: number;
  /** Leader only: HTTP port for GET /status and POST /start. */
  httpPort: number | null;
  httpHost?: string;
  waitForStart: boolean;
  hostname: string;
  toolVersion: string;
  /** Leader: the study's --label pairs, recorded in the results. */
  labels?: Labels;
  /** The machine's memory (the leader checks what it would hold against half of it). */
  memoryBytes: number;
  /** --tls-cert/--tls-key/--tls-ca; read for the role this task turns out to have. */
  tls?: TlsPaths;
  /** Leader: make the checkpoint durable this often (ms); 0 turns checkpoints off. */
  checkpointIntervalMs: number;
  /** Abandon the task now. */
  signal?: AbortSignal;
  /** Asked to stop (its reason names the signal): the leader checkpoints, a worker finishes what it holds. */
  stopSignal?: AbortSignal;
  onIdentity?: (identity: TaskIdentity) => void;
  onLeaderEvent?: (event: LeaderEvent) => void;
  onWorkerEvent?: (event: WorkerEvent) => void;
}

export type RunTaskReport =
  | { role: 'leader'; identity: TaskIdentity; leader: LeaderReport }
  | { role: 'worker'; identity: TaskIdentity; worker: WorkerReport };

export const runTask = async (options: RunTaskOptions): Promise<RunTaskReport> => {
  const identity = resolveTask(options.env, options.overrides);
  options.onIdentity?.(identity);
  const given = options.host === undefined ? undefined : parseHostPort(options.host, undefined, '--host');
  const token = await resolveToken({ token: options.token, tokenFile: options.tokenFile });
  if (identity.role === 'leader') {
    const workersExpected = identity.size - 1;
    if (workersExpected < 1) {
      throw new FractalError(`a distributed run needs at least one worker: the job has ${identity.size} task (from ${identity.source})`, {
        kind: 'usage',
        code: 'E_NO_WORKERS',
        suggestions: ['ask the scheduler for 2 or more tasks (rank 0 leads, the others compute)', 'or use `fractal render` on one machine'],
      });
    }
    const leaderOptions = buildLeaderOptions({
      spec: options.spec,
      input: options.input,
      chunkRows: options.chunkRows,
      workersExpected,
      minWorkers: options.minWorkers,
      joinTimeoutMs: options.joinTimeoutMs,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs,
      bind: { host: options.bind, port: given?.port ?? options.port ?? portForJob(identity.jobId) },
      advertiseHost: given?.host,
      token,
      runDir: options.runDir,
      outfile: options.outfile,
      resultsPath: options.resultsPath,
      httpPort: options.httpPort,
      httpHost: options.httpHost,
      waitForStart: options.waitForStart,
      job: { scheduler: identity.scheduler, jobId: identity.jobId, nodeList: identity.nodeList, size: identity.size },
      rank: identity.rank,
      host: options.hostname,
      threadsPerNode: options.threads,
      toolVersion: options.toolVersion,
      labels: options.labels,
      memoryBytes: options.memoryBytes,
      tls: await readServerTls(options.tls ?? {}),
      checkpoint: options.checkpointIntervalMs > 0 ? { intervalMs: options.checkpointIntervalMs } : null,
      signal: options.signal,
      stopSignal: options.stopSignal,
      onEvent: options.onLeaderEvent,
    });
    // each role loads only its own side: a worker never needs the leader's PNG, HTTP and results
    // code, about 40 ms of CPU at start-up on the critical path of every run
    const { runLeader } = await import('./leader/index.js');
    const leader = await runLeader(leaderOptions);
    return { role: 'leader', identity, leader };
  }
  const { runWorker } = await import('./worker/index.js');
  const worker = await runWorker({
    discovery: createLeaderDiscovery({
      host: options.host,
      token,
      runDir: options.runDir,
      jobId: identity.jobId,
      nodeList: identity.nodeList,
      lookupNodeList: identity.nodeList !== null ? undefined : hostLookup(identity, options.env),
      port: options.port,
    }),
    expectedSpec: options.spec,
    rank: identity.rank,
    jobId: identity.jobId,
    host: options.hostname,
    threads: options.threads,
    credits: options.credits,
    compress: options.compress,
    kernel: options.kernel,
    connectTimeoutMs: options.connectTimeoutMs,
    tls: await readClientTls(options.tls ?? {}),
    signal: workerAbortSignal(options.signal, options.stopSignal),
    onEvent: options.onWorkerEvent,
  });
  return { role: 'worker', identity, worker };
};

/**
 * How long a worker asked to stop goes on. A scheduler signals every task of the job at once; the
 * leader, told too, takes the results in flight and then stops its workers, so a worker that
 * finishes what it holds meanwhile loses nothing. Past this, it gives up by itself.
 */
export const WORKER_STOP_GRACE_MS = 20_000;

/** A worker ignores the walltime warning (it is the leader's to act on) and gives up WORKER_STOP_GRACE_MS after any other stop. */
const workerAbortSignal = (signal: AbortSignal | undefined, stopSignal: AbortSignal | undefined): AbortSignal | undefined => {
  if (!stopSignal) return signal;
  const controller = new AbortController();
  const abort = (reason: unknown): void => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  signal?.addEventListener('abort', () => abort(signal.reason), { once: true });
  if (signal?.aborted) abort(signal.reason);
  const onStop = (): void => {
    if (stopSignal.reason === 'SIGUSR1') return;
    const reason = String(stopSignal.reason);
    setTimeout(() => abort(interruptedError(`stopped by ${reason}: the leader did not stop this worker within ${WORKER_STOP_GRACE_MS / 1000} s`)), WORKER_STOP_GRACE_MS).unref();
  };
  stopSignal.addEventListener('abort', onStop, { once: true });
  if (stopSignal.aborted) onStop();
  return controller.signal;
};

/** Where a worker with no host list in its environment asks for the job's hosts: Flux, or a host file (PBS, LSF, Grid Engine). */
const hostLookup = (identity: TaskIdentity, env: Environment): HostlistLookup | undefined =>
  identity.scheduler === 'flux' ? fluxJobHostlist(env) : jobHostFileLookup(env);
