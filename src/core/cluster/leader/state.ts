// The leader's rules, as a state machine with no I/O, no timers and no clock: every input (a stream
// opened, a message, a stream closed, a tick with the time, a start request) goes in with the time
// it happened, and what the leader must do comes out as a list of effects (send, end, fail a stream;
// emit an event; rows for the PNG). transport.ts feeds it from gRPC, index.ts runs it with the real
// clock, and test/unit/leader-state.test.ts drives it with a made-up one.
//
// The run: waiting (the barrier) -> rendering -> finishing (stop every worker, collect its
// metrics) -> collected, then done once written; any failure -> failed. A worker's stream is a
// session: hello -> joined -> stopping -> closed. Any protocol misstep by a joined worker drops it
// like a lost worker: its units go back to the queue and the others take them.
import type { OutgoingLeaderMessage, UnitResult, WorkerMessage } from '../../../protocol/messages.js';
import type { StreamStatus } from '../../../protocol/fractal-proto.js';
import { clusterError, type FractalError } from '../../errors.js';
import type { LostWorker } from '../../metrics/results.js';
import type { ImageSpec } from '../../render/image-spec.js';
import { PROTOCOL_VERSION } from '../../version.js';
import { parseHostlist } from '../hostlist.js';
import type { LeaderState as LeaderPhase, StartOutcome } from './status.js';
import { cleanLabel, fromNodeReport, toWelcome } from '../wire.js';
import { createWorkQueue, type WorkQueue } from '../work-queue.js';
import type { Account } from './account.js';
import type { LeaderEvent, RejectionKind } from './events.js';
import { createRejectionLog, type RejectionLog } from './rejection-log.js';

/** Units one worker may hold at once, whatever credit it asks for. */
export const MAX_CREDITS_PER_WORKER = 256;
const PROGRESS_INTERVAL_MS = 200;
/** Rank lists in messages name this many ranks, then say how many more. */
const RANKS_NAMED = 20;

export type StreamId = number;

export type LeaderEffect =
  | { type: 'send'; stream: StreamId; message: OutgoingLeaderMessage }
  | { type: 'end'; stream: StreamId }
  | { type: 'fail'; stream: StreamId; status: StreamStatus; details: string }
  | { type: 'emit'; event: LeaderEvent }
  /** Accepted rows, decoded: they go into the PNG. */
  | { type: 'rows'; rowStart: number; rgba: Uint8Array }
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
  | { type: 'tick' };

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
  /** Decodes a result's pixels into a block of rowCount rows (the leader's buffers, not the message's). */
  decodeUnit(result: UnitResult, rowCount: number): DecodedUnit;
}

interface Session {
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

/** "2, 3, 5" or, for long lists, "2, 3, ... (999,998 ranks)". */
export const describeRanks = (ranks: readonly number[]): string =>
  ranks.length <= RANKS_NAMED ? ranks.join(', ') : `${ranks.slice(0, RANKS_NAMED).join(', ')}, ... (${ranks.length.toLocaleString('en-US')} ranks)`;

export class LeaderMachine {
  readonly queue: WorkQueue;
  readonly accounts = new Map<number, Account>();
  readonly lostWorkers: LostWorker[] = [];
  readonly rejected: Record<RejectionKind, number> = { duplicate: 0, outOfRange: 0, malformed: 0, unauthenticated: 0 };
  readonly times: LeaderTimes;
  private phase: LeaderPhase = 'waiting';
  private failed: FractalError | undefined;
  private isCollected = false;
  private startRequested = false;
  private finishingSince = 0;
  private noWorkersSince: number | null = null;
  private lastProgress = Number.NEGATIVE_INFINITY;
  private readonly sessions = new Map<StreamId, Session>();
  /** The joined session of each rank. */
  private readonly live = new Map<number, Session>();
  /** Bytes of streams that never joined (refused, malformed Hello): counted, but nobody's. */
  private strayBytesIn = 0;
  private out: LeaderEffect[] = [];
  /** The job's hosts by rank, once asked for; null when the host list does not give them. */
  private jobHosts: string[] | null | undefined;

