// The leader and the worker in this process, over real gRPC on loopback (port 0), with misbehaving
// clients spoken through the real protocol: duplicates, out-of-range and wrong-length results,
// a wrong token, another protocol version, a stalled worker, an oversized message, a barrier
// that times out. Each time the PNG must still be exactly `fractal render`'s.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createLeaderDiscovery } from '../../src/core/cluster/discover-leader.js';
import { FractalError } from '../../src/core/errors.js';
import { httpJson } from '../helpers/distributed.js';
import { checkRun, rawClient, setUpHarness, spec, startLeader, TOKEN, tearDownHarness, unitRgba, worker } from '../helpers/leader-harness.js';

before(setUpHarness);
after(tearDownHarness);

test('two workers render the image, one sending raw RGBA, one DEFLATE; the results name both and validate', async () => {
  const leader = startLeader();
  const port = await leader.port;
  const [report, a, b] = await Promise.all([leader.report, worker(port, 1, { compress: false }), worker(port, 2, { compress: true })]);
  await checkRun(report);
  const r = report.results;
  assert.deepEqual(r.nodes.map((n) => [n.rank, n.role]), [[0, 'leader'], [1, 'worker'], [2, 'worker']]);
  assert.equal(a.node.units + b.node.units, r.work.units);
  assert.equal(r.work.rows, spec.height);
  assert.deepEqual(r.work.rejectedResults, { duplicate: 0, outOfRange: 0, malformed: 0, unauthenticated: 0 });
  assert.ok(r.nodes[1]!.process !== null, 'the workers sent their metrics');
  // raw: 4 bytes a pixel and a little framing; DEFLATE: a fraction of that
  const [raw, packed] = [r.nodes[1]!, r.nodes[2]!];
  assert.ok(raw.bytesSent >= raw.pixels * 4 && raw.bytesSent < raw.pixels * 4.5, `raw: ${raw.bytesSent} bytes for ${raw.pixels} pixels`);
  assert.ok(packed.bytesSent < packed.pixels * 2, `deflate: ${packed.bytesSent} bytes for ${packed.pixels} pixels`);
});

test('duplicate, out-of-range and wrong-length results are rejected, counted, and never written', async () => {
  const leader = startLeader();
  const port = await leader.port;
  const rogue = rawClient(port);
  rogue.hello(1);
  const welcome = await rogue.welcome();
  rogue.send({ credit: { units: 2, window: 0 } });
  const real = worker(port, 2);
  const [first, second] = await rogue.assigned();
  assert.ok(first !== undefined && second !== undefined);
  const good = unitRgba(welcome, first);
  rogue.send({ results: { results: [{ unit: first, rgba: good, iterations: 1, compute_ns: 1, encoding: 'RGBA_RAW' }] } });
  rogue.send({ results: { results: [{ unit: first, rgba: good, iterations: 1, compute_ns: 1, encoding: 'RGBA_RAW' }] } });
  rogue.send({ results: { results: [{ unit: 99_999, rgba: good, iterations: 1, compute_ns: 1, encoding: 'RGBA_RAW' }] } });
  rogue.send({ results: { results: [{ unit: second, rgba: new Uint8Array(12).fill(200), iterations: 1, compute_ns: 1, encoding: 'RGBA_RAW' }] } });
  const { failure } = await rogue.closed();
  assert.equal(failure?.status, 'INVALID_ARGUMENT');
  assert.match(failure?.details ?? '', /malformed result \(unit \d+: 12 bytes of RGBA, expected \d+\)/);
  const [report] = await Promise.all([leader.report, real]);
  await checkRun(report);
  assert.deepEqual(report.results.work.rejectedResults, { duplicate: 1, outOfRange: 1, malformed: 1, unauthenticated: 0 });
  const lost = report.results.work.lostWorkers;
  assert.equal(lost.length, 1);
  assert.equal(lost[0]!.rank, 1);
  assert.ok(lost[0]!.requeuedUnits >= 1, 'the unit it spoiled went to the other worker');
  assert.equal(report.results.nodes[1]!.units, 1, 'its one good unit counts');
});

