// A strict PNG reader for the tests and benchmarks that never holds the image: it reads the file a
// piece at a time and checks every rule fractal's files must keep — the signature, IHDR first and
// as fractal writes it, every chunk's CRC-32 and length (within PNG's 2^31 − 1, or a smaller
// limit), the IDAT chunks back to back, one zlib stream inflated by zlib (which checks the Adler-32
// itself) with nothing after its end, the Adler-32 once more by a plain byte loop written here, a
// known filter type on every row, exactly height rows, IEND last and nothing behind it. Rows are
// unfiltered one at a time and handed to onRow, with only the row above kept.
import { open } from 'node:fs/promises';
import { createInflate, crc32 } from 'node:zlib';

export interface PngReport {
  width: number;
  height: number;
  idatChunks: number;
  largestChunkBytes: number;
  /** Bytes of the zlib stream (all IDAT data). */
  zlibBytes: number;
  /** Bytes it inflates to: height × (1 + 4 × width). */
  filteredBytes: number;
  adler: number;
  /** How many rows used each filter type. */
  filterCounts: number[];
}

export interface ReadPngOptions {
  /** Each row's RGBA, top to bottom; the buffer is reused for the next row. */
  onRow?(y: number, rgba: Uint8Array): void;
  /** Refuse chunks longer than this (default PNG's limit). */
  maxChunkBytes?: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const READ_BYTES = 1 << 20;

/** The reference Adler-32: the definition, one byte at a time (RFC 1950), reduced every 4 KiB. */
const adlerStep = (state: { a: number; b: number }, bytes: Uint8Array): void => {
  let { a, b } = state;
  for (let i = 0; i < bytes.length; ) {
    for (const end = Math.min(bytes.length, i + 4096); i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  state.a = a;
  state.b = b;
};

export const readPngFile = async (path: string, options: ReadPngOptions = {}): Promise<PngReport> => {
  const maxChunk = options.maxChunkBytes ?? 2 ** 31 - 1;
  const file = await open(path, 'r');
  let position = 0;
  const read = async (n: number): Promise<Buffer> => {
    const out = Buffer.alloc(n);
    let got = 0;
    while (got < n) {
      const { bytesRead } = await file.read(out, got, n - got, position);
      if (bytesRead === 0) throw new Error(`${path}: ends at byte ${position}, inside a chunk`);
      got += bytesRead;
      position += bytesRead;
    }
    return out;
  };
  try {
    if (!(await read(8)).equals(SIGNATURE)) throw new Error(`${path}: not a PNG signature`);
    const report: PngReport = {
      width: 0,
      height: 0,
      idatChunks: 0,
      largestChunkBytes: 0,
      zlibBytes: 0,
      filteredBytes: 0,
      adler: 0,
      filterCounts: [0, 0, 0, 0, 0],
    };
    const chunks: string[] = [];
    let inflater: ReturnType<typeof rowInflater> | undefined;
    // the zlib stream's last 4 bytes: its Adler-32
    let trailer = Buffer.alloc(0);
    for (;;) {
      const head = await read(8);
      const length = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (length > maxChunk) throw new Error(`${path}: ${type} chunk of ${length} bytes, over the limit of ${maxChunk}`);
      report.largestChunkBytes = Math.max(report.largestChunkBytes, length);
      if (chunks.length === 0 && type !== 'IHDR') throw new Error(`${path}: the first chunk is ${type}, not IHDR`);
      if (type === 'IDAT' && chunks.length > 0 && chunks.at(-1) !== 'IDAT' && chunks.includes('IDAT')) throw new Error(`${path}: IDAT chunks are not consecutive`);
      chunks.push(type);
      let crc = crc32(head.subarray(4));
      let first: Buffer | undefined;
      for (let left = length; left > 0; ) {
        const piece = await read(Math.min(left, READ_BYTES));
        left -= piece.length;
        crc = crc32(piece, crc);
        if (type === 'IHDR') first = piece;
        if (type === 'IDAT') {
          report.zlibBytes += piece.length;
          trailer = Buffer.concat([trailer, piece.subarray(Math.max(0, piece.length - 4))]).subarray(-4);
          await inflater!.write(piece);
        }
      }
      if ((await read(4)).readUInt32BE(0) !== crc) throw new Error(`${path}: ${type} chunk ${chunks.length} has a wrong CRC`);
      if (type === 'IHDR') {
        if (length !== 13 || !first) throw new Error(`${path}: IHDR of ${length} bytes`);
        report.width = first.readUInt32BE(0);
        report.height = first.readUInt32BE(4);
        if (!first.subarray(8).equals(Buffer.from([8, 6, 0, 0, 0]))) throw new Error(`${path}: not 8-bit RGBA, non-interlaced`);
        inflater = rowInflater(report, options);
      } else if (type === 'IDAT') {
        report.idatChunks++;
      } else if (type === 'IEND') {
        if (length !== 0) throw new Error(`${path}: IEND with data`);
        break;
      } else {
        throw new Error(`${path}: unexpected chunk ${type} (fractal writes IHDR, IDAT, IEND only)`);
      }
    }
    if (position !== (await file.stat()).size) throw new Error(`${path}: bytes after IEND`);
    await inflater!.end();
    if (trailer.length !== 4 || trailer.readUInt32BE(0) !== report.adler) throw new Error(`${path}: the zlib stream's Adler-32 is not that of its data`);
    return report;
  } finally {
    await file.close();
  }
};

/** A zlib inflater whose output is cut into rows, unfiltered and checked as it comes. */
const rowInflater = (report: PngReport, options: ReadPngOptions) => {
  const rowBytes = report.width * 4;
  const stride = rowBytes + 1;
  const inflate = createInflate();
  const adler = { a: 1, b: 0 };
  let filtered = Buffer.alloc(stride);
  let fill = 0;
  let y = 0;
  let row = new Uint8Array(rowBytes);
  let above = new Uint8Array(rowBytes);
  let failure: Error | undefined;
  const unfilter = (): void => {
    const type = filtered[0]!;
    if (type > 4) throw new Error(`row ${y}: filter type ${type}`);
    report.filterCounts[type]!++;
    for (let x = 0; x < rowBytes; x++) {
      const f = filtered[x + 1]!;
      const left = x >= 4 ? row[x - 4]! : 0;
      const up = y > 0 ? above[x]! : 0;
      const upLeft = x >= 4 && y > 0 ? above[x - 4]! : 0;
      let predictor = 0;
      if (type === 1) predictor = left;
      else if (type === 2) predictor = up;
      else if (type === 3) predictor = (left + up) >> 1;
      else if (type === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      row[x] = (f + predictor) & 0xff;
    }
    options.onRow?.(y, row);
    [row, above] = [above, row];
    y++;
  };
  inflate.on('data', (data: Buffer) => {
    try {
      report.filteredBytes += data.length;
      adlerStep(adler, data);
      for (let at = 0; at < data.length; ) {
        if (y >= report.height) throw new Error(`the zlib stream holds more than ${report.height} rows`);
        const n = Math.min(stride - fill, data.length - at);
        data.copy(filtered, fill, at, at + n);
        fill += n;
        at += n;
        if (fill === stride) {
          unfilter();
          fill = 0;
        }
      }
    } catch (error) {
      failure ??= error as Error;
      inflate.destroy(failure);
    }
  });
  const errored = new Promise<never>((_, reject) => inflate.once('error', (error) => reject(failure ?? error)));
  errored.catch(() => {});
  return {
    async write(piece: Buffer): Promise<void> {
      if (!inflate.write(piece)) await Promise.race([new Promise((resolve) => inflate.once('drain', resolve)), errored]);
    },
    async end(): Promise<void> {
      const ended = new Promise<void>((resolve) => inflate.once('end', resolve));
      inflate.end();
      await Promise.race([ended, errored]);
      if (failure) throw failure;
      if (y !== report.height || fill !== 0) throw new Error(`the zlib stream holds ${y} whole rows of ${report.height}`);
      // zlib checked the stream's Adler-32; so does the byte loop above, against the stream's last 4 bytes
      report.adler = ((adler.b << 16) | adler.a) >>> 0;
      filtered = Buffer.alloc(0);
    },
  };
};
