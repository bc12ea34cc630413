import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats, summarizeRuns, workerCount, type LoadedRun, type SummarizeRunsOptions } from '../../src/core/metrics/summarize-runs.js';
import { makeResults, SHA_A, SHA_B, type ResultsFixtureOptions } from '../helpers/results-fixture.js';

const OPTIONS: SummarizeRunsOptions = { scaleBy: 'workers', outlierThreshold: 0.25 };

const run = (file: string, options: ResultsFixtureOptions): LoadedRun => ({ file, results: makeResults(options) });

const sweep = (times: Record<number, number[]>, extra: ResultsFixtureOptions = {}): LoadedRun[] =>
  Object.entries(times).flatMap(([nodes, walls]) => walls.map((wallMs, i) => run(`n${nodes}-r${i + 1}/results.json`, { ...extra, nodes: Number(nodes), wallMs })));

const close = (actual: number, expected: number, what: string): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} != ${expected}`);

test('computeStats: median (odd and even), mean, sample standard deviation, min, max', () => {
  assert.deepEqual(computeStats([3, 1, 2]), { n: 3, median: 2, mean: 2, stddev: 1, min: 1, max: 3 });
  const even = computeStats([4, 1, 3, 2]);
  assert.equal(even.median, 2.5);
  close(even.stddev, Math.sqrt(5 / 3), 'stddev');
  assert.deepEqual(computeStats([7]), { n: 1, median: 7, mean: 7, stddev: 0, min: 7, max: 7 });
  assert.equal(computeStats([]).n, 0);
});

test('workers: size − 1 for distributed runs, 1 for fractal render', () => {
  assert.equal(workerCount(makeResults({ nodes: 5 })), 4);
  assert.equal(workerCount(makeResults({ mode: 'render' })), 1);
});

test('speedup against the smallest node count median, efficiency per worker (leader not counted)', () => {
  const report = summarizeRuns(sweep({ 5: [500, 520, 510], 2: [2000, 2100, 1900], 3: [1100, 1000, 1050] }), OPTIONS);
  assert.equal(report.studies.length, 1);
  const study = report.studies[0]!;
  assert.deepEqual(study.baseline, { mode: 'distributed', nodes: 2, workers: 1, scale: 1, medianMs: 2000 });
  const groups = study.groups.map((g) => [g.nodes, g.workers, g.runs, g.wallMs.median]);
  assert.deepEqual(groups, [[2, 1, 3, 2000], [3, 2, 3, 1050], [5, 4, 3, 510]]);
  const [g2, g3, g5] = study.groups;
  close(g2!.speedup, 1, 'speedup 2');
  close(g3!.speedup, 2000 / 1050, 'speedup 3');
  close(g3!.efficiency, 2000 / 1050 / 2, 'efficiency 3');
  close(g5!.efficiency, 2000 / 510 / 4, 'efficiency 5');
  assert.deepEqual(g3!.wallTimesMs, [1100, 1000, 1050]);
  assert.deepEqual(report.warnings, []);
});

test('--scale-by nodes counts the leader: efficiency divides by the task ratio', () => {
  const report = summarizeRuns(sweep({ 2: [2000], 3: [1000] }), { ...OPTIONS, scaleBy: 'nodes' });
  const g3 = report.studies[0]!.groups[1]!;
  close(g3.speedup, 2, 'speedup');
  close(g3.efficiency, 2 / (3 / 2), 'efficiency');
  assert.equal(report.studies[0]!.baseline.scale, 2);
});

test('outliers: a run further than the threshold from its group median is named; 2 runs apart are a spread warning', () => {
  const report = summarizeRuns(sweep({ 2: [2000, 2050, 3100], 3: [1000, 1400] }), OPTIONS);
  const outliers = report.warnings.filter((w) => w.kind === 'outlier');
  assert.equal(outliers.length, 1);
  assert.deepEqual(outliers[0]!.files, ['n2-r3/results.json']);
  assert.match(outliers[0]!.message, /n2-r3\/results\.json: wall time 3\.10 s is 51% above the median 2\.05 s of its group, 2 nodes/);
  const spread = report.warnings.filter((w) => w.kind === 'spread');
  assert.equal(spread.length, 1);
  assert.match(spread[0]!.message, /3 nodes .*the 2 runs differ by 40%/);
  const tolerant = summarizeRuns(sweep({ 2: [2000, 2050, 3100], 3: [1000, 1400] }), { ...OPTIONS, outlierThreshold: 0.6 });
  assert.deepEqual(tolerant.warnings.map((w) => w.kind), []);
});

test('a lone run in a group is a single-run warning, not silently a confident figure', () => {
  const report = summarizeRuns(sweep({ 2: [2000, 2010], 3: [1000] }), OPTIONS);
  assert.deepEqual(report.warnings.map((w) => w.kind), ['single-run']);
});

test('different PNG hashes for the same picture are a correctness warning, across groups too', () => {
  const runs = [
    run('a/results.json', { nodes: 2, wallMs: 2000 }),
    run('b/results.json', { nodes: 2, wallMs: 2010 }),
    run('c/results.json', { nodes: 3, wallMs: 1000, sha256: SHA_B }),
    run('d/results.json', { nodes: 3, wallMs: 1005, sha256: SHA_A }),
  ];
  const report = summarizeRuns(runs, OPTIONS);
  const mismatch = report.warnings.filter((w) => w.kind === 'hash-mismatch');
  assert.equal(mismatch.length, 1);
  assert.match(mismatch[0]!.message, /^CORRECTNESS: 2 different PNGs/);
  assert.match(mismatch[0]!.message, /a3f1c2d4e5f6… from a, b, d; b0b1b2b3b4b5… from c/);
  assert.deepEqual(report.studies[0]!.groups[1]!.sha256, [SHA_A, SHA_B].sort());
  // The same hashes for different pictures are no mismatch.
  const other = summarizeRuns([run('a/results.json', { nodes: 2 }), run('b/results.json', { nodes: 2, iters: 500, sha256: SHA_B })], OPTIONS);
  assert.equal(other.warnings.filter((w) => w.kind === 'hash-mismatch').length, 0);
});

test('studies are split by workload and threads per node; each has its own baseline', () => {
  const runs = [
    ...sweep({ 2: [2000, 2000], 3: [1000, 1000] }, { threads: 2 }),
    ...sweep({ 2: [1000, 1000], 5: [250, 250] }, { threads: 4 }),
    ...sweep({ 2: [4000, 4000] }, { threads: 2, iters: 1600 }),
    run('render/results.json', { mode: 'render', wallMs: 1500 }),
    run('render2/results.json', { mode: 'render', wallMs: 1500 }),
  ];
  const report = summarizeRuns(runs, OPTIONS);
  const keys = report.studies.map((s) => `${s.workload.split(',')[1]!.trim()} ${s.mode} ${s.threadsPerNode}t: ${s.groups.map((g) => g.nodes).join(',')}`);
  assert.deepEqual(keys.sort(), ['1600 iters distributed 2t: 2', '800 iters distributed 2t: 1,2,3', '800 iters distributed 4t: 2,5'].sort());
  const fourThreads = report.studies.find((s) => s.threadsPerNode === 4)!;
  close(fourThreads.groups[1]!.efficiency, 1, '4 workers, 4× faster');
});

test('fractal render runs are the one-process baseline of the distributed study of their picture and threads', () => {
  const runs = [...sweep({ 2: [2000, 2000], 3: [1000, 1000] }, { threads: 2 }), run('render/results.json', { mode: 'render', wallMs: 1600 })];
  const study = summarizeRuns(runs, OPTIONS).studies[0]!;
  assert.equal(study.mode, 'distributed');
  assert.deepEqual(study.baseline, { mode: 'render', nodes: 1, workers: 1, scale: 1, medianMs: 1600 });
  assert.deepEqual(study.groups.map((g) => [g.mode, g.nodes, g.workers]), [['render', 1, 1], ['distributed', 2, 1], ['distributed', 3, 2]]);
  // one worker is slower than the one process (the cost of distribution), two are faster
  close(study.groups[1]!.speedup, 0.8, 'one worker against render');
  close(study.groups[2]!.efficiency, 0.8, 'two workers: 1.6× ÷ 2');
  // counting nodes, render is one node and a worker with its leader two
  const byNodes = summarizeRuns(runs, { ...OPTIONS, scaleBy: 'nodes' }).studies[0]!;
  close(byNodes.groups[1]!.efficiency, 0.4, 'one worker and its leader');
  // render alone stays a render study
  const alone = summarizeRuns([run('r1/results.json', { mode: 'render', wallMs: 1000 }), run('r2/results.json', { mode: 'render', wallMs: 1000 })], OPTIONS);
  assert.deepEqual([alone.studies[0]!.mode, alone.studies[0]!.groups.length], ['render', 1]);
});

test('per-node summary: busy share, process figures, lost workers, imbalance between workers', () => {
  const input = run('one/results.json', { nodes: 4, threads: 2, wallMs: 1000, skew: [1, 1.5, 0.5] });
  const report = summarizeRuns([input], OPTIONS);
  assert.equal(report.studies.length, 0, 'one run: no scaling study');
  const summary = report.runs[0]!;
  assert.equal(summary.nodes, 4);
  assert.equal(summary.workers, 3);
  const [leader, w1, w2, w3] = summary.nodeMetrics;
  assert.equal(leader!.busy, null, 'the leader has no compute threads');
  close(w2!.busy!, w2!.computeMs / (2 * summary.timings.renderMs), 'busy');
  const p1 = input.results.nodes[1]!.process!;
  assert.equal(w1!.cpuMs, p1.cpuUserMs + p1.cpuSystemMs);
  assert.equal(w1!.maxRssBytes, p1.maxRssBytes);
  assert.equal(w1!.eventLoopDelayP99Ms, 12.4);
  assert.equal(w1!.gcCount, 17);
  close(w1!.gcPauseMs!, 13.25, 'gc pause');
  const imbalance = summary.imbalance!;
  assert.equal(imbalance.workers, 3);
  assert.equal(imbalance.busiestRank, 2);
  assert.equal(imbalance.idlestRank, 3);
  const mean = (w1!.computeMs + w2!.computeMs + w3!.computeMs) / 3;
  close(imbalance.imbalance, w2!.computeMs / mean - 1, 'imbalance');

  const lost = summarizeRuns([run('lost/results.json', { nodes: 3, lostRanks: [2], requeuedUnits: 2 })], OPTIONS);
  const node = lost.runs[0]!.nodeMetrics.find((n) => n.rank === 2)!;
  assert.equal(node.lost, true);
  assert.equal(node.cpuMs, null);
  assert.equal(lost.runs[0]!.imbalance, null, 'one worker left: nothing to compare');
  assert.deepEqual(lost.warnings.map((w) => w.kind), ['lost-workers', 'requeued-units']);
});

test('the same input gives the same report (goldens rely on it)', () => {
  const runs = sweep({ 3: [1000, 1100, 900], 2: [2000, 2100] });
  assert.deepEqual(summarizeRuns(runs, OPTIONS), summarizeRuns(structuredClone(runs), OPTIONS));
});

test('a run resumed from a checkpoint is shown with a note and kept out of the scaling statistics', () => {
  const runs = [
    run('n2-r1', { nodes: 2, wallMs: 4000 }),
    run('n2-r2', { nodes: 2, wallMs: 4100 }),
    run('n3-resumed', { nodes: 3, wallMs: 900, attempt: 2, resumedUnits: 40 }),
    run('n3-r1', { nodes: 3, wallMs: 2100 }),
  ];
  const report = summarizeRuns(runs, OPTIONS);
  const resumed = report.runs.find((r) => r.file === 'n3-resumed')!;
  assert.equal(resumed.attempt, 2);
  assert.equal(resumed.work.resumedUnits, 40);
  const group = report.studies[0]!.groups.find((g) => g.nodes === 3)!;
  assert.deepEqual(group.files, ['n3-r1'], 'the resumed run is not timed with the others');
  assert.equal(group.wallMs.median, 2100);
  const note = report.warnings.find((w) => w.kind === 'resumed');
  assert.match(note?.message ?? '', /^n3-resumed: resumed from a checkpoint \(attempt 2, 40 unit\(s\) carried over\); its wall time covers only the last attempt/);
});
