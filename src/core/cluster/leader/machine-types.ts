// The words of the leader's state machine (state.ts): what goes in (inputs), what comes out
// (effects), the rules it is built with, and what it keeps per stream.
import type { OutgoingLeaderMessage, UnitResult, WorkerMessage } from '../../../protocol/messages.js';
import type { StreamStatus } from '../../../protocol/fractal-proto.js';
import type { ImageSpec } from '../../render/image-spec.js';
import type { LeaderEvent } from './events.js';
import type { RejectionLog } from './rejection-log.js';

/** Units one worker may hold at once, whatever credit it asks for. */
export const MAX_CREDITS_PER_WORKER = 256;
export const PROGRESS_INTERVAL_MS = 200;

export type StreamId = number;

export type LeaderEffect =
  | { type: 'send'; stream: StreamId; message: OutgoingLeaderMessage }
  | { type: 'end'; stream: StreamId }
  | { type: 'fail'; stream: StreamId; status: StreamStatus; details: string }
  | { type: 'emit'; event: LeaderEvent }
  /** Accepted rows, decoded: they go into the PNG; the result as it came goes into the checkpoint. */
  | { type: 'rows'; rowStart: number; rgba: Uint8Array; result: UnitResult; rowCount: number }
  /** A decoded block that was not accepted: its buffer can be reused. */
  | { type: 'discard'; rgba: Uint8Array };

export type LeaderInput =
  | { type: 'open'; stream: StreamId; peer: string }
  | { type: 'message'; stream: StreamId; message: WorkerMessage; bytes: number }
  /** A message that does not decode (INVALID_ARGUMENT) or is over the size limit (RESOURCE_EXHAUSTED). */
  | { type: 'malformed'; stream: StreamId; bytes: number; reason: string; status: 'INVALID_ARGUMENT' | 'RESOURCE_EXHAUSTED' }
  | { type: 'closed'; stream: StreamId; reason: string }
  | { type: 'unauthenticated'; peer: string }
  | { type: 'listening' }
  /** The PNG file holds rows [0, rows): the window of units that may be handed out moves on. */
  | { type: 'written'; rows: number }
  | { type: 'tick' }
  /** Told to stop before the end (SIGTERM, SIGINT, the walltime warning): drain, then stop the workers. */
  | { type: 'interrupt'; reason: string; graceMs: number };

export type DecodedUnit = { rgba: Uint8Array } | { problem: string };

export interface LeaderRules {
  spec: ImageSpec;
  chunkRows: number;
  workersExpected: number;
  /** Below this many workers at the join timeout the run fails; at or above it, it goes on. */
  minWorkers: number;
  joinTimeoutMs: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  /** How long stopped workers have to send their metrics. */
  finalMetricsTimeoutMs: number;
  waitForStart: boolean;
  jobId: string | null;
  /** The job's host list (SLURM_JOB_NODELIST): names the host of a rank that never joined. */
  nodeList: string | null;
  leaderRank: number;
  jobSize: number;
  maxMessageBytes: number;
  /**
   * Rows beyond those in the PNG file whose units may be handed out (held-memory.ts), widened to
   * twice the units the live workers have credit for, so that no worker waits for the window.
   */
  pngWindowRows: number;
  /** Decodes a result's pixels into a block of rowCount rows (the leader's buffers, not the message's). */
  decodeUnit: (result: UnitResult, rowCount: number) => DecodedUnit;
}

export interface Session {
  id: StreamId;
  peer: string;
  phase: 'hello' | 'joined' | 'stopping' | 'closed';
  rank: number;
  /** Units it may hold at once. */
  credits: number;
  lastSeen: number;
  final: boolean;
  /** Bytes it sent before it had a rank (its Hello): they go to its account when it joins. */
  bytesBeforeJoin: number;
  rejections: RejectionLog;
}


export interface LeaderTimes {
  /** When the leader started (its clock's zero for joinMs and the wall time). */
  t0: number;
  listening: number | null;
  renderStart: number | null;
  firstUnit: number | null;
  renderEnd: number | null;
}

/** Why and when the leader was told to stop before the end. */
export interface Interruption {
  reason: string;
  at: number;
}
