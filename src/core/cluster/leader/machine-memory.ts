// What the leader's state machine (state.ts) remembers, and the views of it that the rest of
// the leader reads (status, output, the tests): apart from the rules, which are in state.ts.
import type { OutgoingLeaderMessage } from '../../../protocol/messages.js';
import type { FractalError } from '../../errors.js';
import type { LostWorker } from '../../metrics/results.js';
import { createWorkQueue, type WorkQueue } from '../work-queue.js';
import type { Account } from './account.js';
import type { LeaderEvent, RejectionKind } from './events.js';
import { createJobRanks, type JobRanks } from './job-ranks.js';
import type { Interruption, LeaderEffect, LeaderRules, LeaderTimes, Session } from './machine-types.js';
import { SessionTable } from './sessions.js';
import type { LeaderState as LeaderPhase } from './status.js';

export class LeaderMachineMemory {
  readonly queue: WorkQueue;
  readonly accounts = new Map<number, Account>();
  readonly lostWorkers: LostWorker[] = [];
  readonly rejected: Record<RejectionKind, number> = { duplicate: 0, outOfRange: 0, malformed: 0, unauthenticated: 0 };
  readonly times: LeaderTimes;
  protected phase: LeaderPhase = 'waiting';
  protected failed: FractalError | undefined;
  protected isCollected = false;
  protected startRequested = false;
  protected finishingSince = 0;
  protected noWorkersSince: number | null = null;
  protected stoppedEarly: Interruption | null = null;
  protected drainUntil = 0;
  protected lastProgress = Number.NEGATIVE_INFINITY;
  /** Rows the PNG file holds: units are handed out only within a window after them (window.ts). */
  protected writtenRows = 0;
  protected readonly table: SessionTable;
  protected out: LeaderEffect[] = [];
  protected readonly ranks: JobRanks;

  constructor(
    readonly rules: LeaderRules,
    t0: number,
  ) {
    this.ranks = createJobRanks(rules);
    this.table = new SessionTable(this.accounts);
    this.queue = createWorkQueue({ height: rules.spec.height, chunkRows: rules.chunkRows });
    this.times = { t0, listening: null, renderStart: null, firstUnit: null, renderEnd: null };
  }

  get state(): LeaderPhase {
    return this.phase;
  }

  /** Why the run failed, once it has. */
  get failure(): FractalError | undefined {
    return this.failed;
  }

  /** Every worker has been stopped and has reported (or had its time to): the output can be written. */
  get collected(): boolean {
    return this.isCollected;
  }

  /** Set when the leader was told to stop before the picture was complete. */
  get interruption(): Interruption | null {
    return this.stoppedEarly;
  }

  get workersJoined(): number {
    return this.table.live.size;
  }

  /** The live session of a rank, for the status view. */
  sessionOf(rank: number): { inFlight: number; stopping: boolean } | undefined {
    const session = this.table.live.get(rank);
    return session && { inFlight: this.queue.inFlightOf(session.id), stopping: session.phase === 'stopping' || session.final };
  }

  /** Bytes in and out over the run, every stream counted. */
  get bytes(): { in: number; out: number } {
    return { in: this.table.bytesIn, out: this.table.bytesOut };
  }

  protected send(session: Session, message: OutgoingLeaderMessage): void {
    this.out.push({ type: 'send', stream: session.id, message });
  }

  protected emit(event: LeaderEvent): void {
    this.out.push({ type: 'emit', event });
  }

  protected flush(): LeaderEffect[] {
    const effects = this.out;
    this.out = [];
    return effects;
  }
}
