// The leader's streams: every open one by id, the joined one of each rank, and the bytes each
// has moved, kept on its rank's account once it has one (the Hello's bytes move there on join);
// and the threads of the joined ones, which share out the last units.
import type { Account } from './account.js';
import type { Session, StreamId } from './machine-types.js';
import { createRejectionLog } from './rejection-log.js';

export class SessionTable {
  readonly all = new Map<StreamId, Session>();
  /** The joined session of each rank. */
  readonly live = new Map<number, Session>();
  /** Bytes of streams that never joined (refused, malformed Hello): counted, but nobody's. */
  private strayBytesIn = 0;
  /** The threads of each live session, and their sum. */
  private readonly threadsOf = new Map<Session, number>();
  private liveThreads = 0;

  constructor(private readonly accounts: ReadonlyMap<number, Account>) {}

  open(id: StreamId, peer: string, now: number): void {
    this.all.set(id, {
      id,
      peer,
      phase: 'hello',
      rank: -1,
      credits: 0,
      lastSeen: now,
      final: false,
      bytesBeforeJoin: 0,
      rejections: createRejectionLog(),
    });
  }

  get(id: StreamId): Session | undefined {
    return this.all.get(id);
  }

  /** The session is its rank's live one from now on; what it sent before goes to the account. */
  join(session: Session, rank: number, account: Account): void {
    session.rank = rank;
    session.phase = 'joined';
    this.live.set(rank, session);
    const threads = Math.max(1, account.threads);
    this.threadsOf.set(session, threads);
    this.liveThreads += threads;
    account.bytesFromWorker += session.bytesBeforeJoin;
    this.strayBytesIn -= session.bytesBeforeJoin;
    session.bytesBeforeJoin = 0;
  }

  /** Gone: no longer open, no longer its rank's live one (a newer stream may be). */
  remove(session: Session): void {
    session.phase = 'closed';
    this.all.delete(session.id);
    if (this.live.get(session.rank) === session) this.live.delete(session.rank);
    this.liveThreads -= this.threadsOf.get(session) ?? 0;
    this.threadsOf.delete(session);
  }

  /**
   * The most units a session may hold: its threads' share of the units left (queued and in
   * flight), as in guided self-scheduling. Far from the end that is more than any window; near it
   * the last units spread over every worker instead of waiting in one deep window, where they
   * would make a straggler of it.
   */
  guidedShare(session: Session, unitsLeft: number): number {
    const threads = this.threadsOf.get(session) ?? 1;
    return Math.max(threads, Math.ceil((unitsLeft * threads) / Math.max(1, this.liveThreads)));
  }

  /** Streams not yet stopped that said nothing for longer than the timeout, and why they go. */
  silent(now: number, timeoutMs: number): Array<[Session, string]> {
    const silent: Array<[Session, string]> = [];
    for (const session of this.all.values()) {
      const silentMs = now - session.lastSeen;
      if ((session.phase === 'hello' || session.phase === 'joined') && silentMs > timeoutMs) {
        silent.push([session, `no message for ${(silentMs / 1000).toFixed(1)} s (heartbeat timeout ${timeoutMs / 1000} s)`]);
      }
    }
    return silent;
  }

  countIn(session: Session | undefined, bytes: number): void {
    const account = session && session.phase !== 'hello' ? this.accounts.get(session.rank) : undefined;
    if (account) account.bytesFromWorker += bytes;
    else {
      this.strayBytesIn += bytes;
      if (session) session.bytesBeforeJoin += bytes;
    }
  }

  /** Sent bytes are known once the transport has encoded a message. */
  countOut(id: StreamId, bytes: number): void {
    const session = this.all.get(id);
    const account = session && this.accounts.get(session.rank);
    if (account) account.bytesToWorker += bytes;
  }

  get bytesIn(): number {
    let total = this.strayBytesIn;
    for (const account of this.accounts.values()) total += account.bytesFromWorker;
    return total;
  }

  get bytesOut(): number {
    let total = 0;
    for (const account of this.accounts.values()) total += account.bytesToWorker;
    return total;
  }

  peerName(session: Session): string {
    return session.rank >= 0 ? `rank ${session.rank} (${session.peer})` : session.peer;
  }
}
