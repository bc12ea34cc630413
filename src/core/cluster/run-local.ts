// `fractal run --local N`: a leader and N workers on this machine, as separate processes with the
// environment a scheduler would give them (FRACTAL_RANK/FRACTAL_SIZE/FRACTAL_JOB_ID and the job's
// token), so the distributed job runs anywhere without Slurm or Flux.
import { randomBytes } from 'node:crypto';
import { spawnTask, type TaskProcess } from '../child-process.js';
import type { Environment } from '../environment.js';
import { checkpointedError, CHECKPOINTED_EXIT_CODE, FractalError, interruptedError } from '../errors.js';
import { checkIntegerInRange, RANGES } from '../limits.js';
import { generateToken } from './job-token.js';
import { withoutTaskVariables } from './resolve-task.js';

export interface RunLocalOptions {
  workers: number;
  /** The program and arguments that start `fractal run`, e.g. [node, bin/run.js, 'run']. */
  command: string[];
  /** The run flags every task gets (without --local). */
  args: string[];
  env: Environment;
  /** The job's token; generated when not given. */
  token?: string;
  /** Whether the tasks were given a TLS flag: only then may they verify a certificate. */
  tls: boolean;
  signal?: AbortSignal;
  /** One line of a task's output. */
  onOutput(rank: number, stream: 'stdout' | 'stderr', line: string): void;
}

export interface TaskExit {
  rank: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunLocalReport {
  jobId: string;
  size: number;
  exits: TaskExit[];
  /** Workers that failed while the leader still finished the picture (it re-queued their units). */
  lostTasks: TaskExit[];
}

/** `rank 2 was killed by SIGKILL`, `rank 0 (leader) exited with code 5`. */
export const describeTaskExit = (e: TaskExit): string =>
  `rank ${e.rank}${e.rank === 0 ? ' (leader)' : ''} ${e.signal ? `was killed by ${e.signal}` : `exited with code ${e.code}`}`;

/**
 * The launcher has already run under this Node.js, so its tasks skip the CLI framework's check of
 * the Node.js version: it loads a semver library, about 15 ms of CPU in every task's start-up,
 * which is on the critical path of every local run.
 */
const TASK_ENV = { OCLIF_DISABLE_ENGINE_WARNING: '1' };

/**
 * Node.js reads and parses every certificate NODE_EXTRA_CA_CERTS names when a process starts,
 * before any of fractal's code runs: about 60 ms of CPU for a system bundle of ~140 authorities,
 * paid by every task at once on the launcher's cores. A job without TLS flags verifies no
 * certificate, so its tasks start without it; with TLS it stays (a worker given --tls-cert
 * but no --tls-ca verifies its leader against the default authorities, which it extends).
 */
const taskEnvironment = (env: Environment, tls: boolean): Environment => {
  const base = withoutTaskVariables(env);
  if (tls) return base;
  const plain = { ...base };
  delete plain.NODE_EXTRA_CA_CERTS;
  return plain;
};

/** How long workers get to stop on their own after the leader failed, before SIGTERM. */
const WORKER_GRACE_MS = 2000;

export const runLocal = async (options: RunLocalOptions): Promise<RunLocalReport> => {
  checkIntegerInRange('--local', options.workers, RANGES.local);
  const size = options.workers + 1;
  const jobId = `local-${process.pid}-${randomBytes(3).toString('hex')}`;
  const token = options.token ?? generateToken();
  const base = taskEnvironment(options.env, options.tls);
  const [program, ...prefix] = options.command;
  if (program === undefined) throw new FractalError('run-local: empty command', { kind: 'bug', code: 'E_BUG' });
  const children: TaskProcess[] = [];
  const exits = Array.from({ length: size }, (_, rank) => {
    const child = spawnTask(program, [...prefix, ...options.args], {
      ...base,
      ...TASK_ENV,
      FRACTAL_RANK: String(rank),
      FRACTAL_SIZE: String(size),
      FRACTAL_JOB_ID: jobId,
      FRACTAL_TOKEN: token,
    });
    children.push(child);
    forwardLines(child.stdout, (line) => options.onOutput(rank, 'stdout', line));
    forwardLines(child.stderr, (line) => options.onOutput(rank, 'stderr', line));
    return new Promise<TaskExit>((resolve) => {
      child.on('error', (error) => {
        options.onOutput(rank, 'stderr', `cannot start ${program}: ${error.message}`);
        resolve({ rank, code: 127, signal: null });
      });
      child.on('close', (code, signal) => resolve({ rank, code, signal }));
    });
  });
  const terminate = (): void => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  options.signal?.addEventListener('abort', terminate, { once: true });
  let graceTimer: NodeJS.Timeout | undefined;
  void exits[0]!.then((leader) => {
    if (leader.code !== 0) graceTimer = setTimeout(terminate, WORKER_GRACE_MS);
  });
  try {
    const results = await Promise.all(exits);
    if (results[0]!.code === CHECKPOINTED_EXIT_CODE) {
      throw checkpointedError(`the local job ${jobId} stopped early; its leader kept the units done in a checkpoint`, [
        'run the same command again (the same --run-dir) to resume',
      ]);
    }
    // the tasks failed because they were told to stop: the launcher was interrupted, not the job broken
    if (options.signal?.aborted) throw interruptedError(`the local job ${jobId} was interrupted; its ${size} tasks were stopped`);
    const failed = results.filter((e) => e.code !== 0);
    // the leader decides the job's outcome: it exits 0 only with the whole picture and its results
    // written, whatever became of the workers on the way
    if (results[0]!.code !== 0) {
      throw new FractalError(`the local job ${jobId} failed: ${failed.map(describeTaskExit).join('; ')}`, {
        kind: 'cluster',
        code: 'E_LOCAL_TASK_FAILED',
        suggestions: ['the lines prefixed with [rank N] above are that task\'s own output'],
      });
    }
    return { jobId, size, exits: results, lostTasks: failed };
  } finally {
    clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', terminate);
  }
};

const forwardLines = (stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void => {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
  });
};
