// Runs the built CLI (bin/run.js -> dist/) as a real child process. `npm test` builds first.
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kills the process (SIGKILL) after this many ms; the test then sees signal SIGKILL. */
  timeoutMs?: number;
}

export const runCli = (args: string[], options: RunCliOptions = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    };
    const child = spawn(process.execPath, [CLI, ...args], spawnOptions);
    let stdout = '';
    let stderr = '';
    // decoded as a stream, so a character split between two chunks arrives whole
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });

/** What dist/fractal.js says of its code cache when a start of the CLI loads it: used, rejected, stale or absent. */
export const codeCacheStateOf = (packageRoot: string): string => {
  const entry = pathToFileURL(join(packageRoot, 'dist', 'fractal.js')).href;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `console.log((await import(${JSON.stringify(entry)})).CODE_CACHE)`], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`loading ${entry} failed: ${child.stderr}`);
  return child.stdout.trim();
};
