// The wasm SIMD kernel against the scalar definition: the same counts and the same norm bits,
// on views chosen to exercise every path of the kernel (lane refills, empty lanes at the end of
// a block, the maxIter budget, escapes at iteration 1, row changes in the middle of a vector).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { createScalarKernel, type EscapeResult } from '../../src/core/render/kernel.js';
import { createWasmKernel, isWasmSimdSupported } from '../../src/core/render/kernel-wasm.js';
import { classicRowJob, classicView, type RowJob } from '../../src/core/render/view.js';
import { copyResult as copy, distinct, firstDifference, image, seededRandom, viewJob } from '../helpers/escape-compare.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scalar = createScalarKernel();
const wasm = createWasmKernel();

const assertSameAsScalar = (job: RowJob): EscapeResult => {
  const want = copy(scalar.computeRows(job));
  const difference = firstDifference(wasm.computeRows(job), want);
  assert.equal(difference, undefined, `${JSON.stringify(job)}: ${difference}`);
  return want;
};

test('the runtime has WebAssembly SIMD', () => {
  assert.equal(isWasmSimdSupported(), true);
  assert.equal(wasm.name, 'wasm-simd');
});

test('default view: bit-identical rows at the top, the middle and the bottom', () => {
  const spec = image({ width: 1024, height: 768 });
  // The stated edges, to the decimals they are usually quoted with.
  const edges = { xmin: -0.0655945, xmax: 0.0600945, ymin: 0.741986625, ymax: 0.836253375 };
  for (const [edge, value] of Object.entries(classicView(spec))) {
    assert.ok(Math.abs(value - edges[edge as keyof typeof edges]) < 1e-15, `${edge} ${value}`);
  }
  for (const [rowStart, rowCount] of [[0, 2], [381, 6], [700, 3], [767, 1]] as const) {
    const want = assertSameAsScalar(classicRowJob(spec, rowStart, rowCount));
    // Long orbits and short ones side by side: lanes are refilled at many different times.
    assert.ok(distinct(want.iters) > 30, `rows ${rowStart}+${rowCount}: only ${distinct(want.iters)} distinct counts`);
  }
});

test('views with interior points, points outside |c| = 2 and everything between', () => {
  for (const maxIter of [50, 256, 1000]) {
    const want = assertSameAsScalar(viewJob(-0.5, 0, 3, 61, 45, maxIter));
    assert.ok(want.iters.includes(maxIter), 'some pixels stay inside');
    assert.ok(want.iters.some((it) => it < maxIter), 'some escape');
  }
  // 8 wide: the corners are beyond |c| = 2 and escape at iteration 1, the first possible one.
  const wide = assertSameAsScalar(viewJob(0, 0, 8, 37, 29, 100));
  assert.ok(wide.iters.includes(1));
  assert.ok(wide.iters.includes(100));
  // Far outside: every pixel escapes at once, so every lane is refilled on every run.
  const far = assertSameAsScalar(viewJob(10, -7, 4, 19, 7, 100));
  assert.ok(far.iters.every((it) => it === 1));
});

test('the escape test is strict: |z|² = 4 does not escape', () => {
  // cx = -4, -2, 0, 2, 4 on cy = 0: -2 sits at |z|² = 4 for ever, 2 reaches 4 then escapes.
  const want = assertSameAsScalar({ xmin: -4, xspan: 8, ymin: 0, yspan: 1, denom: 4, width: 5, maxIter: 50, rowStart: 0, rowCount: 1 });
  assert.deepEqual([...want.iters], [1, 50, 50, 2, 1]);
  // c = -2 in every lane of every vector.
  const tip = assertSameAsScalar({ xmin: -2, xspan: 0, ymin: 0, yspan: 0, denom: 1, width: 16, maxIter: 50, rowStart: 0, rowCount: 2 });
  assert.ok(tip.iters.every((it) => it === 50));
});

test('maxIter 0, 1 and 2: the norm after maxIter steps, halved', () => {
  for (const maxIter of [0, 1, 2, 3]) {
    const want = assertSameAsScalar(viewJob(0, 0, 6, 23, 11, maxIter));
    if (maxIter >= 2) assert.ok(want.iters.some((it) => it < maxIter) && want.iters.includes(maxIter));
  }
});

test('widths 1 to 9 and row blocks at several offsets (lane remainders, rows changing within a vector)', () => {
  // denom stays that of a 64-pixel-wide view, as for the left end of a row; width only cuts it.
  const base = viewJob(-0.75, 0.1, 0.5, 64, 48, 300);
  for (let width = 1; width <= 9; width++) {
    for (const [rowStart, rowCount] of [[0, 1], [5, 3], [17, 7], [46, 2]] as const) {
      assertSameAsScalar({ ...base, width, rowStart, rowCount });
    }
  }
  assertSameAsScalar({ ...base, rowCount: 0 });
});

test('deep, seeded random views near the boundary', () => {
  const random = seededRandom(12345);
  for (let k = 0; k < 12; k++) {
    // Points of the cardioid's edge, e^it/2 - e^2it/4, zoomed in up to 10^-9.
    const t = random() * 2 * Math.PI;
    const x = Math.cos(t) / 2 - Math.cos(2 * t) / 4;
    const y = Math.sin(t) / 2 - Math.sin(2 * t) / 4;
    const span = 10 ** -(1 + random() * 8);
    const width = 13 + Math.floor(random() * 20);
    assertSameAsScalar(viewJob(x, y, span, width, 9, 2000, Math.floor(random() * 4), 5));
  }
});

test('results stay right while the memory grows and shrinks between calls', () => {
  const small = viewJob(-0.5, 0, 3, 16, 12, 100);
  const big = viewJob(-0.5, 0, 3, 700, 400, 20);
  assertSameAsScalar(small);
  assertSameAsScalar(big);
  assertSameAsScalar(small);
});

test('the comparison is sharp: one lane one ulp off, or one count off, is caught', () => {
  const job = viewJob(-0.5, 0, 3, 21, 5, 100);
  const want = copy(scalar.computeRows(job));
  assert.ok(distinct(want.iters) > 10 && new Set(want.norms).size > 50, 'pixels differ from each other');
  for (const p of [0, 1, 7, 42, want.iters.length - 1]) {
    const norms = copy(wasm.computeRows(job));
    norms.norms[p] = norms.norms[p]! * (1 + Number.EPSILON);
    assert.notEqual(firstDifference(norms, want), undefined, `norm ${p}`);
    const iters = copy(wasm.computeRows(job));
    iters.iters[p] = iters.iters[p]! + 1;
    assert.notEqual(firstDifference(iters, want), undefined, `count ${p}`);
  }
  assert.equal(firstDifference(copy(wasm.computeRows(job)), want), undefined);
});

test('rejects jobs the module cannot take', () => {
  const job = viewJob(-0.5, 0, 3, 16, 12, 100);
  assert.throws(() => wasm.computeRows({ ...job, maxIter: 2 ** 31 }), RangeError);
  assert.throws(() => wasm.computeRows({ ...job, width: 1.5 }), RangeError);
  assert.throws(() => wasm.computeRows({ ...job, rowStart: -1 }), RangeError);
});

test('the generated escape-kernel-wasm.ts is up to date with the .wat', () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-wasm.mjs'), '--check'], { cwd: root, stdio: 'pipe' });
});