  constructor(
    readonly rules: LeaderRules,
    t0: number,
  ) {
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

  get workersJoined(): number {
    return this.live.size;
  }

  /** The live session of a rank, for the status view. */
  sessionOf(rank: number): { inFlight: number; stopping: boolean } | undefined {
    const session = this.live.get(rank);
    return session && { inFlight: this.queue.inFlightOf(session.id), stopping: session.phase === 'stopping' || session.final };
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

  /** The earliest time a tick must come for a deadline (barrier, no workers, final metrics); null if none. */
  nextDeadline(): number | null {
    if (this.phase === 'waiting' && !this.rules.waitForStart && this.times.listening !== null) return this.times.listening + this.rules.joinTimeoutMs;
    if (this.phase === 'rendering' && this.noWorkersSince !== null) return this.noWorkersSince + this.rules.joinTimeoutMs;
    if (this.phase === 'finishing' && !this.isCollected) return this.finishingSince + this.rules.finalMetricsTimeoutMs;
    return null;
  }

  step(input: LeaderInput, now: number): LeaderEffect[] {
    switch (input.type) {
      case 'open':
        this.sessions.set(input.stream, {
          id: input.stream,
          peer: input.peer,
          phase: 'hello',
          rank: -1,
          credits: 0,
          lastSeen: now,
          final: false,
          bytesBeforeJoin: 0,
          rejections: createRejectionLog(),
        });
        break;
      case 'message':
        this.message(input.stream, input.message, input.bytes, now);
        break;
      case 'malformed': {
        const session = this.sessions.get(input.stream);
        this.countIn(session, input.bytes);
        this.rejected.malformed++;
        this.emit({ type: 'rejected', kind: 'malformed', peer: session ? this.peerName(session) : 'a closed stream', detail: input.reason, count: 1 });
        if (session) {
          const why = input.status === 'INVALID_ARGUMENT' ? `sent a message that does not decode: ${input.reason}` : `sent ${input.reason}`;
          this.drop(session, why, input.status, now);
        }
        break;
      }
      case 'closed': {
        const session = this.sessions.get(input.stream);
        if (session) this.close(session, input.reason, now);
        break;
      }
      case 'unauthenticated':
        this.rejected.unauthenticated++;
        this.emit({ type: 'rejected', kind: 'unauthenticated', peer: input.peer, detail: 'missing or wrong token', count: 1 });
        break;
      case 'listening':
        this.times.listening = now;
        this.maybeStart(now);
        break;
      case 'tick':
        this.tick(now);
        break;
    }
    return this.flush();
  }

  /** POST /start: begin with the workers present. */
  requestStart(now: number): { outcome: StartOutcome; effects: LeaderEffect[] } {
    let outcome: StartOutcome;
    if (this.phase !== 'waiting' || this.startRequested) {
      outcome = { started: false, state: this.phase, message: `the render has already started (state ${this.phase})` };
    } else if (this.live.size === 0) {
      outcome = { started: false, state: this.phase, message: 'no worker has joined yet; start workers first' };
    } else {
      this.startRequested = true;
      outcome = { started: true, state: 'rendering', message: `rendering with ${this.live.size} worker(s)` };
      this.maybeStart(now);
    }
    return { outcome, effects: this.flush() };
  }

  /** Sent bytes are known once the transport has encoded a message. */
  sent(stream: StreamId, bytes: number): void {
    const session = this.sessions.get(stream);
    const account = session && this.accounts.get(session.rank);
    if (account) account.bytesToWorker += bytes;
  }

  /** The run is abandoned (interrupted, a write failed): every worker is told why. */
  abort(error: FractalError): LeaderEffect[] {
    if (this.phase !== 'done') this.fail(error);
    return this.flush();
  }

  /** The PNG and the results are on disk. */
  written(): void {
    this.phase = 'done';
  }

  // ---- sessions -----------------------------------------------------------------------------

  private message(stream: StreamId, message: WorkerMessage, bytes: number, now: number): void {
    const session = this.sessions.get(stream);
    if (!session || session.phase === 'closed') return;
    session.lastSeen = now;
    this.countIn(session, bytes);
    if (session.phase === 'hello') {
      if (message.body === 'hello') this.hello(session, message.hello, now);
      else this.refuse(session, 'INVALID_ARGUMENT', `expected Hello as the first message, got ${message.body}`);
      return;
    }
    this.accounts.get(session.rank)!.lastSeen = now;
    switch (message.body) {
      case 'hello':
        this.drop(session, 'sent Hello twice on one stream', 'INVALID_ARGUMENT', now);
        return;
      case 'credit':
        session.credits = Math.min(MAX_CREDITS_PER_WORKER, session.credits + message.credit.units);
        this.pump(session);
        return;
      case 'results':
        this.results(session, message.results.results, now);
        return;
      case 'heartbeat':
        return;
      case 'metrics':
        if (session.phase !== 'stopping') {
          this.drop(session, 'sent its final metrics before it was told to stop', 'INVALID_ARGUMENT', now);
          return;
        }
        this.accounts.get(session.rank)!.self = fromNodeReport(message.metrics.node);
        session.final = true;
        this.out.push({ type: 'end', stream: session.id });
        this.checkCollected();
        return;
    }
  }

  private hello(session: Session, hello: Extract<WorkerMessage, { body: 'hello' }>['hello'], now: number): void {
    const { rules } = this;
    if (hello.protocol_version !== PROTOCOL_VERSION) {
      const theirs = hello.protocol_version === '' ? '(none)' : cleanLabel(hello.protocol_version, '');
      this.refuse(
        session,
        'FAILED_PRECONDITION',
        `protocol version mismatch: this leader speaks ${PROTOCOL_VERSION}, the worker speaks ${theirs}; run the same fractal version on every node`,
      );
      return;
    }
    if (rules.jobId !== null && hello.job_id !== '' && hello.job_id !== rules.jobId) {
      this.refuse(session, 'FAILED_PRECONDITION', `this leader runs job ${rules.jobId}, the worker belongs to job ${cleanLabel(hello.job_id, '')}`);
      return;
    }
    if (hello.rank === rules.leaderRank) {
      this.refuse(session, 'FAILED_PRECONDITION', `rank ${hello.rank} is the leader's own rank; workers are ranks 1..${rules.jobSize - 1}`);
      return;
    }
    const rank = hello.rank >= 0 ? hello.rank : this.freeRank();
    const previous = this.live.get(rank);
    if (previous) this.drop(previous, 'replaced by a new stream of the same rank', 'ABORTED', now);
    const host = cleanLabel(hello.host, session.peer);
    session.rank = rank;
    session.phase = 'joined';
    this.live.set(rank, session);
    let account = this.accounts.get(rank);
    if (!account) {
      account = { rank, host, threads: 0, units: 0, rows: 0, pixels: 0, iterations: 0, bytesFromWorker: 0, bytesToWorker: 0, reconnects: 0, lost: false, self: null, lastSeen: now };
      this.accounts.set(rank, account);
    }
    // a worker that comes back is no longer lost; work.lostWorkers keeps the episode
    account.lost = false;
    account.host = host;
    account.threads = hello.threads;
    account.reconnects = hello.reconnects;
    account.lastSeen = now;
    // the Hello's bytes were counted before the stream had a rank
    account.bytesFromWorker += session.bytesBeforeJoin;
    this.strayBytesIn -= session.bytesBeforeJoin;
    session.bytesBeforeJoin = 0;
    this.send(session, {
      welcome: toWelcome({
        rank,
        jobId: rules.jobId,
        spec: rules.spec,
        chunkRows: rules.chunkRows,
        units: this.queue.units,
        heartbeatIntervalMs: rules.heartbeatIntervalMs,
        maxMessageBytes: rules.maxMessageBytes,
      }),
    });
    this.emit({ type: 'joined', rank, host, threads: hello.threads, joined: this.live.size, expected: rules.workersExpected });
    this.noWorkersSince = null;
    if (this.phase === 'finishing' || this.phase === 'done') this.stop(session);
    else this.pump(session);
    this.maybeStart(now);
  }

  private results(session: Session, results: UnitResult[], now: number): void {
    const account = this.accounts.get(session.rank)!;
    const { width } = this.rules.spec;
    for (const result of results) {
      if (!Number.isInteger(result.unit) || result.unit < 0 || result.unit >= this.queue.units) {
        this.reject(session, 'outOfRange', `unit ${result.unit} is outside the image's ${this.queue.units} units`, now);
        continue;
      }
      const { rowStart, rowCount } = this.queue.rowsOf(result.unit);
      const decoded = this.rules.decodeUnit(result, rowCount);
      if ('problem' in decoded) {
        this.reject(session, 'malformed', `unit ${result.unit}: ${decoded.problem}`, now);
        this.drop(session, `sent a malformed result (unit ${result.unit}: ${decoded.problem})`, 'INVALID_ARGUMENT', now);
        return;
      }
      const outcome = this.queue.complete(session.id, result.unit);
      if (outcome !== 'accepted') {
        this.out.push({ type: 'discard', rgba: decoded.rgba });
        const held = outcome === 'duplicate' ? 'already written' : 'not one this worker holds';
        this.reject(session, outcome === 'duplicate' ? 'duplicate' : 'outOfRange', `unit ${result.unit} is ${held}`, now);
        continue;
      }
      this.out.push({ type: 'rows', rowStart, rgba: decoded.rgba });
      this.times.firstUnit ??= now;
      account.units++;
      account.rows += rowCount;
      account.pixels += rowCount * width;
      account.iterations = Math.min(Number.MAX_SAFE_INTEGER, account.iterations + result.iterations);
    }
    if (now - this.lastProgress >= PROGRESS_INTERVAL_MS) {
      this.lastProgress = now;
      this.emit({ type: 'progress', rowsDone: this.queue.rowsDone, rowsTotal: this.rules.spec.height });
    }
    if (this.queue.isComplete()) this.finish(now);
    else this.pump(session);
  }

  private reject(session: Session, kind: RejectionKind, detail: string, now: number): void {
    this.rejected[kind]++;
    // a flood of bad results is one line a second per peer and kind, with how many it stands for
    const count = session.rejections.note(kind, now);
    if (count > 0) this.emit({ type: 'rejected', kind, peer: this.peerName(session), detail, count });
  }

  /** Hands out as many units as the session has room for. */
  private pump(session: Session): void {
    if (this.phase !== 'rendering' || session.phase !== 'joined') return;
    const room = session.credits - this.queue.inFlightOf(session.id);
    if (room <= 0) return;
    const units = this.queue.take(session.id, room);
    if (units.length > 0) this.send(session, { assign: { units } });
  }

  private stop(session: Session): void {
    session.phase = 'stopping';
    this.send(session, { stop: { reason: 'done' } });
  }

  /** Refused before joining: the worker sees why; nothing to re-queue. */
  private refuse(session: Session, status: StreamStatus, details: string): void {
    this.out.push({ type: 'fail', stream: session.id, status, details });
    session.phase = 'closed';
    this.sessions.delete(session.id);
    this.emit({ type: 'refused', peer: session.peer, reason: details });
  }

  /** Ends a session from this side (stalled, misbehaving, replaced) and treats it as lost. */
  private drop(session: Session, reason: string, status: StreamStatus, now: number): void {
    if (session.phase === 'closed') return;
    this.out.push({ type: 'fail', stream: session.id, status, details: reason });
    this.close(session, reason, now);
  }

  private close(session: Session, reason: string, now: number): void {
    if (session.phase === 'closed') return;
    const phase = session.phase;
    session.phase = 'closed';
    this.sessions.delete(session.id);
    if (this.live.get(session.rank) === session) this.live.delete(session.rank);
    if (phase === 'joined') {
      const requeued = this.queue.release(session.id);
      const account = this.accounts.get(session.rank)!;
      if (this.phase === 'rendering') {
        account.lost = true;
        this.lostWorkers.push({ rank: session.rank, host: account.host, reason, requeuedUnits: requeued });
        this.emit({ type: 'lost', rank: session.rank, host: account.host, reason, requeued });
        for (const other of this.live.values()) this.pump(other);
        if (this.live.size === 0) this.noWorkersSince = now;
      } else {
        this.emit({ type: 'left', rank: session.rank, reason });
      }
    }
    this.checkCollected();
  }

  // ---- the run ------------------------------------------------------------------------------

  private maybeStart(now: number): void {
    if (this.phase !== 'waiting' || this.times.listening === null) return;
    if (this.startRequested || (!this.rules.waitForStart && this.live.size >= this.rules.workersExpected)) this.start(now);
  }

  private start(now: number): void {
    this.phase = 'rendering';
    this.times.renderStart = now;
    this.emit({ type: 'started', workers: this.live.size, joinMs: now - this.times.t0 });
    if (this.live.size === 0) this.noWorkersSince = now;
    for (const session of this.live.values()) this.pump(session);
  }

  private finish(now: number): void {
    this.times.renderEnd = now;
    this.emit({ type: 'progress', rowsDone: this.rules.spec.height, rowsTotal: this.rules.spec.height });
    this.phase = 'finishing';
    this.finishingSince = now;
    this.noWorkersSince = null;
    this.emit({ type: 'finishing', renderMs: now - (this.times.renderStart ?? now) });
    for (const session of this.sessions.values()) if (session.phase === 'joined') this.stop(session);
    this.checkCollected();
  }

  private checkCollected(): void {
    if (this.phase !== 'finishing' || this.isCollected) return;
    for (const session of this.sessions.values()) if (!session.final && session.phase !== 'closed') return;
    this.collect();
  }

  private collect(): void {
    this.isCollected = true;
    for (const session of this.sessions.values()) this.out.push({ type: 'end', stream: session.id });
  }

  private tick(now: number): void {
    const { rules } = this;
    if (this.phase === 'waiting' || this.phase === 'rendering') {
      for (const session of [...this.sessions.values()]) {
        const silentMs = now - session.lastSeen;
        if ((session.phase === 'hello' || session.phase === 'joined') && silentMs > rules.heartbeatTimeoutMs) {
          const reason = `no message for ${(silentMs / 1000).toFixed(1)} s (heartbeat timeout ${rules.heartbeatTimeoutMs / 1000} s)`;
          this.drop(session, reason, 'DEADLINE_EXCEEDED', now);
        }
      }
    }
    const due = this.nextDeadline();
    if (due === null || now < due) return;
    if (this.phase === 'waiting') this.barrierTimedOut(now);
    else if (this.phase === 'rendering') {
      const left = this.queue.units - this.queue.done;
      this.fail(
        clusterError('E_ALL_WORKERS_LOST', `every worker was lost and none joined again within ${rules.joinTimeoutMs / 1000} s; ${left} of ${this.queue.units} units were never computed`, [
          'see the lost workers above and the logs of their tasks',
        ]),
      );
    } else if (this.phase === 'finishing') this.collect();
  }

  private barrierTimedOut(now: number): void {
    const { rules } = this;
    const joined = this.live.size;
    const missing = this.missingRanks();
    if (joined < rules.minWorkers || joined === 0) {
      this.fail(
        clusterError(
          'E_BARRIER_TIMEOUT',
          `only ${joined} of ${rules.workersExpected} workers joined within ${rules.joinTimeoutMs / 1000} s; ${this.describeMissing(missing)} never joined`,
          [
            'check that every task started and can reach this leader (the scheduler\'s logs of those ranks)',
            joined === 0 ? 'raise --join-timeout if the workers start slowly' : `raise --join-timeout, or pass --min-workers ${joined} to go on with the workers present`,
          ],
        ),
      );
      return;
    }
    this.emit({ type: 'barrier-timeout', joined, expected: rules.workersExpected, missing });
    for (const rank of missing) {
      this.lostWorkers.push({ rank, host: this.hostOfRank(rank) ?? '', reason: `never joined within the join timeout (${rules.joinTimeoutMs / 1000} s)`, requeuedUnits: 0 });
    }
    this.start(now);
  }

  private fail(error: FractalError): void {
    if (this.failed) return;
    this.failed = error;
    this.phase = 'failed';
    for (const session of this.sessions.values()) {
      this.out.push({ type: 'fail', stream: session.id, status: 'ABORTED', details: `the leader gave up: ${error.message}` });
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private send(session: Session, message: OutgoingLeaderMessage): void {
    this.out.push({ type: 'send', stream: session.id, message });
  }

  private emit(event: LeaderEvent): void {
    this.out.push({ type: 'emit', event });
  }

  private flush(): LeaderEffect[] {
    const effects = this.out;
    this.out = [];
    return effects;
  }

  private countIn(session: Session | undefined, bytes: number): void {
    const account = session && session.phase !== 'hello' ? this.accounts.get(session.rank) : undefined;
    if (account) account.bytesFromWorker += bytes;
    else {
      this.strayBytesIn += bytes;
      if (session) session.bytesBeforeJoin += bytes;
    }
  }

  private peerName(session: Session): string {
    return session.rank >= 0 ? `rank ${session.rank} (${session.peer})` : session.peer;
  }

  private missingRanks(): number[] {
    const missing: number[] = [];
    for (let rank = 0; rank < this.rules.workersExpected + 1 && missing.length < this.rules.workersExpected; rank++) {
      if (rank !== this.rules.leaderRank && !this.live.has(rank)) missing.push(rank);
    }
    return missing;
  }

  /** With one task per node, rank r runs on the r-th host of the job's host list. */
  private hostOfRank(rank: number): string | undefined {
    if (this.jobHosts === undefined) {
      this.jobHosts = null;
      try {
        const hosts = this.rules.nodeList === null ? [] : parseHostlist(this.rules.nodeList);
        if (hosts.length === this.rules.jobSize) this.jobHosts = hosts;
      } catch {
        // a host list this leader cannot read names no hosts
      }
    }
    return this.jobHosts?.[rank];
  }

  private describeMissing(missing: number[]): string {
    const named = missing.length <= RANKS_NAMED ? missing.map((rank) => {
      const host = this.hostOfRank(rank);
      return host === undefined ? `${rank}` : `${rank} (${host})`;
    }) : [describeRanks(missing)];
    return `rank${missing.length === 1 ? '' : 's'} ${named.join(', ')}`;
  }

  /** A standalone worker (rank -1) gets the lowest rank nobody has used. */
  private freeRank(): number {
    let rank = 0;
    while (rank === this.rules.leaderRank || this.accounts.has(rank) || this.live.has(rank)) rank++;
    return rank;
  }
}
