// PNG encoding and decoding, and the sha256 the results record. The only pngjs importer.
import { createHash, webcrypto } from 'node:crypto';
import { PNG } from 'pngjs';

export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * Chosen on measurements of the default 8192×6144 image (bench/png.bench.ts, docs/rendering.md "PNG
 * encoding"): zlib level 1 with the Up filter alone encodes 4.5x faster than pngjs's defaults
 * (level 9, Z_RLE, five filters tried per row) and the file is smaller too (15.5 vs 19.0 MiB):
 * the picture's rows repeat their neighbours, which Up exploits and the adaptive choice misses.
 */
export const PNG_ENCODING = { deflateLevel: 1, filterType: 2 } as const;

export interface PngEncoding {
  deflateLevel: number;
  filterType: number;
}

export const encodePng = (image: RgbaImage, encoding: PngEncoding = PNG_ENCODING): Buffer => {
  const data = Buffer.from(image.rgba.buffer, image.rgba.byteOffset, image.rgba.byteLength);
  return PNG.sync.write({ width: image.width, height: image.height, data } as PNG, {
    deflateLevel: encoding.deflateLevel,
    filterType: encoding.filterType,
    colorType: 6,
    inputColorType: 6,
    inputHasAlpha: true,
  });
};

export const decodePng = (bytes: Buffer): RgbaImage => {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, rgba: png.data };
};

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The same digest, computed on libuv's thread pool: this thread stays free meanwhile (to write the file). */
export const sha256OffThread = async (bytes: Uint8Array): Promise<string> => Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
