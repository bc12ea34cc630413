// Helpers for the distributed tests: the results JSON Schema as ajv checks it, long-running CLI
// processes that tests can watch, signal and wait for, and free loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { CLI, REPO_ROOT } from './cli.js';

export const validateResultsSchema = async (value: unknown): Promise<string[]> => {
  const schema = JSON.parse(await readFile(join(REPO_ROOT, 'schema/results.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
  const validate = ajv.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
};

export interface CliProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves with the first match of pattern in stdout+stderr. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process ends; kills it with SIGKILL after timeoutMs. */
  exit(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  kill(signal?: NodeJS.Signals): void;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Starts the built CLI and keeps watching its output. */
export const startCli = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliProcess => {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      live.delete(child);
      for (const listener of listeners) listener();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    output: () => text,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = text.match(pattern);
          if (match) {
            done();
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`process ended before ${pattern}:\n${text}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    exit: async (timeoutMs = 60_000) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await closed;
      clearTimeout(timer);
      return { ...result, output: text };
    },
    kill: (signal = 'SIGTERM') => {
      child.kill(signal);
    },
  };
};

/** A port that was free a moment ago (for tests that must know it before the leader starts). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Whether a port can be bound on 127.0.0.1 right now. */
export const isPortFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** GET/POST on the leader's HTTP port, with the job's token when given. */
export const httpJson = async (port: number, path: string, method = 'GET', token?: string): Promise<{ status: number; body: unknown }> => {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.json() };
};
