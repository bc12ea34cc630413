// What the leader knows of one worker rank over the whole run, across its streams.
import type { WorkerSelfReport } from '../wire.js';

export interface Account {
  rank: number;
  host: string;
  threads: number;
  units: number;
  rows: number;
  pixels: number;
  iterations: number;
  /** As the leader counts them: bytes from the worker, bytes to it. */
  bytesFromWorker: number;
  bytesToWorker: number;
  reconnects: number;
  lost: boolean;
  self: WorkerSelfReport | null;
  lastSeen: number;
  /** The worker's median round trip to this leader as its heartbeats last said; null: not yet. */
  rttMs: number | null;
}

/** An accepted unit of `rows` rows `width` pixels wide, whose escape iterations the worker reported. */
export const countUnit = (account: Account, rows: number, width: number, iterations: number): void => {
  account.units++;
  account.rows += rows;
  account.pixels += rows * width;
  account.iterations = Math.min(Number.MAX_SAFE_INTEGER, account.iterations + iterations);
};

/** A rank's account the first time it joins. */
export const newAccount = (rank: number, now: number): Account => ({
  rank,
  host: '',
  threads: 0,
  units: 0,
  rows: 0,
  pixels: 0,
  iterations: 0,
  bytesFromWorker: 0,
  bytesToWorker: 0,
  reconnects: 0,
  lost: false,
  self: null,
  lastSeen: now,
  rttMs: null,
});
