// A leader and workers in the test's own process over real gRPC on loopback (port 0), and a
// hand-driven client that speaks the real protocol, for the distributed protocol and hardening
// tests. Each test file makes one harness; every run writes into the harness's temp folder.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLeaderDiscovery } from '../../src/core/cluster/discover-leader.js';
import { runLeader, type LeaderEvent, type LeaderOptions, type LeaderReport } from '../../src/core/cluster/leader/index.js';
import { runWorker, type WorkerReport } from '../../src/core/cluster/worker/index.js';
import { encodePng, sha256 } from '../../src/core/image/write-png.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';
import { PROTOCOL_VERSION } from '../../src/core/version.js';
import type { StreamFailure } from '../../src/protocol/fractal-proto.js';
import type { LeaderMessage, OutgoingWorkerMessage, Welcome } from '../../src/protocol/messages.js';
import { openWorkStream } from '../../src/protocol/work-client.js';
import { validateResultsSchema } from './distributed.js';

export const input = { width: 96, height: 64, smoothness: 1 };
export const spec = resolveImageSpec({ ...DEFAULT_IMAGE, ...input, iters: 300 });
export const TOKEN = 'test-token';
let dir = '';
let expectedSha = '';

/** Call from before(): the temp folder and the reference PNG's digest. */
export const setUpHarness = async (): Promise<void> => {
  dir = await mkdtemp(join(tmpdir(), 'fractal-protocol-'));
  const rgba = new Uint8Array(spec.width * spec.height * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(0, spec.height, rgba, 0);
  expectedSha = sha256(await encodePng({ width: spec.width, height: spec.height, rgba }));
};

/** Call from after(). */
export const tearDownHarness = async (): Promise<void> => {
  await rm(dir, { recursive: true, force: true });
};

export const harnessDir = (): string => dir;
export const referenceSha = (): string => expectedSha;

let runs = 0;

/** A leader on 127.0.0.1:0; resolves `port` once it listens. */
export const startLeader = (patch: Partial<LeaderOptions> = {}) => {
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
    memoryBytes: 2 ** 34,
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

export const worker = (port: number, rank: number | null, patch: Partial<Parameters<typeof runWorker>[0]> = {}): Promise<WorkerReport> =>
  runWorker({
    discovery: createLeaderDiscovery({ host: `127.0.0.1:${port}`, token: TOKEN, runDir: null, jobId: null, nodeList: null }),
    rank,
    jobId: null,
    threads: 1,
    connectTimeoutMs: 5000,
    ...patch,
  });

export const checkRun = async (report: LeaderReport): Promise<void> => {
  assert.equal(report.results.image.sha256, expectedSha, 'the PNG is fractal render\'s');
  assert.equal(sha256(await readFile(report.outfile)), expectedSha);
  const written = JSON.parse(await readFile(report.resultsPath, 'utf8')) as unknown;
  assert.deepEqual(await validateResultsSchema(written), []);
};

/** A hand-driven client speaking the real protocol. */
export const rawClient = (port: number, token = TOKEN) => {
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
    stopped: () => until(() => (messages.some((m) => m.body === 'stop') ? true : undefined), 'Stop'),
    closed: () => until(() => (closedWith === undefined ? undefined : { failure: closedWith }), 'end of stream'),
    messages,
    cancel: () => stream.cancel(),
  };
};

export const unitRgba = (welcome: Welcome, unit: number): Uint8Array => {
  const rowStart = unit * welcome.chunk_rows;
  const rows = Math.min(welcome.chunk_rows, spec.height - rowStart);
  const out = new Uint8Array(rows * spec.width * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(rowStart, rows, out, 0);
  return out;
};

