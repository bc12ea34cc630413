// The native kernel against the scalar definition, on every instruction-set path this CPU runs:
// the same counts and the same norm bits, then the same RGBA as the JavaScript colouring. The
// views exercise lane refills, lanes left empty at the end of a block, the max_iter budget,
// escapes at iteration 1, rows changing inside a vector and widths that leave lane tails.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorClassic } from '../../src/core/render/classic-coloring.js';
import { createScalarKernel, type EscapeKernel } from '../../src/core/render/kernel.js';
import { createKernel, selectKernel, type KernelName } from '../../src/core/render/kernel-choice.js';
import { loadNativeAddon, NATIVE_PATHS } from '../../src/core/render/native-addon.js';
import { buildPalette } from '../../src/core/render/palette.js';
import { createRowRenderer } from '../../src/core/render/row-renderer.js';
import { classicRowJob, type RowJob } from '../../src/core/render/view.js';
import { bytes, copyResult, distinct, firstDifference, image, seededRandom, viewJob } from '../helpers/escape-compare.js';

const scalar = createScalarKernel();
const native = loadNativeAddon();

/** The paths this CPU must run, from the kernel's own view of the CPU (Linux's flags). */
const expectedPaths = (): string[] => {
  if (process.arch === 'arm64') return ['neon', 'scalar'];
  if (process.arch !== 'x64') return ['scalar'];
  const flags = new Set((/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '').trim().split(/\s+/));
  return [...(flags.has('avx512f') ? ['avx512'] : []), ...(flags.has('avx2') ? ['avx2'] : []), 'sse2', 'scalar'];
};

const nativeKernels = (): EscapeKernel[] => {
  assert.ok(native.loaded, `the native addon must be built for these tests (npm run build:native): ${native.loaded ? '' : native.reason}`);
  return NATIVE_PATHS.filter((_path, id) => native.addon.supported(id)).map((path) => createKernel(`native-${path}`));
};

const assertAllSameAsScalar = (job: RowJob, label = JSON.stringify(job)): void => {
  const want = copyResult(scalar.computeRows(job));
  for (const kernel of nativeKernels()) {
    const difference = firstDifference(kernel.computeRows(job), want);
    assert.equal(difference, undefined, `${kernel.name}, ${label}: ${difference}`);
  }
};

test('the addon loads and runs every path this CPU has', () => {
  assert.ok(native.loaded, native.loaded ? '' : native.reason);
  const supported = NATIVE_PATHS.filter((_path, id) => native.addon.supported(id));
  assert.deepEqual(supported, expectedPaths());
  assert.equal(NATIVE_PATHS[native.addon.best()], supported[0]);
  assert.equal(selectKernel(undefined).kernel, `native-${supported[0]}`);
});

test('default view: rows at the top, the middle and the bottom, bit for bit on every path', () => {
  const spec = image({ width: 1024, height: 768 });
  for (const [rowStart, rowCount] of [[0, 2], [381, 6], [700, 3], [767, 1]] as const) {
    assertAllSameAsScalar(classicRowJob(spec, rowStart, rowCount), `default view rows ${rowStart}+${rowCount}`);
  }
  // the default picture's own width, where a row holds thousands of lanes' worth of pixels
  assertAllSameAsScalar(classicRowJob(image({ width: 8192, height: 6144 }), 3070, 2), 'default picture, 2 middle rows');
});

test('a deep view at 20,000 iterations', () => {
  // the cusp of the cardioid at c = 1/4, zoomed to 10^-5: orbits of thousands of iterations
  // (the longest over 15,000) beside interior points that reach max_iter
  const job = viewJob(0.2501, 0, 1e-5, 40, 30, 20_000);
  const want = scalar.computeRows(job);
  assert.ok(want.iters.includes(20_000) && want.iters.some((it) => it > 10_000 && it < 20_000), 'deep orbits and interior points');
  assertAllSameAsScalar(job, 'deep view');
});

