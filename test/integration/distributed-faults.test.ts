// Faults with real processes: a worker SIGKILLed mid-render, a worker stopped (SIGSTOP) so that it
// misses its heartbeats, a worker with the wrong token, and a leader that dies under its workers.
// The PNG must still be `fractal render`'s byte for byte, and nothing may hang.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { LeaderStatus } from '../../src/core/cluster/leader/status.js';
import { sha256 } from '../../src/core/image/write-png.js';
import type { RunResults } from '../../src/core/metrics/results.js';
import { taskPidOfRank } from '../../scripts/slurm-cluster/cluster.js';
import { runCli } from '../helpers/cli.js';
import { httpJson, startCli, validateResultsSchema, type CliProcess } from '../helpers/distributed.js';

// a view with much of the set in it and many iterations: a few seconds of work on two cores, so
// that a worker can be hit while it holds units
const IMAGE = ['--width', '512', '--height', '192', '--smoothness', '1', '--xpos', '-0.5', '--ypos', '0', '--escape-radius', '3', '--iters', '100000'];
let dir: string;
let expected: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fractal-faults-'));
  const ref = await runCli(['render', ...IMAGE, '--quiet', '--outfile', join(dir, 'reference.png')], { timeoutMs: 60_000 });
  assert.equal(ref.code, 0, ref.stderr);
  expected = sha256(await readFile(join(dir, 'reference.png')));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Cluster {
  runDir: string;
  leader: CliProcess;
  http: number;
  workers: Map<number, CliProcess>;
}

const startCluster = async (name: string, leaderArgs: string[] = []): Promise<Cluster> => {
  const runDir = await mkdtemp(join(dir, `${name}-`));
  const leader = startCli(['leader', ...IMAGE, '--host', '127.0.0.1:0', '--workers', '3', '--chunk', '4', '--http', '0', '--run-dir', runDir, '--outfile', join(runDir, 'out.png'), ...leaderArgs], { cwd: runDir });
  const [, http] = await leader.waitFor(/HTTP on port (\d+)/);
  const workers = new Map([1, 2, 3].map((rank) => [rank, startCli(['worker', '--run-dir', runDir, '--threads', '1', '--rank', String(rank), '--connect-timeout', '3'], { cwd: runDir })]));
  return { runDir, leader, http: Number(http), workers };
};

/** Polls GET /status until the worker of `rank` has delivered a unit and holds more. */
const whenWorking = async (cluster: Cluster, rank: number): Promise<LeaderStatus> => {
  for (let i = 0; i < 400; i++) {
    const status = (await httpJson(cluster.http, '/status')).body as LeaderStatus;
    const worker = status.workers.find((w) => w.rank === rank);
    if (status.state === 'rendering' && worker && worker.units >= 1 && worker.inFlight > 0) return status;
    assert.notEqual(status.state, 'done', 'the render ended before the fault could be injected: make the image slower');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`worker ${rank} never got to work`);
};

const finish = async (cluster: Cluster): Promise<RunResults> => {
  const lead = await cluster.leader.exit();
  assert.equal(lead.code, 0, lead.output);
  assert.equal(sha256(await readFile(join(cluster.runDir, 'out.png'))), expected, 'byte-identical to fractal render');
  const results = JSON.parse(await readFile(join(cluster.runDir, 'results.json'), 'utf8')) as RunResults;
  assert.deepEqual(await validateResultsSchema(results), []);
  return results;
};

test('a worker killed with SIGKILL mid-render: its units are re-queued and the PNG is unchanged', async () => {
  const cluster = await startCluster('kill');
  const status = await whenWorking(cluster, 2);
  const held = status.workers.find((w) => w.rank === 2)!.inFlight;
  cluster.workers.get(2)!.kill('SIGKILL');
  const results = await finish(cluster);
  for (const rank of [1, 3]) assert.equal((await cluster.workers.get(rank)!.exit()).code, 0);
  assert.equal((await cluster.workers.get(2)!.exit()).signal, 'SIGKILL');
  assert.equal(results.work.lostWorkers.length, 1);
  const lost = results.work.lostWorkers[0]!;
  assert.equal(lost.rank, 2);
  assert.match(lost.reason, /stream broke/);
  assert.ok(lost.requeuedUnits >= 1 && lost.requeuedUnits >= held - 1, `re-queued ${lost.requeuedUnits}, it held ${held}`);
  assert.equal(results.work.requeuedUnits, lost.requeuedUnits);
  const node = results.nodes.find((n) => n.rank === 2)!;
  assert.equal(node.lost, true);
  assert.equal(node.process, null, 'a killed worker sends no metrics');
  assert.ok(node.units >= 1, 'what it delivered before dying still counts');
  assert.equal(results.work.rows, 192);
  assert.match(cluster.leader.output(), /warning: lost worker rank 2/);
});

