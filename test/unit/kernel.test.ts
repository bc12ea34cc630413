// The wasm SIMD kernel against the scalar definition: the same counts and the same norm bits,
// on views chosen to exercise every path of the kernel (lane refills, empty lanes at the end of
// a block, the maxIter budget, escapes at iteration 1, row changes in the middle of a vector).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { DEFAULT_IMAGE, type ImageSpec } from '../../src/core/render/image-spec.js';
import { createScalarKernel, type EscapeResult } from '../../src/core/render/kernel.js';
import { createBestKernel, createWasmKernel, isWasmSimdSupported } from '../../src/core/render/kernel-wasm.js';
import { classicRowJob, classicView, type RowJob } from '../../src/core/render/view.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scalar = createScalarKernel();
const wasm = createWasmKernel();

const bytes = (a: Uint32Array | Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Copies, since a kernel's views only last until its next call. */
const copy = (r: EscapeResult): EscapeResult => ({ iters: r.iters.slice(), norms: r.norms.slice() });

/** Where two results differ, described, or undefined when they are bit-identical. */
const firstDifference = (got: EscapeResult, want: EscapeResult): string | undefined => {
  if (got.iters.length !== want.iters.length) return `${got.iters.length} pixels, expected ${want.iters.length}`;
  if (bytes(got.iters).equals(bytes(want.iters)) && bytes(got.norms).equals(bytes(want.norms))) return undefined;
  const hex = (a: Float64Array, p: number): string => bytes(a.subarray(p, p + 1)).toString('hex');
  for (let p = 0; p < want.iters.length; p++) {
    if (got.iters[p] !== want.iters[p] || hex(got.norms, p) !== hex(want.norms, p)) {
      return (
        `pixel ${p}: iters ${got.iters[p]} norm ${got.norms[p]} (${hex(got.norms, p)}), ` +
        `expected ${want.iters[p]} norm ${want.norms[p]} (${hex(want.norms, p)})`
      );
    }
  }
  return 'differs';
};

const assertSameAsScalar = (job: RowJob): EscapeResult => {
  const want = copy(scalar.computeRows(job));
  const difference = firstDifference(wasm.computeRows(job), want);
  assert.equal(difference, undefined, `${JSON.stringify(job)}: ${difference}`);
  return want;
};

const image = (over: Partial<ImageSpec>): ImageSpec => ({
  ...DEFAULT_IMAGE,
  palette: 'Hippi',
  ...over,
});

/** A view span wide in the complex plane, centred on (x, y), of width × height pixels, as the CLI computes it. */
const viewJob = (
  x: number,
  y: number,
  span: number,
  width: number,
  height: number,
  maxIter: number,
  rowStart = 0,
  rowCount = height,
): RowJob =>
  classicRowJob(image({ width, height, xpos: x, ypos: y, escapeRadius: span, iters: maxIter }), rowStart, rowCount);

const distinct = (a: Uint32Array): number => new Set(a).size;

test('the runtime has WebAssembly SIMD, and the best kernel is the wasm one', () => {
  assert.equal(isWasmSimdSupported(), true);
  assert.equal(createBestKernel().name, 'wasm-simd');
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
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
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
