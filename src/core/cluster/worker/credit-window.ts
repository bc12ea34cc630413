// How many units a worker asks to have in flight. A thread finishes a unit every unitMs; the next
// one must already be here, so the window covers the time from a result leaving to the unit it
// frees arriving back: the round trip (its recent worst, so jitter is covered), plus the longest
// a result waits to travel with others, in units per thread, plus one computing and one queued.
// Never below the fixed window that worked on a quiet local network, never above a bound that
// keeps a worker from holding a large part of the picture (the leader shares the last units out
// in shrinking portions besides, so a deep window does not leave a straggler at the end).

/** The window's floor, units per thread: what a quiet local network needs. */
export const DEFAULT_CREDITS_PER_THREAD = 4;
/**
 * The window before anything is measured, units per thread: deep enough for tens of ms of round
 * trip, so a far leader does not leave the threads idle while the first probe travels. Cheap:
 * the leader shares out the last units in shrinking portions whatever a worker asks for.
 */
export const INITIAL_CREDITS_PER_THREAD = 16;
/** The most a worker asks for, per thread. */
export const MAX_ADAPTIVE_CREDITS_PER_THREAD = 64;

export interface CreditWindowInput {
  threads: number;
  /** The worst of the recent round trips to the leader, in ms; null before the first one. */
  recentRttMs: number | null;
  /** Thread time per unit, in ms; null before the first unit. */
  unitMs: number | null;
  /** The longest a finished result waits before it is sent. */
  batchWaitMs: number;
  /** The leader's bound on any worker's window. */
  maxCredits: number;
}

export const creditWindow = (input: CreditWindowInput): number => {
  const { threads } = input;
  const floor = DEFAULT_CREDITS_PER_THREAD * threads;
  const ceiling = Math.max(floor, Math.min(input.maxCredits, MAX_ADAPTIVE_CREDITS_PER_THREAD * threads));
  const { recentRttMs, unitMs } = input;
  if (recentRttMs === null || unitMs === null || !(unitMs > 0)) return Math.min(INITIAL_CREDITS_PER_THREAD * threads, ceiling);
  const perThread = Math.ceil((recentRttMs + input.batchWaitMs) / unitMs) + 2;
  return Math.max(floor, Math.min(ceiling, perThread * threads));
};

/**
 * Whether a new window is worth a Credit message: growing always is (threads are waiting),
 * shrinking only by a quarter or more (the leader takes nothing back, so small cuts buy nothing).
 */
export const worthResizing = (current: number, next: number): boolean => next > current || next <= current * 0.75;
