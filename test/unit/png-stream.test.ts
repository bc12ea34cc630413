// The segmented PNG encoder (png-stream.ts) and the assembler that feeds it rows in order: the same
// bytes for every arrival order, block size and kind of block, files pngjs and a strict reader
// decode back to the pixels given, segments that are one zlib stream, chunk limits, and what is
// held, released and reported on the way.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { constants, deflateSync, inflateRawSync } from 'node:zlib';
import { createPngAssembler, type PngAssemblerOptions } from '../../src/core/image/png-assembler.js';
import { pngEnd, pngHead, chunkPieces } from '../../src/core/image/png-chunks.js';
import { createRowScratch, filterUnit } from '../../src/core/image/png-filter.js';
import { loadNativeAddon } from '../../src/core/render/native-addon.js';
import { segmentRowsFor } from '../../src/core/image/png-stream.js';
import { decodePng, encodePng } from '../../src/core/image/write-png.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';
import { readPngFile } from '../helpers/png-reader.js';

let dir = '';
before(async () => (dir = await mkdtemp(join(tmpdir(), 'fractal-png-'))));
after(() => rm(dir, { recursive: true, force: true }));

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
  const spec = resolveImageSpec({ ...DEFAULT_IMAGE, width, height, smoothness: 1, iters: 200 });
  const rgba = new Uint8Array(width * height * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(0, height, rgba, 0);
  return rgba;
};

/** The filtered rows by the definition: each row's type byte (2, Up), then each byte minus the one above. */
const filterByDefinition = (width: number, height: number, rgba: Uint8Array): Buffer => {
  const rowBytes = width * 4;
  const out = Buffer.alloc(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    out[y * (rowBytes + 1)] = 2;
    for (let x = 0; x < rowBytes; x++) {
      const above = y > 0 ? rgba[(y - 1) * rowBytes + x]! : 0;
      out[y * (rowBytes + 1) + 1 + x] = (rgba[y * rowBytes + x]! - above) & 0xff;
    }
  }
  return out;
};

type Order = 'forward' | 'reverse' | 'shuffled';
type Kind = 'rgba' | 'units';

const nativeFilter = () => {
  const native = loadNativeAddon();
  assert.ok(native.loaded, `the native addon must be built for these tests (npm run build:native): ${native.loaded ? '' : native.reason}`);
  return native.addon.filterUnit;
};

/** The image as blocks of `chunk` rows in the given order, each copied as a thread or the wire would. */
const assemble = async (
  width: number,
  height: number,
  rgba: Uint8Array,
  chunk: number,
  order: Order,
  kind: Kind,
  patch: Partial<PngAssemblerOptions> = {},
) => {
  const pieces: Uint8Array[] = [];
  const png = createPngAssembler({ width, height, sink: { write: async (more) => void pieces.push(...more) }, ...patch });
  const starts = Array.from({ length: Math.ceil(height / chunk) }, (_, i) => i * chunk);
  if (order === 'reverse') starts.reverse();
  if (order === 'shuffled') starts.sort(() => random(chunk + height)() - 0.5);
  const scratch = createRowScratch(width);
  let maxBuffered = 0;
  for (const start of starts) {
    const block = rgba.slice(start * width * 4, Math.min(height, start + chunk) * width * 4);
    if (kind === 'rgba') png.addRows(start, block);
    else png.addUnit(start, filterUnit(block, width, scratch));
    maxBuffered = Math.max(maxBuffered, png.bufferedBytes);
  }
  await png.finish();
  return { bytes: Buffer.concat(pieces), maxBuffered };
};

test('the same bytes for every arrival order, block size and kind of block, and they decode to the pixels', async () => {
  const rand = random(42);
  const images: Array<[number, number, Uint8Array]> = [
    [1, 1, noise(1, 1, rand)],
    [2, 7, noise(2, 7, rand)],
    [13, 1, noise(13, 1, rand)],
    [37, 29, noise(37, 29, rand)],
    [96, 64, fractal(96, 64)],
  ];
  for (const segmentRows of [undefined, 1, 3]) {
    for (const [width, height, rgba] of images) {
      const expected = (await assemble(width, height, rgba, height, 'forward', 'rgba', { segmentRows })).bytes;
      assert.ok(Buffer.from(decodePng(expected).rgba).equals(Buffer.from(rgba)), `${width}×${height}: pngjs reads other pixels`);
      for (const chunk of [1, 3, 8]) {
        for (const order of ['forward', 'reverse', 'shuffled'] as const) {
          for (const kind of ['rgba', 'units'] as const) {
            const { bytes } = await assemble(width, height, rgba, chunk, order, kind, { segmentRows });
            assert.ok(bytes.equals(expected), `${width}×${height}, segments of ${segmentRows ?? 'default'} rows, chunk ${chunk}, ${order}, ${kind}`);
          }
          // the leader's RGBA blocks filtered by the native addon: the same file
          const { bytes } = await assemble(width, height, rgba, chunk, order, 'rgba', { segmentRows, filter: nativeFilter() });
          assert.ok(bytes.equals(expected), `${width}×${height}, segments of ${segmentRows ?? 'default'} rows, chunk ${chunk}, ${order}, native filter`);
        }
      }
    }
  }
});

