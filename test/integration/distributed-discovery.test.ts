// Finding each other, with real processes: workers started before their leader, a leader that
// never comes, a barrier that times out, and `fractal run` under the environment Slurm and Flux
// give their tasks: the rank picks the role, and the workers find the leader by the host list
// (Slurm) or the rendezvous file (Flux).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { portForJob } from '../../src/core/cluster/leader-address.js';
import { RANK_VARIABLES } from '../../src/core/cluster/resolve-task.js';
import { sha256 } from '../../src/core/image/write-png.js';
import type { RunResults } from '../../src/core/metrics/results.js';
import { runCli } from '../helpers/cli.js';
import { freePort, isPortFree, startCli, validateResultsSchema } from '../helpers/distributed.js';

const IMAGE = ['--width', '128', '--height', '64', '--smoothness', '1', '--iters', '400'];
let dir: string;
let expected: string;

/** The test runner's own environment without any launcher's rank variables. */
const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...RANK_VARIABLES, 'SLURM_JOB_ID', 'SLURM_JOB_NODELIST', 'FLUX_JOB_ID', 'FRACTAL_JOB_ID', 'FRACTAL_TOKEN', 'FRACTAL_TOKEN_FILE']) delete env[name];
  return { ...env, ...extra };
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fractal-discovery-'));
  const ref = await runCli(['render', ...IMAGE, '--quiet', '--outfile', join(dir, 'reference.png')], { timeoutMs: 30_000 });
  assert.equal(ref.code, 0, ref.stderr);
  expected = sha256(await readFile(join(dir, 'reference.png')));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const checkResults = async (path: string): Promise<RunResults> => {
  const results = JSON.parse(await readFile(path, 'utf8')) as RunResults;
  assert.deepEqual(await validateResultsSchema(results), []);
  assert.equal(results.image.sha256, expected, 'the PNG is fractal render\'s');
  return results;
};

