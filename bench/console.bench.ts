// The live console's cost to the leader: `fractal run --local 2 --threads 1` on the default image
// (8192×6144), as a user starts it, in three ways, interleaved: without --http (the baseline), with
// --http and no page, and with --http and a page open the whole render: a real client of GET
// /events in a process of its own (bench/sse-reader.ts) that reads every event and decodes it as
// the page does (JSON, base64 rows). The figure
// is the leader's render time (results.json) with a page open against none; target <= 1.02x. On a
// shared machine wall times swing with the other load: the leader's own CPU time (user + system)
// for the whole run is printed beside them, the steadier measure of what the console costs it.
// FRACTAL_BENCH_RUNS sets the runs per way (default 9; medians are printed).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResults } from '../src/core/metrics/results.js';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 9);
const dir = mkdtempSync(join(tmpdir(), 'fractal-bench-console-'));

const WAYS = ['no --http', '--http, no page', '--http, a page open'] as const;
type Way = (typeof WAYS)[number];

const READER = fileURLToPath(new URL('./sse-reader.ts', import.meta.url));

/** A page in a process of its own (as a browser is), started ahead; follow(port) starts its reading. */
const startReader = () => {
  const reader = spawn(process.execPath, ['--import', 'tsx', READER], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  reader.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<{ events: number }>((resolve, reject) =>
    reader.on('close', (code) => (code === 0 ? resolve({ events: Number(out.trim()) }) : reject(new Error(`the event reader failed (${code})`)))),
  );
  return { follow: (port: number) => reader.stdin.end(`${port}\n`), done, stop: () => reader.kill() };
};

const oneRun = async (way: Way, run: number): Promise<{ renderMs: number; cpuMs: number; events: number }> => {
  const runDir = mkdtempSync(join(dir, `run-${run}-`));
  const reader = way === '--http, a page open' ? startReader() : null;
  // the page is ready before the run starts, as a browser would be
  if (reader) await new Promise((resolve) => setTimeout(resolve, 1500));
  const http = way === 'no --http' ? [] : ['--http', '0'];
  const child = spawn(process.execPath, [CLI, 'run', '--local', '2', '--threads', '1', ...http, '--run-dir', runDir, '--outfile', join(runDir, 'm.png')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let following = false;
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    const match = /HTTP on port (\d+)/.exec(output);
    if (match && reader && !following) {
      following = true;
      reader.follow(Number(match[1]));
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${way} failed (${code}):\n${output}`);
  if (reader && !following) reader.stop();
  const seen = reader ? await reader.done : { events: 0 };
  if (way === '--http, a page open' && seen.events < 3) throw new Error(`the page saw only ${seen.events} events`);
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
  rmSync(runDir, { recursive: true, force: true });
  const leader = results.nodes[0]!.process!;
  return { renderMs: results.timings.renderMs, cpuMs: leader.cpuUserMs + leader.cpuSystemMs, events: seen.events };
};

try {
  const times = new Map<Way, number[]>(WAYS.map((w) => [w, []]));
  const cpu = new Map<Way, number[]>(WAYS.map((w) => [w, []]));
  const events: number[] = [];
  // interleaved, so that a slow minute of the machine hurts every way alike, and in a rotating
  // order, so that none is always the one that runs after another's
  for (let run = 0; run < RUNS; run++) {
    for (const way of [...WAYS.slice(run % WAYS.length), ...WAYS.slice(0, run % WAYS.length)]) {
      const { renderMs, cpuMs, events: seen } = await oneRun(way, run);
      times.get(way)!.push(renderMs);
      cpu.get(way)!.push(cpuMs);
      if (seen > 0) events.push(seen);
    }
  }
  const pageRatio = median(times.get('--http, a page open')!) / median(times.get('--http, no page')!);
  const base = median(times.get('no --http')!);
  const baseCpu = median(cpu.get('no --http')!);
  for (const way of WAYS) {
    const ms = median(times.get(way)!);
    const ratio = ms / base;
    const target = way === '--http, a page open' ? `; target <= 1.02: ${ratio <= 1.02 ? 'met' : 'MISSED'}` : '';
    const seen = way === '--http, a page open' ? `, the page read ${median(events).toFixed(0)} events` : '';
    const cpuMs = median(cpu.get(way)!);
    console.log(
      `console cost, fractal run --local 2 --threads 1, 8192×6144, ${way.padEnd(20)}: render ${ms.toFixed(0)} ms (median of ${RUNS}), ` +
        `${ratio.toFixed(3)}x no --http${target}; leader CPU ${cpuMs.toFixed(0)} ms, ${(cpuMs / baseCpu).toFixed(3)}x${seen}`,
    );
  }
  console.log(`console cost, render time with a page open against --http with none: ${pageRatio.toFixed(3)}x (target <= 1.02: ${pageRatio <= 1.02 ? 'met' : 'MISSED'})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
