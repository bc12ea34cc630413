// PNG's Up filter, the one fractal uses (docs/rendering.md, "PNG encoding": the picture's rows
// repeat their neighbours, which Up exploits), and a unit's rows filtered where they were
// computed. A filtered row is one filter-type byte and the row's bytes, each minus the byte above.
import { adler32, adler32Combine } from './adler32.js';

/** PNG filter type 2: each byte minus the one above (the first row's "above" is zeros). */
export const UP_FILTER = 2;
/** The Adler-32 of the single byte UP_FILTER: where every filtered row's checksum starts. */
const UP_FILTER_ADLER = adler32(Uint8Array.of(UP_FILTER));

/** Bytes of one filtered row: the filter type, then 4 bytes a pixel. */
export const filteredRowBytes = (width: number): number => width * 4 + 1;

const isWordAligned = (bytes: Uint8Array): boolean => bytes.byteOffset % 4 === 0;

/**
 * Writes `row` minus `above` (zeros when null), byte by byte wrapping at 256, into `out`. Four bytes
 * at a time when all three are 4-byte aligned: bytes must not borrow from their neighbours, so each
 * word's top bits are set before the subtraction and put right after it.
 */
export const filterUp = (row: Uint8Array, above: Uint8Array | null, out: Uint8Array): void => {
  const n = row.length;
  if (above === null) {
    out.set(row);
    return;
  }
  if (isWordAligned(row) && isWordAligned(above) && isWordAligned(out)) {
    const words = n >> 2;
    const a32 = new Uint32Array(row.buffer, row.byteOffset, words);
    const b32 = new Uint32Array(above.buffer, above.byteOffset, words);
    const o32 = new Uint32Array(out.buffer, out.byteOffset, words);
    for (let i = 0; i < words; i++) {
      const a = a32[i]!;
      const b = b32[i]!;
      o32[i] = ((a | 0x80808080) - (b & 0x7f7f7f7f)) ^ ((a ^ ~b) & 0x80808080);
    }
    for (let x = words * 4; x < n; x++) out[x] = row[x]! - above[x]!;
    return;
  }
  for (let x = 0; x < n; x++) out[x] = row[x]! - above[x]!;
};

/** A scratch row that filterRow filters into: 4-byte aligned, so the fast path applies. */
export const createRowScratch = (width: number): Uint8Array => new Uint8Array(width * 4);

/**
 * Filters `row` against `above` into `out` at `at` (the filter byte, then the row) and returns the
 * Adler-32 of those bytes. `scratch` (createRowScratch) takes the filtered row first because `out`
 * at `at + 1` is rarely aligned.
 */
export const filterRow = (row: Uint8Array, above: Uint8Array | null, out: Uint8Array, at: number, scratch: Uint8Array): number => {
  filterUp(row, above, scratch);
  out[at] = UP_FILTER;
  out.set(scratch, at + 1);
  return adler32(scratch, UP_FILTER_ADLER);
};

// ---- a unit filtered in the thread that computed it ----------------------------------------------

/**
 * A unit of `rows` rows as a compute thread hands it over for the PNG: every row filtered except the
 * first, whose row above belongs to another unit. Layout: the rows as filtered rows (the first
 * holding its raw bytes behind its filter byte), then the last row's raw bytes, which the next
 * unit's first row is filtered against.
 */
export interface FilteredUnit {
  rows: number;
  bytes: Uint8Array;
  /** Adler-32 of the filtered rows after the first. */
  restAdler: number;
}

/** The filtered rows of a unit made by filterUnit (its first row completed or not). */
export const filteredRowsOf = (unit: FilteredUnit, width: number): Uint8Array =>
  unit.bytes.subarray(0, unit.rows * filteredRowBytes(width));

/** The last row's raw RGBA, behind the filtered rows. */
export const lastRowOf = (unit: FilteredUnit, width: number): Uint8Array => unit.bytes.subarray(unit.rows * filteredRowBytes(width));

/**
 * Fills `out` with a unit's rows as FilteredUnit lays them out and returns their restAdler: the
 * native addon's filterUnit (native/png-filter.c), the same bytes several times faster.
 */
export type UnitFilterFn = (rgba: Uint8Array, width: number, out: Uint8Array) => number;

/** Filters a unit's RGBA as far as it can without the row above it (see FilteredUnit). */
export const filterUnit = (rgba: Uint8Array, width: number, scratch: Uint8Array, native?: UnitFilterFn): FilteredUnit => {
  const rowBytes = width * 4;
  const stride = rowBytes + 1;
  const rows = rgba.length / rowBytes;
  const bytes = new Uint8Array(rows * stride + rowBytes);
  if (native) return { rows, bytes, restAdler: native(rgba, width, bytes) };
  bytes[0] = UP_FILTER;
  bytes.set(rgba.subarray(0, rowBytes), 1);
  let restAdler = 1;
  for (let r = 1; r < rows; r++) {
    const row = rgba.subarray(r * rowBytes, (r + 1) * rowBytes);
    const above = rgba.subarray((r - 1) * rowBytes, r * rowBytes);
    restAdler = adler32Combine(restAdler, filterRow(row, above, bytes, r * stride, scratch), stride);
  }
  bytes.set(rgba.subarray((rows - 1) * rowBytes), rows * stride);
  return { rows, bytes, restAdler };
};

/** The native addon's completeUnit (native/png-filter.c): completeUnit's bytes and checksum, in place. */
export type UnitCompleteFn = (unit: Uint8Array, above: Uint8Array | null, width: number, rows: number, restAdler: number) => number;

/**
 * Filters a unit's first row against the row above it (null for the image's first row), in place,
 * and returns the Adler-32 of all the unit's filtered rows. It runs on the thread that writes the
 * PNG, once a unit: natively, where the addon is built, that is ~5 ms of the default image's
 * CPU instead of ~60 ms.
 */
export const completeUnit = (
  unit: FilteredUnit,
  above: Uint8Array | null,
  width: number,
  scratch: Uint8Array,
  raw: Uint8Array,
  native?: UnitCompleteFn,
): number => {
  if (native) return native(unit.bytes, above, width, unit.rows, unit.restAdler);
  const rowBytes = width * 4;
  raw.set(unit.bytes.subarray(1, 1 + rowBytes));
  const firstAdler = filterRow(raw, above, unit.bytes, 0, scratch);
  return adler32Combine(firstAdler, unit.restAdler, (unit.rows - 1) * (rowBytes + 1));
};
