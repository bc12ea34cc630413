// The PNG encoder shared by `fractal render` and the leader, in pigz's way: the filtered rows are
// cut into segments of a fixed number of rows, each segment is deflated on its own (zlib's
// deflateRaw, on libuv's thread pool, so several compress at once and beside the compute threads),
// primed with the 32 KiB of filtered bytes before it as its dictionary, and ended with a sync flush
// (the last one with a finish). Back to back behind one zlib header, with the Adler-32 of all the
// filtered bytes combined from the pieces' checksums, they are one valid zlib stream; each segment
// goes out as soon as the ones before it have, in its own IDAT chunk.
//
// A segment's rows depend on the image's width only, never on how the work was split: the file's
// bytes are the same for any threads, --chunk, number of workers or order of arrival.
import { constants, deflateRaw } from 'node:zlib';
import { createBufferPool } from '../buffer-pool.js';
import { adler32Combine } from './adler32.js';
import { idatPieces, MAX_CHUNK_BYTES, pngEnd, pngHead, ZLIB_HEADER } from './png-chunks.js';
import { filteredRowBytes } from './png-filter.js';

/**
 * A segment is the fewest rows holding 1 MiB of filtered bytes. Measured on the default image
 * (bench/png.bench.ts): 256 KiB segments make the file 0.2% larger than one zlib stream, 1 MiB
 * ones 0.06%, 4 MiB ones 0.01%; 1 MiB keeps what the encoder holds small and gives even the
 * default image's 6144 rows 192 segments to spread over threads.
 */
export const SEGMENT_TARGET_BYTES = 2 ** 20;
export const segmentRowsFor = (width: number): number => Math.max(1, Math.ceil(SEGMENT_TARGET_BYTES / filteredRowBytes(width)));

/** Deflate's window: a segment's dictionary is the 32 KiB before it, all a back-reference can reach. */
const DICTIONARY_BYTES = 32 * 1024;
/**
 * Chosen on figures (docs/rendering.md, "PNG encoding"): level 1 with the Up filter is 4.5× faster
 * than pngjs's defaults and smaller; Z_RLE is what pngjs used, and the rows' runs are what it finds.
 */
export const PNG_DEFLATE = { level: 1, strategy: constants.Z_RLE } as const;
/**
 * Segments compressing at once: libuv's thread pool has 4 threads by default, and the file's
 * writes need one of them too.
 */
export const DEFLATES_IN_FLIGHT = 3;
/**
 * zlib's output buffer for a segment. Each one it fills is a trip from the thread pool back to
 * the main thread; at zlib's default of 16 KiB the default image's 15.5 MiB took about a thousand,
 * and most segments deflate to less than this.
 */
const DEFLATE_OUTPUT_CHUNK_BYTES = 256 * 1024;

/** Where the file's bytes go, in order; the next write waits for this one. */
export interface PngSink {
  write(pieces: Uint8Array[]): Promise<void>;
}

export interface PngStreamOptions {
  width: number;
  height: number;
  sink: PngSink;
  /** Tests only: the image decides this (segmentRowsFor). */
  segmentRows?: number;
  /** Tests only: PNG's limit (2^31 − 1) unless smaller. */
  maxChunkBytes?: number;
  /** Tests only: zlib's strategy (PNG_DEFLATE's Z_RLE reaches back one byte; others reach into the dictionary). */
  strategy?: number;
  deflatesInFlight?: number;
  /** Rows whose bytes are in the sink: the window of work ahead of it can move on. */
  onWritten?(rows: number): void;
  /** zlib or the sink failed: the file cannot be finished (finish() rejects with the same error). */
  onError?(error: Error): void;
}

export interface PngStreamStats {
  segments: number;
  /** Bytes of the zlib stream (the IDAT chunks' data). */
  zlibBytes: number;
  /** Time from each segment's hand-over to zlib to its return, summed: zlib's thread time, roughly. */
  deflateMs: number;
}

export interface PngStream {
  /** Whole filtered rows, in order, and their Adler-32. The rows are copied. */
  pushRows(filtered: Uint8Array, adler: number): void;
  readonly rowsPushed: number;
  readonly rowsWritten: number;
  /** Bytes held: filtered rows not yet compressed, compressed ones not yet written. */
  readonly heldBytes: number;
  /** Resolves once every row is pushed and every byte, the IEND chunk last, is in the sink. */
  finish(): Promise<PngStreamStats>;
  abort(reason?: Error): void;
}

interface Segment {
  index: number;
  rows: number;
  data: Uint8Array;
  dictionary: Buffer | undefined;
  last: boolean;
}

