// The bounds of every size-like option, in one place: the flags, the core checks and the help
// text all read them here. Each is far above what a real run needs and far below what would
// exhaust a machine or the protocol; a value outside is refused with the range, before any work.
import { describeValue, FractalError } from './errors.js';

/**
 * The palette has max(--step, --iters) colours, built as a plain array: 2^24 of them take about
 * 250 MB per render thread, and V8 cannot allocate an array much beyond 2^27 at all.
 */
export const MAX_PALETTE_LENGTH = 2 ** 24;

/**
 * Compute threads in one process. Each has its own kernel memory and palette, so hundreds of them
 * cost gigabytes; more than a few per core only adds switching.
 */
export const MAX_THREADS = 256;
export const MAX_THREADS_PER_CORE = 4;

/**
 * One unit's RGBA: a buffer handed between threads, and in a distributed run one gRPC message.
 * A unit is at least one row, so this bounds the image's width too.
 */
export const MAX_UNIT_BYTES = 512 * 1024 * 1024;

/** Rows per work unit: the image's height is the useful maximum, this is a sanity bound. */
export const MAX_CHUNK_ROWS = 1_000_000;

/**
 * Workers one leader waits for. The leader holds a session per worker and names the missing ones;
 * beyond this a job wants several leaders, not one.
 */
export const MAX_WORKERS = 65_536;

/** `fractal run --local N`: N + 1 Node.js processes on this one machine. */
export const MAX_LOCAL_WORKERS = 256;

/** Every --*-timeout: above 0 and at most a week, in seconds. */
export const MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

export const MAX_PORT = 65_535;

/** Units a worker keeps in flight: each is a unit's RGBA in memory on both sides. */
export const MAX_CREDITS = 256;

/** --outlier-threshold, a percentage of the median. */
export const MAX_OUTLIER_PERCENT = 10_000;

/** How often the leader makes its checkpoint durable by default, in seconds (--checkpoint-interval). */
export const DEFAULT_CHECKPOINT_INTERVAL_S = 30;

/** Slurm's --signal takes the warning's lead time in at most 16 bits of seconds. */
export const MAX_SIGNAL_BEFORE_SECONDS = 65_535;

export interface IntegerRange {
  min: number;
  max: number;
}

export const RANGES = {
  threads: { min: 1, max: MAX_THREADS },
  chunk: { min: 1, max: MAX_CHUNK_ROWS },
  workers: { min: 1, max: MAX_WORKERS },
  rank: { min: 0, max: MAX_WORKERS },
  size: { min: 1, max: MAX_WORKERS + 1 },
  local: { min: 1, max: MAX_LOCAL_WORKERS },
  port: { min: 0, max: MAX_PORT },
  credits: { min: 1, max: MAX_CREDITS },
  signalBefore: { min: 1, max: MAX_SIGNAL_BEFORE_SECONDS },
  checkpointInterval: { min: 0, max: MAX_TIMEOUT_SECONDS },
} as const satisfies Record<string, IntegerRange>;

/** `--threads: expected an integer from 1 to 256, got 400`: a usage error (exit 2). */
export const checkIntegerInRange = (flag: string, value: number, range: IntegerRange, why?: string): number => {
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new FractalError(`${flag}: expected an integer from ${range.min} to ${range.max}${why ? ` (${why})` : ''}, got ${describeValue(value)}`, {
      kind: 'usage',
      code: 'E_FLAG_RANGE',
      suggestions: [`pass e.g. ${flag} ${Math.max(range.min, 1)}`],
    });
  }
  return value;
};

/** The most compute threads worth starting on a machine with this many cores. */
export const maxThreadsFor = (cores: number): number => Math.max(1, Math.min(MAX_THREADS, MAX_THREADS_PER_CORE * Math.floor(cores)));

/** --threads on the machine that computes: refused beyond 4 per core (and 256). */
export const checkThreads = (value: number, cores: number): number =>
  checkIntegerInRange('--threads', value, { min: 1, max: maxThreadsFor(cores) }, `${MAX_THREADS_PER_CORE} per core on this machine's ${cores}, ${MAX_THREADS} at most`);
