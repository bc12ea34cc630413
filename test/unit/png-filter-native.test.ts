// The native PNG filter (native/png-filter.c) against filterUnit and completeUnit in JavaScript: the
// same filtered bytes and the same Adler-32, on widths that leave the 16-byte steps a tail, one-row units, rows
// long enough for several of zlib's 5552-byte reductions, unaligned views and the picture's own rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adler32 } from '../../src/core/image/adler32.js';
import { completeUnit, createRowScratch, filterUnit } from '../../src/core/image/png-filter.js';
import { loadNativeAddon } from '../../src/core/render/native-addon.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';
import { seededRandom } from '../helpers/escape-compare.js';

const native = loadNativeAddon();
const addon = () => {
  assert.ok(native.loaded, `the native addon must be built for these tests (npm run build:native): ${native.loaded ? '' : native.reason}`);
  return native.addon;
};

const compare = (rgba: Uint8Array, width: number, label: string): void => {
  const want = filterUnit(rgba, width, createRowScratch(width));
  const got = filterUnit(rgba, width, createRowScratch(width), addon().filterUnit);
  assert.equal(got.rows, want.rows, label);
  assert.ok(Buffer.from(got.bytes).equals(Buffer.from(want.bytes)), `${label}: filtered bytes differ`);
  assert.equal(got.restAdler, want.restAdler, `${label}: Adler-32 differs`);
};

test('random units of many widths and row counts: the bytes and checksum of the JavaScript filter', () => {
  const random = seededRandom(7);
  for (const width of [1, 2, 3, 4, 5, 7, 17, 63, 1388, 1389, 5000]) {
    for (const rows of [1, 2, 3, 8]) {
      const rgba = Uint8Array.from({ length: width * rows * 4 }, () => Math.floor(random() * 256));
      compare(rgba, width, `${width}×${rows}`);
    }
  }
});

test('bytes of 255 everywhere (the largest sums) and an unaligned view of a larger buffer', () => {
  compare(new Uint8Array(4 * 6000 * 3).fill(255), 6000, '255s');
  const backing = new Uint8Array(1 + 4 * 301 * 4).map((_, i) => (i * 31 + 7) & 0xff);
  compare(backing.subarray(1), 301, 'unaligned');
});

test("the default picture's rows, and its Adler-32 continues any checksum as zlib's does", () => {
  const spec = resolveImageSpec({ ...DEFAULT_IMAGE, width: 1024, height: 64, smoothness: 1 });
  const rgba = new Uint8Array(1024 * 64 * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(0, 64, rgba, 0);
  compare(rgba, 1024, 'default view');
  // the rest checksum is the plain Adler-32 of the filtered rows after the first
  const unit = filterUnit(rgba, 1024, createRowScratch(1024), addon().filterUnit);
  assert.equal(unit.restAdler, adler32(unit.bytes.subarray(4097, 64 * 4097)));
});

test('a call that does not fit is refused, not written past', () => {
  assert.throws(() => addon().filterUnit(new Uint8Array(12), 2, new Uint8Array(64)), /whole rows/);
  assert.throws(() => addon().filterUnit(new Uint8Array(16), 2, new Uint8Array(10)), /whole rows/);
  assert.throws(() => addon().filterUnit(new Uint8Array(8), 0, new Uint8Array(8)), /whole rows/);
});

/** A unit filtered and completed against `above` by JavaScript and natively: the same bytes, the same checksum. */
const compareCompleted = (rgba: Uint8Array, above: Uint8Array | null, width: number, label: string): void => {
  const want = filterUnit(rgba, width, createRowScratch(width));
  const got = filterUnit(rgba, width, createRowScratch(width), addon().filterUnit);
  const wantAdler = completeUnit(want, above, width, createRowScratch(width), createRowScratch(width));
  const gotAdler = completeUnit(got, above, width, createRowScratch(width), createRowScratch(width), addon().completeUnit);
  assert.ok(Buffer.from(got.bytes).equals(Buffer.from(want.bytes)), `${label}: completed bytes differ`);
  assert.equal(gotAdler, wantAdler, `${label}: Adler-32 differs`);
  // and it is the plain Adler-32 of the unit's filtered rows
  assert.equal(gotAdler, adler32(got.bytes.subarray(0, want.rows * (4 * width + 1))), label);
};

test('a unit completed against the row above, or as the first row of the image: the bytes and checksum of JavaScript', () => {
  const random = seededRandom(11);
  for (const width of [1, 3, 5, 17, 1389, 5000]) {
    for (const rows of [1, 2, 8]) {
      const rgba = Uint8Array.from({ length: width * rows * 4 }, () => Math.floor(random() * 256));
      const above = Uint8Array.from({ length: width * 4 }, () => Math.floor(random() * 256));
      compareCompleted(rgba, above, width, `${width}×${rows} below a row`);
      compareCompleted(rgba, null, width, `${width}×${rows} at the top`);
    }
  }
  compareCompleted(new Uint8Array(4 * 6000 * 2).fill(255), new Uint8Array(4 * 6000), 6000, '255s over zeros');
});

test('completeUnit refuses a unit or a row above that does not fit', () => {
  const unit = new Uint8Array(2 * 9 + 8);
  assert.throws(() => addon().completeUnit(unit, null, 2, 3, 1), /a unit of rows/);
  assert.throws(() => addon().completeUnit(unit, new Uint8Array(7), 2, 2, 1), /a row above/);
  assert.throws(() => addon().completeUnit(unit, null, 0, 2, 1), /a unit of rows/);
  assert.throws(() => addon().completeUnit(unit, {} as Uint8Array, 2, 2, 1), /above: expected a Uint8Array or null/);
  assert.equal(typeof addon().completeUnit(unit, new Uint8Array(8), 2, 2, 1), 'number');
});
