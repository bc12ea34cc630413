import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colorClassic } from '../../src/core/render/classic-coloring.js';
import { FractalError } from '../../src/core/errors.js';
import { buildPalette, packColor, PALETTE_NAMES, parsePaletteName, seedStops, toUint32 } from '../../src/core/render/palette.js';
import { PALETTE_SEEDS } from '../../src/core/render/palette-data.js';

test('packing keeps the original 257/255 channel quirk, OR-ed into the next byte', () => {
  assert.equal(packColor(0x93, 0xd2, 0xca, 0xff), 0x94d3cb01); // AfternoonBlue's first colour
  assert.equal(packColor(0xff, 0xf0, 0x94, 0xff), 0x01f19501); // SummerBeach's first: red 257 falls off the top
  assert.equal(packColor(0, 0, 0, 0), 0);
});

test("uint32 conversion truncates towards zero and keeps the low 32 bits, like Go's on amd64", () => {
  assert.equal(toUint32(-2.5), 2 ** 32 - 2);
  assert.equal(toUint32(3.99), 3);
  assert.equal(toUint32(2 ** 32 + 5.5), 5);
});

test('a palette has max(step, iters) + 1 entries', () => {
  assert.equal(buildPalette('Hippi', 6000, 800).packed.length, 6001);
  assert.equal(buildPalette('Hippi', 600, 800).packed.length, 801);
  assert.equal(buildPalette('AfternoonBlue', 800, 800).packed.length, 801);
  for (const name of PALETTE_NAMES) assert.ok(buildPalette(name, 6000, 800).packed.length >= 6000, name);
});

test('a palette starts with its first seed colour and blends towards the second', () => {
  const { rgb } = buildPalette('AfternoonBlue', 6000, 800);
  // i = 0 lies in segment 0 with mu2 = 0, so the value is the *second* seed (the reversed order)...
  // ...packed: (0x6c,0x98,0xb8,0xff) -> 0x6c99b901, unpacked to RGB 0x6c,0x99,0xb9
  assert.deepEqual([...rgb.subarray(0, 3)], [0x6c, 0x99, 0xb9]);
});

test('derived stops are (index+1)/count truncated to two decimals, the first stop is its own', () => {
  const stops = seedStops(PALETTE_SEEDS.Biochemist);
  const n = PALETTE_SEEDS.Biochemist.length;
  assert.equal(stops[0], PALETTE_SEEDS.Biochemist[0]!.stop ?? 0);
  for (let i = 1; i < n; i++) {
    if (PALETTE_SEEDS.Biochemist[i]!.stop === null) assert.equal(stops[i], Math.trunc(((i + 1) / n) * 100) / 100);
  }
});

test('an unknown palette lists the valid ones and hints at the case', () => {
  assert.throws(() => parsePaletteName('Nope'), (e: unknown) => e instanceof FractalError && e.kind === 'input' && e.message.includes('Hippi, Vivid, Plan9'));
  assert.throws(() => parsePaletteName('hippi'), (e: unknown) => e instanceof FractalError && e.suggestions.some((s) => s.includes('--palette Hippi')));
});

test('classic colouring blends with the integer weight in wrap-around uint32 arithmetic', () => {
  const palette = buildPalette('Hippi', 6000, 800);
  const N = 800;
  // pixel 0: v = (N - it) + ln(norm) = 3 + ln(e^0.5) = 3.5 -> k = 3, mu = 3
  // pixel 1: an interior pixel with v < 0: -(2.5) -> k = 2, mu = 2^32 - 2
  // pixel 2: v far past the palette's end -> transparent
  const iters = Uint32Array.of(N - 3, N, 0);
  const norms = Float64Array.of(Math.exp(0.5), Math.exp(-2.5), Math.exp(6000));
  const out = new Uint8Array(12);
  colorClassic({ iters, norms }, 3, N, palette.packed, out, 0);
  const expected = (k: number, mu: bigint): number[] => {
    const c1 = BigInt(palette.packed[k]!);
    const c2 = BigInt(palette.packed[k + 1]!);
    const mask = (1n << 32n) - 1n;
    const packed = Number((c1 * ((1n - mu) & mask) + c2 * mu) & mask);
    return [packed >>> 24, (packed >>> 16) & 255, (packed >>> 8) & 255, 255];
  };
  assert.deepEqual([...out.subarray(0, 4)], expected(3, 3n));
  assert.deepEqual([...out.subarray(4, 8)], expected(2, 2n ** 32n - 2n));
  assert.deepEqual([...out.subarray(8, 12)], [0, 0, 0, 0]);
});
