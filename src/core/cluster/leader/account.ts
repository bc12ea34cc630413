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
}
