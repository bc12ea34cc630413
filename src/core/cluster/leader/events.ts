// What a leader tells its caller as a run goes (the cli layer prints these), and the kinds of
// result it refuses.

export const REJECTION_KINDS = ['duplicate', 'outOfRange', 'malformed', 'unauthenticated'] as const;
export type RejectionKind = (typeof REJECTION_KINDS)[number];

export type LeaderEvent =
  | { type: 'listening'; address: string; port: number; httpPort: number | null; rendezvous: string | null }
  | { type: 'joined'; rank: number; host: string; threads: number; joined: number; expected: number }
  | { type: 'left'; rank: number; reason: string }
  | { type: 'refused'; peer: string; reason: string }
  | { type: 'waiting-for-start'; httpPort: number | null }
  | { type: 'barrier-timeout'; joined: number; expected: number; missing: number[] }
  | { type: 'started'; workers: number; joinMs: number }
  | { type: 'progress'; rowsDone: number; rowsTotal: number }
  | { type: 'lost'; rank: number; host: string; reason: string; requeued: number }
  /** `count` rejections of one kind from one peer, of which `detail` describes the first. */
  | { type: 'rejected'; kind: RejectionKind; peer: string; detail: string; count: number }
  | { type: 'finishing'; renderMs: number }
  /** Told to stop (SIGTERM, the walltime warning): taking the results in flight for graceMs. */
  | { type: 'draining'; reason: string; inFlight: number; graceMs: number }
  /** Stopping the workers with unitsDone of units in: the checkpoint keeps them for a resume. */
  | { type: 'interrupted'; reason: string; unitsDone: number; units: number }
  | { type: 'resumed'; units: number; of: number; damaged: number; attempt: number }
  /** A checkpoint that could not be read at all was moved aside; the run starts afresh. */
  | { type: 'checkpoint-set-aside'; path: string }
  /** Writing the checkpoint failed: checkpoints are off for the rest of the run, the render goes on. */
  | { type: 'checkpoint-failed'; path: string; reason: string }
  | { type: 'written'; outfile: string; resultsPath: string };
