// The results a distributed leader writes (buildDistributedResults) and `fractal render --results`
// writes (buildRenderResults), against the JSON Schema in schema/results.schema.json (ajv).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDistributedResults, buildRenderResults, type DistributedResultsInput } from '../../src/core/metrics/build-results.js';
import { startProcessMetrics } from '../../src/core/metrics/process-metrics.js';
import type { NodeMetrics } from '../../src/core/metrics/results.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { validateResultsSchema } from '../helpers/distributed.js';

const metrics = startProcessMetrics();
const processMetrics = metrics.read();
metrics.stop();

const node = (rank: number, patch: Partial<NodeMetrics> = {}): NodeMetrics => ({
  rank,
  host: `n${rank}`,
  role: rank === 0 ? 'leader' : 'worker',
  threads: rank === 0 ? 0 : 2,
  units: rank === 0 ? 0 : 12,
  rows: rank === 0 ? 0 : 96,
  pixels: rank === 0 ? 0 : 96 * 256,
  iterations: rank === 0 ? 0 : 1_000_000 * rank,
  computeMs: 1234.56789,
  idleMs: 12.3456789,
  bytesSent: 1000,
  bytesReceived: 100,
  reconnects: 0,
  lost: false,
  process: processMetrics,
  ...patch,
});

const input = (patch: Partial<DistributedResultsInput> = {}): DistributedResultsInput => ({
  runId: '20260101T000000Z-abcdef',
  startedAt: new Date('2026-01-01T00:00:00.000Z'),
  finishedAt: new Date('2026-01-01T00:00:02.500Z'),
  toolVersion: '0.1.0',
  nodeVersion: 'v20.20.2',
  scheduler: { name: 'slurm', jobId: '1234', nodeList: 'n[0-3]', size: 4 },
  spec: resolveImageSpec({ ...DEFAULT_IMAGE, width: 256, height: 288, smoothness: 1 }),
  input: { width: 256, height: 288, smoothness: 1 },
  chunkRows: 8,
  workersExpected: 3,
  threadsPerNode: 2,
  image: { path: 'out.png', width: 256, height: 288, bytes: 1234, sha256: 'a'.repeat(64) },
  timings: { wallMs: 2500.123456, joinMs: 100, timeToFirstUnitMs: 20, renderMs: 2000, encodeMs: 50, writeMs: 5 },
  work: {
    units: 36,
    requeuedUnits: 2,
    rejectedResults: { duplicate: 1, outOfRange: 0, malformed: 0, unauthenticated: 3 },
    lostWorkers: [{ rank: 2, host: 'n2', reason: 'its stream broke', requeuedUnits: 2 }],
  },
  leader: node(0),
  workers: [node(3), node(1), node(2, { lost: true, process: null })],
  ...patch,
});

test('a distributed run\'s results validate against the JSON Schema', async () => {
  const results = buildDistributedResults(input());
  assert.deepEqual(await validateResultsSchema(results), []);
  assert.equal(results.run.mode, 'distributed');
  assert.equal(results.tool.protocol, 'fractal.v1/2');
});

test('the leader comes first, workers by rank; work totals are the workers\' sums', () => {
  const results = buildDistributedResults(input());
  assert.deepEqual(results.nodes.map((n) => n.rank), [0, 1, 2, 3]);
  assert.equal(results.nodes[0]!.role, 'leader');
  assert.equal(results.work.rows, 288);
  assert.equal(results.work.pixels, 288 * 256);
  assert.equal(results.work.iterations, 6_000_000);
  assert.equal(results.nodes[2]!.lost, true);
  assert.equal(results.timings.wallMs, 2500.123, 'timings to the microsecond');
  assert.equal(results.nodes[1]!.computeMs, 1234.568);
});

test('the schema catches what a careless builder could write', async () => {
  const results = buildDistributedResults(input()) as unknown as Record<string, Record<string, unknown>>;
  results['options']!['image'] = { ...(results['options']!['image'] as object), fractal: 'julia' };
  assert.ok((await validateResultsSchema(results)).some((e) => e.includes('additional')));
  const noLeader = buildDistributedResults(input({ workers: [] }));
  noLeader.nodes = [];
  assert.ok((await validateResultsSchema(noLeader)).length > 0);
});

test('a render\'s results: mode render, one task on no scheduler, one node that did all the work, nothing lost', async () => {
  const { runId, startedAt, finishedAt, toolVersion, nodeVersion, spec, input: flags, chunkRows, threadsPerNode, image, timings } = input();
  const one = node(0, { role: 'render', units: 36, rows: 288, pixels: 288 * 256, iterations: 6_000_000, bytesSent: 0, bytesReceived: 0 });
  const common = { runId, startedAt, finishedAt, toolVersion, nodeVersion, spec, input: flags, chunkRows, threadsPerNode, image };
  const results = buildRenderResults({ ...common, timings: { ...timings, joinMs: 0 }, node: one });
  assert.deepEqual(await validateResultsSchema(results), []);
  assert.equal(results.run.mode, 'render');
  assert.deepEqual(results.scheduler, { name: 'none', jobId: null, nodeList: null, size: 1 });
  assert.equal(results.options.workersExpected, 0);
  assert.deepEqual(results.nodes.map((n) => [n.rank, n.role]), [[0, 'render']]);
  assert.deepEqual([results.work.units, results.work.rows, results.work.pixels, results.work.iterations], [36, 288, 288 * 256, 6_000_000]);
  assert.deepEqual([results.work.requeuedUnits, results.work.lostWorkers], [0, []]);
  assert.equal(results.nodes[0]!.computeMs, 1234.568);
});