test('a client without the job\'s token is refused and gets no work', async () => {
  const leader = startLeader({ workersExpected: 1, minWorkers: 1 });
  const port = await leader.port;
  const intruder = rawClient(port, 'wrong-token');
  intruder.hello(1);
  const { failure } = await intruder.closed();
  assert.equal(failure?.status, 'UNAUTHENTICATED');
  assert.deepEqual(intruder.messages, [], 'no Welcome, no Assign');
  const refused = await worker(port, 1, {
    discovery: createLeaderDiscovery({ host: `127.0.0.1:${port}`, token: 'also-wrong', runDir: null, jobId: null, nodeList: null }),
  }).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(refused instanceof FractalError && refused.kind === 'cluster' && refused.code === 'E_UNAUTHENTICATED', String(refused));
  assert.match(refused.message, /refused this worker: missing or wrong job token/);
  const [report] = await Promise.all([leader.report, worker(port, 1)]);
  await checkRun(report);
  assert.equal(report.results.work.rejectedResults.unauthenticated, 2);
});

test('another protocol version is refused with both versions named', async () => {
  const leader = startLeader({ workersExpected: 1, minWorkers: 1 });
  const port = await leader.port;
  const old = rawClient(port);
  old.hello(1, 'fractal.v0/7');
  const { failure } = await old.closed();
  assert.equal(failure?.status, 'FAILED_PRECONDITION');
  assert.match(failure?.details ?? '', /this leader speaks fractal\.v1\/2, the worker speaks fractal\.v0\/7/);
  await checkRun((await Promise.all([leader.report, worker(port, 1)]))[0]);
});

test('a stalled worker is dropped after its heartbeat timeout and its units re-queued', async () => {
  const leader = startLeader({ heartbeatTimeoutMs: 700 });
  const port = await leader.port;
  const stalled = rawClient(port);
  stalled.hello(1);
  await stalled.welcome();
  stalled.send({ credit: { units: 3, window: 0 } });
  const real = worker(port, 2);
  const held = await stalled.assigned();
  // says nothing more: no results, no heartbeats
  const { failure } = await stalled.closed();
  assert.equal(failure?.status, 'DEADLINE_EXCEEDED');
  const [report] = await Promise.all([leader.report, real]);
  await checkRun(report);
  const lost = report.results.work.lostWorkers;
  assert.equal(lost.length, 1);
  assert.match(lost[0]!.reason, /heartbeat timeout/);
  assert.equal(lost[0]!.requeuedUnits, held.length);
  assert.equal(report.results.work.requeuedUnits, held.length);
  assert.equal(report.results.nodes.find((n) => n.rank === 1)?.lost, true);
});

