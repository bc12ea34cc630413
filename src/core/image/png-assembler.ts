// Blocks of rows in any order in, the PNG stream (png-stream.ts) fed in row order out. A block that
// arrives early is kept (not copied) until the rows above it are in; the caller bounds how far
// ahead blocks may be (the window: render's dispatcher, the leader's work queue).
//
// Two kinds of blocks: raw RGBA rows, which are filtered here (the leader: it decodes and checks
// every unit itself), and units already filtered in the compute thread that made them
// (png-filter.ts, filterUnit), whose first row only is filtered here, against the row above.
import { createPngStream, type PngSink, type PngStreamStats } from './png-stream.js';
import {
  completeUnit,
  createRowScratch,
  filteredRowBytes,
  filteredRowsOf,
  filterRow,
  lastRowOf,
  type FilteredUnit,
  type UnitCompleteFn,
  type UnitFilterFn,
} from './png-filter.js';

export interface PngAssemblerOptions {
  width: number;
  height: number;
  sink: PngSink;
  /** Called with each RGBA block once the assembler no longer needs it, so the caller can reuse it. */
  release?(rgba: Uint8Array): void;
  onWritten?(rows: number): void;
  onError?(error: Error): void;
  /** Filters RGBA blocks natively (the addon's filterUnit): the same bytes at a fraction of the CPU. */
  filter?: UnitFilterFn;
  /** Filters each block's first row natively (the addon's completeUnit): the same again. */
  complete?: UnitCompleteFn;
  /** Tests only (see png-stream.ts). */
  segmentRows?: number;
  maxChunkBytes?: number;
  strategy?: number;
}

export interface PngAssembler {
  /**
   * Rows [rowStart, rowStart + rgba.length / (width × 4)) are final. Blocks come in any order,
   * each row once.
   */
  addRows(rowStart: number, rgba: Uint8Array): void;
  /** The same for a unit filtered in its thread. */
  addUnit(rowStart: number, unit: FilteredUnit): void;
  /** Resolves once every row is in and the whole file is in the sink. */
  finish(): Promise<PngStreamStats>;
  /** Bytes of blocks waiting for the rows above them. */
  readonly bufferedBytes: number;
  /** Everything held: waiting blocks and the stream's segments. */
  readonly heldBytes: number;
  /** Rows whose bytes are in the sink. */
  readonly rowsWritten: number;
  abort(reason?: Error): void;
}

type Block = { rows: number; rgba: Uint8Array; unit?: undefined } | { rows: number; unit: FilteredUnit; rgba?: undefined };

export const createPngAssembler = (options: PngAssemblerOptions): PngAssembler => {
  const { width, height } = options;
  const rowBytes = width * 4;
  const stream = createPngStream(options);
  const waiting = new Map<number, Block>();
  let bufferedBytes = 0;
  /** Rows handed to the stream. */
  let nextRow = 0;
  // a copy of the last row handed over, which the next block's first row is filtered against
  const previousRow = new Uint8Array(rowBytes);
  const scratch = createRowScratch(width);
  const raw = createRowScratch(width);
  const filtered = new Uint8Array(filteredRowBytes(width));
  // a block filtered natively, reused: the stream copies what it is pushed
  let unitScratch = new Uint8Array(0);

  const sizeOf = (block: Block): number => (block.rgba ? block.rgba.length : block.unit.bytes.length);

  const feedRows = (rgba: Uint8Array, rows: number): void => {
    if (options.filter) {
      const size = rows * filteredRowBytes(width) + rowBytes;
      if (unitScratch.length < size) unitScratch = new Uint8Array(size);
      const bytes = unitScratch.subarray(0, size);
      feedUnit({ rows, bytes, restAdler: options.filter(rgba, width, bytes) });
      options.release?.(rgba);
      return;
    }
    for (let r = 0; r < rows; r++) {
      const row = rgba.subarray(r * rowBytes, (r + 1) * rowBytes);
      const above = r > 0 ? rgba.subarray((r - 1) * rowBytes, r * rowBytes) : nextRow + r > 0 ? previousRow : null;
      stream.pushRows(filtered, filterRow(row, above, filtered, 0, scratch));
    }
    previousRow.set(rgba.subarray((rows - 1) * rowBytes, rows * rowBytes));
    options.release?.(rgba);
  };

  const feedUnit = (unit: FilteredUnit): void => {
    const adler = completeUnit(unit, nextRow > 0 ? previousRow : null, width, scratch, raw, options.complete);
    stream.pushRows(filteredRowsOf(unit, width), adler);
    previousRow.set(lastRowOf(unit, width));
  };

  const add = (rowStart: number, block: Block): void => {
    if (rowStart < nextRow || waiting.has(rowStart) || rowStart + block.rows > height) {
      throw new RangeError(`rows from ${rowStart} were already added or are outside the image`);
    }
    if (rowStart !== nextRow) {
      waiting.set(rowStart, block);
      bufferedBytes += sizeOf(block);
      return;
    }
    for (let next: Block | undefined = block; next; next = waiting.get(nextRow)) {
      if (next !== block) {
        waiting.delete(nextRow);
        bufferedBytes -= sizeOf(next);
      }
      if (next.rgba) feedRows(next.rgba, next.rows);
      else feedUnit(next.unit);
      nextRow += next.rows;
    }
  };

  return {
    addRows(rowStart, rgba) {
      if (rgba.length === 0 || rgba.length % rowBytes !== 0) throw new RangeError(`a block of ${rgba.length} bytes is not whole rows of ${rowBytes}`);
      add(rowStart, { rows: rgba.length / rowBytes, rgba });
    },
    addUnit(rowStart, unit) {
      if (unit.rows < 1 || unit.bytes.length !== unit.rows * filteredRowBytes(width) + rowBytes) {
        throw new RangeError(`a filtered unit of ${unit.bytes.length} bytes is not ${unit.rows} rows of width ${width}`);
      }
      add(rowStart, { rows: unit.rows, unit });
    },
    finish: () => stream.finish(),
    get bufferedBytes() {
      return bufferedBytes;
    },
    get heldBytes() {
      return bufferedBytes + stream.heldBytes;
    },
    get rowsWritten() {
      return stream.rowsWritten;
    },
    abort(reason) {
      waiting.clear();
      stream.abort(reason);
    },
  };
};
