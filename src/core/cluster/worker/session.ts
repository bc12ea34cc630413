// One Work stream, from Hello to its end: the handshake, assignments into the compute pool,
// results back in batches, heartbeats, and Stop answered with the worker's metrics. It settles
// once, with what the retry loop should do next: stopped (done), retry (the leader went away or
// never answered) or fatal (refused, interrupted, a broken compute thread).
import type { StreamFailure, StreamStatus } from '../../../protocol/fractal-proto.js';
import type { Hello, LeaderMessage, NodeReport, OutgoingWorkerMessage, Welcome } from '../../../protocol/messages.js';
import { openWorkStream, type ClientTls, type WorkStreamHandle } from '../../../protocol/work-client.js';
import { clusterError, type FractalError } from '../../errors.js';
import { PROTOCOL_VERSION } from '../../version.js';
import type { UnitOutput, UnitPool } from '../unit-pool.js';
import { createResultBatcher, RESULT_BATCH_MAX_MS, type ResultBatcher } from './batcher.js';
import { creditWindow, worthResizing } from './credit-window.js';
import type { NetworkGauge } from './network-gauge.js';
import type { LeaderTarget, SessionOutcome } from './retry.js';

const HANDSHAKE_TIMEOUT_MS = 10_000;
const STOP_CLOSE_TIMEOUT_MS = 5000;
const MAX_SEND_BYTES = 1024 * 1024 * 1024;
const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Heartbeats probe the round trip at least this often: the window follows the link within a second. */
const PROBE_INTERVAL_MS = 250;
/** Statuses that mean "this leader does not want you": retrying cannot help. */
const FATAL_STATUSES: ReadonlySet<StreamStatus> = new Set([
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'INVALID_ARGUMENT',
  'RESOURCE_EXHAUSTED',
  'UNIMPLEMENTED',
]);

/** The worker's counters, shared by all its sessions. */
export interface WorkerTally {
  bytesSent: number;
  bytesReceived: number;
  units: number;
  rows: number;
  pixels: number;
  iterations: number;
  computeNs: number;
}

/** What a session needs of the worker that runs it. */
export interface SessionContext {
  target: LeaderTarget;
  tls: ClientTls | undefined;
  hello: Hello;
  /** Units to keep in flight: a fixed number, or 'adaptive' (sized from the round trip and the time per unit). */
  credits: number | 'adaptive';
  /** The leader's bound on any worker's window. */
  maxCredits: number;
  /** Results are only sent on the stream they were computed for: this session's tag. */
  tag: number;
  tally: WorkerTally;
  /** Round trips, starvation, units in flight: shared by all sessions, like the tally. */
  gauge: NetworkGauge;
  /** The Welcome arrived: the pool that computes its image (throws a FractalError if it cannot). */
  joined(welcome: Welcome): UnitPool;
  finalReport(): NodeReport;
  stopped(): void;
}

export class WorkSession {
  private stream: WorkStreamHandle | undefined;
  private handshake: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  private welcome: Welcome | undefined;
  private pool: UnitPool | undefined;
  private batcher: ResultBatcher | undefined;
  private stopping = false;
  private settled = false;
  private resolve: (outcome: SessionOutcome) => void = () => {};

  constructor(private readonly context: SessionContext) {}

  /** Opens the stream and says Hello; resolves once, when the session is over. */
  run(): Promise<SessionOutcome> {
    const outcome = new Promise<SessionOutcome>((resolve) => (this.resolve = resolve));
    const { target } = this.context;
    this.stream = openWorkStream({
      address: target.address,
      token: target.token,
      maxSendBytes: MAX_SEND_BYTES,
      tls: this.context.tls,
      onMessage: (message, bytes) => this.message(message, bytes),
      onClose: (failure) => this.closed(failure),
    });
    this.handshake = setTimeout(() => {
      this.stream?.cancel();
      this.settle({ kind: 'retry', reason: `no answer to Hello within ${HANDSHAKE_TIMEOUT_MS / 1000} s`, joined: false });
    }, HANDSHAKE_TIMEOUT_MS);
    this.send({ hello: this.context.hello });
    // the credit goes right behind the Hello, not after the Welcome: the first units are then one
    // round trip closer (the leader reads a stream in order, so it has joined this worker by then)
    const { credits } = this.context;
    const window = credits === 'adaptive' ? this.adaptiveWindow() : credits;
    this.context.gauge.window(window);
    this.send({ credit: { units: window, window: 0 } });
    // and the first probe: a round trip is measured by the time the first units arrive
    this.sendHeartbeat();
    return outcome;
  }

