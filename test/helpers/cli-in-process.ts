// Runs many command lines of the built CLI in one child process, for tests that try hundreds of
// them: a process costs ~0.3 s of CPU to start, a command run inside one a few milliseconds.
// runCliBatch (the test's side) hands the cases to cli-batch-runner.ts in a child, which runs
// each with runCliInProcess and sends back what each printed and its exit code. A child of its
// own, because capturing process.stdout inside a test file would swallow the test runner's own
// reports, and because the runs chdir and stub process.exit.
// Use runCli (cli.ts) where the behaviour of a real process matters: signals, exit, start-up.
import { spawn } from 'node:child_process';
import { Config, run } from '@oclif/core';
import { fileURLToPath } from 'node:url';
import type { CliResult } from './cli.js';
import { REPO_ROOT } from './cli.js';

export interface BatchCase {
  args: string[];
  /** The working directory of this case (the runner does not create it). */
  cwd: string;
  /** Variables to set for this case; null unsets one (JSON has no undefined). */
  env?: Record<string, string | null>;
}

const RUNNER = fileURLToPath(new URL('./cli-batch-runner.ts', import.meta.url));

/** Runs every case, one after another, in one child process; the results in the same order. */
export const runCliBatch = (cases: readonly BatchCase[], timeoutMs = 120_000): Promise<CliResult[]> =>
  new Promise((resolve, reject) => {
    // tsx by its full path: render's threads inherit the flag and resolve it from the case's cwd
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), RUNNER], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        const results = JSON.parse(stdout) as CliResult[];
        if (results.length !== cases.length) throw new Error(`expected ${cases.length} results, got ${results.length}`);
        resolve(results);
      } catch (error) {
        reject(new Error(`the batch runner failed (code ${code}, signal ${signal}): ${(error as Error).message}\n${stderr.slice(-4000)}`));
      }
    });
    child.stdin.end(JSON.stringify(cases));
  });

export interface InProcessOptions {
  cwd: string;
  env?: Record<string, string | null | undefined>;
}

let config: Config | undefined;

/**
 * The network commands end their process 1 s after their work with an unref'd process.exit timer
 * (src/cli/network-command.ts); in here that would end the test run. Calls are swallowed for the
 * rest of this process, which node's test runner ends by itself.
 */
let exitNeutralised = false;
const neutraliseExit = (): void => {
  if (exitNeutralised) return;
  exitNeutralised = true;
  process.exit = ((code?: number) => {
    void code;
  }) as typeof process.exit;
};

/** One command line in this process: call one at a time (it chdirs and wraps process.stdout). */
export const runCliInProcess = async (args: string[], options: InProcessOptions): Promise<CliResult> => {
  neutraliseExit();
  config ??= await Config.load(REPO_ROOT);
  let stdout = '';
  let stderr = '';
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const capture =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    };
  const cwd = process.cwd();
  const exitCode = process.exitCode;
  const signalListeners = new Map(SIGNALS.map((name) => [name, process.listeners(name)]));
  const savedEnv = new Map(Object.keys(options.env ?? {}).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined || value === null) delete process.env[name];
    else process.env[name] = value;
  }
  process.exitCode = undefined;
  process.stdout.write = capture((text) => (stdout += text));
  process.stderr.write = capture((text) => (stderr += text));
  let code: number;
  try {
    process.chdir(options.cwd);
    await run(args, config);
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    const exit = (error as { oclif?: { exit?: number } }).oclif?.exit;
    // what oclif's own handler (bin/run.js) would print for an error no command caught
    code = typeof exit === 'number' ? exit : 1;
    stderr += typeof exit === 'number' ? ` ›   Error: ${(error as Error).message}\n` : `${(error as Error).stack ?? String(error)}\n`;
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.chdir(cwd);
    process.exitCode = exitCode;
    // abortOnSignals adds a listener per run: drop them, or Node warns about a leak after ten
    for (const name of SIGNALS) {
      const before = signalListeners.get(name) ?? [];
      for (const listener of process.listeners(name)) if (!before.includes(listener)) process.removeListener(name, listener);
    }
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return { code, signal: null, stdout, stderr };
};

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
