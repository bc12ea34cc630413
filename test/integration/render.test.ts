// `fractal render` as a user runs it: a real process, a real PNG read back and compared with an
// independent statement of the algorithm, the same bytes whatever the threads, clean failures.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { decodePng, sha256 } from '../../src/core/image/write-png.js';
import { runCli } from '../helpers/cli.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';
import { validateResultsSchema } from '../helpers/distributed.js';
import { readPngFile } from '../helpers/png-reader.js';
import { referenceRender } from '../helpers/reference-render.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-render-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SMALL = ['--width', '96', '--height', '72', '--smoothness', '1'];
const render = async (name: string, args: string[]) => {
  const outfile = join(dir, name);
  const result = await runCli(['render', '--quiet', ...args, '--outfile', outfile]);
  assert.equal(result.code, 0, result.stderr);
  return readFileSync(outfile);
};

test('the default view, small: pixel for pixel what the algorithm says', async () => {
  const png = await render('default.png', SMALL);
  const image = decodePng(png);
  assert.equal(image.width, 96);
  assert.equal(image.height, 72);
  const expected = referenceRender({
    width: 96, height: 72, xpos: -0.00275, ypos: 0.78912, escapeRadius: 0.125689, iters: 800, step: 6000, palette: 'Hippi',
  });
  assert.ok(Buffer.from(image.rgba).equals(Buffer.from(expected)), 'decoded pixels differ from the reference');
  // the last row is drawn too (the original wrote its PNG one row early)
  const lastRow = image.rgba.subarray((72 - 1) * 96 * 4);
  assert.ok(lastRow.some((byte) => byte !== 0));
});

test("a README preset of the original (Plan9), pixel for pixel", async () => {
  const args = ['--palette', 'Plan9', '--xpos', '-0.0091275', '--ypos', '0.7899912', '--escape-radius', '.01401245', '--width', '80', '--height', '60', '--smoothness', '1'];
  const image = decodePng(await render('plan9.png', args));
  const expected = referenceRender({
    width: 80, height: 60, xpos: -0.0091275, ypos: 0.7899912, escapeRadius: 0.01401245, iters: 800, step: 6000, palette: 'Plan9',
  });
  assert.ok(Buffer.from(image.rgba).equals(Buffer.from(expected)));
});

test('the PNG bytes do not depend on threads or chunk size', async () => {
  const one = await render('t1.png', [...SMALL, '--threads', '1']);
  const two = await render('t2.png', [...SMALL, '--threads', '2', '--chunk', '3']);
  const three = await render('t3.png', [...SMALL, '--threads', '3', '--chunk', '1']);
  assert.ok(one.equals(two) && one.equals(three));
});

// 1024×768: rows of 4097 filtered bytes, segments of 256 rows, so three deflate segments and IDATs
const SEGMENTED = ['--width', '1024', '--height', '768', '--smoothness', '1', '--iters', '200'];

