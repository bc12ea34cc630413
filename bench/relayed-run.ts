// One distributed run on loopback with its workers behind the delaying relay
// (scripts/delay-relay.ts): a leader, a relay that delays every chunk by half the round trip each
// way, and one-thread workers that connect through it. For the network benchmarks.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRendezvous } from '../src/core/cluster/rendezvous.js';
import type { RunResults } from '../src/core/metrics/results.js';
import { startDelayRelay } from '../scripts/delay-relay.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));

const exited = (child: ReturnType<typeof spawn>): Promise<number | null> => new Promise((resolve) => child.on('close', (code) => resolve(code)));

export interface RelayedRunOptions {
  /** Where the run's directory is made (and removed again, unless keep). */
  dir: string;
  rttMs: number;
  workers: number;
  image: string[];
  workerArgs?: string[];
  /** Flags for every task, e.g. --label. */
  extra?: string[];
  /** Keep the run directory (its results.json); its path is in the sample. */
  keep?: boolean;
}

export interface Sample {
  renderMs: number;
  sha256: string;
  /** Bytes the relay carried both ways. */
  wireBytes: number;
  pixels: number;
  results: RunResults;
  runDir: string;
}

export const relayedRun = async (options: RelayedRunOptions): Promise<Sample> => {
  const runDir = mkdtempSync(join(options.dir, 'run-'));
  const common = [
    ...options.image, '--size', String(options.workers + 1), '--threads', '1', '--token', 'bench-token', '--run-dir', runDir, '--quiet',
    '--outfile', join(runDir, 'out.png'), ...(options.extra ?? []),
  ];
  const leader = spawn(process.execPath, [CLI, 'run', '--rank', '0', '--port', '0', '--bind', '127.0.0.1', ...common], { stdio: 'inherit' });
  const leaderDone = exited(leader);
  let address: string | undefined;
  for (let i = 0; i < 400 && !address; i++) {
    const reading = await readRendezvous(runDir, null);
    if (reading.state === 'found') address = reading.rendezvous.address;
    else await new Promise((r) => setTimeout(r, 25));
  }
  if (!address) throw new Error('the leader did not write its rendezvous file');
  const relay = await startDelayRelay({ target: { host: '127.0.0.1', port: Number(address.split(':').pop()) }, delayMs: options.rttMs / 2 });
  const workers = Array.from({ length: options.workers }, (_, i) =>
    spawn(process.execPath, [CLI, 'run', '--rank', String(i + 1), '--host', `127.0.0.1:${relay.port}`, ...(options.workerArgs ?? []), ...common], {
      stdio: 'inherit',
    }),
  );
  const codes = await Promise.all([leaderDone, ...workers.map(exited)]);
  await relay.close();
  if (codes.some((c) => c !== 0)) throw new Error(`run at ${options.rttMs} ms failed: exit codes ${codes.join(', ')}`);
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
  const sample = {
    renderMs: results.timings.renderMs,
    sha256: createHash('sha256').update(readFileSync(join(runDir, 'out.png'))).digest('hex'),
    wireBytes: relay.bytes.up + relay.bytes.down,
    pixels: results.work.pixels,
    results,
    runDir,
  };
  if (!options.keep) rmSync(runDir, { recursive: true, force: true });
  return sample;
};
