// The environment `fractal run --local` gives its tasks: the variables a scheduler would set, the
// job's token, and, for a job without TLS, no NODE_EXTRA_CA_CERTS (Node.js would parse every
// certificate it names in every task's start-up, and such a job verifies none). The tasks here are
// real processes that print what they were given, in place of `fractal run`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLocal } from '../../src/core/cluster/run-local.js';

const PRINT_ENVIRONMENT = `console.log(JSON.stringify({
  rank: process.env.FRACTAL_RANK, size: process.env.FRACTAL_SIZE, job: process.env.FRACTAL_JOB_ID,
  token: process.env.FRACTAL_TOKEN, extraCa: process.env.NODE_EXTRA_CA_CERTS ?? null, kept: process.env.FRACTAL_TEST_KEPT ?? null,
  slurmRank: process.env.SLURM_PROCID ?? null,
}))`;

interface TaskView {
  rank: string;
  size: string;
  job: string;
  token: string;
  extraCa: string | null;
  kept: string | null;
  slurmRank: string | null;
}

const tasksSee = async (tls: boolean): Promise<TaskView[]> => {
  const seen: TaskView[] = [];
  const report = await runLocal({
    workers: 2,
    command: [process.execPath, '-e', PRINT_ENVIRONMENT],
    args: [],
    // a rank a scheduler set for the launcher must not leak into its tasks
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', FRACTAL_TEST_KEPT: 'yes', SLURM_PROCID: '7' },
    token: 'a-token',
    tls,
    onOutput: (_rank, stream, line) => {
      if (stream === 'stdout') seen.push(JSON.parse(line) as TaskView);
    },
  });
  assert.deepEqual(
    report.exits.map((e) => e.code),
    [0, 0, 0],
  );
  return seen.sort((a, b) => Number(a.rank) - Number(b.rank));
};

test('a plaintext local job: each task has its rank, the size, the job and its token, and no NODE_EXTRA_CA_CERTS', async () => {
  const tasks = await tasksSee(false);
  assert.deepEqual(
    tasks.map((t) => [t.rank, t.size, t.token, t.extraCa, t.kept, t.slurmRank]),
    [
      ['0', '3', 'a-token', null, 'yes', null],
      ['1', '3', 'a-token', null, 'yes', null],
      ['2', '3', 'a-token', null, 'yes', null],
    ],
  );
  assert.equal(new Set(tasks.map((t) => t.job)).size, 1, 'one job id for all its tasks');
  assert.match(tasks[0]!.job, /^local-\d+-[0-9a-f]{6}$/);
});

test('a local job with TLS keeps NODE_EXTRA_CA_CERTS: a worker without --tls-ca verifies its leader by the default authorities', async () => {
  const tasks = await tasksSee(true);
  assert.deepEqual(
    tasks.map((t) => t.extraCa),
    ['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/ca-certificates.crt'],
  );
});
