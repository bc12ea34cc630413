// CLI start-up time: `fractal version` and `fractal render --help` as a user's shell runs them,
// against bare `node -e 0` measured in the same run (the floor no Node CLI can go below).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RUNS = 10;

const time = (args: string[]): number => {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
    samples.push(performance.now() - t0);
  }
  return median(samples);
};

const floor = time(['-e', '0']);
console.log(`startup node -e 0: ${floor.toFixed(0)} ms (median of ${RUNS})`);
for (const args of [['version'], ['render', '--help'], ['palettes']]) {
  const ms = time([CLI, ...args]);
  console.log(`startup fractal ${args.join(' ')}: ${ms.toFixed(0)} ms (median of ${RUNS}), ${(ms / floor).toFixed(1)}x node -e 0`);
}
