// The native colouring's log (native/fk-log.c, and its AVX-512 form native/log-avx512.c) against
// V8's Math.log, bit for bit on every path this CPU runs, over millions of
// doubles: where the classic colouring meets it (norms in (0, 2] inside the set, (4, ~16] and
// beyond for escapes), over every exponent, on both sides of each branch of the algorithm, and at
// the edges (0, subnormals, ∞, NaN, negatives). One ulp off anywhere can move a pixel's colour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNativeAddon, NATIVE_PATHS } from '../../src/core/render/native-addon.js';
import { seededRandom } from '../helpers/escape-compare.js';

const native = loadNativeAddon();

/** The paths whose log is its own code: the AVX-512 one is vectorised, every other is fk_log. */
const paths = (): number[] => {
  assert.ok(native.loaded, native.loaded ? '' : native.reason);
  const { addon } = native;
  return NATIVE_PATHS.map((_path, id) => id).filter((id) => addon.supported(id));
};

/** The first double whose native log (on any path) is not Math.log's, described; NaN matches any NaN. */
const firstMismatch = (xs: Float64Array): string | undefined => {
  const want = new Float64Array(xs.length);
  for (let p = 0; p < xs.length; p++) want[p] = Math.log(xs[p]!);
  const wantBits = new BigUint64Array(want.buffer);
  for (const path of paths()) {
    const got = new Float64Array(xs.length);
    if (native.loaded) native.addon.log(path, xs, got);
    const gotBits = new BigUint64Array(got.buffer);
    for (let p = 0; p < xs.length; p++) {
      if (gotBits[p] !== wantBits[p] && !(Number.isNaN(got[p]) && Number.isNaN(want[p]))) {
        return `${NATIVE_PATHS[path]}: log(${xs[p]}) = ${got[p]}, Math.log says ${want[p]}`;
      }
    }
  }
  return undefined;
};

const uniform = (count: number, lo: number, hi: number, seed: number): Float64Array => {
  const random = seededRandom(seed);
  // two draws a double, so every one of its 52 mantissa bits varies
  return Float64Array.from({ length: count }, () => lo + (hi - lo) * (random() + random() / 2 ** 32));
};

/** Doubles with random bit patterns under a fixed sign and exponent range: every exponent alike. */
const randomBits = (count: number, minExponent: number, maxExponent: number, seed: number): Float64Array => {
  const random = seededRandom(seed);
  const out = new Float64Array(count);
  const words = new Uint32Array(out.buffer);
  for (let p = 0; p < count; p++) {
    const exponent = minExponent + Math.floor(random() * (maxExponent - minExponent + 1));
    words[2 * p] = Math.floor(random() * 2 ** 32);
    words[2 * p + 1] = ((exponent + 1023) << 20) | Math.floor(random() * 2 ** 20);
  }
  return out;
};

/** Each x and its neighbours a few ulps either side: branch edges are where a reordering shows. */
const around = (xs: number[], ulps = 64): Float64Array => {
  const out: number[] = [];
  const one = new Float64Array(1);
  const bits = new BigInt64Array(one.buffer);
  for (const x of xs) {
    one[0] = x;
    const centre = bits[0]!;
    for (let d = -ulps; d <= ulps; d++) {
      bits[0] = centre + BigInt(d);
      out.push(one[0]);
    }
  }
  return Float64Array.from(out);
};

test('interior norms, (0, 2]: 2 million doubles', () => {
  assert.equal(firstMismatch(uniform(1_000_000, 0, 2, 1)), undefined);
  // the small norms of orbits that settle near 0, exponent by exponent
  assert.equal(firstMismatch(randomBits(1_000_000, -60, 0, 2)), undefined);
});

test('escape norms, (4, 16] and beyond: 2 million doubles', () => {
  assert.equal(firstMismatch(uniform(1_000_000, 4, 16, 3)), undefined);
  assert.equal(firstMismatch(uniform(500_000, 16, 64, 4)), undefined);
  assert.equal(firstMismatch(randomBits(500_000, 2, 1023, 5)), undefined);
});

test('every exponent, subnormals, and near 1 (the series branch, |f| < 2^-20)', () => {
  assert.equal(firstMismatch(randomBits(1_000_000, -1022, 1023, 6)), undefined);
  const random = seededRandom(7);
  const subnormal = Float64Array.from({ length: 100_000 }, () => Math.floor(random() * 2 ** 52) * Number.MIN_VALUE);
  assert.equal(firstMismatch(subnormal), undefined);
  assert.equal(firstMismatch(uniform(200_000, 1 - 2 ** -19, 1 + 2 ** -19, 8)), undefined);
});

test('branch edges and special values', () => {
  // √2 and √2/2 (where the mantissa is halved), 1 ± 2^-20 (the series branch), the two thresholds
  // of the f²/2 split (mantissa words 0x6147a and 0x6b851), and powers of two around 1
  const thresholds = [0x6147a, 0x6b851].map((word) => {
    const x = new Float64Array(1);
    new Uint32Array(x.buffer)[1] = 0x3ff00000 | word;
    return x[0]!;
  });
  const edges = [Math.SQRT2, Math.SQRT1_2, 1, 1 + 2 ** -20, 1 - 2 ** -20, 2, 4, 0.5, 16, ...thresholds, ...thresholds.map((t) => t * 4)];
  assert.equal(firstMismatch(around(edges, 4096)), undefined);
  const specials = [0, -0, Number.MIN_VALUE, 2 ** -1022, Number.MAX_VALUE, Infinity, -Infinity, NaN, -1, -Number.MIN_VALUE, 1e-310, 1e308];
  assert.equal(firstMismatch(Float64Array.from(specials)), undefined);
  for (const path of paths()) {
    const got = new Float64Array(specials.length);
    if (native.loaded) native.addon.log(path, Float64Array.from(specials), got);
    assert.deepEqual([got[0], got[1], got[5], Number.isNaN(got[7]), Number.isNaN(got[8])], [-Infinity, -Infinity, Infinity, true, true]);
  }
});

test('the check is sharp: a log one ulp off is caught', () => {
  assert.ok(native.loaded);
  const xs = uniform(1000, 4, 16, 9);
  const got = new Float64Array(xs.length);
  native.addon.log(paths()[0]!, xs, got);
  const want = Float64Array.from(xs, (x) => Math.log(x));
  assert.deepEqual(got, want);
  const bits = new BigUint64Array(got.buffer);
  bits[500] = bits[500]! + 1n;
  assert.notDeepEqual(got, want);
});
