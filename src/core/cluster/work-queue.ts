// The leader's bookkeeping of units: which are waiting, which worker holds which, which are done.
// Pure and O(1) per operation: the leader pushes tens of thousands of units a second through it.
// A unit is a block of `chunkRows` rows (the last one may be shorter); unit u covers rows
// [u × chunkRows, min((u + 1) × chunkRows, height)).

export const COMPLETION_OUTCOMES = ['accepted', 'duplicate', 'outOfRange', 'notAssigned'] as const;
export type CompletionOutcome = (typeof COMPLETION_OUTCOMES)[number];

export interface UnitRows {
  rowStart: number;
  rowCount: number;
}

export interface WorkQueueOptions {
  height: number;
  chunkRows: number;
}

export interface WorkQueue {
  readonly units: number;
  readonly chunkRows: number;
  rowsOf(unit: number): UnitRows;
  /**
   * Up to `max` units for `owner`, marked as in flight with it. Units given back come first; new
   * ones only below `below` (the window the PNG allows; default: every unit).
   */
  take(owner: number, max: number, below?: number): number[];
  /** A result arrived: accepted only once, only from the owner it was given to. */
  complete(owner: number, unit: number): CompletionOutcome;
  /** A unit an earlier attempt finished (from a checkpoint): done without being handed out. False if it was not queued. */
  markDone(unit: number): boolean;
  /** The owner is gone: its units go back to the queue. Returns how many. */
  release(owner: number): number;
  inFlightOf(owner: number): number;
  readonly done: number;
  /** Rows of the units done: the leader's progress, counted once, here. */
  readonly rowsDone: number;
  readonly queued: number;
  readonly inFlight: number;
  /** Units given back to the queue over the run (by release). */
  readonly requeued: number;
  isComplete(): boolean;
}

const QUEUED = -1;
const DONE = -2;

export const createWorkQueue = ({ height, chunkRows }: WorkQueueOptions): WorkQueue => {
  if (!Number.isSafeInteger(height) || height < 1) throw new RangeError(`height must be a positive integer, got ${height}`);
  if (!Number.isSafeInteger(chunkRows) || chunkRows < 1) throw new RangeError(`chunkRows must be a positive integer, got ${chunkRows}`);
  const units = Math.ceil(height / chunkRows);
  const owners = new Int32Array(units).fill(QUEUED);
  const held = new Map<number, Set<number>>();
  const givenBack: number[] = [];
  let next = 0;
  let done = 0;
  let rowsDone = 0;
  let inFlight = 0;
  let requeued = 0;

  return {
    units,
    chunkRows,
    rowsOf(unit) {
      const rowStart = unit * chunkRows;
      return { rowStart, rowCount: Math.min(chunkRows, height - rowStart) };
    },
    take(owner, max, below = units) {
      if (owner < 0) throw new RangeError(`owner must be >= 0, got ${owner}`);
      const taken: number[] = [];
      let set = held.get(owner);
      while (taken.length < max) {
        let unit: number | undefined = givenBack.pop();
        if (unit === undefined) {
          if (next >= Math.min(units, below)) break;
          unit = next++;
          if (owners[unit] === DONE) continue;
        }
        owners[unit] = owner;
        if (!set) {
          set = new Set();
          held.set(owner, set);
        }
        set.add(unit);
        taken.push(unit);
      }
      inFlight += taken.length;
      return taken;
    },
    markDone(unit) {
      if (!Number.isInteger(unit) || unit < 0 || unit >= units || owners[unit] !== QUEUED) return false;
      owners[unit] = DONE;
      done++;
      rowsDone += Math.min(chunkRows, height - unit * chunkRows);
      return true;
    },
    complete(owner, unit) {
      if (!Number.isInteger(unit) || unit < 0 || unit >= units) return 'outOfRange';
      const current = owners[unit]!;
      if (current === DONE) return 'duplicate';
      if (current !== owner) return 'notAssigned';
      owners[unit] = DONE;
      held.get(owner)?.delete(unit);
      inFlight--;
      done++;
      rowsDone += Math.min(chunkRows, height - unit * chunkRows);
      return 'accepted';
    },
    release(owner) {
      const set = held.get(owner);
      held.delete(owner);
      if (!set) return 0;
      for (const unit of set) {
        owners[unit] = QUEUED;
        givenBack.push(unit);
      }
      inFlight -= set.size;
      requeued += set.size;
      return set.size;
    },
    inFlightOf(owner) {
      return held.get(owner)?.size ?? 0;
    },
    get done() {
      return done;
    },
    get rowsDone() {
      return rowsDone;
    },
    get queued() {
      return units - done - inFlight;
    },
    get inFlight() {
      return inFlight;
    },
    get requeued() {
      return requeued;
    },
    isComplete() {
      return done === units;
    },
  };
};