test('an oversized message is refused by the transport', async () => {
  const leader = startLeader({ workersExpected: 1, minWorkers: 1 });
  const port = await leader.port;
  const big = rawClient(port);
  big.hello(1);
  await big.welcome();
  big.send({ results: { results: [{ unit: 0, rgba: new Uint8Array(5 * 1024 * 1024), iterations: 0, compute_ns: 0, encoding: 'RGBA_RAW' }] } });
  const { failure } = await big.closed();
  assert.equal(failure?.status, 'RESOURCE_EXHAUSTED');
  const [report] = await Promise.all([leader.report, worker(port, 2)]);
  await checkRun(report);
  assert.equal(report.results.work.rejectedResults.malformed, 1, 'the refused message was not counted');
  assert.ok(leader.events.some((e) => e.type === 'rejected' && /over this leader's limit/.test(e.detail)), 'the refusal was not reported');
});

test('the barrier names the ranks that never joined, and the joined worker is told', async () => {
  const leader = startLeader({ workersExpected: 3, minWorkers: 3, joinTimeoutMs: 600 });
  const port = await leader.port;
  const joined = worker(port, 2).then(
    () => undefined,
    (error: unknown) => error,
  );
  const failure = await leader.report.then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(failure instanceof FractalError && failure.code === 'E_BARRIER_TIMEOUT', String(failure));
  assert.match(failure.message, /only 1 of 3 workers joined within 0\.6 s; ranks 1, 3 never joined/);
  assert.ok(failure.suggestions.some((s) => s.includes('--min-workers 1')));
  const workerError = await joined;
  assert.ok(workerError instanceof FractalError && workerError.code === 'E_RUN_ABORTED', String(workerError));
  assert.match(workerError.message, /ranks 1, 3 never joined/);
});

test('with --min-workers the run goes on, and records who never came', async () => {
  const leader = startLeader({ workersExpected: 2, minWorkers: 1, joinTimeoutMs: 500 });
  const port = await leader.port;
  const [report] = await Promise.all([leader.report, worker(port, 1)]);
  await checkRun(report);
  assert.deepEqual(report.results.work.lostWorkers.map((l) => [l.rank, l.reason]), [[2, 'never joined within the join timeout (0.5 s)']]);
  assert.ok(leader.events.some((e) => e.type === 'barrier-timeout'));
});

test('GET /status reports progress; POST /start starts a leader that waits for it, once a worker is in', async () => {
  const leader = startLeader({ http: { host: '127.0.0.1', port: 0 }, waitForStart: true });
  const port = await leader.port;
  const http = (await leader.httpPort)!;
  const early = await httpJson(http, '/start', 'POST', TOKEN);
  assert.equal(early.status, 409, 'no start without a worker');
  assert.match((early.body as { message: string }).message, /no worker has joined yet/);
  const workers = [worker(port, 1), worker(port, 2)];
  for (let i = 0; i < 100; i++) {
    const { body } = await httpJson(http, '/status');
    if ((body as { workersJoined: number }).workersJoined === 2) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { status, body } = await httpJson(http, '/status');
  assert.equal(status, 200);
  const s = body as {
    state: string;
    workersExpected: number;
    workersJoined: number;
    units: { total: number; done: number };
    workers: Array<{ rank: number; state: string }>;
  };
  assert.equal(s.state, 'waiting', 'nothing starts before POST /start');
  assert.equal(s.workersJoined, 2);
  assert.equal(s.units.total, spec.height / 4);
  assert.equal(s.units.done, 0);
  assert.deepEqual(s.workers.map((w) => w.rank), [1, 2]);
  // the same, for Prometheus: a running job watched with the tools people already use
  const metrics = await fetch(`http://127.0.0.1:${http}/metrics`, { signal: AbortSignal.timeout(5000) });
  assert.equal(metrics.status, 200);
  assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await metrics.text();
  assert.match(text, /^fractal_workers_joined 2$/m);
  assert.match(text, /^fractal_leader_state\{state="waiting"\} 1$/m);
  assert.match(text, /^fractal_worker_state\{rank="2",host="[^"]+",state="joined"\} 1$/m);
  assert.equal((await httpJson(http, '/start', 'GET')).status, 405);
  assert.equal((await httpJson(http, '/nowhere')).status, 404);
  // changing the run needs the job's token; reading it does not
  const anonymous = await httpJson(http, '/start', 'POST');
  assert.equal(anonymous.status, 401);
  assert.match((anonymous.body as { error: string }).error, /needs the job's token/);
  assert.equal((await httpJson(http, '/start', 'POST', 'wrong-token')).status, 401);
  assert.equal((await httpJson(http, '/status')).status, 200, 'reading the status needs no token');
  const start = await httpJson(http, '/start', 'POST', TOKEN);
  assert.equal(start.status, 200);
  assert.equal((start.body as { started: boolean }).started, true);
  const [report] = await Promise.all([leader.report, ...workers]);
  await checkRun(report);
});
