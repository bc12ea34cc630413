// `fractal palettes`: the list, and a swatch image of every palette as built.
import { encodePng } from '../image/write-png.js';
import { checkWritable, writeFileAtomic } from '../files/atomic-file.js';
import { checkPaletteLength } from './image-spec.js';
import { buildPalette, PALETTE_NAMES, type PaletteName } from './palette.js';
import { PALETTE_SEEDS } from './palette-data.js';

export interface PalettesReport {
  palettes: Array<{ name: PaletteName; seeds: number; seedHex: string[] }>;
  swatch: string | null;
}

const BAND_HEIGHT = 32;
const SWATCH_WIDTH = 600;

export const runPalettes = async (options: { swatch?: string | undefined; step: number }): Promise<PalettesReport> => {
  const palettes = PALETTE_NAMES.map((name) => ({
    name,
    seeds: PALETTE_SEEDS[name].length,
    seedHex: PALETTE_SEEDS[name].map((s) => `#${s.rgba.slice(0, 3).map((c) => c.toString(16).padStart(2, '0')).join('')}`),
  }));
  checkPaletteLength('step', options.step);
  if (options.swatch === undefined) return { palettes, swatch: null };
  await checkWritable(options.swatch, 'swatch');
  const rgba = new Uint8Array(SWATCH_WIDTH * BAND_HEIGHT * PALETTE_NAMES.length * 4);
  PALETTE_NAMES.forEach((name, band) => {
    const { rgb } = buildPalette(name, options.step, 1);
    const entries = rgb.length / 3;
    for (let x = 0; x < SWATCH_WIDTH; x++) {
      const k = Math.floor((x / SWATCH_WIDTH) * entries);
      for (let y = 0; y < BAND_HEIGHT; y++) {
        const o = ((band * BAND_HEIGHT + y) * SWATCH_WIDTH + x) * 4;
        rgba.set([rgb[k * 3]!, rgb[k * 3 + 1]!, rgb[k * 3 + 2]!, 255], o);
      }
    }
  });
  await writeFileAtomic(options.swatch, await encodePng({ width: SWATCH_WIDTH, height: BAND_HEIGHT * PALETTE_NAMES.length, rgba }), 'swatch');
  return { palettes, swatch: options.swatch };
};