test('a stopped worker misses its heartbeats, is dropped, and the others finish its units', async () => {
  const cluster = await startCluster('stall', ['--heartbeat-timeout', '1']);
  await whenWorking(cluster, 3);
  const stalled = cluster.workers.get(3)!;
  stalled.kill('SIGSTOP');
  try {
    const results = await finish(cluster);
    const lost = results.work.lostWorkers.find((l) => l.rank === 3);
    assert.ok(lost, JSON.stringify(results.work.lostWorkers));
    assert.match(lost.reason, /heartbeat timeout 1 s/);
    assert.ok(lost.requeuedUnits >= 1);
    for (const rank of [1, 2]) assert.equal((await cluster.workers.get(rank)!.exit()).code, 0);
  } finally {
    stalled.kill('SIGKILL');
    stalled.kill('SIGCONT');
    await stalled.exit();
  }
});

test('a worker with the wrong token is refused and exits 5 with the reason', async () => {
  const runDir = await mkdtemp(join(dir, 'token-'));
  const leader = startCli(['leader', '--width', '32', '--height', '16', '--smoothness', '1', '--host', '127.0.0.1:0', '--token', 'right', '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir });
  const [, port] = await leader.waitFor(/listening on 127\.0\.0\.1:(\d+)/);
  const intruder = await runCli(['worker', '--host', `127.0.0.1:${port}`, '--token', 'wrong'], { cwd: runDir, timeoutMs: 20_000 });
  assert.equal(intruder.code, 5, intruder.stderr);
  assert.match(intruder.stderr, /^Error: the leader at 127\.0\.0\.1:\d+ \(--host\) refused this worker: missing or wrong job token/m);
  assert.match(intruder.stderr, /hint: give the worker the job's token/);
  assert.doesNotMatch(intruder.stderr, /at .*\.js:\d+/, 'no stack trace');
  const good = await runCli(['worker', '--host', `127.0.0.1:${port}`, '--token', 'right'], { cwd: runDir, timeoutMs: 20_000 });
  assert.equal(good.code, 0, good.stderr);
  assert.equal((await leader.exit()).code, 0);
  const results = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8')) as RunResults;
  assert.equal(results.work.rejectedResults.unauthenticated, 1);
  assert.equal(results.nodes.length, 2, 'the refused client never became a node');
});

test('when the leader dies, its workers give up within --connect-timeout with a clear error', async () => {
  const cluster = await startCluster('leader-gone');
  await whenWorking(cluster, 1);
  const t0 = performance.now();
  cluster.leader.kill('SIGKILL');
  const exits = await Promise.all([...cluster.workers.values()].map((w) => w.exit(20_000)));
  const seconds = (performance.now() - t0) / 1000;
  for (const exit of exits) {
    assert.equal(exit.code, 5, exit.output);
    assert.match(exit.output, /Error: lost the leader and could not reach it again within 3 s/);
    assert.match(exit.output, /hint: the leader has probably exited or crashed/);
  }
  assert.ok(seconds < 10, `the workers took ${seconds.toFixed(1)} s to give up`);
});

const taskPid = (runDir: string, rank: number): number => {
  const pid = taskPidOfRank(runDir, 'FRACTAL_RANK', rank);
  assert.ok(pid, `no task of rank ${rank} in ${runDir}`);
  return pid;
};

test('run --local: a worker SIGKILLed mid-render does not fail a finished picture (exit 0, a warning naming it)', async () => {
  const runDir = await mkdtemp(join(dir, 'local-kill-'));
  const out = join(runDir, 'out.png');
  const run = startCli(['run', '--local', '3', ...IMAGE, '--threads', '1', '--chunk', '4', '--http', '0', '--run-dir', runDir, '--outfile', out], { cwd: runDir });
  const [, http] = await run.waitFor(/HTTP on port (\d+)/);
  await whenWorking({ runDir, leader: run, http: Number(http), workers: new Map() }, 2);
  process.kill(taskPid(runDir, 2), 'SIGKILL');
  const exit = await run.exit();
  assert.equal(exit.code, 0, exit.output);
  assert.match(exit.output, /warning: the picture is complete, although rank 2 was lost on the way: \d+ units? (was|were) re-queued and computed by the others \(rank 2 on \S+: its stream broke/);
  assert.match(exit.output, /rank 2 was killed by SIGKILL/);
  assert.equal(sha256(await readFile(out)), expected, 'byte-identical to fractal render');
  const results = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8')) as RunResults;
  assert.deepEqual(results.work.lostWorkers.map((l) => l.rank), [2]);
});

test('run --local: a leader that fails still fails the run', async () => {
  const runDir = await mkdtemp(join(dir, 'local-leader-'));
  const run = startCli(['run', '--local', '2', ...IMAGE, '--threads', '1', '--http', '0', '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir });
  const [, http] = await run.waitFor(/HTTP on port (\d+)/);
  await whenWorking({ runDir, leader: run, http: Number(http), workers: new Map() }, 1);
  process.kill(taskPid(runDir, 0), 'SIGKILL');
  const exit = await run.exit();
  assert.equal(exit.code, 5, exit.output);
  assert.match(exit.output, /Error: the local job \S+ failed: rank 0 \(leader\) was killed by SIGKILL/);
});