  /** A unit is computed (for this session or an earlier one: the tag tells). */
  computed(output: UnitOutput): void {
    const { tally, gauge } = this.context;
    tally.computeNs += output.computeNs;
    gauge.unitDone(output.computeNs / 1e6);
    if (this.settled || this.stopping || output.tag !== this.context.tag || !this.welcome || !this.batcher) return;
    tally.units++;
    tally.rows += output.rows;
    tally.pixels += output.rows * (this.welcome.image?.width ?? 0);
    tally.iterations += output.iterations;
    this.batcher.add({
      unit: output.unit,
      rgba: output.bytes,
      iterations: output.iterations,
      compute_ns: output.computeNs,
      encoding: output.form === 'runs' ? 'RGBA_RUNS' : 'RGBA_RAW',
    });
  }

  /** A compute thread died: no session can succeed after that. */
  broken(error: FractalError): void {
    this.fatal(error);
  }

  /** SIGINT/SIGTERM: leave at once; the leader re-queues whatever this worker held. */
  interrupt(error: FractalError): void {
    this.fatal(error);
  }

  cancel(): void {
    if (this.settled) return;
    this.stream?.cancel();
    this.settle({ kind: 'retry', reason: 'cancelled', joined: this.welcome !== undefined });
  }

  private send(message: OutgoingWorkerMessage): void {
    if (this.stream) this.context.tally.bytesSent += this.stream.send(message);
  }

  private message(message: LeaderMessage, bytes: number): void {
    if (this.settled) return;
    this.context.tally.bytesReceived += bytes;
    switch (message.body) {
      case 'welcome':
        this.welcomed(message.welcome);
        return;
      case 'assign':
        this.assigned(message.assign.units);
        return;
      case 'stop':
        this.stop();
        return;
      case 'echo':
        if (this.context.gauge.echo(message.echo.probe, performance.now()) !== null) this.resize();
        return;
    }
  }

  private sendHeartbeat(): void {
    const { gauge } = this.context;
    const probe = gauge.probe(performance.now());
    this.send({ heartbeat: { units_in_progress: this.pool?.pending ?? 0, probe, rtt_ms: gauge.currentRttMs ?? 0 } });
  }

  private adaptiveWindow(): number {
    const { gauge, hello, maxCredits } = this.context;
    const { recentRttMs, unitMs } = gauge;
    return creditWindow({ threads: hello.threads, recentRttMs, unitMs, batchWaitMs: RESULT_BATCH_MAX_MS, maxCredits });
  }

  /** A new round trip: with adaptive credits, the window follows it. */
  private resize(): void {
    if (this.context.credits !== 'adaptive' || this.stopping) return;
    const { gauge } = this.context;
    const next = this.adaptiveWindow();
    if (!worthResizing(gauge.currentWindow, next)) return;
    gauge.window(next);
    this.send({ credit: { units: 0, window: next } });
  }

