// CLI start-up time: `fractal version` and `fractal render --help` as a user's shell runs them,
// and a task of a distributed run from its start to its first try at its leader (a worker given a
// leader that is not there and 10 ms to reach it: exit 5), against bare `node -e 0` measured in
// the same run (the floor no Node CLI can go below); and, where NODE_EXTRA_CA_CERTS is set, the
// same task as `run --local` starts it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RUNS = 10;

const time = (args: string[], status = 0, env: NodeJS.ProcessEnv = process.env): number => {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore', env });
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

// `run --local` starts a plaintext job's tasks without NODE_EXTRA_CA_CERTS (src/core/cluster/run-local.ts):
// where the environment names a bundle of authorities, Node.js parses all of it in every process's
// start, before any of fractal's code
if (process.env.NODE_EXTRA_CA_CERTS) {
  const plain = { ...process.env };
  delete plain.NODE_EXTRA_CA_CERTS;
  const bareFloor = time(['-e', '0'], 0, plain);
  const localTaskMs = time([CLI, ...task], 5, { ...plain, OCLIF_DISABLE_ENGINE_WARNING: '1' });
  console.log(
    `startup without NODE_EXTRA_CA_CERTS (here it names ${process.env.NODE_EXTRA_CA_CERTS}): node -e 0 ${bareFloor.toFixed(0)} ms; ` +
      `a task as run --local starts it, to its first try at the leader: ${localTaskMs.toFixed(0)} ms (median of ${RUNS}), against ${taskMs.toFixed(0)} ms with it`,
  );
}
