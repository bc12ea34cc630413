// The leader's rules, as a state machine with no I/O, no timers and no clock: every input (a stream
// opened, a message, a stream closed, a tick with the time, a start request) goes in with the time
// it happened, and what the leader must do comes out as a list of effects (send, end, fail a stream;
// emit an event; rows for the PNG). transport.ts feeds it from gRPC, index.ts runs it with the real
// clock, and test/unit/leader-state.test.ts drives it with a made-up one.
//
// The run: waiting (the barrier) -> rendering -> finishing (stop every worker, collect its
// metrics) -> collected, then done once written; any failure -> failed. Told to stop early, it
// drains (hands out nothing, takes what is in flight for a grace), then finishes without the
// whole picture. A worker's stream is a session: hello -> joined -> stopping -> closed. Any protocol misstep by a joined worker drops it
// like a lost worker: its units go back to the queue and the others take them.
import type { StreamStatus } from '../../../protocol/fractal-proto.js';
import type { UnitResult, WorkerMessage } from '../../../protocol/messages.js';
import type { FractalError } from '../../errors.js';
import { cleanLabel, cleanRttMs, fromNodeReport, toWelcome } from '../wire.js';
import { countUnit, newAccount } from './account.js';
import type { RejectionKind } from './events.js';
import { freeRank, missingRanks } from './job-ranks.js';
import { MAX_CREDITS_PER_WORKER, PROGRESS_INTERVAL_MS, type LeaderEffect, type LeaderInput, type Session, type StreamId } from './machine-types.js';
import { LeaderMachineMemory } from './machine-memory.js';
import { judgeResults } from './intake.js';
import { allWorkersLostError, barrierTimeoutError, helloRefusal, startOutcome } from './refusals.js';
import { unitLimit } from './window.js';
import type { StartOutcome } from './status.js';

export type { DecodedUnit, LeaderEffect, LeaderInput, LeaderRules, StreamId } from './machine-types.js';
export { MAX_CREDITS_PER_WORKER } from './machine-types.js';

export class LeaderMachine extends LeaderMachineMemory {
  /** The earliest time a tick must come for a deadline (barrier, no workers, final metrics); null if none. */
  nextDeadline(): number | null {
    const { listening } = this.times;
    if (this.phase === 'waiting' && !this.rules.waitForStart && listening !== null) return listening + this.rules.joinTimeoutMs;
    if (this.phase === 'rendering' && this.noWorkersSince !== null) return this.noWorkersSince + this.rules.joinTimeoutMs;
    if (this.phase === 'draining') return this.drainUntil;
    if (this.phase === 'finishing' && !this.isCollected) return this.finishingSince + this.rules.finalMetricsTimeoutMs;
    return null;
  }

