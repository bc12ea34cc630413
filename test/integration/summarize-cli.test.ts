// `fractal metrics summarize` as users run it: the built CLI, real files, exit codes and streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng } from '../../src/core/image/write-png.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/results/', import.meta.url));
const summarize = (...args: string[]) => runCli(['metrics', 'summarize', ...args], { cwd: FIXTURES, timeoutMs: 30_000 });

test('a sweep directory: runs, scaling table and the outlier warning on stdout, exit 0', async () => {
  const result = await summarize('sweep');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Runs \(9\)$/m);
  assert.match(result.stdout, /^\s+5\s+4\s+3\s+705 ms\s+709 ms ± 11 ms\s+701 ms – 722 ms\s+3\.40×\s+85%$/m);
  assert.match(result.stdout, /! sweep\/n3-r3\/results\.json: wall time 1\.90 s is 46% above the median/);
  assert.equal(result.stderr, '');
});

test('bad inputs: exit 3, every file named with its field, nothing on stdout', async () => {
  const result = await summarize('invalid/wrong-type.json', 'invalid/newer-version.json', 'missing.json', 'sweep');
  assert.equal(result.code, 3);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^Error: 3 of 12 inputs cannot be summarised:$/m);
  assert.match(result.stderr, /^ {2}invalid\/wrong-type\.json: nodes\[2\]\.rows: expected a non-negative integer, got "12"$/m);
  assert.match(result.stderr, /^ {2}invalid\/newer-version\.json: schemaVersion: 2 is newer than this fractal reads \(schemaVersion 1\)$/m);
  assert.match(result.stderr, /^ {2}missing\.json: no such file or directory$/m);
  assert.match(result.stderr, /hint: --keep-going summarises the 9 readable files/);
});

test('one bad file: its own message and hint', async () => {
  const result = await summarize('invalid/foreign.json');
  assert.equal(result.code, 3);
  assert.match(result.stderr, /^Error: invalid\/foreign\.json: kind: expected "fractal-results", got nothing: this is not a fractal results file$/m);
  assert.match(result.stderr, /hint: pass the results\.json of a run, a run directory or a sweep directory/);
});

test('--keep-going: bad inputs become warnings on stderr, the rest is summarised, exit 0', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-empty-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const result = await summarize('--keep-going', 'invalid/not-json.json', 'valid/single-run', dir);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Run valid\/single-run$/m);
  assert.match(result.stdout, /Not summarised: 2 inputs \(listed on stderr\)/);
  assert.match(result.stderr, /^warning: skipped invalid\/not-json\.json: not JSON \(line 14, column 29: /m);
  assert.match(result.stderr, new RegExp(`^warning: skipped ${dir}: no results\\.json in this directory or below it$`, 'm'));

  const none = await summarize('--keep-going', 'invalid/not-json.json', dir);
  assert.equal(none.code, 3, 'nothing readable is still an error');
  assert.match(none.stderr, /^Error: 2 of 2 inputs cannot be summarised:/m);
});

test('--json and --format json print the same report; errors as JSON with --json', async () => {
  const json = await summarize('sweep', '--json');
  const format = await summarize('sweep', '--format', 'json');
  assert.equal(json.code, 0);
  const report = JSON.parse(json.stdout) as { runs: unknown[]; studies: Array<{ groups: unknown[] }>; files: number };
  assert.equal(report.files, 9);
  assert.equal(report.studies[0]!.groups.length, 3);
  assert.deepEqual(JSON.parse(format.stdout), report);

  const failure = await summarize('invalid/bad-sha.json', '--json');
  assert.equal(failure.code, 3);
  const error = JSON.parse(failure.stdout) as { error: { code: string; kind: string; message: string; exitCode: number } };
  assert.deepEqual([error.error.code, error.error.kind, error.error.exitCode], ['E_RESULTS_FIELD', 'input', 3]);
  assert.match(error.error.message, /image\.sha256/);
});

test('quoted glob patterns are expanded by fractal itself', async () => {
  const result = await summarize('sweep/n5-*', 'sweep/{n2-r1,n3-r1}/results.json', '--format', 'csv', '--table', 'runs');
  assert.equal(result.code, 0, result.stderr);
  const files = result.stdout.trim().split('\n').slice(1).map((line) => line.split(',')[0]);
  assert.deepEqual(files, ['sweep/n5-r1/results.json', 'sweep/n5-r2/results.json', 'sweep/n5-r3/results.json', 'sweep/n2-r1/results.json', 'sweep/n3-r1/results.json']);
});

test('csv keeps stdout a clean table: warnings go to stderr', async () => {
  const result = await summarize('sweep', '--format', 'csv');
  assert.equal(result.code, 0);
  assert.equal(result.stdout.trim().split('\n').length, 4);
  assert.match(result.stderr, /^warning: sweep\/n3-r3\/results\.json: wall time/m);
});

test('--plot writes a PNG of the scaling study', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-plot-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const plot = join(dir, 'scaling.png');
  const result = await summarize('sweep', '--plot', plot, '--table', 'scaling');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /plot written to .*scaling\.png/);
  const image = decodePng(await readFile(plot));
  assert.ok(image.width > 1000 && image.height > 1000, `${image.width}×${image.height}`);
});

test('usage errors exit 2', async () => {
  const result = await summarize('sweep', '--format', 'xml');
  assert.equal(result.code, 2);
  const plot = await summarize('sweep', '--plot', 'scaling.gif');
  assert.equal(plot.code, 2);
  assert.match(plot.stderr, /--plot scaling\.gif: expected a file name ending in \.png or \.svg, got \.gif/);
});
