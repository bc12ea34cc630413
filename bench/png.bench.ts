// PNG encoding settings, chosen on figures: encode the default 8192×6144 image (201 MB of RGBA)
// with several zlib levels and filters, and print time and size per setting against pngjs's
// defaults (level 9, adaptive filter) measured in the same run.
import { encodePng, type PngEncoding } from '../src/core/image/write-png.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../src/core/render/image-spec.js';
import { renderImage } from '../src/core/render/render-image.js';
import { median } from './stats.js';

const spec = resolveImageSpec(DEFAULT_IMAGE, { memoryBytes: 2 ** 34 });
const image = await renderImage({ spec, threads: 2 });

const SETTINGS: Array<[string, PngEncoding]> = [
  ['pngjs default (level 9, adaptive)', { deflateLevel: 9, filterType: -1 }],
  ['level 1, adaptive', { deflateLevel: 1, filterType: -1 }],
  ['level 1, none', { deflateLevel: 1, filterType: 0 }],
  ['level 1, sub', { deflateLevel: 1, filterType: 1 }],
  ['level 1, up', { deflateLevel: 1, filterType: 2 }],
  ['level 1, paeth', { deflateLevel: 1, filterType: 4 }],
  ['level 3, up', { deflateLevel: 3, filterType: 2 }],
];

let baseline = 0;
for (const [name, encoding] of SETTINGS) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    bytes = encodePng(image, encoding).length;
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  if (baseline === 0) baseline = ms;
  const mbPerS = (image.rgba.length / 2 ** 20 / (ms / 1000)).toFixed(0);
  console.log(
    `png ${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms (median of 3), ${mbPerS} MiB/s of RGBA, ` +
      `${(bytes / 2 ** 20).toFixed(1)} MiB, ${(baseline / ms).toFixed(2)}x faster than the default`,
  );
}
