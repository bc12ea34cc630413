// The PNG encoder, chosen on figures: the default 8192×6144 image (201 MB of RGBA) encoded in this
// process by the segmented encoder with segments of several sizes, against one zlib stream of the
// same filtered rows on one thread (the bytes pngjs wrote with fractal's settings until the
// segments came) and against pngjs's defaults, all measured in the same run. Sizes are exact; the
// times are for the encoder alone (in `fractal render` it overlaps the compute).
import { constants, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { createPngAssembler } from '../src/core/image/png-assembler.js';
import { filteredRowBytes } from '../src/core/image/png-filter.js';
import { segmentRowsFor } from '../src/core/image/png-stream.js';
import { decodePng } from '../src/core/image/write-png.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../src/core/render/image-spec.js';
import { renderToPng } from '../src/core/render-to-png.js';
import { median } from './stats.js';

const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 3);
const spec = resolveImageSpec(DEFAULT_IMAGE);
const { width, height } = spec;

// the picture's pixels: rendered as fractal render does, read back
const rendered: Uint8Array[] = [];
await renderToPng({ spec, threads: 2, rowsPerUnit: 8, sink: { write: async (pieces) => void rendered.push(...pieces) } });
const { rgba } = decodePng(Buffer.concat(rendered));

const timed = async (work: () => Promise<number>): Promise<{ ms: number; bytes: number }> => {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    bytes = await work();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), bytes };
};

const segmented = (segmentRows: number) => async (): Promise<number> => {
  let bytes = 0;
  const sink = { write: async (pieces: Uint8Array[]) => void (bytes += pieces.reduce((n, p) => n + p.length, 0)) };
  const png = createPngAssembler({ width, height, segmentRows, sink });
  png.addRows(0, rgba);
  await png.finish();
  return bytes;
};

const oneStream = async (): Promise<number> => {
  const rowBytes = width * 4;
  const filtered = Buffer.alloc(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const o = y * (rowBytes + 1);
    filtered[o] = 2;
    for (let x = 0; x < rowBytes; x++) filtered[o + 1 + x] = rgba[y * rowBytes + x]! - (y > 0 ? rgba[(y - 1) * rowBytes + x]! : 0);
  }
  // signature, IHDR, one IDAT, IEND: 8 + 25 + 12 + 12 bytes around the stream
  return deflateSync(filtered, { level: 1, strategy: constants.Z_RLE }).length + 57;
};

const pngjsDefault = async (): Promise<number> => {
  const data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.length);
  return PNG.sync.write({ width, height, data } as PNG, { colorType: 6, inputColorType: 6, inputHasAlpha: true }).length;
};

const chosen = segmentRowsFor(width);
const settings: Array<[string, () => Promise<number>]> = [
  ['one zlib stream, level 1, Up, one thread (before)', oneStream],
  [`segments of ${chosen / 4} rows (256 KiB)`, segmented(chosen / 4)],
  [`segments of ${chosen} rows (1 MiB, chosen)`, segmented(chosen)],
  [`segments of ${chosen * 4} rows (4 MiB)`, segmented(chosen * 4)],
  ['pngjs defaults (level 9, adaptive filter)', pngjsDefault],
];
let baseline: { ms: number; bytes: number } | undefined;
for (const [name, work] of settings) {
  const figure = await timed(work);
  baseline ??= figure;
  const filteredMiB = (height * filteredRowBytes(width)) / 2 ** 20;
  console.log(
    `png ${name.padEnd(48)} ${figure.ms.toFixed(0).padStart(6)} ms (median of ${RUNS}), ${(filteredMiB / (figure.ms / 1000)).toFixed(0)} MiB/s of filtered rows, ` +
      `${figure.bytes} bytes (${(figure.bytes / 2 ** 20).toFixed(2)} MiB, ${(((figure.bytes / baseline.bytes) - 1) * 100).toFixed(2)}% against one stream), ` +
      `${(baseline.ms / figure.ms).toFixed(2)}× its speed`,
  );
}
