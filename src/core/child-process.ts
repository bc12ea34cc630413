// The one door through which fractal starts other programs: the tasks of `fractal run --local`,
// the `flux hostlist` question of a Flux worker, and the scheduler commands and local jobs of
// `fractal submit`. Replacing how processes are started touches this file only.
//
// Two libraries stand behind it, each where it pays: node:child_process for what runs inside a
// task (it loads in ~4 ms, and a worker's start-up is on the critical path of every run), execa for
// the scheduler commands, loaded on their first use (~80 ms), for its timeouts and error details.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import type { Environment } from './environment.js';

/** A command that did not succeed, in terms of no particular library; `cause` is the library's own error. */
export class CommandError extends Error {
  constructor(
    message: string,
    /** The program is not on PATH. */
    readonly notFound: boolean,
    /** Killed for running past its time limit. */
    readonly timedOut: boolean,
    readonly exitCode: number | undefined,
    readonly stdout: string,
    readonly stderr: string,
    cause: unknown,
  ) {
    super(message, { cause });
    this.name = 'CommandError';
  }
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  cwd?: string;
  /** The whole environment of the command: nothing of this process's is added. */
  env: Environment;
  timeoutMs: number;
  /** runCommand: the command's stdin is this file (bsub reads its script there); else none. */
  inputFile?: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Runs a short command to its end with node:child_process, output captured, stdin closed. For
 * questions asked from inside a task, where loading execa would cost more than the answer.
 */
export const askCommand = (file: string, args: readonly string[], options: CommandOptions): Promise<CommandOutput> =>
  new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code as unknown;
        const exitCode = typeof code === 'number' ? code : undefined;
        // node kills the child (and sets killed) only when the timeout ran out
        reject(new CommandError(error.message, code === 'ENOENT', error.killed === true, exitCode, stdout, stderr, error));
      },
    );
    child.stdin?.end();
  });

/** The fields of execa's error this file reads. */
interface ExecaFailure {
  code?: unknown;
  exitCode?: number;
  timedOut?: boolean;
  stdout?: unknown;
  stderr?: unknown;
  originalMessage?: string;
  message?: string;
}

/** Runs a scheduler command (sbatch, squeue, flux ...) to its end with execa, output captured, stdin ignored or a file. */
export const runCommand = async (file: string, args: readonly string[], options: CommandOptions): Promise<CommandOutput> => {
  const { execa } = await import('execa');
  try {
    const { stdout, stderr } = await execa(file, args, {
      cwd: options.cwd,
      env: options.env,
      extendEnv: false,
      ...(options.inputFile === undefined ? { stdin: 'ignore' as const } : { inputFile: options.inputFile }),
      timeout: options.timeoutMs,
    });
    return { stdout, stderr };
  } catch (error) {
    const e = error as ExecaFailure;
    const message = e.originalMessage || e.message || 'no message';
    throw new CommandError(message, e.code === 'ENOENT', e.timedOut === true, e.exitCode, text(e.stdout), text(e.stderr), error);
  }
};

export interface DetachedProcess {
  /** Undefined when the program could not be started. */
  pid: number | undefined;
  /** How it ended: an exit code, or the signal that killed it. */
  exited: Promise<{ exitCode: number | undefined; signal: string | undefined }>;
  /** Lets this process exit while the child goes on. */
  unref(): void;
}

/**
 * Starts a program in its own process group (so `kill -- -PID` stops all it starts), stdin closed,
 * stdout and stderr written straight to an open file descriptor (no pipe through this process,
 * which may exit long before the child), and never killed when this process exits.
 */
export const startDetached = async (
  file: string,
  args: readonly string[],
  options: { cwd: string; env: Environment; outputFd: number },
): Promise<DetachedProcess> => {
  const { execa } = await import('execa');
  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    detached: true,
    cleanup: false,
    reject: false,
    stdin: 'ignore',
    // execa hands any file descriptor to spawn as it is; its types only name the small ones
    stdout: options.outputFd as 3,
    stderr: options.outputFd as 3,
  });
  return {
    pid: child.pid,
    exited: child.then((result) => ({ exitCode: result.exitCode, signal: result.signal })),
    unref: () => {
      child.unref();
    },
  };
};

/** A task of a local run: its output is read line by line, and it is stopped with kill(). */
export type TaskProcess = ChildProcess;

/** Starts a task with node:child_process: stdin closed, stdout and stderr piped to this process. */
export const spawnTask = (program: string, args: readonly string[], env: Environment): TaskProcess =>
  spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
