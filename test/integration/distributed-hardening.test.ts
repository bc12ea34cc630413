// Defects a hostile pass found in the leader and the worker, each reproduced against a real leader
// over gRPC on loopback: a second Hello that left a ghost, metrics that made the results file
// unreadable, leaders and workers of two jobs sharing a run directory.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createLeaderDiscovery } from '../../src/core/cluster/discover-leader.js';
import { writeRendezvous, RENDEZVOUS_KIND } from '../../src/core/cluster/rendezvous.js';
import { runWorker } from '../../src/core/cluster/worker/index.js';
import { FractalError } from '../../src/core/errors.js';
import { parseResults } from '../../src/core/metrics/parse-results.js';
import { PROTOCOL_VERSION } from '../../src/core/version.js';
import { checkRun, harnessDir, rawClient, setUpHarness, startLeader, tearDownHarness, TOKEN, unitRgba, worker } from '../helpers/leader-harness.js';

before(setUpHarness);
after(tearDownHarness);

test('a second Hello on one stream drops it like a lost worker: a real worker then finishes the render', { timeout: 20_000 }, async () => {
  const leader = startLeader({ workersExpected: 1, minWorkers: 1, heartbeatTimeoutMs: 3000 });
  const port = await leader.port;
  const rogue = rawClient(port);
  rogue.hello(1);
  rogue.send({ credit: { units: 24, window: 0 } });
  await rogue.assigned();
  rogue.hello(1);
  const { failure } = await rogue.closed();
  assert.equal(failure?.status, 'INVALID_ARGUMENT');
  assert.match(failure?.details ?? '', /Hello twice/);
  const [report] = await Promise.all([leader.report, worker(port, null)]);
  await checkRun(report);
  const lost = report.results.work.lostWorkers;
  assert.equal(lost.length, 1);
  assert.ok(lost[0]!.requeuedUnits > 0, 'its units were not re-queued');
});

test('a worker\'s absurd final metrics are clamped: the results file still validates and summarize reads it', async () => {
  const leader = startLeader({ workersExpected: 1, minWorkers: 1 });
  const port = await leader.port;
  const rogue = rawClient(port);
  rogue.hello(1);
  const welcome = await rogue.welcome();
  rogue.send({ credit: { units: 256, window: 0 } });
  const units = await rogue.assigned();
  while (units.length < welcome.units) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    units.splice(0, units.length, ...rogue.messages.flatMap((m) => (m.body === 'assign' ? m.assign.units : [])));
  }
  const results = units.map((unit) => ({ unit, rgba: unitRgba(welcome, unit), iterations: 1, compute_ns: 1, encoding: 'RGBA_RAW' as const }));
  rogue.send({ results: { results } });
  await rogue.stopped();
  const huge = 2 ** 64 - 1;
  rogue.send({
    metrics: {
      node: {
        host: 'x', threads: 1, units: 1, rows: 1, pixels: huge, iterations: huge, compute_ms: 1e300, idle_ms: -5,
        bytes_sent: huge, bytes_received: huge, reconnects: 2 ** 32 - 1, kernel: 'k', process: null, network: null,
      },
    },
  });
  const report = await leader.report;
  await checkRun(report);
  const node = report.results.nodes[1]!;
  assert.equal(node.bytesSent, Number.MAX_SAFE_INTEGER);
  assert.equal(node.idleMs, 0);
  const text = await readFile(report.resultsPath, 'utf8');
  assert.doesNotThrow(() => parseResults(text, report.resultsPath), 'metrics summarize would refuse the leader\'s own file');
});

test('a leader never takes over the rendezvous file of another job\'s running leader', async () => {
  const runDir = await mkdtemp(join(tmpdir(), 'fractal-shared-'));
  try {
    const first = startLeader({ workersExpected: 1, minWorkers: 1, runDir, job: { scheduler: 'local', jobId: '111', nodeList: null, size: 2 } });
    const port = await first.port;
    const job = { scheduler: 'local' as const, jobId: '222', nodeList: null, size: 2 };
    const second = startLeader({ workersExpected: 1, minWorkers: 1, runDir, token: 'another-token', job });
    await assert.rejects(second.report, (error: FractalError) => {
      assert.equal(error.code, 'E_RUN_DIR_TAKEN');
      assert.match(error.message, /belongs to a running leader \(job 111/);
      assert.match(error.suggestions.join(' '), /its own --run-dir/);
      return true;
    });
    const file = JSON.parse(await readFile(join(runDir, 'rendezvous.json'), 'utf8')) as { jobId: string; token: string };
    assert.deepEqual([file.jobId, file.token], ['111', TOKEN], 'the live leader\'s file was replaced');
    // the first job's worker still finds its leader through the file
    const discovery = createLeaderDiscovery({ runDir, jobId: '111', nodeList: null });
    const report = await Promise.all([first.report, worker(port, 1, { discovery })]);
    await checkRun(report[0]);
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
});

test('a worker with a token of its own never sends it to a rendezvous file\'s address of another token: it waits, then times out', async () => {
  const leader = startLeader({ workersExpected: 1, minWorkers: 1, token: 'other-job-token', joinTimeoutMs: 4000 });
  const port = await leader.port;
  const runDir = join(harnessDir(), 'foreign');
  await mkdir(runDir);
  await writeRendezvous(runDir, {
    kind: RENDEZVOUS_KIND, version: 1, address: `127.0.0.1:${port}`, token: 'other-job-token', jobId: null,
    protocol: PROTOCOL_VERSION, host: hostname(), pid: process.pid, startedAt: new Date().toISOString(),
  });
  const started = performance.now();
  await assert.rejects(
    runWorker({
      discovery: createLeaderDiscovery({ runDir, jobId: null, nodeList: null, token: TOKEN }),
      rank: 1,
      jobId: null,
      threads: 1,
      connectTimeoutMs: 1500,
    }),
    (error: FractalError) => {
      assert.equal(error.code, 'E_LEADER_UNREACHABLE');
      assert.match(error.message, /another token/);
      return true;
    },
  );
  assert.ok(performance.now() - started >= 1400, 'the worker gave up before --connect-timeout');
  assert.equal(leader.events.filter((e) => e.type === 'rejected' && e.kind === 'unauthenticated').length, 0, 'the token was sent to the other job');
  await assert.rejects(leader.report, /only 0 of 1 workers joined/);
});

test('a leader told to listen on a host name that does not resolve says so, and hints at no busy port', async () => {
  const leader = startLeader({ workersExpected: 1, minWorkers: 1, bind: { host: 'no-such-host.invalid', port: 0 } });
  await assert.rejects(leader.report, (error: FractalError) => {
    assert.equal(error.code, 'E_LISTEN');
    assert.match(error.message, /no such host name/);
    assert.doesNotMatch(error.suggestions.join(' '), /hold the port/);
    return true;
  });
});