test('workers started before their leader keep trying and join it', async () => {
  const runDir = await mkdtemp(join(dir, 'early-'));
  const port = await freePort();
  const workers = [1, 2].map((rank) =>
    startCli(['worker', '--host', `127.0.0.1:${port}`, '--token', 'early', '--rank', String(rank), '--threads', '1', '--connect-timeout', '20', '--run-dir', runDir], { cwd: runDir }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const w of workers) assert.equal(w.child.exitCode, null, 'still waiting for the leader');
  const leader = startCli(['leader', ...IMAGE, '--host', `127.0.0.1:${port}`, '--token', 'early', '--workers', '2', '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir });
  const exits = await Promise.all([leader.exit(), ...workers.map((w) => w.exit())]);
  for (const e of exits) assert.equal(e.code, 0, e.output);
  const results = await checkResults(join(runDir, 'results.json'));
  assert.deepEqual(results.nodes.map((n) => n.rank), [0, 1, 2]);
});

test('a worker whose leader never comes gives up after --connect-timeout, saying why', async () => {
  const port = await freePort();
  const t0 = performance.now();
  const run = await runCli(['worker', '--host', `127.0.0.1:${port}`, '--token', 't', '--connect-timeout', '1.5'], { cwd: dir, timeoutMs: 20_000 });
  const seconds = (performance.now() - t0) / 1000;
  assert.equal(run.code, 5, run.stderr);
  assert.match(run.stderr, new RegExp(`^Error: could not reach the leader within 1\\.5 s: 127\\.0\\.0\\.1:${port} \\(--host\\): UNAVAILABLE`, 'm'));
  assert.match(run.stderr, /hint: raise --connect-timeout if the leader starts later than its workers/);
  assert.ok(seconds >= 1.5 && seconds < 6, `gave up after ${seconds.toFixed(1)} s`);
});

test('the barrier names the ranks that never came; the worker that did is told and exits 5', async () => {
  const runDir = await mkdtemp(join(dir, 'barrier-'));
  const leader = startCli(['leader', ...IMAGE, '--host', '127.0.0.1:0', '--workers', '3', '--join-timeout', '1.5', '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir });
  await leader.waitFor(/listening/);
  const worker = startCli(['worker', '--run-dir', runDir, '--rank', '2'], { cwd: runDir });
  const [lead, work] = await Promise.all([leader.exit(), worker.exit()]);
  assert.equal(lead.code, 5, lead.output);
  assert.match(lead.output, /Error: only 1 of 3 workers joined within 1\.5 s; ranks 1, 3 never joined/);
  assert.match(lead.output, /hint: raise --join-timeout, or pass --min-workers 1/);
  assert.equal(work.code, 5, work.output);
  assert.match(work.output, /abandoned the run: the leader gave up: only 1 of 3 workers joined/);
  await assert.rejects(stat(join(runDir, 'out.png')), 'no PNG from a failed run');
  await assert.rejects(stat(join(runDir, 'rendezvous.json')), 'no rendezvous file left behind');
});

test('fractal run under Slurm\'s variables: rank 0 leads, workers find it by the first host of the node list', async () => {
  // a job id whose derived port is free right now
  let jobId = 0;
  for (let tries = 0; tries < 20 && jobId === 0; tries++) {
    const candidate = 100_000 + Math.floor(Math.random() * 1_000_000);
    if (await isPortFree(portForJob(String(candidate)))) jobId = candidate;
  }
  assert.notEqual(jobId, 0, 'found a job id whose port is free');
  const leaderDir = await mkdtemp(join(dir, 'slurm-leader-'));
  const workerDir = await mkdtemp(join(dir, 'slurm-worker-')); // no shared rendezvous: the host list must do
  const env = (rank: number) =>
    cleanEnv({ SLURM_PROCID: String(rank), SLURM_NTASKS: '3', SLURM_JOB_ID: String(jobId), SLURM_JOB_NODELIST: 'localhost,nx[02-03]', FRACTAL_TOKEN: 'slurm-token' });
  const tasks = [0, 1, 2].map((rank) =>
    startCli(['run', ...IMAGE, '--bind', '127.0.0.1', '--threads', '1', '--connect-timeout', '20', '--outfile', join(leaderDir, 'out.png')], { cwd: rank === 0 ? leaderDir : workerDir, env: env(rank) }),
  );
  const exits = await Promise.all(tasks.map((t) => t.exit()));
  for (const e of exits) assert.equal(e.code, 0, e.output);
  const port = portForJob(String(jobId));
  assert.match(exits[0]!.output, new RegExp(`leader listening on 127\\.0\\.0\\.1:${port}`), 'the port derived from the job id');
  for (const rank of [1, 2]) assert.match(exits[rank]!.output, new RegExp(`joined the leader at localhost:${port} as rank ${rank}`));
  const results = await checkResults(join(leaderDir, 'results.json'));
  assert.deepEqual(results.scheduler, { name: 'slurm', jobId: String(jobId), nodeList: 'localhost,nx[02-03]', size: 3 });
  assert.deepEqual(results.nodes.map((n) => [n.rank, n.role]), [[0, 'leader'], [1, 'worker'], [2, 'worker']]);
});

test('fractal run under Flux\'s variables: the workers find the leader and its token in the rendezvous file', async () => {
  const runDir = await mkdtemp(join(dir, 'flux-'));
  const env = (rank: number) => cleanEnv({ FLUX_TASK_RANK: String(rank), FLUX_JOB_SIZE: '3', FLUX_JOB_ID: 'ƒ2mWKyTqTF' });
  // workers first: they wait for the file; the leader generates the token and publishes it
  const workers = [2, 1].map((rank) => startCli(['run', ...IMAGE, '--run-dir', runDir, '--threads', '1', '--connect-timeout', '20'], { cwd: runDir, env: env(rank) }));
  const leader = startCli(['run', ...IMAGE, '--run-dir', runDir, '--port', '0', '--bind', '127.0.0.1', '--outfile', join(runDir, 'out.png')], { cwd: runDir, env: env(0) });
  const exits = await Promise.all([leader.exit(), ...workers.map((w) => w.exit())]);
  for (const e of exits) assert.equal(e.code, 0, e.output);
  const results = await checkResults(join(runDir, 'results.json'));
  assert.deepEqual(results.scheduler, { name: 'flux', jobId: 'ƒ2mWKyTqTF', nodeList: null, size: 3 });
  assert.equal(results.nodes.length, 3);
  await assert.rejects(stat(join(runDir, 'rendezvous.json')), 'removed at the end');
});

test('fractal run under Flux without a shared directory: workers take the first host `flux hostlist` gives', async () => {
  // Flux keeps a job's hosts out of the environment; a stand-in `flux` answers `flux hostlist local`
  let jobId = '';
  for (let tries = 0; tries < 20 && jobId === ''; tries++) {
    const candidate = `ƒ${Math.random().toString(36).slice(2, 10)}`;
    if (await isPortFree(portForJob(candidate))) jobId = candidate;
  }
  assert.notEqual(jobId, '', 'found a job id whose port is free');
  const leaderDir = await mkdtemp(join(dir, 'flux-leader-'));
  const workerDir = await mkdtemp(join(dir, 'flux-worker-'));
  const bin = await mkdtemp(join(dir, 'flux-bin-'));
  await writeFile(join(bin, 'flux'), `#!/bin/sh\n[ "$1 $2" = "hostlist local" ] && [ "$FLUX_JOB_ID" = "${jobId}" ] || { echo "unexpected: $* for job $FLUX_JOB_ID" >&2; exit 1; }\necho "localhost,fx[02-03]"\n`, { mode: 0o755 });
  const env = (rank: number) =>
    cleanEnv({ FLUX_TASK_RANK: String(rank), FLUX_JOB_SIZE: '3', FLUX_JOB_ID: jobId, FRACTAL_TOKEN: 'flux-token', PATH: `${bin}:${process.env['PATH']}` });
  const tasks = [0, 1, 2].map((rank) =>
    startCli(['run', ...IMAGE, '--bind', '127.0.0.1', '--threads', '1', '--connect-timeout', '20', '--outfile', join(leaderDir, 'out.png')], { cwd: rank === 0 ? leaderDir : workerDir, env: env(rank) }),
  );
  const exits = await Promise.all(tasks.map((t) => t.exit()));
  for (const e of exits) assert.equal(e.code, 0, e.output);
  const port = portForJob(jobId);
  for (const rank of [1, 2]) assert.match(exits[rank]!.output, new RegExp(`joined the leader at localhost:${port} as rank ${rank}`));
  const results = await checkResults(join(leaderDir, 'results.json'));
  assert.equal(results.scheduler.name, 'flux');
  assert.equal(results.nodes.length, 3);
});

test('fractal run without any launcher\'s variables says which ones it looked for', async () => {
  const run = await runCli(['run', ...IMAGE], { cwd: dir, env: cleanEnv({}), timeoutMs: 20_000 });
  assert.equal(run.code, 2, run.stderr);
  // the MPI runtimes' variables first: they win inside an allocation (see resolve-task.ts)
  assert.match(run.stderr, /Error: cannot tell this task's rank and size: none of OMPI_COMM_WORLD_RANK\/OMPI_COMM_WORLD_SIZE, PMI_RANK\/PMI_SIZE, PMIX_RANK\/PMIX_SIZE, JSM_NAMESPACE_RANK\/JSM_NAMESPACE_SIZE, SLURM_PROCID\/SLURM_NTASKS, FLUX_TASK_RANK\/FLUX_JOB_SIZE, PBS_VNODENUM\/FRACTAL_SIZE, FRACTAL_RANK/);
  assert.match(run.stderr, /hint: or start everything on this machine with `fractal run --local N`/);
});

test('a leader whose port is taken says so and exits 5, without gRPC\'s own log lines', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as AddressInfo;
  try {
    const run = await runCli(['leader', ...IMAGE, '--host', `127.0.0.1:${port}`, '--outfile', join(dir, 'taken.png')], { cwd: dir, timeoutMs: 20_000 });
    assert.equal(run.code, 5, run.stderr);
    assert.equal(run.stderr.split('\n')[0], `Error: cannot listen on 127.0.0.1:${port}: the port is in use`);
    assert.doesNotMatch(run.stderr, /No address added/);
  } finally {
    holder.close();
  }
});