export const createPngStream = (options: PngStreamOptions): PngStream => {
  const { width, height, sink } = options;
  const stride = filteredRowBytes(width);
  const segmentRows = options.segmentRows ?? segmentRowsFor(width);
  const maxChunkBytes = options.maxChunkBytes ?? MAX_CHUNK_BYTES;
  const inFlightLimit = options.deflatesInFlight ?? DEFLATES_IN_FLIGHT;
  const buffers = createBufferPool(inFlightLimit + 2);
  const stats: PngStreamStats = { segments: Math.ceil(height / segmentRows), zlibBytes: ZLIB_HEADER.length + 4, deflateMs: 0 };
  let adler = 1;
  let rowsPushed = 0;
  let rowsWritten = 0;
  let heldBytes = 0;
  let failure: Error | undefined;
  // the segment being filled, and the bytes before it that prime its deflate
  let current: Segment | undefined;
  let fill = 0;
  let sealed = 0;
  let history: Buffer | undefined;
  const queued: Segment[] = [];
  let deflating = 0;
  const compressed = new Map<number, { segment: Segment; bytes: Buffer }>();
  let nextToWrite = 0;
  let writes: Promise<void> = Promise.resolve();
  let resolveDone: (stats: PngStreamStats) => void = () => {};
  let rejectDone: (error: Error) => void = () => {};
  const done = new Promise<PngStreamStats>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => {});

  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    queued.length = 0;
    compressed.clear();
    rejectDone(error);
    options.onError?.(error);
  };

  const write = (pieces: Uint8Array[], then: () => void): void => {
    writes = writes.then(async () => {
      if (failure) return;
      await sink.write(pieces);
      then();
    });
    writes.catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
  };

  const writeReady = (): void => {
    for (let next = compressed.get(nextToWrite); next; next = compressed.get(nextToWrite)) {
      compressed.delete(nextToWrite++);
      const { segment, bytes } = next;
      const parts: Uint8Array[] = [bytes];
      if (segment.index === 0) parts.unshift(ZLIB_HEADER);
      if (segment.last) parts.push(adlerBytes(adler));
      const data = parts.length === 1 ? bytes : Buffer.concat(parts);
      write(idatPieces(data, maxChunkBytes), () => {
        heldBytes -= bytes.length;
        rowsWritten += segment.rows;
        options.onWritten?.(rowsWritten);
        if (segment.last) write(pngEnd(), () => resolveDone(stats));
      });
    }
  };

  const startDeflates = (): void => {
    while (deflating < inFlightLimit && queued.length > 0 && !failure) {
      const segment = queued.shift()!;
      deflating++;
      const started = performance.now();
      const flush = segment.last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH;
      const strategy = options.strategy ?? PNG_DEFLATE.strategy;
      const settings = {
        ...PNG_DEFLATE,
        strategy,
        finishFlush: flush,
        dictionary: segment.dictionary,
        chunkSize: DEFLATE_OUTPUT_CHUNK_BYTES,
      };
      deflateRaw(segment.data, settings, (error, bytes) => {
        deflating--;
        if (failure) return;
        if (error) {
          fail(error);
          return;
        }
        stats.deflateMs += performance.now() - started;
        stats.zlibBytes += bytes.length;
        heldBytes += bytes.length - segment.data.length;
        buffers.give(segment.data);
        compressed.set(segment.index, { segment, bytes });
        writeReady();
        startDeflates();
      });
    }
  };

  const seal = (segment: Segment): void => {
    const { data } = segment;
    // the next segment's dictionary: the last 32 KiB of everything so far
    history = data.length >= DICTIONARY_BYTES ? Buffer.from(data.subarray(data.length - DICTIONARY_BYTES)) : tail(history, data);
    queued.push(segment);
    current = undefined;
    fill = 0;
    sealed++;
    startDeflates();
  };

  const open = (): Segment => {
    const rows = Math.min(segmentRows, height - sealed * segmentRows);
    return { index: sealed, rows, data: buffers.take(rows * stride), dictionary: history, last: sealed === stats.segments - 1 };
  };

  write(pngHead(width, height), () => {});

  return {
    pushRows(filtered, pieceAdler) {
      if (failure) return;
      const rows = filtered.length / stride;
      if (!Number.isInteger(rows) || rows + rowsPushed > height) {
        throw new RangeError(`${filtered.length} bytes are not whole filtered rows of ${stride} within the image's ${height} rows (${rowsPushed} pushed)`);
      }
      adler = adler32Combine(adler, pieceAdler, filtered.length);
      rowsPushed += rows;
      heldBytes += filtered.length;
      for (let at = 0; at < filtered.length; ) {
        current ??= open();
        const n = Math.min(filtered.length - at, current.data.length - fill);
        current.data.set(filtered.subarray(at, at + n), fill);
        fill += n;
        at += n;
        if (fill === current.data.length) seal(current);
      }
    },
    get rowsPushed() {
      return rowsPushed;
    },
    get rowsWritten() {
      return rowsWritten;
    },
    get heldBytes() {
      return heldBytes;
    },
    finish() {
      if (rowsPushed !== height && !failure) return Promise.reject(new RangeError(`only ${rowsPushed} of ${height} rows are in`));
      return done;
    },
    abort(reason = new Error('the PNG was abandoned')) {
      if (failure) return;
      failure = reason;
      queued.length = 0;
      compressed.clear();
      rejectDone(reason);
    },
  };
};

const adlerBytes = (adler: number): Uint8Array => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, adler);
  return bytes;
};

/** The last 32 KiB of what came before and `data`, for segments shorter than a dictionary. */
const tail = (before: Buffer | undefined, data: Uint8Array): Buffer => {
  const joined = before ? Buffer.concat([before, data]) : Buffer.from(data);
  return joined.length > DICTIONARY_BYTES ? joined.subarray(joined.length - DICTIONARY_BYTES) : joined;
};
