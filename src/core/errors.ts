// One error type for everything the user can cause or meet. The kind decides the exit code
// (mapped in one place, src/cli/exit-codes.ts); the code is stable for scripts and tests.

export const ERROR_KINDS = ['usage', 'input', 'scheduler', 'cluster', 'checkpointed', 'interrupted', 'bug'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface FractalErrorOptions {
  kind: ErrorKind;
  /** Stable machine-readable identifier, e.g. `E_PALETTE_UNKNOWN`. */
  code: string;
  /** What to do next; printed as hints under the message. */
  suggestions?: string[];
  cause?: unknown;
}

export class FractalError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly suggestions: string[];

  constructor(message: string, options: FractalErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FractalError';
    this.kind = options.kind;
    this.code = options.code;
    this.suggestions = options.suggestions ?? [];
  }
}

export const isFractalError = (value: unknown): value is FractalError => value instanceof FractalError;

/** Bad input: a value that parses but cannot be used (sizes, palettes, files). */
export const inputError = (code: string, message: string, suggestions: string[] = [], cause?: unknown): FractalError =>
  new FractalError(message, { kind: 'input', code, suggestions, cause });

/** The cluster or the network: peers missing, unreachable, refusing, lost. */
export const clusterError = (code: string, message: string, suggestions: string[] = [], cause?: unknown): FractalError =>
  new FractalError(message, { kind: 'cluster', code, suggestions, cause });

/** SIGINT/SIGTERM ended the work on purpose (Ctrl-C, scancel, preemption). */
export const interruptedError = (message: string): FractalError => new FractalError(message, { kind: 'interrupted', code: 'E_INTERRUPTED' });

/** The exit code of a task that stopped early with a checkpoint (sysexits' EX_TEMPFAIL: try again). */
export const CHECKPOINTED_EXIT_CODE = 75;

/** Stopped before the end with the finished units kept in a checkpoint: resubmitting resumes the run. */
export const checkpointedError = (message: string, suggestions: string[]): FractalError =>
  new FractalError(message, { kind: 'checkpointed', code: 'E_CHECKPOINTED', suggestions });

/** Describes a value for "expected X, got Y" messages without dumping huge objects. */
export const describeValue = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return 'nothing';
  // JSON would call NaN and Infinity "null", and has no words for a function or a symbol
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value) ?? (typeof value === 'symbol' ? value.toString() : typeof value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
