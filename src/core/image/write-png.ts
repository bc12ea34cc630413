// PNG files whole in memory: small pictures (the palette swatch, tests) encoded with the same
// segmented encoder as the big ones, decoding (pngjs: the only pngjs importer, an independent
// reader of what fractal writes), and the sha256 the results record.
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { createPngAssembler } from './png-assembler.js';

export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** The PNG of an image held in memory: the bytes `fractal render` writes for the same pixels. */
export const encodePng = async (image: RgbaImage): Promise<Buffer> => {
  const pieces: Uint8Array[] = [];
  const png = createPngAssembler({ width: image.width, height: image.height, sink: { write: async (more) => void pieces.push(...more) } });
  png.addRows(0, image.rgba);
  await png.finish();
  return Buffer.concat(pieces);
};

export const decodePng = (bytes: Buffer): RgbaImage => {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, rgba: png.data };
};

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