  step(input: LeaderInput, now: number): LeaderEffect[] {
    switch (input.type) {
      case 'open':
        this.table.open(input.stream, input.peer, now);
        break;
      case 'message':
        this.message(input.stream, input.message, input.bytes, now);
        break;
      case 'malformed': {
        const session = this.table.get(input.stream);
        this.table.countIn(session, input.bytes);
        this.rejected.malformed++;
        this.emit({ type: 'rejected', kind: 'malformed', peer: session ? this.table.peerName(session) : 'a closed stream', detail: input.reason, count: 1 });
        if (session) this.drop(session, `sent ${input.status === 'INVALID_ARGUMENT' ? 'a message that does not decode: ' : ''}${input.reason}`, input.status, now);
        break;
      }
      case 'closed': {
        const session = this.table.get(input.stream);
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
      case 'written':
        this.writtenRows = input.rows;
        for (const session of this.table.live.values()) this.pump(session);
        break;
      case 'tick':
        this.tick(now);
        break;
      case 'interrupt':
        this.interrupt(input.reason, input.graceMs, now);
        break;
    }
    return this.flush();
  }

  /** POST /start: begin with the workers present. */
  requestStart(now: number): { outcome: StartOutcome; effects: LeaderEffect[] } {
    const outcome = startOutcome(this.phase, this.startRequested, this.table.live.size);
    if (outcome.started) {
      this.startRequested = true;
      this.maybeStart(now);
    }
    return { outcome, effects: this.flush() };
  }

  /** Sent bytes are known once the transport has encoded a message. */
  sent(stream: StreamId, bytes: number): void {
    this.table.countOut(stream, bytes);
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

  private message(stream: StreamId, message: WorkerMessage, bytes: number, now: number): void {
    const session = this.table.get(stream);
    if (!session || session.phase === 'closed') return;
    session.lastSeen = now;
    this.table.countIn(session, bytes);
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
      case 'credit': {
        // a window sets the count (a worker resizing it); units alone add to it
        const { units, window } = message.credit;
        session.credits = Math.min(MAX_CREDITS_PER_WORKER, window > 0 ? window : session.credits + units);
        this.pump(session);
        return;
      }
      case 'results':
        this.results(session, message.results.results, now);
        return;
      case 'heartbeat': {
        const { probe, rtt_ms } = message.heartbeat;
        if (probe > 0) this.send(session, { echo: { probe } });
        this.accounts.get(session.rank)!.rttMs = cleanRttMs(rtt_ms) ?? this.accounts.get(session.rank)!.rttMs;
        return;
      }
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
    const refusal = helloRefusal(hello, rules);
    if (refusal) {
      this.refuse(session, refusal.status, refusal.details);
      return;
    }
    const rank = hello.rank >= 0 ? hello.rank : freeRank(rules.leaderRank, this.accounts, this.table.live);
    const previous = this.table.live.get(rank);
    if (previous) this.drop(previous, 'replaced by a new stream of the same rank', 'ABORTED', now);
    const host = cleanLabel(hello.host, session.peer);
    const account = this.accounts.get(rank) ?? newAccount(rank, now);
    this.accounts.set(rank, account);
    // a worker that comes back is no longer lost; work.lostWorkers keeps the episode
    Object.assign(account, { lost: false, host, threads: hello.threads, reconnects: hello.reconnects, lastSeen: now });
    this.table.join(session, rank, account);
    this.send(session, { welcome: toWelcome({ ...rules, rank, units: this.queue.units }) });
    this.emit({ type: 'joined', rank, host, threads: hello.threads, joined: this.table.live.size, expected: rules.workersExpected });
    this.noWorkersSince = null;
    if (this.phase === 'finishing' || this.phase === 'done') this.stop(session);
    else this.pump(session);
    this.maybeStart(now);
  }

  private results(session: Session, results: UnitResult[], now: number): void {
    const account = this.accounts.get(session.rank)!;
    for (const verdict of judgeResults(this.queue, session.id, results, this.rules.decodeUnit)) {
      if (verdict.kind === 'malformed') {
        this.reject(session, 'malformed', `unit ${verdict.unit}: ${verdict.problem}`, now);
        this.drop(session, `sent a malformed result (unit ${verdict.unit}: ${verdict.problem})`, 'INVALID_ARGUMENT', now);
        return;
      }
      if (verdict.kind === 'rejected') {
        if (verdict.rgba) this.out.push({ type: 'discard', rgba: verdict.rgba });
        this.reject(session, verdict.reason, verdict.detail, now);
        continue;
      }
      this.out.push({ type: 'rows', rowStart: verdict.rowStart, rgba: verdict.rgba, result: verdict.result, rowCount: verdict.rowCount });
      this.times.firstUnit ??= now;
      countUnit(account, verdict.rowCount, this.rules.spec.width, verdict.iterations);
    }
    if (now - this.lastProgress >= PROGRESS_INTERVAL_MS) {
      this.lastProgress = now;
      this.emit({ type: 'progress', rowsDone: this.queue.rowsDone, rowsTotal: this.rules.spec.height });
    }
    if (this.queue.isComplete()) this.finish(now);
    else if (this.phase === 'draining') this.maybeDrained(now);
    else this.pump(session);
  }

  private reject(session: Session, kind: RejectionKind, detail: string, now: number): void {
    this.rejected[kind]++;
    // a flood of bad results is one line a second per peer and kind, with how many it stands for
    const count = session.rejections.note(kind, now);
    if (count > 0) this.emit({ type: 'rejected', kind, peer: this.table.peerName(session), detail, count });
  }

  /** Hands out as many units as the session has room for. */
  private pump(session: Session): void {
    if (this.phase !== 'rendering' || session.phase !== 'joined') return;
    const share = this.table.guidedShare(session, this.queue.queued + this.queue.inFlight);
    const room = Math.min(session.credits, share) - this.queue.inFlightOf(session.id);
    if (room <= 0) return;
    const units = this.queue.take(session.id, room, unitLimit(this.queue, this.rules.pngWindowRows, this.writtenRows, this.table.live));
    if (units.length > 0) this.send(session, { assign: { units } });
  }

  private stop(session: Session): void {
    session.phase = 'stopping';
    this.send(session, { stop: { reason: this.stoppedEarly ? 'interrupted' : 'done' } });
  }

  /** Refused before joining: the worker sees why; nothing to re-queue. */
  private refuse(session: Session, status: StreamStatus, details: string): void {
    this.out.push({ type: 'fail', stream: session.id, status, details });
    this.table.remove(session);
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
    this.table.remove(session);
    if (phase === 'joined') {
      const requeued = this.queue.release(session.id);
      const account = this.accounts.get(session.rank)!;
      if (this.phase === 'rendering') {
        account.lost = true;
        this.lostWorkers.push({ rank: session.rank, host: account.host, reason, requeuedUnits: requeued });
        this.emit({ type: 'lost', rank: session.rank, host: account.host, reason, requeued });
        for (const other of this.table.live.values()) this.pump(other);
        if (this.table.live.size === 0) this.noWorkersSince = now;
      } else {
        this.emit({ type: 'left', rank: session.rank, reason });
      }
    }
    if (this.phase === 'draining') this.maybeDrained(now);
    this.checkCollected();
  }

  // ---- the run ------------------------------------------------------------------------------

  private maybeStart(now: number): void {
    if (this.phase !== 'waiting' || this.times.listening === null) return;
    if (this.startRequested || (!this.rules.waitForStart && this.table.live.size >= this.rules.workersExpected)) this.start(now);
  }

  private start(now: number): void {
    this.phase = 'rendering';
    this.times.renderStart = now;
    this.emit({ type: 'started', workers: this.table.live.size, joinMs: now - this.times.t0 });
    if (this.table.live.size === 0) this.noWorkersSince = now;
    for (const session of this.table.live.values()) this.pump(session);
  }

  private finish(now: number): void {
    this.times.renderEnd = now;
    this.emit({ type: 'progress', rowsDone: this.rules.spec.height, rowsTotal: this.rules.spec.height });
    this.phase = 'finishing';
    this.finishingSince = now;
    this.noWorkersSince = null;
    this.emit({ type: 'finishing', renderMs: now - (this.times.renderStart ?? now) });
    for (const session of this.table.all.values()) if (session.phase === 'joined') this.stop(session);
    this.checkCollected();
  }

  private interrupt(reason: string, graceMs: number, now: number): void {
    if (this.phase !== 'waiting' && this.phase !== 'rendering') return;
    this.stoppedEarly = { reason, at: now };
    this.drainUntil = now + graceMs;
    const inFlight = this.queue.inFlight;
    if (this.phase === 'rendering' && inFlight > 0) {
      this.phase = 'draining';
      this.emit({ type: 'draining', reason, inFlight, graceMs });
    } else {
      this.stopEarly(now);
    }
  }

  private maybeDrained(now: number): void {
    if (this.queue.inFlight === 0) this.stopEarly(now);
  }

  /** Finishes without the whole picture: the workers stop, and the checkpoint keeps what came in. */
  private stopEarly(now: number): void {
    this.emit({ type: 'interrupted', reason: this.stoppedEarly?.reason ?? 'interrupted', unitsDone: this.queue.done, units: this.queue.units });
    this.times.renderEnd = now;
    this.phase = 'finishing';
    this.finishingSince = now;
    this.noWorkersSince = null;
    for (const session of this.table.all.values()) if (session.phase === 'joined') this.stop(session);
    this.checkCollected();
  }

  private checkCollected(): void {
    if (this.phase !== 'finishing' || this.isCollected) return;
    for (const session of this.table.all.values()) if (!session.final && session.phase !== 'closed') return;
    this.collect();
  }

  private collect(): void {
    this.isCollected = true;
    for (const session of this.table.all.values()) this.out.push({ type: 'end', stream: session.id });
  }

  private tick(now: number): void {
    const { rules } = this;
    if (this.phase === 'waiting' || this.phase === 'rendering' || this.phase === 'draining') {
      for (const [session, reason] of this.table.silent(now, rules.heartbeatTimeoutMs)) this.drop(session, reason, 'DEADLINE_EXCEEDED', now);
    }
    const due = this.nextDeadline();
    if (due === null || now < due) return;
    if (this.phase === 'waiting') this.barrierTimedOut(now);
    else if (this.phase === 'draining') this.stopEarly(now);
    else if (this.phase === 'rendering') {
      const left = this.queue.units - this.queue.done;
      this.fail(allWorkersLostError(rules.joinTimeoutMs, left, this.queue.units));
    } else if (this.phase === 'finishing') this.collect();
  }

  private barrierTimedOut(now: number): void {
    const { rules } = this;
    const joined = this.table.live.size;
    const missing = missingRanks(rules, this.table.live);
    if (joined < rules.minWorkers || joined === 0) {
      this.fail(barrierTimeoutError(rules, joined, this.ranks.describeMissing(missing)));
      return;
    }
    this.emit({ type: 'barrier-timeout', joined, expected: rules.workersExpected, missing });
    for (const rank of missing) {
      this.lostWorkers.push({ rank, host: this.ranks.hostOf(rank) ?? '', reason: `never joined within the join timeout (${rules.joinTimeoutMs / 1000} s)`, requeuedUnits: 0 });
    }
    this.start(now);
  }

  private fail(error: FractalError): void {
    if (this.failed) return;
    this.failed = error;
    this.phase = 'failed';
    for (const session of this.table.all.values()) {
      this.out.push({ type: 'fail', stream: session.id, status: 'ABORTED', details: `the leader gave up: ${error.message}` });
    }
  }
}
