// Builds the colour table the classic colouring indexes into, exactly as distributed-fractal (after
// gobrot) does: seed colours packed with the 257/255 channel quirk, cosine-interpolated in the
// reversed order, sampled by an accumulating float step. Every quirk is part of the picture.
import { describeValue, inputError } from '../errors.js';
import { PALETTE_NAMES, PALETTE_SEEDS, type PaletteName, type SeedColor } from './palette-data.js';

export { PALETTE_NAMES, type PaletteName };

export interface Palette {
  readonly name: PaletteName;
  /** Every entry packed as `pack(r, g, b, 255)`: what the classic colouring blends. */
  readonly packed: Uint32Array;
  /** Every entry as RGB bytes (3 per entry): for swatches and the smooth colouring. */
  readonly rgb: Uint8Array;
}

/**
 * Go's `color.RGBA.RGBA()` widens a channel c to c·0x101, and the original divides by 0xff:
 * floor(c·257/255), so 255 becomes 257. The channels are OR-ed, so a 257 sets the low bit of
 * the next byte up (and the red one falls off the top).
 */
export const packColor = (r: number, g: number, b: number, a: number): number => {
  const widen = (c: number): number => Math.floor((c * 257) / 255);
  return ((widen(r) << 24) | (widen(g) << 16) | (widen(b) << 8) | widen(a)) >>> 0;
};

export const isPaletteName = (name: string): name is PaletteName => (PALETTE_NAMES as readonly string[]).includes(name);

export const parsePaletteName = (name: string): PaletteName => {
  if (isPaletteName(name)) return name;
  const near = PALETTE_NAMES.find((p) => p.toLowerCase() === name.toLowerCase());
  throw inputError(
    'E_PALETTE_UNKNOWN',
    `unknown palette ${describeValue(name)}: expected one of ${PALETTE_NAMES.join(', ')}`,
    near ? [`did you mean --palette ${near}? (names are case-sensitive)`] : ['run `fractal palettes` to see them'],
  );
};

/** Stops of the seed colours: explicit, or (index+1)/count truncated to two decimals. */
export const seedStops = (seeds: readonly SeedColor[]): number[] =>
  seeds.map((seed, index) => {
    if (index === 0 || (seed.stop !== null && seed.stop !== 0)) return seed.stop ?? 0;
    return Math.trunc(((index + 1) / seeds.length) * 100) / 100;
  });

/** A palette of about max(step, iters) + 1 entries (the float accumulation decides the exact count). */
export const buildPalette = (name: PaletteName, step: number, iters: number): Palette => {
  const seeds = PALETTE_SEEDS[name];
  const stops = seedStops(seeds);
  const seedPacked = seeds.map((s) => packColor(...s.rgba));
  const factor = 1 / Math.max(step, iters);
  const entries: number[] = [];
  for (let i = 0; i <= 1; i += factor) {
    for (let j = 0; j < seeds.length - 1; j++) {
      const lo = stops[j]!;
      const hi = stops[j + 1]!;
      if (!(i >= lo && i < hi)) continue;
      const mu2 = (1 - Math.cos(((i - lo) / (hi - lo)) * Math.PI)) / 2;
      // the original passes (max, min) to its interpolation: the reversed order is the picture
      const value = seedPacked[j + 1]! * (1 - mu2) + seedPacked[j]! * mu2;
      entries.push(toUint32(value));
    }
  }
  const packed = new Uint32Array(entries.length);
  const rgb = new Uint8Array(entries.length * 3);
  entries.forEach((value, k) => {
    const r = (value >>> 24) & 0xff;
    const g = (value >>> 16) & 0xff;
    const b = (value >>> 8) & 0xff;
    rgb[k * 3] = r;
    rgb[k * 3 + 1] = g;
    rgb[k * 3 + 2] = b;
    packed[k] = packColor(r, g, b, 0xff);
  });
  return { name, packed, rgb };
};

/**
 * Go's uint32(f) on amd64: truncate towards zero to a 64-bit integer, keep the low 32 bits
 * (-2.5 becomes 2^32 - 2). Exact in doubles for |f| < 2^53, which is all this project meets.
 */
export const toUint32 = (value: number): number => Math.trunc(value) >>> 0;
