import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeUnitRgba, encodeUnitRuns } from '../../src/core/cluster/unit-rgba.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';

/** A deterministic pseudo-random generator, so that a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

const fractalRows = (width: number, rows: number): Uint8Array => {
  const spec = resolveImageSpec({ ...DEFAULT_IMAGE, width, height: 64, smoothness: 1, iters: 300 });
  const rgba = new Uint8Array(width * rows * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(20, rows, rgba, 0);
  return rgba;
};

const roundTrip = (rgba: Uint8Array): Uint8Array => {
  const packed = encodeUnitRuns(rgba, { bytes: new Uint8Array(0) });
  const back = new Uint8Array(rgba.length);
  assert.equal(decodeUnitRgba(packed, 'RGBA_RUNS', back), undefined);
  assert.ok(Buffer.from(back).equals(Buffer.from(rgba)), 'decoded pixels differ from the encoded ones');
  return packed;
};

test('raw RGBA is copied when it has exactly the expected length', () => {
  const rgba = fractalRows(64, 4);
  const out = new Uint8Array(rgba.length);
  assert.equal(decodeUnitRgba(rgba, 'RGBA_RAW', out), undefined);
  assert.ok(Buffer.from(out).equals(Buffer.from(rgba)));
  assert.equal(decodeUnitRgba(rgba, 'RGBA_RAW', new Uint8Array(rgba.length * 2)), `${rgba.length} bytes of RGBA, expected ${rgba.length * 2}`);
});

test('runs round-trip fractal rows at a small fraction of the raw size', () => {
  const rgba = fractalRows(512, 8);
  const packed = roundTrip(rgba);
  assert.ok(packed.length < rgba.length / 4, `${packed.length} of ${rgba.length} bytes`);
});

test('runs round-trip any pixels and never take more than 4 bytes a pixel plus a header per packet', () => {
  const rand = random(7);
  const pixels = 5000;
  const patterns: Record<string, (i: number) => number> = {
    noise: () => Math.floor(rand() * 2 ** 32),
    'one colour': () => 0xff102030,
    'pairs then singles': (i) => (i % 3 === 2 ? i : i - (i % 3)),
    'few colours': () => [0xff000000, 0xffffffff, 0xff00ff00][Math.floor(rand() * 3)]!,
    'long runs': (i) => Math.floor(i / 700),
  };
  for (const [name, pixel] of Object.entries(patterns)) {
    const words = Uint32Array.from({ length: pixels }, (_, i) => pixel(i));
    const packed = roundTrip(new Uint8Array(words.buffer));
    assert.ok(packed.length <= pixels * 4 + Math.ceil(pixels / 2) + 5, `${name}: ${packed.length} bytes for ${pixels} pixels`);
  }
  // a run longer than one header byte can count (varint headers)
  roundTrip(new Uint8Array(new Uint32Array(100_000).fill(0x01020304).buffer));
  // a unit of one pixel
  roundTrip(new Uint8Array([1, 2, 3, 4]));
});

test('the encoder reuses its scratch buffer and returns a buffer of its own, fit for transfer', () => {
  const scratch = { bytes: new Uint8Array(0) };
  const first = encodeUnitRuns(fractalRows(256, 2), scratch);
  const grown = scratch.bytes;
  const second = encodeUnitRuns(fractalRows(256, 2), scratch);
  assert.equal(scratch.bytes, grown);
  assert.notEqual(first.buffer, grown.buffer);
  assert.equal(second.byteOffset, 0);
  assert.equal(second.byteLength, second.buffer.byteLength);
});

test('truncated, oversized, empty and unknown encodings are refused without writing past the unit', () => {
  const rgba = fractalRows(128, 2);
  const packed = encodeUnitRuns(rgba, { bytes: new Uint8Array(0) });
  const out = new Uint8Array(rgba.length);
  assert.match(String(decodeUnitRgba(packed.subarray(0, packed.length - 1), 'RGBA_RUNS', out)), /end inside a pixel|hold \d+ pixels, expected/);
  assert.match(String(decodeUnitRgba(packed, 'RGBA_RUNS', new Uint8Array(rgba.length - 4))), /more than the unit's \d+ pixels/);
  assert.match(String(decodeUnitRgba(packed, 'RGBA_RUNS', new Uint8Array(rgba.length + 4))), /hold \d+ pixels, expected \d+/);
  assert.match(String(decodeUnitRgba(new Uint8Array([0x80]), 'RGBA_RUNS', out)), /inside a packet header/);
  assert.match(String(decodeUnitRgba(new Uint8Array([1, 0, 0, 0, 0]), 'RGBA_RUNS', out)), /empty packet/);
  // a header that claims 2^40 pixels: refused before any pixel is written
  const guarded = new Uint8Array(16).fill(0xee);
  const huge = new Uint8Array([0x81, 0x80, 0x80, 0x80, 0x80, 0x40, 1, 2, 3, 4]);
  assert.match(String(decodeUnitRgba(huge, 'RGBA_RUNS', guarded.subarray(0, 8))), /more than the unit's 2 pixels|inside a packet header/);
  assert.deepEqual([...guarded.subarray(8)], new Array(8).fill(0xee));
  assert.match(String(decodeUnitRgba(new Uint8Array(4), 'RGBA_ZSTD' as never, new Uint8Array(4))), /unknown RGBA encoding "RGBA_ZSTD"/);
});
