// The native runs codec (native/unit-runs.c) against the JavaScript one in unit-rgba.ts, its
// definition: the same bytes for every unit encoded, and the same verdict on every block decoded,
// hostile ones included (cut short, mutated, overlong headers, more or fewer pixels than the unit).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeUnitRgba, encodeUnitRuns } from '../../src/core/cluster/unit-rgba.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { loadNativeAddon } from '../../src/core/render/native-addon.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';
import { seededRandom } from '../helpers/escape-compare.js';

const native = loadNativeAddon();
const addon = () => {
  assert.ok(native.loaded, `the native addon must be built for these tests (npm run build:native): ${native.loaded ? '' : native.reason}`);
  return native.addon;
};

const scratch = () => ({ bytes: new Uint8Array(0) });

const sameEncoding = (rgba: Uint8Array, label: string): Uint8Array => {
  const want = encodeUnitRuns(rgba, scratch());
  const got = encodeUnitRuns(rgba, scratch(), addon());
  assert.ok(Buffer.from(got).equals(Buffer.from(want)), `${label}: the native runs differ (${got.length} bytes, expected ${want.length})`);
  return want;
};

/** Both decoders on the same bytes: both refuse, or both accept with the same pixels. */
const sameVerdict = (bytes: Uint8Array, pixels: number, label: string): void => {
  const want = new Uint8Array(pixels * 4);
  const got = new Uint8Array(pixels * 4);
  const jsProblem = decodeUnitRgba(bytes, 'RGBA_RUNS', want);
  const nativeAccepts = addon().decodeRuns(bytes, got);
  assert.equal(nativeAccepts, jsProblem === undefined, `${label}: native ${nativeAccepts ? 'accepts' : 'refuses'}, JavaScript says ${jsProblem ?? 'fine'}`);
  if (nativeAccepts) assert.ok(Buffer.from(got).equals(Buffer.from(want)), `${label}: decoded pixels differ`);
};

const fractalRows = (width: number, rows: number): Uint8Array => {
  const spec = resolveImageSpec({ ...DEFAULT_IMAGE, width, height: 64, smoothness: 1, iters: 300 });
  const rgba = new Uint8Array(width * rows * 4);
  createRowRenderer(spec, createScalarKernel()).renderRows(20, rows, rgba, 0);
  return rgba;
};

test('the picture\'s own rows, noise, one colour and alternating pixels: the bytes of the JavaScript encoder, decoded back alike', () => {
  const random = seededRandom(11);
  const cases: Array<[string, Uint8Array]> = [
    ['fractal 512×8', fractalRows(512, 8)],
    ['fractal 2×1', fractalRows(2, 1)],
    ['one pixel', new Uint8Array([1, 2, 3, 4])],
    ['noise', Uint8Array.from({ length: 4 * 1001 }, () => Math.floor(random() * 256))],
    ['one colour, a header of 3 bytes', new Uint8Array(4 * 70_000).fill(9)],
    ['alternating', Uint8Array.from({ length: 4 * 999 }, (_, i) => ((i >> 2) & 1 ? 255 : 0))],
    ['pairs', Uint8Array.from({ length: 4 * 1000 }, (_, i) => (i >> 3) & 0xff)],
    ['empty', new Uint8Array(0)],
  ];
  for (const [label, rgba] of cases) {
    const runs = sameEncoding(rgba, label);
    sameVerdict(runs, rgba.length / 4, label);
  }
});

test('hostile blocks: cut short, mutated, overlong or empty packets, too many or too few pixels get the JavaScript decoder\'s verdict', () => {
  const random = seededRandom(12);
  const rgba = fractalRows(256, 4);
  const runs = encodeUnitRuns(rgba, scratch());
  const pixels = rgba.length / 4;
  sameVerdict(runs, pixels - 1, 'one pixel too many');
  sameVerdict(runs, pixels + 1, 'one pixel short');
  sameVerdict(new Uint8Array([0x80]), 1, 'a header that never ends');
  sameVerdict(new Uint8Array([0x81, 0x80, 0x80, 0x80, 0x80, 0x01, 1, 2, 3, 4]), 1, 'a sixth header byte');
  sameVerdict(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3, 4]), 2, 'a run of 2^34 pixels');
  sameVerdict(new Uint8Array([1, 0, 0, 0, 0]), 1, 'an empty run');
  sameVerdict(new Uint8Array([0]), 1, 'an empty literal packet');
  sameVerdict(new Uint8Array([3, 1, 2, 3]), 1, 'a run cut inside its pixel');
  sameVerdict(new Uint8Array([4, 1, 2, 3, 4, 5, 6, 7]), 2, 'literals cut inside a pixel');
  for (let cut = 0; cut < 64; cut++) sameVerdict(runs.subarray(0, Math.floor(random() * runs.length)), pixels, `cut ${cut}`);
  for (let round = 0; round < 500; round++) {
    const mutated = runs.slice();
    for (let k = 0; k < 1 + Math.floor(random() * 3); k++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
    sameVerdict(mutated, pixels, `mutation ${round}`);
  }
});

test('the addon refuses an output buffer too small for the worst case and a ragged pixel block', () => {
  assert.throws(() => addon().encodeRuns(new Uint8Array(16), new Uint8Array(20)), /at least 4\.5 bytes a pixel/);
  assert.throws(() => addon().encodeRuns(new Uint8Array(6), new Uint8Array(64)), /whole pixels/);
  assert.throws(() => addon().decodeRuns(new Uint8Array(4), new Uint8Array(6)), /whole pixels/);
});