test('the escape boundary: |z|² = 4 does not escape, and the first escape is at iteration 1', () => {
  // cx = -4, -2, 0, 2, 4 on cy = 0: -2 sits at |z|² = 4 for ever, 2 reaches 4 then escapes
  const line = { xmin: -4, xspan: 8, ymin: 0, yspan: 1, denom: 4, width: 5, maxIter: 50, rowStart: 0, rowCount: 1 };
  assert.deepEqual([...scalar.computeRows(line).iters], [1, 50, 50, 2, 1]);
  assertAllSameAsScalar(line);
  // c = -2 in every lane of every vector, and c = 2 (escapes on iteration 2) in every lane
  assertAllSameAsScalar({ ...line, xmin: -2, xspan: 0, yspan: 0, denom: 1, width: 77, rowCount: 2 });
  assertAllSameAsScalar({ ...line, xmin: 2, xspan: 0, yspan: 0, denom: 1, width: 77, rowCount: 2 });
  // points on the circle |c| = 2, where the first step decides
  const ring = viewJob(0, 0, 4.0000001, 101, 101, 100, 50, 1);
  assertAllSameAsScalar(ring, 'the row through |c| = 2');
  // far outside: every lane is refilled on every run of the hot loop
  assertAllSameAsScalar(viewJob(10, -7, 4, 19, 7, 100));
});

test('the set\'s interior: every pixel reaches max_iter, and lanes end by the budget alone', () => {
  for (const maxIter of [1, 2, 3, 7, 100, 1000]) {
    const job = viewJob(-0.2, 0, 0.2, 37, 9, maxIter);
    assert.ok(scalar.computeRows(job).iters.every((it) => it === maxIter));
    assertAllSameAsScalar(job, `interior, maxIter ${maxIter}`);
  }
  assertAllSameAsScalar(viewJob(0, 0, 6, 23, 11, 0), 'maxIter 0');
});

test('one-pixel images, odd widths (lane tails) and row blocks at several offsets', () => {
  for (const maxIter of [1, 50, 800]) assertAllSameAsScalar(viewJob(-0.75, 0.1, 0.5, 1, 1, maxIter), `one pixel, ${maxIter}`);
  const base = viewJob(-0.75, 0.1, 0.5, 64, 48, 300);
  for (const width of [1, 2, 3, 5, 7, 9, 15, 17, 31, 33, 63]) {
    for (const [rowStart, rowCount] of [[0, 1], [5, 3], [17, 7], [46, 2]] as const) {
      assertAllSameAsScalar({ ...base, width, rowStart, rowCount }, `width ${width}, rows ${rowStart}+${rowCount}`);
    }
  }
  assertAllSameAsScalar({ ...base, rowCount: 0 }, 'no rows');
});

test('seeded random deep views near the boundary', () => {
  const random = seededRandom(2024);
  for (let k = 0; k < 16; k++) {
    const t = random() * 2 * Math.PI;
    const span = 10 ** -(1 + random() * 9);
    const width = 13 + Math.floor(random() * 40);
    const job = viewJob(Math.cos(t) / 2 - Math.cos(2 * t) / 4, Math.sin(t) / 2 - Math.sin(2 * t) / 4, span, width, 9, 3000, 2, 5);
    assertAllSameAsScalar(job, `random view ${k}`);
  }
});

test('the comparison is sharp: one norm one ulp off, or one count off, is caught', () => {
  const job = viewJob(-0.5, 0, 3, 21, 5, 100);
  const want = copyResult(scalar.computeRows(job));
  assert.ok(distinct(want.iters) > 10 && new Set(want.norms).size > 50);
  for (const kernel of nativeKernels()) {
    for (const p of [0, 1, 7, 42, want.iters.length - 1]) {
      const got = copyResult(kernel.computeRows(job));
      got.norms[p] = got.norms[p]! * (1 + Number.EPSILON);
      assert.notEqual(firstDifference(got, want), undefined);
      const counts = copyResult(kernel.computeRows(job));
      counts.iters[p] = counts.iters[p]! + 1;
      assert.notEqual(firstDifference(counts, want), undefined);
    }
  }
});