test('a picture of several segments: the same bytes for any threads and chunk, read back chunk by chunk', async () => {
  const files = [
    await render('seg-1.png', [...SEGMENTED, '--threads', '1']),
    await render('seg-2.png', [...SEGMENTED, '--threads', '2', '--chunk', '5']),
    await render('seg-3.png', [...SEGMENTED, '--threads', '3', '--chunk', '256']),
    await render('seg-4.png', [...SEGMENTED, '--threads', '2', '--chunk', '1000']),
  ];
  for (const file of files.slice(1)) assert.ok(file.equals(files[0]!), 'the bytes depend on the split of the work');
  const report = await readPngFile(join(dir, 'seg-1.png'));
  assert.deepEqual([report.width, report.height, report.idatChunks], [1024, 768, 3]);
  assert.deepEqual(report.filterCounts, [0, 0, 768, 0, 0]);
  // the pixels are the row renderer's (checked against the reference above), whatever the segments
  const spec = resolveImageSpec({ ...DEFAULT_IMAGE, width: 1024, height: 768, smoothness: 1, iters: 200 });
  const expected = new Uint8Array(1024 * 768 * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(0, 768, expected, 0);
  assert.ok(Buffer.from(decodePng(files[0]!).rgba).equals(Buffer.from(expected)), 'decoded pixels differ from the renderer\'s');
});

// Regression pins: sha256 of small reference renders. A change here changes users' pictures;
// update only with a reason (and check the picture against the reference test above).
const PINNED: Array<[string, string[], string]> = [
  ['default 96×72', SMALL, 'c15ab18495a0049027a3e8e944ac2c9575740f1ed0321439688613a5e564bec9'],
  ['Vivid preset 64×36', ['--palette', 'Vivid', '--xpos', '-0.00991275', '--ypos', '0.7899912', '--escape-radius', '.02401245', '--step', '600', '--width', '64', '--height', '36', '--smoothness', '1'], '454d2b66999d12b7d0ff10d73877668b799fe2dfa577050953cf5183e2a89977'],
  ['smooth 64×48', ['--coloring', 'smooth', '--width', '64', '--height', '48', '--smoothness', '1'], '6ed5cb18d191249f149b894a7b762002c59c612ad8952e1c31e208b3edb00ec8'],
  // three segments: pins the segmented format itself (the three above fit one segment, one zlib stream)
  ['default 1024×768, 200 iterations, 3 segments', SEGMENTED, '6086b961fdc0adf9c93a5c2a466f5e98ccbb396efb911afe4b10ada383dfd0db'],
];
for (const [name, args, hash] of PINNED) {
  test(`pinned sha256: ${name}`, async () => {
    assert.equal(sha256(await render(`${name.replace(/\W+/g, '-')}.png`, args)), hash);
  });
}

test('smooth colouring: opaque everywhere, deterministic across threads, interior in one colour', async () => {
  const args = ['--coloring', 'smooth', '--xpos', '-0.5', '--ypos', '0', '--escape-radius', '3', '--iters', '200', '--width', '64', '--height', '48', '--smoothness', '1'];
  const a = await render('s1.png', [...args, '--threads', '1']);
  const b = await render('s2.png', [...args, '--threads', '2', '--chunk', '5']);
  assert.ok(a.equals(b));
  const { rgba, width, height } = decodePng(a);
  for (let p = 3; p < rgba.length; p += 4) assert.equal(rgba[p], 255);
  // the centre of the main cardioid (-0.25, 0) is inside the set: black. Row 24 is y ≈ 0.
  const centre = ((height / 2) * width + Math.round(((-0.25 + 2) / 3) * width)) * 4;
  assert.deepEqual([...rgba.subarray(centre, centre + 4)], [0, 0, 0, 255]);
});

const failsCleanly = async (args: string[], code: number, fragment: string) => {
  const result = await runCli(['render', ...args]);
  assert.equal(result.code, code, `exit code for ${args.join(' ')}: ${result.stderr}`);
  assert.match(result.stderr, new RegExp(fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace without --debug');
  return result;
};

test('bad input: clear message, documented exit code, no stack trace', async () => {
  const out = join(dir, 'never.png');
  await failsCleanly(['--width', '0', '--outfile', out], 3, '--width: expected an integer >= 1, got 0');
  await failsCleanly(['--height', '-3', '--outfile', out], 3, '--height: expected an integer >= 1, got -3');
  await failsCleanly(['--width', '200000000', '--smoothness', '1', '--outfile', out], 3, 'one row is 762.9 MiB of RGBA; expected at most 512.0 MiB');
  await failsCleanly(['--width', '100000', '--height', '100', '--smoothness', '1', '--chunk', '100000', '--outfile', out], 2, '--chunk 100000: a unit of');
  await failsCleanly(['--iters', '0', '--outfile', out], 3, '--iters');
  await failsCleanly(['--palette', 'Rainbow', '--outfile', out], 3, 'expected one of AfternoonBlue');
  await failsCleanly(['--width', 'abc', '--outfile', out], 2, 'Expected an integer');
  await failsCleanly(['--xpos', 'left', '--outfile', out], 2, 'Expected a number');
  await failsCleanly(['--coloring', 'neon', '--outfile', out], 2, 'neon');
  await failsCleanly([...SMALL, '--outfile', join(dir, 'missing', 'x.png')], 3, 'does not exist');
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('never') || f.startsWith('.never')), []);
});

test('an unwritable output fails before rendering and leaves the existing file and no temp file', async (t) => {
  const ro = join(dir, 'ro');
  mkdirSync(ro);
  writeFileSync(join(ro, 'keep.png'), 'previous picture');
  let mounted = false;
  if (process.getuid?.() === 0) {
    try {
      // root ignores permission bits: a read-only mount is the honest way to refuse writes
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', ro]);
      mounted = true;
    } catch {
      t.diagnostic('could not mount a read-only tmpfs; using chmod instead');
    }
  }
  const target = mounted ? join(ro, 'x.png') : join(ro, 'keep.png');
  if (!mounted) execFileSync('chmod', ['555', ro]);
  try {
    const result = await failsCleanly([...SMALL, '--outfile', target], 3, 'cannot write image');
    assert.match(result.stderr, /read-only|permission denied/);
  } finally {
    if (mounted) execFileSync('umount', [ro]);
    else execFileSync('chmod', ['755', ro]);
  }
  assert.equal(readFileSync(join(ro, 'keep.png'), 'utf8'), 'previous picture');
  assert.deepEqual(readdirSync(ro).filter((f) => f.endsWith('.tmp')), []);
});

test('--json returns the report; --debug shows the stack', async () => {
  const outfile = join(dir, 'json.png');
  const result = await runCli(['render', ...SMALL, '--json', '--outfile', outfile]);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.width, 96);
  assert.equal(report.sha256, sha256(readFileSync(outfile)));
  assert.ok(report.iterations > 0);
  const failed = await runCli(['render', '--palette', 'Nope', '--debug', '--outfile', outfile]);
  assert.equal(failed.code, 3);
  assert.match(failed.stderr, /^\s+at /m);
});