  private welcomed(welcome: Welcome): void {
    clearTimeout(this.handshake);
    if (this.welcome) {
      this.fatal(clusterError('E_PROTOCOL', 'the leader sent its Welcome twice'));
      return;
    }
    if (welcome.protocol_version !== PROTOCOL_VERSION) {
      this.fatal(
        clusterError('E_PROTOCOL_VERSION', `protocol version mismatch: the leader speaks ${welcome.protocol_version || '(none)'}, this worker speaks ${PROTOCOL_VERSION}`, [
          'run the same fractal version on every node (fractal version)',
        ]),
      );
      return;
    }
    let pool: UnitPool;
    try {
      pool = this.context.joined(welcome);
    } catch (error) {
      this.fatal(error as FractalError);
      return;
    }
    this.pool = pool;
    this.welcome = welcome;
    this.batcher = createResultBatcher({
      threads: pool.threads,
      pending: () => pool.pending,
      maxMessageBytes: welcome.max_message_bytes || DEFAULT_MAX_MESSAGE_BYTES,
      send: (results) => {
        this.context.gauge.returned(results.length, performance.now());
        this.send({ results: { results } });
      },
    });
    const interval = Math.min(PROBE_INTERVAL_MS, Math.max(50, welcome.heartbeat_interval_ms || 1000));
    this.heartbeat = setInterval(() => this.sendHeartbeat(), interval);
  }

  private assigned(units: number[]): void {
    const { welcome, pool } = this;
    if (!welcome?.image || !pool) {
      this.fatal(clusterError('E_PROTOCOL', 'the leader assigned work before its Welcome'));
      return;
    }
    const height = welcome.image.height;
    this.context.gauge.assigned(units.length, performance.now(), pool.idleMs());
    for (const unit of units) {
      if (unit >= welcome.units) {
        this.fatal(clusterError('E_PROTOCOL', `the leader assigned unit ${unit} of an image of ${welcome.units} units`));
        return;
      }
      const rowStart = unit * welcome.chunk_rows;
      pool.submit({ unit, rowStart, rowCount: Math.min(welcome.chunk_rows, height - rowStart) }, this.context.tag);
    }
  }

  private stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.heartbeat);
    this.context.gauge.stopped(performance.now(), this.pool?.idleMs() ?? 0);
    this.pool?.clearQueued();
    // every unit is in by now: anything unsent would only be a duplicate
    this.batcher?.clear();
    this.send({ metrics: { node: this.context.finalReport() } });
    this.stream?.end();
    this.context.stopped();
    // the leader ends the stream once it has the metrics; do not hang if it never does
    this.closeTimer = setTimeout(() => {
      this.stream?.cancel();
      this.settle({ kind: 'stopped' });
    }, STOP_CLOSE_TIMEOUT_MS);
  }

  private fatal(error: FractalError): void {
    this.stream?.cancel();
    this.settle({ kind: 'fatal', error });
  }

  private closed(failure: StreamFailure | null): void {
    if (this.stopping) {
      this.settle({ kind: 'stopped' });
      return;
    }
    const joined = this.welcome !== undefined;
    if (failure === null) this.settle({ kind: 'retry', reason: 'the leader closed the stream without saying stop', joined });
    else if (FATAL_STATUSES.has(failure.status)) this.settle({ kind: 'fatal', error: refusal(this.context.target, failure, joined) });
    else this.settle({ kind: 'retry', reason: `${failure.status}: ${failure.details}`, joined });
  }

  private settle(outcome: SessionOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.handshake);
    clearInterval(this.heartbeat);
    clearTimeout(this.closeTimer);
    this.batcher?.clear();
    this.pool?.clearQueued();
    this.stream?.close();
    this.resolve(outcome);
  }
}

const refusal = (target: LeaderTarget, failure: StreamFailure, joined: boolean): FractalError => {
  const where = `the leader at ${target.address} (${target.via})`;
  switch (failure.status) {
    case 'UNAUTHENTICATED':
      return clusterError('E_UNAUTHENTICATED', `${where} refused this worker: ${failure.details}`, [
        'give the worker the job\'s token: --token, FRACTAL_TOKEN, --token-file, or the rendezvous file in the shared --run-dir',
      ]);
    case 'FAILED_PRECONDITION':
      return clusterError('E_REFUSED', `${where} refused this worker: ${failure.details}`);
    case 'ABORTED':
      return clusterError('E_RUN_ABORTED', `${where} ${joined ? 'abandoned the run' : 'refused this worker'}: ${failure.details}`);
    default:
      return clusterError('E_REFUSED', `${where} ended the stream with ${failure.status}: ${failure.details}`);
  }
};
