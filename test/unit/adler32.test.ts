// fractal's Adler-32 against zlib's own (the checksum a zlib stream ends with), and the combination
// of pieces' checksums against the checksum of the whole: what lets the PNG's zlib stream be
// checksummed a unit at a time, in any thread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { adler32, adler32Combine } from '../../src/core/image/adler32.js';

const BASE = 65521;

/** zlib's Adler-32 of `bytes`: the last 4 bytes of a zlib stream of them (stored, level 0). */
const zlibAdler = (bytes: Uint8Array): number => {
  const stream = deflateSync(bytes, { level: 0 });
  return stream.readUInt32BE(stream.length - 4);
};

const random = (seed: number) => () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed >>> 24;
};

const bytes = (length: number, next: () => number, offset = 0): Uint8Array => {
  const buffer = new Uint8Array(length + offset);
  for (let i = 0; i < buffer.length; i++) buffer[i] = next();
  return buffer.subarray(offset);
};

test('the Adler-32 of any length at any alignment is zlib\'s', () => {
  const next = random(1);
  for (const length of [0, 1, 3, 4, 5, 63, 64, 65, 255, 1000, 5552, 5553, 65_536, 300_001]) {
    for (const offset of [0, 1, 2, 3]) {
      const data = bytes(length, next, offset);
      assert.equal(adler32(data), zlibAdler(data), `length ${length}, offset ${offset}`);
    }
  }
});

test('bytes of 255 (the sums\' worst case) over several reductions give zlib\'s checksum', () => {
  for (const length of [16 * 4, 64 * 16 * 4, 64 * 16 * 4 * 3 + 7, 5_000_000]) {
    const data = new Uint8Array(length).fill(255);
    assert.equal(adler32(data), zlibAdler(data), `length ${length}`);
  }
});

test('continuing from a checksum is the checksum of the two pieces together', () => {
  const next = random(2);
  const data = bytes(100_003, next);
  for (const cut of [0, 1, 17, 50_000, 100_003]) {
    assert.equal(adler32(data.subarray(cut), adler32(data.subarray(0, cut))), zlibAdler(data), `cut at ${cut}`);
  }
});

test('combining the pieces\' checksums gives the whole one, for any cut', () => {
  const next = random(3);
  const data = bytes(200_000, next);
  const whole = zlibAdler(data);
  for (const cut of [0, 1, 4095, 65_521, 65_522, 131_042, 199_999, 200_000]) {
    const first = adler32(data.subarray(0, cut));
    const second = adler32(data.subarray(cut));
    assert.equal(adler32Combine(first, second, data.length - cut), whole, `cut at ${cut}`);
  }
  // many pieces, folded left to right, as the PNG's units are
  let folded = 1;
  for (let at = 0; at < data.length; at += 7919) {
    const piece = data.subarray(at, at + 7919);
    folded = adler32Combine(folded, adler32(piece), piece.length);
  }
  assert.equal(folded, whole);
});

test('lengths beyond 4 GiB: a run of zeros after the data, by the definition', () => {
  // after L zero bytes a is unchanged and b has grown by L·a: the checksum of L zeros alone is (L mod BASE) << 16 | 1
  const data = bytes(1000, random(4));
  const start = adler32(data);
  const a = start & 0xffff;
  const b = start >>> 16;
  for (const zeros of [2 ** 32 + 12_345, 2 ** 40 + 1, Number.MAX_SAFE_INTEGER]) {
    const zerosAdler = (((zeros % BASE) << 16) | 1) >>> 0;
    const expected = ((((b + Number((BigInt(zeros) * BigInt(a)) % BigInt(BASE))) % BASE) << 16) | a) >>> 0;
    assert.equal(adler32Combine(start, zerosAdler, zeros), expected, `${zeros} zeros`);
  }
});
