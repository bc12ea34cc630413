// Network figures and labels from results to summary: the schema takes them, the parser reads
// them back, the summary names the bottleneck, and labelled runs make one study per label set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDistributedResults } from '../../src/core/metrics/build-results.js';
import { formatSummary } from '../../src/core/metrics/format-summary.js';
import { parseLabelFlags } from '../../src/core/metrics/labels.js';
import { validateResults } from '../../src/core/metrics/parse-results.js';
import type { NodeNetwork, RunResults } from '../../src/core/metrics/results.js';
import { summarizeNetwork } from '../../src/core/metrics/summarize-network.js';
import type { SummarizeResultsReport } from '../../src/core/metrics/summarize-results.js';
import { summarizeRuns, type LoadedRun, type SummaryReport } from '../../src/core/metrics/summarize-runs.js';
import { buildScalingPlotSpec } from '../../src/core/metrics/scaling-plot.js';
import { validateResultsSchema } from '../helpers/distributed.js';
import { makeResults } from '../helpers/results-fixture.js';

const network = (starvedMs: number, rtt: number): NodeNetwork => ({
  rttMs: { median: rtt, p99: rtt * 2, max: rtt * 3, samples: 12 },
  starvedMs,
  inFlight: { mean: 10.5, max: 16 },
  window: { final: 16, max: 20 },
});

/** A run of 2 workers (2 threads each, render 1000 ms) whose workers starved starvedMs each. */
const networked = (starvedMs: number, rtt: number, labels?: Record<string, string>, nodes = 3): RunResults => {
  const r = makeResults({ nodes, wallMs: 1200 });
  r.timings.renderMs = 1000;
  const leader = { idleMs: 600, network: { writeWaitMs: { mean: 1.5, max: 9 } } };
  r.nodes = r.nodes.map((n) => (n.role === 'worker' ? { ...n, network: network(starvedMs, rtt) } : { ...n, ...leader }));
  if (labels) r.labels = labels;
  return r;
};

const document = (report: SummaryReport): SummarizeResultsReport => ({ ...report, files: report.runs.length, skipped: [], plot: null });

test('network figures and labels validate against the schema and read back unchanged', async () => {
  const r = networked(360, 10.2, { rtt: '10ms', study: 'a' });
  assert.deepEqual(await validateResultsSchema(r), []);
  const back = validateResults(JSON.parse(JSON.stringify(r)), 'results.json');
  assert.deepEqual(back.labels, { rtt: '10ms', study: 'a' });
  assert.deepEqual(back.nodes[1]!.network, r.nodes[1]!.network);
  assert.deepEqual(back.nodes[0]!.network, { writeWaitMs: { mean: 1.5, max: 9 } });
  const badLabel = { ...JSON.parse(JSON.stringify(r)), labels: { '1bad': 'x' } };
  assert.throws(() => validateResults(badLabel, 'results.json'), /results\.json: labels\.1bad: expected a label/);
  const broken = JSON.parse(JSON.stringify(r)) as RunResults;
  (broken.nodes[1]!.network!.rttMs as { median: unknown }).median = -1;
  assert.throws(() => validateResults(broken, 'results.json'), /nodes\[1\]\.network\.rttMs\.median: expected a non-negative number/);
});

test('build-results writes labels only when there are some', () => {
  const r = makeResults();
  const input = {
    runId: 'r', startedAt: new Date(0), finishedAt: new Date(1), toolVersion: '0', nodeVersion: 'v20', scheduler: r.scheduler,
    spec: r.options.image, input: r.options.input, chunkRows: 8, workersExpected: 2, threadsPerNode: 2, image: r.image, timings: r.timings,
    work: { units: 24, requeuedUnits: 0, rejectedResults: r.work.rejectedResults, lostWorkers: [] },
    leader: r.nodes[0]!,
    workers: r.nodes.slice(1),
  };
  assert.equal('labels' in buildDistributedResults(input), false);
  assert.equal('labels' in buildDistributedResults({ ...input, labels: {} }), false);
  assert.deepEqual(buildDistributedResults({ ...input, labels: { rtt: '1ms' } }).labels, { rtt: '1ms' });
});

test('workers starved beyond 5% of the render name the network as the bottleneck, with the median RTT', () => {
  // 2 workers × 2 threads × 1000 ms = 4000 thread ms; 360 ms starved each = 18%
  const slow = summarizeNetwork(networked(360, 10.2))!;
  assert.equal(slow.bottleneck, 'network');
  assert.ok(Math.abs(slow.starved! - 0.18) < 1e-9);
  assert.equal(slow.verdict, 'the network is the bottleneck: workers starved 18% of the render; median RTT 10.2 ms');
  const quiet = summarizeNetwork(networked(20, 0.3))!;
  assert.equal(quiet.bottleneck, 'none');
  assert.match(quiet.verdict, /^the network is not the bottleneck: workers starved 1% of the render; median RTT 0\.3 ms$/);
  assert.equal(summarizeNetwork(makeResults()), null, 'no figures, no verdict');
});

test('one run\'s summary has a network table and the verdict', () => {
  const report = summarizeRuns([{ file: 'run/results.json', results: networked(360, 10.2) }], { scaleBy: 'workers', outlierThreshold: 0.25 });
  const text = formatSummary(document(report), { format: 'table', width: 1000 });
  assert.match(text, /RTT p50 +p99 +max +starved/);
  assert.match(text, /10\.2 ms +20\.4 ms +30\.6 ms +18% +10\.5 \(16\) +16/);
  assert.match(text, /Network: the network is the bottleneck: workers starved 18% of the render; median RTT 10\.2 ms\./);
  assert.match(text, /Results waited 1\.50 ms on average \(at most 9\.00 ms\)/);
});

test('runs that differ by labels are separate studies, one table, one plot series each', () => {
  const runs: LoadedRun[] = [];
  for (const rtt of ['0ms', '10ms']) {
    for (const nodes of [2, 3]) runs.push({ file: `rtt${rtt}-n${nodes}/results.json`, results: networked(10, 1, { rtt }, nodes) });
  }
  const report = summarizeRuns(runs, { scaleBy: 'workers', outlierThreshold: 0.25 });
  assert.deepEqual(report.studies.map((s) => s.labels), [{ rtt: '0ms' }, { rtt: '10ms' }]);
  const text = formatSummary(document(report), { format: 'table', width: 120 });
  assert.equal(text.match(/Study by rtt:/g)?.length, 1, 'one table for the labelled study');
  assert.match(text, /rtt=0ms +1 +1/);
  assert.match(text, /rtt=10ms +2 +1/);
  const spec = JSON.stringify(buildScalingPlotSpec(report.studies));
  assert.match(spec, /"rtt=0ms"/);
  assert.match(spec, /"rtt=10ms"/);
});

test('--label takes KEY=VALUE, a later key wins, and anything else is a usage error', () => {
  assert.deepEqual(parseLabelFlags(['rtt=10ms', 'nodes=4', 'rtt=1ms', 'note=a=b']), { rtt: '1ms', nodes: '4', note: 'a=b' });
  assert.throws(() => parseLabelFlags(['rtt']), /--label "rtt": expected KEY=VALUE, but there is no =/);
  assert.throws(() => parseLabelFlags(['9x=1']), /the key "9x" is not a letter/);
  assert.throws(() => parseLabelFlags(['a=\u001b[2J']), /control character/);
});
