// What a running leader tells the outside world: GET /status (as JSON) and GET /metrics (as
// Prometheus text, src/core/metrics/prometheus.ts) on its optional HTTP port.

export const LEADER_STATES = ['waiting', 'rendering', 'finishing', 'done', 'failed'] as const;
export type LeaderState = (typeof LEADER_STATES)[number];

export const WORKER_STATES = ['joined', 'working', 'done', 'lost'] as const;
export type WorkerState = (typeof WORKER_STATES)[number];

export interface WorkerStatus {
  rank: number;
  host: string;
  state: WorkerState;
  threads: number;
  units: number;
  rows: number;
  pixels: number;
  iterations: number;
  bytesSent: number;
  bytesReceived: number;
  /** Units handed to this worker and not yet returned. */
  inFlight: number;
  /** Milliseconds since the leader last heard from it. */
  lastSeenMsAgo: number;
}

export interface LeaderStatus {
  state: LeaderState;
  jobId: string | null;
  image: { width: number; height: number };
  workersExpected: number;
  workersJoined: number;
  units: { total: number; done: number; inFlight: number; queued: number; requeued: number };
  rows: { total: number; done: number };
  rejected: { duplicate: number; outOfRange: number; malformed: number; unauthenticated: number };
  elapsedMs: number;
  workers: WorkerStatus[];
}
