// What a running leader tells the outside world: GET /status (as JSON) and GET /metrics (as
// Prometheus text, src/core/metrics/prometheus.ts) on its optional HTTP port.
import type { WorkQueue } from '../work-queue.js';
import type { Account } from './account.js';

export const LEADER_STATES = ['waiting', 'rendering', 'draining', 'finishing', 'done', 'failed'] as const;
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
  /** The worker's current median round trip to the leader, in ms (absent until it has measured one). */
  rttMs?: number;
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

/** The answer to POST /start. */
export interface StartOutcome {
  started: boolean;
  state: LeaderState;
  message: string;
}

/** What the status view reads of a running leader (LeaderMachine has it all). */
export interface LeaderView {
  readonly state: LeaderState;
  readonly rules: { jobId: string | null; spec: { width: number; height: number }; workersExpected: number };
  readonly accounts: ReadonlyMap<number, Account>;
  readonly queue: Pick<WorkQueue, 'units' | 'done' | 'inFlight' | 'queued' | 'requeued' | 'rowsDone'>;
  readonly rejected: LeaderStatus['rejected'];
  readonly times: { t0: number };
  readonly workersJoined: number;
  sessionOf(rank: number): { inFlight: number; stopping: boolean } | undefined;
}

const workerState = (view: LeaderView, account: Account): WorkerState => {
  const session = view.sessionOf(account.rank);
  if (session) return session.stopping ? 'done' : session.inFlight > 0 ? 'working' : 'joined';
  return account.self || view.state === 'done' ? 'done' : 'lost';
};

/** GET /status, as a pure function of the leader's state and the time. */
export const leaderStatus = (view: LeaderView, now: number): LeaderStatus => ({
  state: view.state,
  jobId: view.rules.jobId,
  image: { width: view.rules.spec.width, height: view.rules.spec.height },
  workersExpected: view.rules.workersExpected,
  workersJoined: view.workersJoined,
  units: {
    total: view.queue.units,
    done: view.queue.done,
    inFlight: view.queue.inFlight,
    queued: view.queue.queued,
    requeued: view.queue.requeued,
  },
  rows: { total: view.rules.spec.height, done: view.queue.rowsDone },
  rejected: { ...view.rejected },
  elapsedMs: Math.round(now - view.times.t0),
  workers: [...view.accounts.values()]
    .sort((a, b) => a.rank - b.rank)
    .map((a) => ({
      rank: a.rank,
      host: a.host,
      state: workerState(view, a),
      threads: a.threads,
      units: a.units,
      rows: a.rows,
      pixels: a.pixels,
      iterations: a.iterations,
      bytesSent: a.bytesFromWorker,
      bytesReceived: a.bytesToWorker,
      inFlight: view.sessionOf(a.rank)?.inFlight ?? 0,
      lastSeenMsAgo: Math.round(now - a.lastSeen),
      ...(a.rttMs === null ? {} : { rttMs: a.rttMs }),
    })),
});
