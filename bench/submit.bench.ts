// `fractal submit`: how long --dry-run takes to print a script (CLI start-up included), against
// `fractal version` in the same run; and, on the local Slurm cluster (root only; it is brought up
// with scripts/slurm-cluster/up.sh and down again if it was not up), the time from
// `fractal submit --nodes 4 --wait` to the first unit computed and to the PNG on disk, against
// `fractal render` of the same image and a trivial Slurm job (`srun true` on 4 nodes) as the
// scheduler's own floor. FRACTAL_BENCH_SLURM=0 leaves the cluster part out.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chooseClusterMode,
  clusterDown,
  clusterEnv,
  clusterUnavailableReason,
  clusterUp,
  holdClusterLock,
  slurm,
  type ClusterOptions,
} from '../scripts/slurm-cluster/cluster.js';
import type { RunResults } from '../src/core/metrics/results.js';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 7);
const SLURM_RUNS = Number(process.env['FRACTAL_BENCH_SLURM_RUNS'] ?? 5);
const IMAGE = ['--width', '1024', '--height', '768', '--smoothness', '1'];

if (!existsSync(fileURLToPath(new URL('../dist/fractal.js', import.meta.url)))) {
  console.log('submit: skipped, run `npm run build` first');
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'fractal-submit-bench-'));
const timeCli = (args: string[], env: NodeJS.ProcessEnv = process.env): number => {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: work, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`fractal ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return performance.now() - t0;
};
const medianOf = (n: number, fn: () => number): number => median(Array.from({ length: n }, fn));

try {
  timeCli(['version']); // warm-up: the page cache, so no figure is a cold start
  const version = medianOf(RUNS, () => timeCli(['version']));
  const dryRun = medianOf(RUNS, () => timeCli(['submit', '--dry-run', '--scheduler', 'slurm', '--nodes', '4', '--time', '10', ...IMAGE]));
  console.log(`submit --dry-run (start-up + script): ${dryRun.toFixed(0)} ms (median of ${RUNS}); fractal version: ${version.toFixed(0)} ms; ${(dryRun / version).toFixed(2)}x`);

  const unavailable = clusterUnavailableReason();
  if (process.env['FRACTAL_BENCH_SLURM'] === '0') console.log('submit on Slurm: left out (FRACTAL_BENCH_SLURM=0)');
  else if (unavailable) console.log(`submit on Slurm: skipped, ${unavailable}`);
  else await benchSlurm();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function benchSlurm(): Promise<void> {
  const lock = await holdClusterLock();
  const cluster: ClusterOptions = { nodes: 4, mode: chooseClusterMode() };
  const wasUp = existsSync('/run/fractal-slurm/up');
  try {
    const upStart = performance.now();
    clusterUp(cluster);
    console.log(`slurm cluster (${cluster.mode}, 4 nodes) ${wasUp ? 'already up' : 'brought up'} in ${((performance.now() - upStart) / 1000).toFixed(2)} s`);
    const env = { ...process.env, PATH: clusterEnv(cluster)['PATH'] };

    const renderMs = medianOf(3, () => timeCli(['render', '--quiet', ...IMAGE, '--outfile', join(work, 'render.png')]));

    // the scheduler's floor: a 4-node job that does nothing, polled as submit polls
    const trivial = async (): Promise<number> => {
      const t0 = performance.now();
      const id = slurm(cluster, 'sbatch', ['--parsable', '--nodes', '4', '--output', '/dev/null', '--wrap', 'srun true']);
      for (let interval = 250; slurm(cluster, 'squeue', ['--noheader', '--jobs', id, '--states', 'all', '--format', '%T']) !== 'COMPLETED'; interval = Math.min(1000, interval * 1.5)) {
        await new Promise((r) => setTimeout(r, interval));
      }
      return performance.now() - t0;
    };
    await trivial(); // the first job of a fresh cluster waits for slurmctld's first scheduling pass
    const floor: number[] = [];
    for (let i = 0; i < SLURM_RUNS; i++) floor.push(await trivial());

    const firstUnit: number[] = [];
    const png: number[] = [];
    const total: number[] = [];
    for (let i = 0; i <= SLURM_RUNS; i++) {
      const runDir = join(work, `slurm-${i}`);
      const submitStart = Date.now();
      const t0 = performance.now();
      const out = execFileSync(process.execPath, [CLI, 'submit', '--scheduler', 'slurm', '--nodes', '4', '--wait', '--quiet', '--run-dir', runDir, ...IMAGE], { cwd: work, env, encoding: 'utf8', timeout: 300_000 });
      void out;
      const elapsed = performance.now() - t0;
      if (i === 0) continue; // warm-up
      const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
      const leaderStart = Date.parse(results.run.startedAt);
      firstUnit.push(leaderStart + results.timings.joinMs + results.timings.timeToFirstUnitMs - submitStart);
      png.push(statSync(join(runDir, 'mandelbrot.png')).mtimeMs - submitStart);
      total.push(elapsed);
    }
    const f = (ms: number): string => `${ms.toFixed(0)} ms`;
    console.log(`slurm trivial 4-node job (sbatch → COMPLETED, polled): ${f(median(floor))} (median of ${SLURM_RUNS})`);
    console.log(`fractal render 1024×768 in one process: ${f(renderMs)} (median of 3)`);
    console.log(`slurm submit → first unit computed: ${f(median(firstUnit))} (median of ${SLURM_RUNS}, 4 nodes: 1 leader + 3 workers, 1024×768)`);
    console.log(`slurm submit → PNG written: ${f(median(png))} (median of ${SLURM_RUNS}); ${(median(png) / renderMs).toFixed(2)}x fractal render, ${(median(png) / median(floor)).toFixed(2)}x the trivial job`);
    console.log(`slurm submit --wait, whole command: ${f(median(total))} (median of ${SLURM_RUNS})`);
  } finally {
    if (!wasUp) clusterDown(cluster);
    lock.release();
  }
}
