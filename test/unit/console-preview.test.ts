// The console's preview against its definition (console/preview.ts): whatever the order and size of
// the units, the finished preview is the nearest-neighbour downscale, each row knows its owner, and
// the changes come out as bands of consecutive rows, each row once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_OWNER, Preview, previewSize, PREVIEW_MAX_SIDE, sampledIndex } from '../../src/core/cluster/leader/console/preview.js';

const randomImage = (width: number, height: number, seed: number): Uint8Array => {
  const rgba = new Uint8Array(width * height * 4);
  let x = seed;
  for (let i = 0; i < rgba.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    rgba[i] = x >>> 24;
  }
  return rgba;
};

const shuffled = <T>(items: T[], seed: number): T[] => {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

test('previewSize keeps the aspect ratio within PREVIEW_MAX_SIDE and never enlarges', () => {
  assert.equal(PREVIEW_MAX_SIDE, 512);
  assert.deepEqual(previewSize(8192, 6144), { width: 512, height: 384 });
  assert.deepEqual(previewSize(1920, 1440), { width: 512, height: 384 });
  assert.deepEqual(previewSize(100_000, 8), { width: 512, height: 1 }, 'a thin image keeps one row');
  assert.deepEqual(previewSize(300, 200), { width: 300, height: 200 }, 'a small image is its own preview');
  assert.deepEqual(previewSize(1000, 3000), { width: 171, height: 512 });
});

for (const [width, height, chunk] of [
  [1000, 300, 7],
  [1920, 1440, 8],
  [300, 2000, 1],
  [513, 513, 64],
] as const) {
  test(`a ${width}×${height} image in units of ${chunk} rows, in any order: the preview is the exact downscale`, () => {
    const image = randomImage(width, height, width + chunk);
    const preview = new Preview({ width, height });
    const units = Array.from({ length: Math.ceil(height / chunk) }, (_, u) => u);
    for (const u of shuffled(units, height)) {
      const start = u * chunk;
      const rows = Math.min(chunk, height - start);
      // a copy at an odd offset: the preview must not assume an aligned view
      const block = new Uint8Array(rows * width * 4 + 1).subarray(1);
      block.set(image.subarray(start * width * 4, (start + rows) * width * 4));
      preview.addRows(start, u % 2 === 0 ? block : block.slice(), u % 5);
    }
    const size = previewSize(width, height);
    const got = new Uint8Array(size.width * size.height * 4);
    for (const band of preview.snapshot()) got.set(band.rgba, band.y * size.width * 4);
    for (let py = 0; py < size.height; py++) {
      const sy = sampledIndex(py, size.height, height);
      for (let px = 0; px < size.width; px++) {
        const sx = sampledIndex(px, size.width, width);
        for (let c = 0; c < 4; c++) {
          if (got[(py * size.width + px) * 4 + c] !== image[(sy * width + sx) * 4 + c]) assert.fail(`pixel (${px}, ${py}) channel ${c}`);
        }
      }
    }
    const owners = preview.snapshot().flatMap((b) => b.owners);
    assert.equal(owners.length, size.height, 'every row delivered');
    owners.forEach((owner, py) => assert.equal(owner, Math.floor(sampledIndex(py, size.height, height) / chunk) % 5));
  });
}

test('changes come out once, as bands of consecutive rows; the snapshot holds only delivered rows', () => {
  const preview = new Preview({ width: 1024, height: 1024 });
  const row = (n: number) => new Uint8Array(n * 1024 * 4).fill(7);
  assert.deepEqual(preview.takeChanges(), []);
  preview.addRows(0, row(8), 1);
  preview.addRows(8, row(8), 2);
  preview.addRows(100, row(4), 3);
  const bands = preview.takeChanges();
  assert.deepEqual(bands.map((b) => [b.y, b.height, b.owners]), [[0, 8, [1, 1, 1, 1, 2, 2, 2, 2]], [50, 2, [3, 3]]]);
  assert.equal(bands[0]!.rgba.length, 8 * 512 * 4);
  assert.deepEqual(preview.takeChanges(), [], 'each change once');
  assert.deepEqual(preview.snapshot().map((b) => [b.y, b.height]), [[0, 8], [50, 2]]);
  // a unit between two sampled rows changes nothing
  const thin = new Preview({ width: 8, height: 10_000 });
  thin.addRows(1, new Uint8Array(8 * 4), 1);
  assert.deepEqual(thin.takeChanges(), []);
  assert.ok(thin.snapshot().every((b) => b.owners.every((o) => o !== NO_OWNER)));
});
