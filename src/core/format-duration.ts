// Durations for people, in the three looks fractal prints them in. One ladder (µs, ms, s, min)
// with a step switched on or off per look, so a change to how a duration reads is made here.

/**
 * summary: the tables of `fractal metrics summarize`; three figures at most, "0 ms", whole
 *   seconds padded after the minutes (test/golden pins every character).
 * line: the commands' progress lines and METRICS lines, the digits distributed-fractal prints.
 * brief: a figure inside a sentence (the summary's warnings): whole ms, else seconds.
 */
export const DURATION_STYLES = ['summary', 'line', 'brief'] as const;
export type DurationStyle = (typeof DURATION_STYLES)[number];

interface Ladder {
  /** What exactly 0 reads as; otherwise it goes down the ladder. */
  zero: string | null;
  /** Below 1 ms: microseconds. */
  microseconds: boolean;
  /** Below 10 ms: two decimals. */
  fineMilliseconds: boolean;
  /** From 1 s up to this: seconds with two decimals, then one decimal. */
  twoDecimalSecondsBelow: number;
  /** From here: "N min S s". */
  minutesFrom: number;
  /** "2 min 05 s" rather than "2 min 5 s". */
  padSeconds: boolean;
}

const LADDERS: Readonly<Record<DurationStyle, Ladder>> = {
  summary: {
    zero: '0 ms',
    microseconds: true,
    fineMilliseconds: true,
    twoDecimalSecondsBelow: 10_000,
    minutesFrom: 120_000,
    padSeconds: true,
  },
  line: {
    zero: null,
    microseconds: true,
    fineMilliseconds: true,
    twoDecimalSecondsBelow: 120_000,
    minutesFrom: 120_000,
    padSeconds: false,
  },
  brief: {
    zero: null,
    microseconds: false,
    fineMilliseconds: false,
    twoDecimalSecondsBelow: Infinity,
    minutesFrom: Infinity,
    padSeconds: false,
  },
};

/** A duration in milliseconds; the steps compare its magnitude; "–" when it is not a number. */
export const formatDuration = (ms: number, style: DurationStyle): string => {
  if (!Number.isFinite(ms)) return '–';
  const ladder = LADDERS[style];
  if (ms === 0 && ladder.zero !== null) return ladder.zero;
  const abs = Math.abs(ms);
  if (abs < 1 && ladder.microseconds) return `${(ms * 1000).toFixed(0)} µs`;
  if (abs < 10 && ladder.fineMilliseconds) return `${ms.toFixed(2)} ms`;
  if (abs < 1000) return `${ms.toFixed(0)} ms`;
  if (abs < ladder.twoDecimalSecondsBelow) return `${(ms / 1000).toFixed(2)} s`;
  if (abs < ladder.minutesFrom) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = ladder.padSeconds ? String(Math.round((ms - minutes * 60_000) / 1000)).padStart(2, '0') : ((ms % 60_000) / 1000).toFixed(0);
  return `${minutes} min ${seconds} s`;
};
