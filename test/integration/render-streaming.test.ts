// `fractal render` streams its rows into the PNG and never holds the picture: a 16384×8192 image
// (512 MiB of RGBA) renders in a small fraction of that, and the file, read back a chunk at a
// time by a strict reader, holds the renderer's rows.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';
import { runCli } from '../helpers/cli.js';
import { readPngFile } from '../helpers/png-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-stream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const MiB = 2 ** 20;
const WIDTH = 16384;
const HEIGHT = 8192;
const VIEW = { xpos: -0.5, ypos: 0, escapeRadius: 3, iters: 16, step: 64 };

test('a 512 MiB picture renders in a fraction of its size, and every row in the file is the renderer\'s', async () => {
  const outfile = join(dir, 'big.png');
  const args = ['render', '--json', '--width', String(WIDTH), '--height', String(HEIGHT), '--smoothness', '1', '--threads', '2'];
  const view = ['--xpos', '-0.5', '--ypos', '0', '--escape-radius', '3', '--iters', '16', '--step', '64'];
  const result = await runCli([...args, ...view, '--outfile', outfile], { timeoutMs: 300_000 });
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  const rgbaBytes = WIDTH * HEIGHT * 4;
  // the whole image held at once would be 512 MiB; the process stays far below
  assert.ok(report.process.maxRssBytes < rgbaBytes / 2, `peak RSS ${(report.process.maxRssBytes / MiB).toFixed(0)} MiB`);
  assert.ok(report.heldBytes < 160 * MiB, `held ${(report.heldBytes / MiB).toFixed(0)} MiB for the PNG`);
  assert.deepEqual(readdirSync(dir), ['big.png'], 'a temporary file was left behind');
  // a row every 509 rows (and the last) checked against the scalar renderer, without holding the image
  const spec = resolveImageSpec({ ...DEFAULT_IMAGE, ...VIEW, width: WIDTH, height: HEIGHT, smoothness: 1 });
  const renderer = createRowRenderer(spec, createScalarKernel());
  const expected = new Uint8Array(WIDTH * 4);
  let checked = 0;
  const png = await readPngFile(outfile, {
    onRow: (y, row) => {
      if (y % 509 !== 0 && y !== HEIGHT - 1) return;
      renderer.renderRows(y, 1, expected, 0);
      assert.ok(Buffer.from(row).equals(Buffer.from(expected)), `row ${y}`);
      checked++;
    },
  });
  assert.equal(checked, Math.ceil(HEIGHT / 509) + 1);
  assert.deepEqual([png.width, png.height, png.filteredBytes], [WIDTH, HEIGHT, HEIGHT * (WIDTH * 4 + 1)]);
  // one IDAT a segment: 16 rows hold 1 MiB of filtered bytes at this width
  assert.equal(png.idatChunks, HEIGHT / 16);
  assert.equal(png.zlibBytes + 12 * png.idatChunks + 8 + 25 + 12, report.bytes);
});
