// The leader's streaming PNG against encodePng (pngjs): the same bytes for every filter setting,
// image shape and order of arrival, and only early blocks are ever held.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPngAssembler } from '../../src/core/image/png-assembler.js';
import { decodePng, encodePng, PNG_ENCODING, type PngEncoding } from '../../src/core/image/write-png.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';

/** A deterministic pseudo-random generator, so that a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

const noise = (width: number, height: number, rand: () => number): Uint8Array => {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = rand() < 0.3 ? 0 : Math.floor(rand() * 256);
  return rgba;
};

const fractal = (width: number, height: number): Uint8Array => {
  const spec = resolveImageSpec({ ...DEFAULT_IMAGE, width, height, smoothness: 1, iters: 200 }, { memoryBytes: 2 ** 34 });
  const rgba = new Uint8Array(width * height * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(0, height, rgba, 0);
  return rgba;
};

/** Feeds the image as blocks of `chunk` rows in the order given, copying each block as the wire would. */
const assemble = async (
  width: number,
  height: number,
  rgba: Uint8Array,
  chunk: number,
  order: 'forward' | 'reverse' | 'shuffled',
  encoding: PngEncoding,
  rand: () => number,
) => {
  const png = createPngAssembler({ width, height, encoding });
  const starts = Array.from({ length: Math.ceil(height / chunk) }, (_, i) => i * chunk);
  if (order === 'reverse') starts.reverse();
  if (order === 'shuffled') starts.sort(() => rand() - 0.5);
  let maxBuffered = 0;
  for (const start of starts) {
    const end = Math.min(height, start + chunk);
    png.addRows(start, rgba.slice(start * width * 4, end * width * 4));
    maxBuffered = Math.max(maxBuffered, png.bufferedBytes);
  }
  return { bytes: await png.finish(), maxBuffered };
};

test('byte-identical to encodePng for every filter setting, shape and arrival order', async () => {
  const rand = random(42);
  const fastFilters = [-1, 0, 1, 2, 3, 4].map((filterType) => ({ deflateLevel: 1, filterType }));
  const encodings: PngEncoding[] = [PNG_ENCODING, ...fastFilters, { deflateLevel: 9, filterType: 4 }];
  const images: Array<[number, number, Uint8Array]> = [
    [1, 1, noise(1, 1, rand)],
    [1, 7, noise(1, 7, rand)],
    [13, 1, noise(13, 1, rand)],
    [37, 29, noise(37, 29, rand)],
    [96, 64, fractal(96, 64)],
  ];
  for (const encoding of encodings) {
    for (const [width, height, rgba] of images) {
      const expected = encodePng({ width, height, rgba }, encoding);
      for (const chunk of [1, 3, 8]) {
        for (const order of ['forward', 'reverse', 'shuffled'] as const) {
          const { bytes } = await assemble(width, height, rgba, chunk, order, encoding, rand);
          assert.ok(bytes.equals(expected), `${width}×${height}, filter ${encoding.filterType}, level ${encoding.deflateLevel}, chunk ${chunk}, ${order}`);
        }
      }
    }
  }
});

test('the PNG decodes back to the RGBA it was given', async () => {
  const rgba = fractal(64, 48);
  const { bytes } = await assemble(64, 48, rgba, 5, 'shuffled', PNG_ENCODING, random(7));
  const decoded = decodePng(bytes);
  assert.deepEqual([decoded.width, decoded.height], [64, 48]);
  assert.ok(Buffer.from(decoded.rgba).equals(Buffer.from(rgba)));
});

test('in-order blocks are never held; early ones are, until the gap fills', async () => {
  const rgba = noise(10, 20, random(3));
  assert.equal((await assemble(10, 20, rgba, 2, 'forward', PNG_ENCODING, random(1))).maxBuffered, 0);
  assert.equal((await assemble(10, 20, rgba, 2, 'reverse', PNG_ENCODING, random(1))).maxBuffered, 18 * 10 * 4);
});

test('overlapping, partial or early-finished input is refused', async () => {
  const png = createPngAssembler({ width: 4, height: 4 });
  assert.throws(() => png.addRows(0, new Uint8Array(15)), /not whole rows/);
  png.addRows(2, new Uint8Array(32));
  assert.throws(() => png.addRows(2, new Uint8Array(16)), /already added/);
  assert.throws(() => png.addRows(3, new Uint8Array(32)), /outside the image/);
  await assert.rejects(png.finish(), /only 0 of 4 rows/);
  png.abort();
});

test('each block is released once, as soon as its rows are filtered, and never while it waits', async () => {
  const width = 5;
  const rgba = noise(width, 6, random(3));
  const released: Uint8Array[] = [];
  const png = createPngAssembler({ width, height: 6, release: (block) => released.push(block) });
  const blocks = [0, 2, 4].map((start) => rgba.slice(start * width * 4, (start + 2) * width * 4));
  png.addRows(4, blocks[2]!);
  png.addRows(2, blocks[1]!);
  assert.deepEqual(released, [] as Uint8Array[], 'a block waiting for the rows above it was released');
  png.addRows(0, blocks[0]!);
  assert.deepEqual(released, [blocks[0], blocks[1], blocks[2]]);
  // released blocks may be overwritten at once: the PNG must not change
  for (const block of released as Uint8Array[]) block.fill(0);
  assert.ok((await png.finish()).equals(encodePng({ width, height: 6, rgba })));
});

test('rows reach zlib in batches: an image of a few batches still has encodePng\'s bytes', async () => {
  // 800 kB a filtered row: two rows a batch, so five rows take three batches
  const width = 200_000;
  const height = 5;
  const rgba = noise(width, height, random(11));
  for (const chunk of [1, 2, 5]) {
    const { bytes } = await assemble(width, height, rgba, chunk, 'shuffled', PNG_ENCODING, random(chunk));
    assert.ok(bytes.equals(encodePng({ width, height, rgba })), `chunk ${chunk}`);
  }
});

