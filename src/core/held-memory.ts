// What a process holds while it renders and encodes, and the one rule that bounds it: neither
// `fractal render` nor the leader ever holds the whole picture, so the size limit is on what they
// do hold — a unit's rows in each compute thread, the window of rows the work may run ahead of the
// file, and (the leader) its book of units — against half the machine's memory.
import { FractalError, inputError } from './errors.js';
import { filteredRowBytes } from './image/png-filter.js';
import { segmentRowsFor } from './image/png-stream.js';
import { MAX_UNIT_BYTES } from './limits.js';
import { formatBytes, type ImageSpec } from './render/image-spec.js';

/**
 * How far, in filtered bytes, units may be handed out beyond the rows already in the file. Enough
 * that the compute threads never wait for a slow segment while another compresses; small enough
 * that a gigapixel picture costs a few hundred MiB.
 */
export const PNG_WINDOW_BYTES = 128 * 2 ** 20;

/** At most this many units ahead, however narrow the rows: each one waiting costs a job in a queue. */
export const PNG_WINDOW_UNITS = 4096;

/**
 * The window in rows: PNG_WINDOW_BYTES (or PNG_WINDOW_UNITS units, if fewer), but never less than
 * two segments, nor less than a unit for every thread and one more (so that no thread waits for
 * the window while a unit is late).
 */
export const pngWindowRows = (width: number, chunkRows: number, threads: number): number =>
  Math.max(
    Math.min(Math.ceil(PNG_WINDOW_BYTES / filteredRowBytes(width)), PNG_WINDOW_UNITS * chunkRows),
    2 * segmentRowsFor(width),
    (threads + 1) * chunkRows,
  );

export interface HeldMemoryOptions {
  spec: ImageSpec;
  chunkRows: number;
  /** Compute threads in this process (0 for a leader, which computes nothing). */
  threads: number;
  /** The machine's memory in bytes; the process may hold half of it. */
  memoryBytes: number;
  /** The process, for the message. */
  role: 'render' | 'leader';
}

/** A unit's RGBA must fit one buffer (and one gRPC message): --chunk rows × the width. */
export const checkUnitBytes = (spec: ImageSpec, chunkRows: number): number => {
  const unitBytes = chunkRows * spec.width * 4;
  if (unitBytes > MAX_UNIT_BYTES) {
    const rows = `${chunkRows} rows × ${spec.width} pixels`;
    // a flag out of its range for this picture: a usage error, as every flag range is
    throw new FractalError(`--chunk ${chunkRows}: a unit of ${rows} is ${formatBytes(unitBytes)} of RGBA; expected at most ${formatBytes(MAX_UNIT_BYTES)}`, {
      kind: 'usage',
      code: 'E_CHUNK_TOO_LARGE',
      suggestions: [`use --chunk ${Math.max(1, Math.floor(MAX_UNIT_BYTES / (spec.width * 4)))} or less`],
    });
  }
  return unitBytes;
};

/**
 * About the most the process holds at once, in bytes: the window twice over (rows waiting for the
 * rows above them, and rows waiting for zlib), per compute thread a unit's RGBA and its filtered
 * copy, and a leader's book of 4 bytes a unit (its work queue).
 */
export const heldBytes = (options: Omit<HeldMemoryOptions, 'memoryBytes' | 'role'>): number => {
  const { spec, chunkRows, threads } = options;
  const windowRows = Math.min(spec.height, pngWindowRows(spec.width, chunkRows, threads));
  const unitBytes = chunkRows * spec.width * 4;
  const book = threads === 0 ? 4 * Math.ceil(spec.height / chunkRows) : 0;
  return 2 * windowRows * filteredRowBytes(spec.width) + 2 * threads * unitBytes + book;
};

/** Refuses, before any work, a picture whose rows, units or book would not fit in memory. */
export const checkHeldMemory = (options: HeldMemoryOptions): void => {
  checkUnitBytes(options.spec, options.chunkRows);
  const held = heldBytes(options);
  const budget = Math.floor(options.memoryBytes / 2);
  if (held > budget) {
    const { spec, chunkRows, threads } = options;
    const units = `units of ${chunkRows} row${chunkRows === 1 ? '' : 's'}`;
    const what = options.role === 'render' ? `${threads} thread${threads === 1 ? '' : 's'} with ${units}` : units;
    throw inputError(
      'E_IMAGE_SIZE',
      `image ${spec.width}×${spec.height}, ${what}: ${options.role === 'render' ? 'fractal render' : 'the leader'} would hold about ${formatBytes(held)} at once; ` +
        `expected at most ${formatBytes(budget)}, half this machine's memory`,
      [options.role === 'render' ? 'lower --chunk or --threads, or --width' : 'raise --chunk (fewer units), or lower --width'],
    );
  }
};
