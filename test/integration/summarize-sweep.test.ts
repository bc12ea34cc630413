// End to end: a real strong-scaling sweep on this machine (local scheduler; 2 and 3 tasks = 1 and
// 2 workers; 2 repeats each), then `fractal metrics summarize` on the sweep directory it wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { decodePng } from '../../src/core/image/write-png.js';
import type { SummarizeResultsReport } from '../../src/core/metrics/summarize-results.js';
import type { RunResults } from '../../src/core/metrics/results.js';
import { runCli } from '../helpers/cli.js';

const IMAGE = ['--width', '128', '--height', '96', '--smoothness', '1', '--iters', '300'];

test('a local sweep of 1 and 2 workers, 2 repeats, summarised end to end', { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-sweep-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const sweep = join(dir, 'sweep');

  const submit = await runCli(['submit', '--scheduler', 'local', '--nodes', '2,3', '--repeat', '2', '--wait', '--run-dir', sweep, '--threads', '1', ...IMAGE], {
    cwd: dir,
    timeoutMs: 240_000,
  });
  assert.equal(submit.code, 0, `fractal submit failed:\n${submit.stdout}\n${submit.stderr}`);
  const points = (await readdir(sweep, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  assert.deepEqual(points, ['n2-r1', 'n2-r2', 'n3-r1', 'n3-r2']);

  // The PNG each run wrote is the one its results file names and hashes.
  for (const point of points) {
    const results = JSON.parse(await readFile(join(sweep, point, 'results.json'), 'utf8')) as RunResults;
    const path = isAbsolute(results.image.path) ? results.image.path : join(sweep, point, results.image.path);
    const png = await readFile(path).catch(() => readFile(join(dir, results.image.path)));
    assert.equal(createHash('sha256').update(png).digest('hex'), results.image.sha256, `${point}: sha256 of the PNG`);
    assert.equal(decodePng(png).width, 128);
  }

  const json = await runCli(['metrics', 'summarize', sweep, '--json'], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as SummarizeResultsReport;
  assert.equal(report.files, 4);
  assert.equal(report.studies.length, 1, 'one workload, one thread count: one study');
  const study = report.studies[0]!;
  assert.equal(study.mode, 'distributed');
  assert.deepEqual(study.groups.map((g) => [g.nodes, g.workers, g.runs]), [[2, 1, 2], [3, 2, 2]]);
  assert.equal(study.groups[0]!.speedup, 1);
  for (const g of study.groups) {
    assert.ok(g.wallMs.min > 0 && g.wallMs.min <= g.wallMs.median && g.wallMs.median <= g.wallMs.max);
    assert.ok(Number.isFinite(g.efficiency) && g.efficiency > 0);
  }
  assert.equal(new Set(study.groups.flatMap((g) => g.sha256)).size, 1, 'every run wrote the same PNG');
  assert.equal(report.warnings.filter((w) => w.kind === 'hash-mismatch').length, 0);
  for (const run of report.runs) {
    assert.equal(run.nodeMetrics.length, run.nodes, `${run.file}: a line per task`);
    assert.deepEqual(run.nodeMetrics.map((n) => n.role), ['leader', ...Array(run.nodes - 1).fill('worker')]);
    const workers = run.nodeMetrics.filter((n) => n.role === 'worker');
    assert.equal(workers.reduce((s, n) => s + n.rows, 0), 96, `${run.file}: the workers computed every row`);
    // On an image this small one worker may take every unit before the other asks: rows may be 0.
    assert.ok(workers.some((n) => n.computeMs > 0), `${run.file}: a worker computed`);
    assert.ok(run.nodeMetrics.every((n) => n.cpuMs! > 0 && n.maxRssBytes! > 0 && n.eventLoopDelayP99Ms !== null), `${run.file}: process metrics of every node`);
  }

  const table = await runCli(['metrics', 'summarize', sweep, '--plot', join(dir, 'scaling.png')], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^Runs \(4\)$/m);
  assert.match(table.stdout, /^Strong scaling: 128×96 px, 300 iters/m);
  assert.match(table.stdout, /^\s+3\s+2\s+2\s+\S+ m?s\s+/m);
  assert.ok(decodePng(await readFile(join(dir, 'scaling.png'))).width > 1000);

  const one = await runCli(['metrics', 'summarize', join(sweep, 'n3-r1')], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /^\s+nodes\s+3 \(1 leader \+ 2 workers\), 1 thread per node$/m);
  assert.match(one.stdout, /^\s+0\s+\S+\s+leader\s/m);
  assert.match(one.stdout, /^\s+Imbalance between the 2 workers: /m);

  const csv = await runCli(['metrics', 'summarize', sweep, '--format', 'csv', '--table', 'nodes'], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout.trim().split('\n').length, 1 + 2 * 2 + 2 * 3, 'a line per node of every run');
});