test('a picture of one segment is one zlib stream of the filtered rows, level 1, Z_RLE, as zlib writes it', async () => {
  const rgba = fractal(96, 64);
  const stream = deflateSync(filterByDefinition(96, 64, rgba), { level: 1, strategy: constants.Z_RLE });
  const expected = Buffer.concat([...pngHead(96, 64), ...chunkPieces('IDAT', stream), ...pngEnd()]);
  assert.ok((await encodePng({ width: 96, height: 64, rgba })).equals(expected));
});

for (const [strategy, name] of [[constants.Z_RLE, 'Z_RLE'], [constants.Z_DEFAULT_STRATEGY, 'the default strategy']] as const) {
test(`the segments are one zlib stream: each inflates on its own, primed with the 32 KiB of rows before it (${name})`, async () => {
  // rows of 8 KB that repeat with a period of 3, within deflate's 32 KiB reach but beyond a segment's 2 rows
  const width = 2000;
  const height = 12;
  // rows that repeat with a period of 3: the default strategy finds them in the dictionary
  const period = noise(width, 3, random(8));
  const rgba = new Uint8Array(width * height * 4).map((_, i) => period[i % period.length]!);
  const filtered = filterByDefinition(width, height, rgba);
  const stride = width * 4 + 1;
  const path = join(dir, 'segments.png');
  const { bytes } = await assemble(width, height, rgba, 5, 'shuffled', 'units', { segmentRows: 2, strategy });
  await writeFile(path, bytes);
  const report = await readPngFile(path);
  assert.equal(report.idatChunks, 6);
  // the IDATs' data, one segment each: the zlib header before the first, the Adler-32 after the last
  const idats: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idats.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  idats[0] = idats[0]!.subarray(2);
  idats[5] = idats[5]!.subarray(0, -4);
  idats.forEach((segment, i) => {
    const start = i * 2 * stride;
    const dictionary = i === 0 ? undefined : filtered.subarray(Math.max(0, start - 32 * 1024), start);
    const rows = inflateRawSync(segment, { dictionary, finishFlush: constants.Z_SYNC_FLUSH });
    assert.ok(rows.equals(filtered.subarray(start, start + 2 * stride)), `segment ${i}`);
    // every segment but the last ends on a sync flush (an empty stored block), the last is final
    if (i < 5) assert.equal(segment.subarray(-4).toString('hex'), '0000ffff');
    // the default strategy's matches reach into the dictionary: without it a segment does not decode
    if (i > 0 && strategy === constants.Z_DEFAULT_STRATEGY) {
      assert.throws(() => inflateRawSync(segment, { finishFlush: constants.Z_SYNC_FLUSH }), /invalid distance too far back/);
    }
  });
  if (strategy === constants.Z_DEFAULT_STRATEGY) assert.ok(report.zlibBytes < filtered.length / 2, `${report.zlibBytes} bytes: the repeats were not found`);
});
}

test('a segment is the fewest rows holding 1 MiB of filtered bytes: the width decides, nothing else', () => {
  assert.equal(segmentRowsFor(8192), 32);
  assert.equal(segmentRowsFor(32768), 8);
  for (const width of [1, 2, 1000, 8192, 8193, 262_144, 1_000_000]) {
    const rows = segmentRowsFor(width);
    const stride = width * 4 + 1;
    assert.ok(rows * stride >= 2 ** 20 || rows === 1, `width ${width}`);
    assert.ok((rows - 1) * stride < 2 ** 20, `width ${width}: one row fewer would do`);
  }
});

