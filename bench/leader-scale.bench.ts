// The leader facing 1,000 and 4,000 workers: simulated ones (bench/distributed-sim-workers.ts) in a
// few processes on loopback, each holding many Work streams and computing nothing, so the leader is
// what is measured. Per count: the leader's throughput in units/s (target >= 100,000 at 1,000
// workers), its CPU time and peak memory, memory per worker (the slope between the two counts), the
// time for the barrier (first join to the start) and for the end (last unit in to the results
// written: stopping every worker and collecting its metrics, the PNG's tail, the files). The leader
// shares this machine's cores with the simulators: its CPU time per unit (units per leader
// CPU-second) is what it would sustain on a core of its own.
// The simulated workers of one process share one HTTP/2 connection (gRPC's subchannel pool), so the
// leader holds SIM_PROCESSES connections; real workers hold one each: see the README's limits.
// FRACTAL_BENCH_RUNS sets the runs per count (default 3; medians are printed);
// FRACTAL_BENCH_SCALE=1000,4000,8000 changes the counts (default 256,1000,4000: 256 is the distributed
// benchmark's count, for comparison); FRACTAL_BENCH_SIM_PROCESSES the simulating processes (default 2).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLeader } from '../src/core/cluster/leader/index.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../src/core/render/image-spec.js';
import { median } from './stats.js';

const SIMULATOR = fileURLToPath(new URL('./distributed-sim-workers.ts', import.meta.url));
const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 3);
const COUNTS = (process.env['FRACTAL_BENCH_SCALE'] ?? '256,1000,4000').split(',').map(Number);
const SIM_PROCESSES = Number(process.env["FRACTAL_BENCH_SIM_PROCESSES"] ?? 2);
const CREDITS = 8;
const dir = mkdtempSync(join(tmpdir(), 'fractal-bench-scale-'));
// 400,000 one-row units of 8 pixels: a few seconds at the target rate
const input = { width: 8, height: 400_000, smoothness: 1 };
const spec = resolveImageSpec({ ...DEFAULT_IMAGE, ...input, iters: 50 });

interface Figures {
  unitsPerSecond: number;
  cpuMs: number;
  maxRssBytes: number;
  barrierMs: number;
  endMs: number;
  ok: boolean;
}

const exited = (child: ReturnType<typeof spawn>): Promise<number | null> => new Promise((resolve) => child.on('close', (code) => resolve(code)));

const oneRun = async (workers: number, run: number): Promise<Figures> => {
  const token = `bench-scale-${workers}-${run}`;
  let simulators: Array<Promise<number | null>> = [];
  let firstJoin = 0;
  let started = 0;
  let finishing = 0;
  const per = Math.ceil(workers / SIM_PROCESSES);
  const report = await runLeader({
    spec,
    input,
    chunkRows: 1,
    workersExpected: workers,
    minWorkers: workers,
    joinTimeoutMs: 120_000,
    // thousands of streams share a few connections: a heartbeat late by a second is no stall
    heartbeatTimeoutMs: 60_000,
    memoryBytes: 2 ** 34,
    bind: { host: '127.0.0.1', port: 0 },
    advertiseHost: '127.0.0.1',
    token,
    runDir: null,
    outfile: join(dir, 'scale.png'),
    resultsPath: join(dir, 'scale.json'),
    http: null,
    waitForStart: false,
    job: { scheduler: 'local', jobId: null, nodeList: null, size: workers + 1 },
    rank: 0,
    host: 'bench',
    threadsPerNode: 1,
    toolVersion: 'bench',
    onEvent: (event) => {
      const now = performance.now();
      if (event.type === 'listening') {
        simulators = Array.from({ length: SIM_PROCESSES }, (_, i) => {
          const count = Math.min(per, workers - i * per);
          const args = ['--import', 'tsx', SIMULATOR, `127.0.0.1:${event.port}`, token, String(count), String(CREDITS), String(1 + i * per)];
          return exited(spawn(process.execPath, args, { stdio: 'inherit' }));
        });
      } else if (event.type === 'joined' && firstJoin === 0) firstJoin = now;
      else if (event.type === 'started') started = now;
      else if (event.type === 'finishing') finishing = now;
    },
  });
  const written = performance.now();
  const codes = await Promise.all(simulators);
  const r = report.results;
  const leader = r.nodes[0]!.process!;
  return {
    unitsPerSecond: r.work.units / (r.timings.renderMs / 1000),
    cpuMs: leader.cpuUserMs + leader.cpuSystemMs,
    maxRssBytes: leader.maxRssBytes,
    barrierMs: started - firstJoin,
    endMs: written - finishing,
    ok: codes.every((c) => c === 0) && r.work.lostWorkers.length === 0,
  };
};

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

try {
  const rss = new Map<number, number>();
  const rates = new Map<number, number>();
  for (const workers of COUNTS) {
    const runs: Figures[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await oneRun(workers, run));
    const m = (pick: (f: Figures) => number): number => median(runs.map(pick));
    const rate = m((f) => f.unitsPerSecond);
    rss.set(workers, m((f) => f.maxRssBytes));
    const target = workers === 1000 ? `; target >= 100000: ${rate >= 100_000 ? 'met' : 'MISSED'}` : '';
    const ratio = rates.has(256) && workers !== 256 ? `, ${(rate / rates.get(256)!).toFixed(2)}x the rate at 256` : '';
    rates.set(workers, rate);
    console.log(
      `leader scale ${String(workers).padStart(5)} simulated workers in ${SIM_PROCESSES} processes: ${rate.toFixed(0)} units/s${ratio}${target}; ` +
        `leader CPU ${(m((f) => f.cpuMs) / 1000).toFixed(1)} s for ${spec.height} units (${((m((f) => f.cpuMs) * 1000) / spec.height).toFixed(1)} µs/unit, ` +
        `${((spec.height / m((f) => f.cpuMs)) * 1000).toFixed(0)} units per leader CPU-second), ` +
        `peak RSS ${mib(m((f) => f.maxRssBytes))}; barrier (first join to start) ${m((f) => f.barrierMs).toFixed(0)} ms; ` +
        `end (last unit to results written: stop, metrics, PNG, files) ${m((f) => f.endMs).toFixed(0)} ms; ` +
        `every run whole: ${runs.every((f) => f.ok) ? 'yes' : 'NO'} (median of ${RUNS})`,
    );
  }
  const [low, high] = [Math.min(...COUNTS), Math.max(...COUNTS)];
  if (high > low) {
    const perWorker = (rss.get(high)! - rss.get(low)!) / (high - low);
    console.log(`leader scale memory per worker: ${(perWorker / 1024).toFixed(1)} KiB (peak RSS slope between ${low} and ${high} workers)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
