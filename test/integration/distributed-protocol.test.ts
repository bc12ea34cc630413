// The leader and the worker in this process, over real gRPC on loopback (port 0), with misbehaving
// clients spoken through the real protocol: duplicates, out-of-range and wrong-length results,
// a wrong token, another protocol version, a stalled worker, an oversized message, a barrier
// that times out. Each time the PNG must still be exactly `fractal render`'s.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createLeaderDiscovery } from '../../src/core/cluster/discover-leader.js';
import { runLeader, type LeaderEvent, type LeaderOptions, type LeaderReport } from '../../src/core/cluster/leader.js';
import { runWorker, type WorkerReport } from '../../src/core/cluster/worker.js';
import { FractalError } from '../../src/core/errors.js';
import { encodePng, sha256 } from '../../src/core/image/write-png.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { renderImage } from '../../src/core/render/render-image.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';
import { PROTOCOL_VERSION } from '../../src/core/version.js';
import type { StreamFailure } from '../../src/protocol/fractal-proto.js';
import type { LeaderMessage, OutgoingWorkerMessage, Welcome } from '../../src/protocol/messages.js';
import { openWorkStream } from '../../src/protocol/work-client.js';
import { httpJson, validateResultsSchema } from '../helpers/distributed.js';

const input = { width: 96, height: 64, smoothness: 1 };
const spec = resolveImageSpec({ ...DEFAULT_IMAGE, ...input, iters: 300 }, { memoryBytes: 2 ** 34 });
const TOKEN = 'test-token';
let dir: string;
let expectedSha: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fractal-protocol-'));
  expectedSha = sha256(encodePng(await renderImage({ spec, threads: 2 })));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

let runs = 0;

/** A leader on 127.0.0.1:0; resolves `port` once it listens. */
const startLeader = (patch: Partial<LeaderOptions> = {}) => {
  const events: LeaderEvent[] = [];
  const name = `run-${++runs}`;
  let resolvePort: (port: number) => void = () => {};
  let resolveHttp: (port: number | null) => void = () => {};
  const port = new Promise<number>((resolve) => (resolvePort = resolve));
  const httpPort = new Promise<number | null>((resolve) => (resolveHttp = resolve));
  const report = runLeader({
    spec,
    input,
    chunkRows: 4,
    workersExpected: 2,
    minWorkers: 2,
    joinTimeoutMs: 10_000,
    heartbeatIntervalMs: 100,
    heartbeatTimeoutMs: 5000,
    bind: { host: '127.0.0.1', port: 0 },
    advertiseHost: '127.0.0.1',
    token: TOKEN,
    runDir: null,
    outfile: join(dir, `${name}.png`),
    resultsPath: join(dir, `${name}.json`),
    http: null,
    waitForStart: false,
    job: { scheduler: 'local', jobId: null, nodeList: null, size: 3 },
    rank: 0,
    host: 'test-leader',
    threadsPerNode: 1,
    toolVersion: 'test',
    onEvent: (event) => {
      events.push(event);
      if (event.type === 'listening') {
        resolvePort(event.port);
        resolveHttp(event.httpPort);
      }
    },
    ...patch,
  });
  report.catch(() => {});
  return { report, port, httpPort, events };
};

const worker = (port: number, rank: number | null, patch: Partial<Parameters<typeof runWorker>[0]> = {}): Promise<WorkerReport> =>
  runWorker({
    discovery: createLeaderDiscovery({ host: `127.0.0.1:${port}`, token: TOKEN, runDir: null, jobId: null, nodeList: null }),
    rank,
    jobId: null,
    threads: 1,
    connectTimeoutMs: 5000,
    ...patch,
  });

const checkRun = async (report: LeaderReport): Promise<void> => {
  assert.equal(report.results.image.sha256, expectedSha, 'the PNG is fractal render\'s');
  assert.equal(sha256(await readFile(report.outfile)), expectedSha);
  const written = JSON.parse(await readFile(report.resultsPath, 'utf8')) as unknown;
  assert.deepEqual(await validateResultsSchema(written), []);
};

/** A hand-driven client speaking the real protocol. */
const rawClient = (port: number, token = TOKEN) => {
  const messages: LeaderMessage[] = [];
  const waiters: Array<() => void> = [];
  let closedWith: StreamFailure | null | undefined;
  const stream = openWorkStream({
    address: `127.0.0.1:${port}`,
    token,
    maxSendBytes: 64 * 1024 * 1024,
    onMessage: (message) => {
      messages.push(message);
      for (const w of waiters.splice(0)) w();
    },
    onClose: (failure) => {
      closedWith = failure;
      for (const w of waiters.splice(0)) w();
    },
  });
  const until = async <T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return {
    send: (message: OutgoingWorkerMessage) => stream.send(message),
    hello: (rank: number, version = PROTOCOL_VERSION) =>
      stream.send({ hello: { protocol_version: version, rank, host: 'raw', threads: 1, pid: 1, reconnects: 0, job_id: '' } }),
    welcome: () => until(() => messages.find((m): m is Extract<LeaderMessage, { body: 'welcome' }> => m.body === 'welcome')?.welcome, 'Welcome'),
    assigned: () => {
      const units = () => messages.flatMap((m) => (m.body === 'assign' ? m.assign.units : []));
      return until(() => (units().at(0) === undefined ? undefined : units()), 'Assign');
    },
    closed: () => until(() => (closedWith === undefined ? undefined : { failure: closedWith }), 'end of stream'),
    messages,
    cancel: () => stream.cancel(),
  };
};

const unitRgba = (welcome: Welcome, unit: number): Uint8Array => {
  const rowStart = unit * welcome.chunk_rows;
  const rows = Math.min(welcome.chunk_rows, spec.height - rowStart);
  const out = new Uint8Array(rows * spec.width * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(rowStart, rows, out, 0);
  return out;
};

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
  rogue.send({ credit: { units: 2 } });
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
  stalled.send({ credit: { units: 3 } });
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
  await checkRun((await Promise.all([leader.report, worker(port, 2)]))[0]);
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
  const early = await httpJson(http, '/start', 'POST');
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
  const start = await httpJson(http, '/start', 'POST');
  assert.equal(start.status, 200);
  assert.equal((start.body as { started: boolean }).started, true);
  const [report] = await Promise.all([leader.report, ...workers]);
  await checkRun(report);
});