test('no IDAT chunk is longer than the limit, and the cut chunks read back', async () => {
  const rgba = noise(40, 30, random(5));
  const path = join(dir, 'limit.png');
  const { bytes } = await assemble(40, 30, rgba, 4, 'shuffled', 'rgba', { maxChunkBytes: 50, segmentRows: 7 });
  await writeFile(path, bytes);
  const rows: Buffer[] = [];
  const report = await readPngFile(path, { maxChunkBytes: 50, onRow: (_, row) => rows.push(Buffer.from(row)) });
  assert.ok(report.idatChunks > 5 * 10, `${report.idatChunks} IDAT chunks`);
  assert.equal(report.largestChunkBytes, 50);
  assert.ok(Buffer.concat(rows).equals(Buffer.from(rgba)));
  // the reader's own limit check is real: one byte less is refused
  await assert.rejects(readPngFile(path, { maxChunkBytes: 49 }), /IDAT chunk of 50 bytes, over the limit of 49/);
  // and so is its CRC check
  const broken = Buffer.from(bytes);
  broken[60]! ^= 1;
  await writeFile(path, broken);
  await assert.rejects(readPngFile(path), /wrong CRC/);
});

test('in-order blocks are never held; early ones are, until the gap fills', async () => {
  const rgba = noise(10, 20, random(3));
  assert.equal((await assemble(10, 20, rgba, 2, 'forward', 'rgba')).maxBuffered, 0);
  assert.equal((await assemble(10, 20, rgba, 2, 'reverse', 'rgba')).maxBuffered, 18 * 10 * 4);
});

test('each RGBA block is released once, as soon as its rows are filtered, and never while it waits', async () => {
  const width = 5;
  const rgba = noise(width, 6, random(3));
  const released: Uint8Array[] = [];
  const pieces: Uint8Array[] = [];
  const sink = { write: async (more: Uint8Array[]) => void pieces.push(...more) };
  const png = createPngAssembler({ width, height: 6, sink, release: (block) => released.push(block) });
  const blocks = [0, 2, 4].map((start) => rgba.slice(start * width * 4, (start + 2) * width * 4));
  png.addRows(4, blocks[2]!);
  png.addRows(2, blocks[1]!);
  assert.deepEqual(released, [] as Uint8Array[], 'a block waiting for the rows above it was released');
  png.addRows(0, blocks[0]!);
  assert.deepEqual(released, [blocks[0], blocks[1], blocks[2]]);
  // released blocks may be overwritten at once: the PNG must not change
  for (const block of released) block.fill(0);
  await png.finish();
  assert.ok(Buffer.concat(pieces).equals(await encodePng({ width, height: 6, rgba })));
});

test('rows written advance a segment at a time, each reported, the last with IEND in the sink', async () => {
  const reported: number[] = [];
  const pieces: Uint8Array[] = [];
  const sink = { write: async (more: Uint8Array[]) => void pieces.push(...more) };
  const png = createPngAssembler({ width: 8, height: 10, segmentRows: 3, sink, onWritten: (rows) => reported.push(rows) });
  png.addRows(0, noise(8, 10, random(9)));
  await png.finish();
  assert.deepEqual(reported, [3, 6, 9, 10]);
  assert.equal(png.rowsWritten, 10);
  assert.equal(Buffer.from(pieces.at(-2)!).toString('latin1', 4), 'IEND');
});

test('overlapping, partial or early-finished input is refused', async () => {
  const png = createPngAssembler({ width: 4, height: 4, sink: { write: async () => {} } });
  assert.throws(() => png.addRows(0, new Uint8Array(15)), /not whole rows/);
  png.addRows(2, new Uint8Array(32));
  assert.throws(() => png.addRows(2, new Uint8Array(16)), /already added/);
  assert.throws(() => png.addRows(3, new Uint8Array(32)), /outside the image/);
  assert.throws(() => png.addUnit(0, { rows: 2, bytes: new Uint8Array(10), restAdler: 1 }), /not 2 rows of width 4/);
  await assert.rejects(png.finish(), /only 0 of 4 rows/);
  png.abort();
});

test('a sink that fails: the caller is told at once, finish rejects with the same error, nothing more is written', async () => {
  let writes = 0;
  const errors: Error[] = [];
  const disk = new Error('no space left on device');
  const png = createPngAssembler({
    width: 16,
    height: 40,
    segmentRows: 4,
    sink: { write: async () => (++writes === 3 ? Promise.reject(disk) : undefined) },
    onError: (error) => errors.push(error),
  });
  png.addRows(0, noise(16, 40, random(1)));
  await assert.rejects(png.finish(), /no space left/);
  assert.deepEqual(errors, [disk]);
  assert.equal(writes, 3);
});