test('--results writes a results JSON of mode render, one node, that the schema and metrics summarize accept', async () => {
  const outfile = join(dir, 'baseline.png');
  const resultsPath = join(dir, 'baseline.json');
  const result = await runCli(['render', ...SMALL, '--threads', '2', '--chunk', '4', '--results', resultsPath, '--outfile', outfile]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /results in `.*baseline\.json`/);
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  assert.deepEqual(await validateResultsSchema(results), []);
  assert.equal(results.run.mode, 'render');
  assert.deepEqual(results.scheduler, { name: 'none', jobId: null, nodeList: null, size: 1 });
  assert.equal(results.image.sha256, sha256(readFileSync(outfile)));
  assert.equal(results.image.bytes, readFileSync(outfile).length);
  assert.deepEqual([results.options.chunkRows, results.options.threadsPerNode, results.options.workersExpected], [4, 2, 0]);
  assert.equal(results.nodes.length, 1);
  const [node] = results.nodes;
  assert.deepEqual([node.role, node.rank, node.threads, node.units, node.rows, node.pixels], ['render', 0, 2, 18, 72, 96 * 72]);
  assert.equal(node.iterations, results.work.iterations);
  assert.ok(node.computeMs > 0 && node.process.maxRssBytes > 0);
  assert.ok(results.timings.renderMs <= results.timings.wallMs && results.timings.timeToFirstUnitMs <= results.timings.renderMs);
  const summary = await runCli(['metrics', 'summarize', resultsPath, '--format', 'json']);
  assert.equal(summary.code, 0, summary.stderr);
  assert.equal(JSON.parse(summary.stdout).runs[0].mode, 'render');
  // --results on the PNG itself is refused before anything is written
  const same = await runCli(['render', ...SMALL, '--results', outfile, '--outfile', outfile]);
  assert.equal(same.code, 2, same.stderr);
  assert.match(same.stderr, /--outfile .* and --results .* are the same file/);
});

test('--metrics prints METRICS lines like the original', async () => {
  const result = await runCli(['render', ...SMALL, '--metrics', '--outfile', join(dir, 'm.png')]);
  assert.equal(result.code, 0, result.stderr);
  for (const key of ['time', 'compute', 'encode', 'cpu/user', 'memory/max-rss', 'event-loop/delay']) {
    assert.match(result.stdout, new RegExp(`^METRICS RENDER ${key}: `, 'm'));
  }
});

test('help has a summary and examples; palettes and version answer', async () => {
  const help = await runCli(['render', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /EXAMPLES/);
  assert.match(help.stdout, /--escape-radius/);
  const palettes = await runCli(['palettes']);
  assert.equal(palettes.code, 0);
  assert.equal(palettes.stdout.trim().split('\n').length, 7);
  const swatch = join(dir, 'swatch.png');
  assert.equal((await runCli(['palettes', '--swatch', swatch])).code, 0);
  assert.equal(decodePng(readFileSync(swatch)).height, 7 * 32);
  const version = await runCli(['version', '--json']);
  assert.equal(JSON.parse(version.stdout).protocol, 'fractal.v1/2');
});
