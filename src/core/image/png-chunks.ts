// The framing of a PNG file: the signature, chunks (length, type, data, CRC-32 of type and data),
// the header of an 8-bit RGBA image, and the zlib stream's two ends.
import { crc32 } from 'node:zlib';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** PNG: a chunk's length is a 31-bit number, and so is each side of the image. */
export const MAX_CHUNK_BYTES = 2 ** 31 - 1;
export const MAX_PNG_SIDE = 2 ** 31 - 1;

/**
 * The zlib header of the image data: deflate with a 32 KiB window (0x78), no preset dictionary,
 * "fastest" level, and the check bits that make the pair a multiple of 31 (RFC 1950).
 */
export const ZLIB_HEADER = Uint8Array.of(0x78, 0x01);

const typeBytes = (type: string): Uint8Array => Uint8Array.from(type, (c) => c.charCodeAt(0));

/** One chunk as the pieces to write: its head (length, type), its data, its tail (CRC). */
export const chunkPieces = (type: string, data: Uint8Array): Uint8Array[] => {
  if (data.length > MAX_CHUNK_BYTES) throw new RangeError(`a ${type} chunk of ${data.length} bytes is over PNG's ${MAX_CHUNK_BYTES}`);
  const head = new Uint8Array(8);
  const view = new DataView(head.buffer);
  view.setUint32(0, data.length);
  head.set(typeBytes(type), 4);
  const tail = new Uint8Array(4);
  new DataView(tail.buffer).setUint32(0, crc32(data, crc32(head.subarray(4))));
  return data.length === 0 ? [head, tail] : [head, data, tail];
};

/** The signature and the IHDR of an 8-bit RGBA image, not interlaced. */
export const pngHead = (width: number, height: number): Uint8Array[] => {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  return [PNG_SIGNATURE, ...chunkPieces('IHDR', ihdr)];
};

export const pngEnd = (): Uint8Array[] => chunkPieces('IEND', new Uint8Array(0));

/** The image data as IDAT chunks of at most maxChunkBytes each (the data is cut, not copied). */
export const idatPieces = (data: Uint8Array, maxChunkBytes: number = MAX_CHUNK_BYTES): Uint8Array[] => {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += maxChunkBytes) pieces.push(...chunkPieces('IDAT', data.subarray(at, at + maxChunkBytes)));
  return pieces;
};
