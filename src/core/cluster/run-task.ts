// `fractal run`: one task of an allocation. The rank from the environment decides the role; the
// leader listens on all interfaces and publishes where it is, the workers find it.
import type { Environment } from '../environment.js';
import { FractalError } from '../errors.js';
import type { ImageSpec } from '../render/image-spec.js';
import { createLeaderDiscovery } from './discover-leader.js';
import { fluxJobHostlist } from './flux-hostlist.js';
import { resolveToken } from './job-token.js';
import { buildLeaderOptions } from './leader-options.js';
import { parseHostPort, portForJob } from './leader-address.js';
import type { LeaderEvent, LeaderReport } from './leader/index.js';
import { resolveTask, type TaskIdentity, type TaskOverrides } from './resolve-task.js';
import { readClientTls, readServerTls, type TlsPaths } from './tls-files.js';
import type { WorkerEvent, WorkerReport } from './worker/index.js';

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
  /** The machine's memory (the leader checks what it would hold against half of it). */
  memoryBytes: number;
  /** --tls-cert/--tls-key/--tls-ca; read for the role this task turns out to have. */
  tls?: TlsPaths;
  signal?: AbortSignal;
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
      memoryBytes: options.memoryBytes,
      tls: await readServerTls(options.tls ?? {}),
      signal: options.signal,
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
      lookupNodeList: identity.scheduler === 'flux' && identity.nodeList === null ? fluxJobHostlist(options.env) : undefined,
      port: options.port,
    }),
    expectedSpec: options.spec,
    rank: identity.rank,
    jobId: identity.jobId,
    host: options.hostname,
    threads: options.threads,
    credits: options.credits,
    compress: options.compress,
    connectTimeoutMs: options.connectTimeoutMs,
    tls: await readClientTls(options.tls ?? {}),
    signal: options.signal,
    onEvent: options.onWorkerEvent,
  });
  return { role: 'worker', identity, worker };
};
