// CLI start-up time: `fractal version` and `fractal render --help` as a user's shell runs them,
// and a task of a distributed run from its start to its first try at its leader (a worker given a
// leader that is not there and 10 ms to reach it: exit 5), against bare `node -e 0` measured in
// the same run (the floor no Node CLI can go below).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RUNS = 10;

const time = (args: string[], status = 0): number => {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== status) throw new Error(`${args.join(' ')} exited ${result.status}, expected ${status}`);
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
const task = ['run', '--rank', '1', '--size', '2', '--host', '127.0.0.1:1', '--token', 'bench', '--connect-timeout', '0.01', '--quiet'];
const taskMs = time([CLI, ...task], 5);
console.log(`startup fractal run, a worker to its first try at the leader: ${taskMs.toFixed(0)} ms (median of ${RUNS}), ${(taskMs / floor).toFixed(1)}x node -e 0`);
