import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FractalError } from '../../src/core/errors.js';
import { decodePng } from '../../src/core/image/write-png.js';
import { buildScalingPlotSpec, renderScalingPlot } from '../../src/core/metrics/scaling-plot.js';
import { summarizeResults } from '../../src/core/metrics/summarize-results.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/results/', import.meta.url));

const summarize = (inputs: string[], plot?: string) =>
  summarizeResults({ inputs, cwd: FIXTURES, keepGoing: false, scaleBy: 'workers', outlierThreshold: 0.25, plot });

test('the spec holds every run, the min–max of each group and an ideal line through the baseline', async () => {
  const { studies } = await summarize(['sweep']);
  const spec = buildScalingPlotSpec(studies) as unknown as { data: Array<{ name: string; values: Array<Record<string, number>> }> };
  const data = Object.fromEntries(spec.data.map((d) => [d.name, d.values]));
  assert.equal(data['runs']!.length, 9);
  assert.deepEqual(data['groups']!.map((g) => [g['x'], g['min'], g['max']]), [[1, 2.381, 2.452], [2, 1.261, 1.904], [4, 0.701, 0.722]]);
  const ideal = data['ideal']!;
  assert.equal(ideal[0]!['x'], 1);
  assert.equal(ideal[0]!['time'], 2.4, 'ideal starts at the baseline median');
  assert.equal(ideal[ideal.length - 1]!['x'], 4);
  assert.ok(Math.abs(ideal[ideal.length - 1]!['time']! - 0.6) < 1e-9, 'ideal at 4 workers is a quarter');
});

test('SVG: axes, titles and the ideal line are drawn as text and paths', async () => {
  const { studies } = await summarize(['sweep']);
  const svg = (await renderScalingPlot(studies, 'svg')) as string;
  assert.match(svg, /^<svg /);
  for (const text of ['Strong scaling', 'wall time (s)', 'parallel efficiency', 'ideal', 'workers (nodes − 1: the leader computes no pixels)', '100%']) {
    assert.ok(svg.includes(text), `the SVG shows "${text}"`);
  }
  assert.ok((svg.match(/stroke-dasharray="6,4"/g) ?? []).length >= 2, 'two dashed ideal lines');
});

test('PNG: a real image, twice the SVG size, white background, coloured marks', async () => {
  // the render run joins the sweep's study as its baseline; a second study (4 threads a node) for a second colour
  const study = (await summarize(['sweep', 'valid/render.json'])).studies[0]!;
  assert.equal(study.groups[0]!.mode, 'render');
  const halve = (ms: number) => ms / 2;
  const halveStats = (w: typeof study.groups[0]['wallMs']) => ({ ...w, median: halve(w.median), min: halve(w.min), max: halve(w.max) });
  const faster = {
    ...study,
    threadsPerNode: 4,
    groups: study.groups.map((g) => ({ ...g, wallMs: halveStats(g.wallMs), wallTimesMs: g.wallTimesMs.map(halve) })),
  };
  const studies = [study, faster];
  const svg = (await renderScalingPlot(studies, 'svg')) as string;
  const png = (await renderScalingPlot(studies, 'png')) as Uint8Array;
  const image = decodePng(Buffer.from(png));
  const svgWidth = Number(/width="(\d+)"/.exec(svg)![1]);
  assert.equal(image.width, svgWidth * 2);
  assert.ok(image.height > 800);
  const px = (x: number, y: number) => [...image.rgba.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
  assert.deepEqual(px(2, 2), [255, 255, 255, 255]);
  let blue = 0;
  let orange = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    const [r, g, b] = [image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!];
    if (b > 150 && r < 110 && g > 90 && g < 150) blue++;
    if (r > 220 && g > 100 && g < 160 && b < 60) orange++;
  }
  assert.ok(blue > 2000, `median line and points drawn (${blue} blue pixels)`);
  assert.ok(orange > 50, `the second study has its own colour (${orange} orange pixels)`);
});

test('--plot writes the file; bad extensions, one run and a missing directory are errors before any work', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-plot-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const report = await summarize(['sweep'], join(dir, 'scaling.png'));
  assert.deepEqual(report.plot, { path: join(dir, 'scaling.png'), format: 'png' });
  assert.equal(decodePng(await readFile(join(dir, 'scaling.png'))).width > 0, true);
  await summarize(['sweep'], join(dir, 'scaling.svg'));
  assert.match(await readFile(join(dir, 'scaling.svg'), 'utf8'), /^<svg /);

  const failure = async (inputs: string[], plot: string): Promise<FractalError> => {
    try {
      await summarize(inputs, plot);
    } catch (error) {
      assert.ok(error instanceof FractalError);
      return error;
    }
    return assert.fail('no error');
  };
  const ext = await failure(['sweep'], join(dir, 'scaling.jpg'));
  assert.deepEqual([ext.kind, ext.code], ['usage', 'E_PLOT_FORMAT']);
  assert.match(ext.message, /expected a file name ending in \.png or \.svg, got \.jpg/);
  const one = await failure(['valid/single-run'], join(dir, 'one.png'));
  assert.deepEqual([one.kind, one.code], ['usage', 'E_PLOT_ONE_RUN']);
  const missing = await failure(['no-such-input'], join(dir, 'nope', 'scaling.png'));
  assert.equal(missing.code, 'E_OUTPUT_DIR', 'the plot path is checked before the inputs are read');
});
