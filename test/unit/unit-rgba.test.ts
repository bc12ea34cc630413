import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { decodeUnitRgba, encodeUnitRgba } from '../../src/core/cluster/unit-rgba.js';

const rows = (n: number): Uint8Array => {
  const rgba = new Uint8Array(n);
  for (let i = 0; i < n; i++) rgba[i] = i % 4 === 3 ? 255 : (i >> 9) & 255;
  return rgba;
};

test('raw RGBA passes when it has exactly the expected length', () => {
  const rgba = rows(4096);
  assert.equal(decodeUnitRgba(rgba, 'RGBA_RAW', 4096), rgba);
  assert.equal(decodeUnitRgba(rgba, 'RGBA_RAW', 8192), '4096 bytes of RGBA, expected 8192');
});

test('DEFLATE round-trips and is much smaller on fractal-like rows', () => {
  const rgba = rows(8 * 8192 * 4);
  const packed = encodeUnitRgba(rgba);
  assert.ok(packed.length < rgba.length / 10, `${packed.length} bytes`);
  const back = decodeUnitRgba(packed, 'RGBA_DEFLATE', rgba.length);
  assert.ok(back instanceof Uint8Array && Buffer.from(back).equals(Buffer.from(rgba)));
});

test('garbage, short, oversized and unknown encodings are refused', () => {
  assert.match(String(decodeUnitRgba(new Uint8Array([1, 2, 3, 4, 5]), 'RGBA_DEFLATE', 16)), /does not inflate to 16 bytes/);
  assert.equal(decodeUnitRgba(deflateRawSync(new Uint8Array(8)), 'RGBA_DEFLATE', 16), '8 bytes of RGBA, expected 16');
  // a few kilobytes that would inflate to 64 MiB: stopped at the expected size
  const bomb = deflateRawSync(new Uint8Array(64 * 1024 * 1024));
  assert.ok(bomb.length < 100_000);
  assert.match(String(decodeUnitRgba(bomb, 'RGBA_DEFLATE', 4096)), /does not inflate to 4096 bytes/);
  assert.match(String(decodeUnitRgba(new Uint8Array(4), 'RGBA_ZSTD' as never, 4)), /unknown RGBA encoding "RGBA_ZSTD"/);
});
