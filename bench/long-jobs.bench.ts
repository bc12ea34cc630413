// What checkpoints cost and what a resume saves, on the default 8192×6144 image:
//  1. `fractal run --local 2` with checkpoints on (the default, every 30 s) against off
//     (--checkpoint-interval 0), interleaved, as a shell runs them: the ratio is the cost;
//  2. a run stopped (SIGTERM) once about half its units are in the checkpoint, then resumed: the
//     resumed leader's time from its start to its first new unit, against a fresh run's, and the
//     share of the fresh run's wall time the resumed one took. Both PNGs must be render's bytes.
// FRACTAL_BENCH_RUNS sets the runs per figure (default 3; medians are printed).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseCheckpoint } from '../src/core/cluster/leader/checkpoint-format.js';
import type { RunResults } from '../src/core/metrics/results.js';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'fractal-bench-long-'));
const LOCAL = ['run', '--local', '2', '--threads', '1', '--quiet'];
const hashOf = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const run = (args: string[], runDir: string): { wallMs: number; results: RunResults } => {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args, '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`fractal ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { wallMs: performance.now() - t0, results: JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults };
};

const freshDir = (name: string): string => mkdtempSync(join(dir, `${name}-`));

const checkpointCost = (): string => {
  const on: number[] = [];
  const off: number[] = [];
  const hashes = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    for (const [list, extra] of [[on, []], [off, ['--checkpoint-interval', '0']]] as const) {
      const runDir = freshDir('cost');
      list.push(run([...LOCAL, ...extra], runDir).wallMs);
      hashes.add(hashOf(join(runDir, 'out.png')));
    }
  }
  if (hashes.size !== 1) throw new Error('checkpoints changed the PNG');
  console.log(`run --local 2, checkpoints on:  ${seconds(median(on))} (median of ${RUNS})`);
  console.log(`run --local 2, checkpoints off: ${seconds(median(off))}`);
  console.log(`checkpoint cost: ${(median(on) / median(off)).toFixed(3)}× (target ≤ 1.02×)`);
  return [...hashes][0]!;
};

const startToFirstUnit = (r: RunResults): number => r.timings.joinMs + r.timings.timeToFirstUnitMs;

const resumeFigures = async (expected: string): Promise<void> => {
  const fresh: number[] = [];
  const resumed: number[] = [];
  const share: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const whole = run(LOCAL, freshDir('whole'));
    fresh.push(startToFirstUnit(whole.results));
    const runDir = freshDir('resume');
    const child = spawn(process.execPath, [CLI, ...LOCAL, '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir, stdio: 'ignore' });
    const units = whole.results.work.units;
    for (;;) {
      await sleep(50);
      let kept = 0;
      try {
        kept = parseCheckpoint(readFileSync(join(runDir, 'checkpoint.fractal'))).units.size;
      } catch {
        // not there yet
      }
      if (kept >= units / 2) break;
    }
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 75) throw new Error(`the stopped run exited ${code}, expected 75`);
    const again = run(LOCAL, runDir);
    if (hashOf(join(runDir, 'out.png')) !== expected) throw new Error('the resumed PNG differs');
    resumed.push(startToFirstUnit(again.results));
    share.push(again.wallMs / whole.wallMs);
    console.log(`  resumed ${again.results.work.resumedUnits} of ${units} units`);
  }
  console.log(`leader start to first unit, fresh run:   ${seconds(median(fresh))}`);
  console.log(`leader start to first unit, resumed run: ${seconds(median(resumed))} (reading the checkpoint and feeding its rows included)`);
  console.log(`resumed run's wall time / a whole run's: ${median(share).toFixed(2)} (about half the units were left)`);
};

try {
  const expected = checkpointCost();
  await resumeFigures(expected);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