test('native RGBA equals the JavaScript colouring, on every path, palette and a deep view', () => {
  const specs = [
    image({ width: 257, height: 193 }),
    image({ width: 160, height: 120, palette: 'Plan9', xpos: -0.0091275, ypos: 0.7899912, escapeRadius: 0.01401245 }),
    image({ width: 99, height: 61, palette: 'Vivid', iters: 20_000, step: 64, xpos: -0.743643887, ypos: 0.131825904, escapeRadius: 1e-6 }),
    image({ width: 64, height: 48, palette: 'Biochemist', xpos: -0.5, ypos: 0, escapeRadius: 3, iters: 64, step: 64 }),
  ];
  for (const spec of specs) {
    const want = new Uint8Array(spec.width * spec.height * 4);
    createRowRenderer(spec, scalar).renderRows(0, spec.height, want, 0);
    assert.ok(new Set(bytes(want).toString('hex').match(/.{8}/g)).size > 20, 'a picture with many colours');
    for (const name of selectKernel(undefined).available.filter((k): k is KernelName => k.startsWith('native-'))) {
      const got = new Uint8Array(want.length + 8);
      const stats = createRowRenderer(spec, createKernel(name)).renderRows(0, spec.height, got, 4);
      assert.ok(bytes(got.subarray(4, 4 + want.length)).equals(bytes(want)), `${name}, ${spec.palette} ${spec.width}×${spec.height}`);
      assert.deepEqual([...got.subarray(0, 4), ...got.subarray(4 + want.length)], [0, 0, 0, 0, 0, 0, 0, 0], 'nothing outside the rows');
      assert.equal(stats.iterations, scalar.computeRows(classicRowJob(spec, 0, spec.height)).iters.reduce((a, b) => a + b, 0));
      assert.ok(stats.computeNs > 0n && stats.colorNs > 0n);
    }
  }
});

test('native colouring of hand-picked counts and norms: ln 0, NaN, ∞, negative v, the palette\'s end', () => {
  assert.ok(native.loaded);
  const palette = buildPalette('Hippi', 64, 64).packed;
  const maxIter = 64;
  const norms = [0, -0, NaN, Infinity, -1, Number.MIN_VALUE, 1e-300, 0.5, 1, 2, 4, 4.000000000000001, 16, 1e10, 1e300, Number.MAX_VALUE];
  const iters: number[] = [];
  const allNorms: number[] = [];
  for (const it of [0, 1, 2, 30, 62, 63, 64]) {
    for (const norm of norms) {
      iters.push(it);
      allNorms.push(norm);
    }
  }
  const escape = { iters: Uint32Array.from(iters), norms: Float64Array.from(allNorms) };
  const want = new Uint8Array(iters.length * 4);
  colorClassic(escape, iters.length, maxIter, palette, want, 0);
  const got = new Uint8Array(iters.length * 4 + 3);
  native.addon.colorClassic(escape.iters, escape.norms, maxIter, palette, got, 3);
  assert.ok(bytes(got.subarray(3)).equals(bytes(want)));
  assert.ok(want.includes(0) && want.includes(255), 'transparent and opaque pixels both');
});

test('the addon refuses bad arguments with a RangeError instead of writing out of bounds', () => {
  assert.ok(native.loaded);
  const { addon } = native;
  const job = [-2, 4, -2, 4, 9, 10, 50, 0, 10] as const;
  const small = new Uint32Array(99);
  assert.throws(() => addon.escapeRows(4, ...job, small, new Float64Array(100)), RangeError);
  assert.throws(() => addon.escapeRows(4, -2, 4, -2, 4, 9, 10.5, 50, 0, 10, new Uint32Array(100), new Float64Array(100)), RangeError);
  assert.throws(() => addon.escapeRows(99, ...job, new Uint32Array(100), new Float64Array(100)), RangeError);
  const rgba = new Uint8Array(400);
  assert.throws(() => addon.renderClassicRows(4, ...job, new Uint32Array(9), rgba, 1, new Float64Array(3)), RangeError);
  assert.throws(() => addon.colorClassic(new Uint32Array(2), new Float64Array(3), 5, new Uint32Array(9), rgba, 0), RangeError);
  addon.renderClassicRows(4, ...job, new Uint32Array(9), rgba, 0, new Float64Array(3));
});
