// The leader's PNG, built while the render runs: each block of rows is filtered and fed to zlib
// (which compresses on libuv's thread pool) as soon as every row above it is in, so the file is
// ready moments after the last unit lands instead of a whole encode later, and the leader never
// holds the full RGBA image, only blocks that arrive ahead of a missing one.
//
// The bytes are exactly those of encodePng (src/core/image/write-png.ts, pngjs): the same IHDR,
// the same per-row filter (pngjs's choice rules included), one IDAT holding one zlib stream made
// with pngjs's zlib settings, and zlib's output does not depend on how its input is split.
// test/unit/png-assembler.test.ts compares the two on many images and arrival orders.
import { createDeflate, crc32, type Deflate } from 'node:zlib';
import { createBufferPool } from '../buffer-pool.js';
import { PNG_ENCODING, type PngEncoding } from './write-png.js';

/** pngjs's fixed choices beside level and filter: Z_RLE, 32 KiB output chunks. */
const PNGJS_DEFLATE = { strategy: 3, chunkSize: 32 * 1024 } as const;
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BPP = 4;
const MAX_SPARE_BUFFERS = 4;
const BATCH_BYTES = 2 * 1024 * 1024;

export interface PngAssemblerOptions {
  width: number;
  height: number;
  encoding?: PngEncoding;
  /** Called with each block once the assembler no longer needs it, so the caller can reuse it. */
  release?(rgba: Uint8Array): void;
}

export interface PngAssembler {
  /**
   * Rows [rowStart, rowStart + rgba.length / (width × 4)) are final. Blocks come in any order,
   * each row once; a block that arrives early is kept (not copied) until the rows above it are in.
   */
  addRows(rowStart: number, rgba: Uint8Array): void;
  /** Resolves with the PNG file's bytes once every row has been added and compressed. */
  finish(): Promise<Buffer>;
  /** RGBA bytes held for blocks waiting for the rows above them. */
  readonly bufferedBytes: number;
  abort(): void;
}

export const createPngAssembler = (options: PngAssemblerOptions): PngAssembler => {
  const { width, height } = options;
  const encoding = options.encoding ?? PNG_ENCODING;
  const filters = filtersFor(encoding.filterType);
  const rowBytes = width * BPP;
  const deflate: Deflate = createDeflate({ ...PNGJS_DEFLATE, level: encoding.deflateLevel });
  const compressed: Buffer[] = [];
  let compressedBytes = 0;
  // the IDAT chunk's CRC (over its type and data) grows with the data, so none of it is left for the end
  let idatCrc = crc32(Buffer.from('IDAT', 'latin1'));
  deflate.on('data', (chunk: Buffer) => {
    compressed.push(chunk);
    compressedBytes += chunk.length;
    idatCrc = crc32(chunk, idatCrc);
  });
  const ended = new Promise<void>((resolve, reject) => {
    deflate.once('end', resolve);
    deflate.once('error', reject);
  });
  ended.catch(() => {});
  /** Early blocks by first row. */
  const waiting = new Map<number, Uint8Array>();
  let bufferedBytes = 0;
  /** Rows filtered and handed to zlib. */
  let nextRow = 0;
  // a copy of the last row filtered, so that its block can be released at once
  const previousRow = new Uint8Array(rowBytes);
  let previous: Uint8Array | null = null;
  const filteredRow = new Uint8Array(rowBytes);

  // Filtered rows reach zlib in batches of about BATCH_BYTES: every write costs a round trip
  // through libuv's thread pool, and one write per unit cost the leader about 40 ms more CPU on the
  // default image. zlib hands each batch back once it has compressed it.
  const batchCapacity = Math.max(1, Math.floor(BATCH_BYTES / (rowBytes + 1))) * (rowBytes + 1);
  const batches = createBufferPool(MAX_SPARE_BUFFERS);
  let batch = batches.take(batchCapacity);
  let batchFill = 0;
  const writeBatch = (): void => {
    if (batchFill === 0) return;
    const full = batch.subarray(0, batchFill);
    deflate.write(full, () => batches.give(full));
    batch = batches.take(batchCapacity);
    batchFill = 0;
  };
  const filterRows = (rgba: Uint8Array): void => {
    const rows = rgba.length / rowBytes;
    for (let r = 0; r < rows; r++) {
      if (batchFill + rowBytes + 1 > batchCapacity) writeBatch();
      const row = rgba.subarray(r * rowBytes, (r + 1) * rowBytes);
      const type = filters.length === 1 ? filters[0]! : chooseFilter(row, previous, filters);
      batch[batchFill] = type;
      if (type === 2 && previous && row.byteOffset % 4 === 0) {
        filterUpWords(row, previous, filteredRow);
        batch.set(filteredRow, batchFill + 1);
      } else {
        applyFilter(type, row, previous, batch, batchFill + 1);
      }
      batchFill += rowBytes + 1;
      previous = row;
    }
    previousRow.set(previous!);
    previous = previousRow;
  };

  return {
    addRows(rowStart, rgba) {
      if (rgba.length === 0 || rgba.length % rowBytes !== 0) throw new RangeError(`a block of ${rgba.length} bytes is not whole rows of ${rowBytes}`);
      if (rowStart < nextRow || waiting.has(rowStart) || rowStart + rgba.length / rowBytes > height) throw new RangeError(`rows from ${rowStart} were already added or are outside the image`);
      if (rowStart !== nextRow) {
        waiting.set(rowStart, rgba);
        bufferedBytes += rgba.length;
        return;
      }
      let block: Uint8Array | undefined = rgba;
      while (block) {
        filterRows(block);
        nextRow += block.length / rowBytes;
        options.release?.(block);
        block = waiting.get(nextRow);
        if (block) {
          waiting.delete(nextRow);
          bufferedBytes -= block.length;
        }
      }
      if (nextRow === height) {
        writeBatch();
        deflate.end();
      }
    },
    async finish() {
      if (nextRow !== height) throw new RangeError(`only ${nextRow} of ${height} rows are in`);
      await ended;
      const ihdr = Buffer.alloc(13);
      ihdr.writeUInt32BE(width, 0);
      ihdr.writeUInt32BE(height, 4);
      ihdr[8] = 8; // bit depth
      ihdr[9] = 6; // colour type RGBA
      // the compressed data is copied once, straight into the file's bytes
      const idatHead = Buffer.alloc(8);
      idatHead.writeUInt32BE(compressedBytes, 0);
      idatHead.write('IDAT', 4, 'latin1');
      const idatTail = Buffer.alloc(4);
      idatTail.writeUInt32BE(idatCrc, 0);
      return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), idatHead, ...compressed, idatTail, chunk('IEND', Buffer.alloc(0))]);
    },
    get bufferedBytes() {
      return bufferedBytes;
    },
    abort() {
      waiting.clear();
      deflate.destroy();
    },
  };
};

const chunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, tail]);
};

// ---- filters, as pngjs applies them (bpp 4) ---------------------------------------------------

/** pngjs: -1 (or none given) tries every filter per row; a number uses that one. */
const filtersFor = (filterType: number): number[] => {
  if (filterType === -1) return [0, 1, 2, 3, 4];
  if (!Number.isInteger(filterType) || filterType < 0 || filterType > 4) throw new RangeError(`unknown PNG filter type ${filterType}`);
  return [filterType];
};

const paeth = (left: number, above: number, upLeft: number): number => {
  const p = left + above - upLeft;
  const pLeft = Math.abs(p - left);
  const pAbove = Math.abs(p - above);
  const pUpLeft = Math.abs(p - upLeft);
  if (pLeft <= pAbove && pLeft <= pUpLeft) return left;
  return pAbove <= pUpLeft ? above : upLeft;
};

/** The filtered value before wrapping to a byte: what pngjs sums to choose a filter. */
const filtered = (type: number, row: Uint8Array, prev: Uint8Array | null, x: number): number => {
  const left = x >= BPP ? row[x - BPP]! : 0;
  const up = prev ? prev[x]! : 0;
  switch (type) {
    case 0:
      return row[x]!;
    case 1:
      return row[x]! - left;
    case 2:
      return row[x]! - up;
    case 3:
      return row[x]! - ((left + up) >> 1);
    default:
      return row[x]! - paeth(left, up, prev && x >= BPP ? prev[x - BPP]! : 0);
  }
};

const chooseFilter = (row: Uint8Array, prev: Uint8Array | null, types: number[]): number => {
  let best = types[0]!;
  let min = Infinity;
  for (const type of types) {
    let sum = 0;
    for (let x = 0; x < row.length; x++) sum += Math.abs(filtered(type, row, prev, x));
    if (sum < min) {
      min = sum;
      best = type;
    }
  }
  return best;
};

/**
 * The Up filter (each byte minus the byte above, wrapping at 256) four bytes at a time: the
 * leader's hottest loop. Bytes must not borrow from their neighbours, so each word's top bits are
 * set before the subtraction and put right after it. `row` and `above` start 4-byte aligned.
 */
const filterUpWords = (row: Uint8Array, above: Uint8Array, out: Uint8Array): void => {
  const words = row.length >> 2;
  const a32 = new Uint32Array(row.buffer, row.byteOffset, words);
  const b32 = new Uint32Array(above.buffer, above.byteOffset, words);
  const o32 = new Uint32Array(out.buffer, out.byteOffset, words);
  for (let i = 0; i < words; i++) {
    const a = a32[i]!;
    const b = b32[i]!;
    o32[i] = ((a | 0x80808080) - (b & 0x7f7f7f7f)) ^ ((a ^ ~b) & 0x80808080);
  }
};

const applyFilter = (type: number, row: Uint8Array, prev: Uint8Array | null, out: Uint8Array, at: number): void => {
  const n = row.length;
  if (type === 2) {
    // the hot path (fractal's default, PNG_ENCODING): each byte minus the one above, wrapping at 256
    if (!prev) out.set(row, at);
    else for (let x = 0; x < n; x++) out[at + x] = row[x]! - prev[x]!;
    return;
  }
  if (type === 4 && prev) {
    // Paeth with a row above, unrolled from the definition
    for (let x = 0; x < BPP && x < n; x++) out[at + x] = row[x]! - prev[x]!;
    for (let x = BPP; x < n; x++) {
      const a = row[x - BPP]!;
      const b = prev[x]!;
      const c = prev[x - BPP]!;
      const p = a + b - c;
      const pa = p > a ? p - a : a - p;
      const pb = p > b ? p - b : b - p;
      const pc = p > c ? p - c : c - p;
      out[at + x] = row[x]! - (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
    return;
  }
  for (let x = 0; x < n; x++) out[at + x] = filtered(type, row, prev, x);
};
