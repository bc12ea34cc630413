// A worker: finds its leader, opens the Work stream (retrying with backoff while the leader is not
// there yet), computes the units it is assigned on --threads threads, streams the RGBA back, and
// when told to stop sends its metrics and returns. A refusal (token, version, aborted run) ends it
// at once; a lost leader is retried until --connect-timeout, then it gives up with a clear error.
import { hostname } from 'node:os';
import { openWorkStream, type ClientTls, type WorkStreamHandle } from '../../protocol/work-client.js';
import { warmUpCodecs, type StreamFailure, type StreamStatus } from '../../protocol/fractal-proto.js';
import type { LeaderMessage, UnitResult, Welcome } from '../../protocol/messages.js';
import { clusterError, FractalError, interruptedError } from '../errors.js';
import { startProcessMetrics } from '../metrics/process-metrics.js';
import type { NodeMetrics } from '../metrics/results.js';
import { COLORINGS, type Coloring, type ImageSpec } from '../render/image-spec.js';
import { parsePaletteName } from '../render/palette.js';
import { PROTOCOL_VERSION } from '../version.js';
import { toProcessReport } from './node-report.js';
import { createUnitPool, type UnitOutput, type UnitPool } from './unit-pool.js';

export interface LeaderTarget {
  /** HOST:PORT */
  address: string;
  token: string;
  /** How it was found, for messages: "--host", "rendezvous file …", "host list …". */
  via: string;
}

/** Not found yet, and why (the last reason ends up in the timeout message). */
export interface TargetPending {
  pending: string;
}

export interface LeaderDiscovery {
  /** Where the leader is; asked again before every attempt (a rendezvous file may appear). */
  find(): Promise<LeaderTarget | TargetPending>;
  /** Calls listener when asking again may give a new answer; returns the unsubscribe. */
  onChange?(listener: () => void): () => void;
}

export interface WorkerOptions {
  discovery: LeaderDiscovery;
  /** The image this worker expects (its own flags): threads warm up while it looks for the leader. */
  expectedSpec?: ImageSpec;
  /** The task's rank, or null to let the leader choose. */
  rank: number | null;
  jobId: string | null;
  host?: string;
  threads: number;
  /** Units to keep in flight (default DEFAULT_CREDITS_PER_THREAD per thread): hides the network round trip. */
  credits?: number;
  /** How long to look for and retry the leader, at the start and after losing it. */
  connectTimeoutMs: number;
  /** Run-length encode results on the wire (default true): a fraction of the bytes for a little CPU. */
  compress?: boolean;
  tls?: ClientTls;
  signal?: AbortSignal;
  onEvent?(event: WorkerEvent): void;
}

export type WorkerEvent =
  | { type: 'connecting'; address: string; via: string; attempt: number }
  | { type: 'joined'; address: string; rank: number; width: number; height: number; units: number }
  | { type: 'retrying'; reason: string; delayMs: number }
  | { type: 'lost-leader'; reason: string }
  | { type: 'stopped'; units: number };

export interface WorkerReport {
  address: string;
  rank: number;
  kernel: string;
  wallMs: number;
  node: NodeMetrics;
}

/**
 * A thread finishes a unit every few tens of milliseconds, and the next one must already be here:
 * on a loaded node the result's trip to the leader and the new assignment's trip back take
 * several scheduler slices.
 */
export const DEFAULT_CREDITS_PER_THREAD = 4;
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** The longest a finished result waits for others to travel with it. */
const RESULT_BATCH_MAX_MS = 20;
const STOP_CLOSE_TIMEOUT_MS = 5000;
const MAX_SEND_BYTES = 1024 * 1024 * 1024;
const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 2000;
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

type SessionOutcome = { kind: 'stopped' } | { kind: 'retry'; reason: string; joined: boolean } | { kind: 'fatal'; error: FractalError };


const interrupted = (): FractalError => interruptedError('the worker was interrupted; the leader gives its units to the others');

/** 100 ms, growing by 1.6 to 2 s, with ±20 % jitter so that many workers do not knock in step. */
export const backoffDelay = (attempt: number, random: () => number = Math.random): number =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 1.6 ** attempt) * (0.8 + 0.4 * random());

/**
 * The retry loop's sleep, cut short when the discovery sees a change (the rendezvous file
 * appearing) or on abort. It listens for the whole loop, not only while asleep: a file renamed into
 * place between a look that missed it and the sleep after it still wakes the worker at once,
 * instead of a backoff later.
 */
const createWaker = (discovery: LeaderDiscovery, signal: AbortSignal | undefined) => {
  let changed = false;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    changed = true;
    wake?.();
  };
  const unsubscribe = discovery.onChange?.(poke);
  signal?.addEventListener('abort', poke);
  return {
    /** A look is about to start: what changed before it, it sees for itself. */
    looking(): void {
      changed = false;
    },
    sleep(ms: number): Promise<void> {
      if (changed) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done(): void {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    },
    close(): void {
      unsubscribe?.();
      signal?.removeEventListener('abort', poke);
    },
  };
};

export const specFromWelcome = (welcome: Welcome): ImageSpec => {
  const image = welcome.image;
  if (!(COLORINGS as readonly string[]).includes(image.coloring)) {
    throw clusterError('E_PROTOCOL', `the leader asked for colouring ${JSON.stringify(image.coloring)}, which this worker does not know`, [
      'run the same fractal version on every node',
    ]);
  }
  return {
    width: image.width,
    height: image.height,
    xpos: image.xpos,
    ypos: image.ypos,
    escapeRadius: image.escape_radius,
    iters: image.iters,
    step: image.step,
    palette: parsePaletteName(image.palette),
    coloring: image.coloring as Coloring,
  };
};

export const runWorker = (options: WorkerOptions): Promise<WorkerReport> => new WorkerRun(options).run();

class WorkerRun {
  private readonly o: WorkerOptions;
  private readonly emit: (event: WorkerEvent) => void;
  private readonly started = performance.now();
  private readonly metrics = startProcessMetrics();
  private readonly host: string;
  private pool: UnitPool | undefined;
  private poolKey = '';
  private kernel = 'none';
  private rank: number | null;
  private address = '';
  private reconnects = 0;
  private bytesSent = 0;
  private bytesReceived = 0;
  private units = 0;
  private rows = 0;
  private pixels = 0;
  private iterations = 0;
  private computeNs = 0;
  /** Results are only sent on the stream they were computed for. */
  private generation = 0;
  private current: ActiveSession | undefined;
  /** A compute thread that died: no session can succeed after that. */
  private poolError: FractalError | undefined;

  constructor(options: WorkerOptions) {
    this.o = options;
    this.emit = options.onEvent ?? (() => {});
    this.host = options.host ?? hostname();
    this.rank = options.rank;
  }

  async run(): Promise<WorkerReport> {
    let windowStart = performance.now();
    let attempt = 0;
    let everJoined = false;
    let lastReason = 'no attempt was made';
    if (this.o.expectedSpec) this.ensurePool(this.o.expectedSpec);
    const waker = createWaker(this.o.discovery, this.o.signal);
    try {
      for (;;) {
        if (this.o.signal?.aborted) throw interrupted();
        if (this.poolError) throw this.poolError;
        waker.looking();
        const target = await this.o.discovery.find();
        if ('pending' in target) {
          lastReason = target.pending;
          warmUpCodecs();
        } else {
          this.address = target.address;
          this.emit({ type: 'connecting', address: target.address, via: target.via, attempt });
          const outcome = await this.session(target);
          if (outcome.kind === 'stopped') return this.report();
          if (outcome.kind === 'fatal') throw outcome.error;
          lastReason = `${target.address} (${target.via}): ${outcome.reason}`;
          if (outcome.joined) {
            everJoined = true;
            windowStart = performance.now();
            attempt = 0;
            this.reconnects++;
            this.emit({ type: 'lost-leader', reason: outcome.reason });
          }
        }
        const remaining = this.o.connectTimeoutMs - (performance.now() - windowStart);
        if (remaining <= 0) {
          const seconds = this.o.connectTimeoutMs / 1000;
          throw everJoined
            ? clusterError('E_LEADER_LOST', `lost the leader and could not reach it again within ${seconds} s: ${lastReason}`, [
                'the leader has probably exited or crashed: see its log; this worker\'s units were given to others or the run failed',
              ])
            : clusterError('E_LEADER_UNREACHABLE', `could not reach the leader within ${seconds} s: ${lastReason}`, [
                'check that the leader is running and that this host can reach it (--host HOST:PORT, or the rendezvous file in --run-dir)',
                'raise --connect-timeout if the leader starts later than its workers',
              ]);
        }
        const delay = Math.min(backoffDelay(attempt++), remaining);
        this.emit({ type: 'retrying', reason: lastReason, delayMs: delay });
        await waker.sleep(delay);
      }
    } finally {
      waker.close();
      this.current?.cancel();
      await this.pool?.close();
      this.metrics.stop();
    }
  }

  private report(): WorkerReport {
    return {
      address: this.address,
      rank: this.rank ?? -1,
      kernel: this.kernel,
      wallMs: performance.now() - this.started,
      node: {
        rank: this.rank ?? -1,
        host: this.host,
        role: 'worker',
        threads: this.o.threads,
        units: this.units,
        rows: this.rows,
        pixels: this.pixels,
        iterations: this.iterations,
        computeMs: this.computeNs / 1e6,
        idleMs: this.pool?.idleMs() ?? 0,
        bytesSent: this.bytesSent,
        bytesReceived: this.bytesReceived,
        reconnects: this.reconnects,
        lost: false,
        process: this.metrics.read(),
      },
    };
  }

  private ensurePool(spec: ImageSpec): UnitPool {
    const key = JSON.stringify(spec);
    if (this.pool && this.poolKey === key) return this.pool;
    void this.pool?.close();
    this.poolKey = key;
    this.pool = createUnitPool({
      spec,
      threads: this.o.threads,
      compress: this.o.compress ?? true,
      onResult: (output) => this.current?.computed(output),
      onError: (error) => {
        this.poolError = error;
        this.current?.broken(error);
      },
    });
    this.pool.ready().then(
      (kernel) => (this.kernel = kernel),
      () => {},
    );
    return this.pool;
  }

  private session(target: LeaderTarget): Promise<SessionOutcome> {
    const signal = this.o.signal;
    const interrupt = (): void => this.current?.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    return new Promise<SessionOutcome>((resolve) => {
      const session = new ActiveSession(this, target, ++this.generation, resolve);
      this.current = session;
    }).finally(() => {
      signal?.removeEventListener('abort', interrupt);
      this.current = undefined;
    });
  }

  // ---- what sessions report back ----------------------------------------------------------

  countSent(bytes: number): void {
    this.bytesSent += bytes;
  }

  countReceived(bytes: number): void {
    this.bytesReceived += bytes;
  }

  countUnit(output: UnitOutput, width: number): void {
    this.units++;
    this.rows += output.rows;
    this.pixels += output.rows * width;
    this.iterations += output.iterations;
  }

  countCompute(ns: number): void {
    this.computeNs += ns;
  }

  joined(welcome: Welcome, address: string): UnitPool {
    this.rank = welcome.rank;
    const spec = specFromWelcome(welcome);
    const pool = this.ensurePool(spec);
    this.emit({ type: 'joined', address, rank: welcome.rank, width: spec.width, height: spec.height, units: welcome.units });
    return pool;
  }

  hello() {
    return {
      protocol_version: PROTOCOL_VERSION,
      rank: this.rank ?? -1,
      host: this.host,
      threads: this.o.threads,
      pid: process.pid,
      reconnects: this.reconnects,
      job_id: this.o.jobId ?? '',
    };
  }

  finalReport() {
    const r = this.report();
    return {
      host: r.node.host,
      threads: r.node.threads,
      units: r.node.units,
      rows: r.node.rows,
      pixels: r.node.pixels,
      iterations: r.node.iterations,
      compute_ms: r.node.computeMs,
      idle_ms: r.node.idleMs,
      bytes_sent: r.node.bytesSent,
      bytes_received: r.node.bytesReceived,
      reconnects: r.node.reconnects,
      kernel: this.kernel,
      process: r.node.process ? toProcessReport(r.node.process) : null,
    };
  }

  get tls(): ClientTls | undefined {
    return this.o.tls;
  }

  get credits(): number {
    return this.o.credits ?? DEFAULT_CREDITS_PER_THREAD * this.o.threads;
  }

  stopped(): void {
    this.emit({ type: 'stopped', units: this.units });
  }
}

/** One Work stream, from Hello to its end. */
class ActiveSession {
  private readonly stream: WorkStreamHandle;
  private readonly handshake: NodeJS.Timeout;
  private heartbeat: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  private welcome: Welcome | undefined;
  private pool: UnitPool | undefined;
  private stopping = false;
  private settled = false;
  private outgoing: UnitResult[] = [];
  private outgoingBytes = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private maxMessageBytes = 4 * 1024 * 1024;

  constructor(
    private readonly worker: WorkerRun,
    private readonly target: LeaderTarget,
    private readonly generation: number,
    private readonly resolve: (outcome: SessionOutcome) => void,
  ) {
    this.stream = openWorkStream({
      address: target.address,
      token: target.token,
      maxSendBytes: MAX_SEND_BYTES,
      tls: worker.tls,
      onMessage: (message, bytes) => this.message(message, bytes),
      onClose: (failure) => this.closed(failure),
    });
    this.handshake = setTimeout(() => {
      this.stream.cancel();
      this.settle({ kind: 'retry', reason: `no answer to Hello within ${HANDSHAKE_TIMEOUT_MS / 1000} s`, joined: false });
    }, HANDSHAKE_TIMEOUT_MS);
    this.send({ hello: worker.hello() });
    // the credit goes right behind the Hello, not after the Welcome: the first units are then one
    // round trip closer (the leader reads a stream in order, so it has joined this worker by then)
    this.send({ credit: { units: worker.credits } });
    // the Welcome is a round trip away: time enough to have every codec ready for it
    setImmediate(warmUpCodecs);
  }

  private send(message: Parameters<WorkStreamHandle['send']>[0]): void {
    this.worker.countSent(this.stream.send(message));
  }

  private message(message: LeaderMessage, bytes: number): void {
    if (this.settled) return;
    this.worker.countReceived(bytes);
    switch (message.body) {
      case 'welcome': {
        clearTimeout(this.handshake);
        const welcome = message.welcome;
        if (welcome.protocol_version !== PROTOCOL_VERSION) {
          this.fatal(
            clusterError('E_PROTOCOL_VERSION', `protocol version mismatch: the leader speaks ${welcome.protocol_version || '(none)'}, this worker speaks ${PROTOCOL_VERSION}`, [
              'run the same fractal version on every node (fractal version)',
            ]),
          );
          return;
        }
        try {
          this.pool = this.worker.joined(welcome, this.target.address);
        } catch (error) {
          this.fatal(error as FractalError);
          return;
        }
        this.welcome = welcome;
        this.maxMessageBytes = welcome.max_message_bytes || this.maxMessageBytes;
        const interval = Math.max(50, welcome.heartbeat_interval_ms || 1000);
        this.heartbeat = setInterval(() => this.send({ heartbeat: { units_in_progress: this.pool?.pending ?? 0 } }), interval);
        return;
      }
      case 'assign': {
        const welcome = this.welcome;
        if (!welcome || !this.pool) {
          this.fatal(clusterError('E_PROTOCOL', 'the leader assigned work before its Welcome'));
          return;
        }
        for (const unit of message.assign.units) {
          if (unit >= welcome.units) {
            this.fatal(clusterError('E_PROTOCOL', `the leader assigned unit ${unit} of an image of ${welcome.units} units`));
            return;
          }
          const rowStart = unit * welcome.chunk_rows;
          this.pool.submit({ unit, rowStart, rowCount: Math.min(welcome.chunk_rows, welcome.image.height - rowStart) }, this.generation);
        }
        return;
      }
      case 'stop': {
        this.stopping = true;
        clearInterval(this.heartbeat);
        this.pool?.clearQueued();
        // every unit is in by now: anything unsent would only be a duplicate
        this.outgoing = [];
        clearTimeout(this.flushTimer);
        this.send({ metrics: { node: this.worker.finalReport() } });
        this.stream.end();
        this.worker.stopped();
        // the leader ends the stream once it has the metrics; do not hang if it never does
        this.closeTimer = setTimeout(() => {
          this.stream.cancel();
          this.settle({ kind: 'stopped' });
        }, STOP_CLOSE_TIMEOUT_MS);
        return;
      }
    }
  }

  computed(output: UnitOutput): void {
    this.worker.countCompute(output.computeNs);
    if (this.settled || this.stopping || output.tag !== this.generation || !this.welcome) return;
    this.worker.countUnit(output, this.welcome.image.width);
    const result: UnitResult = {
      unit: output.unit,
      rgba: output.bytes,
      iterations: output.iterations,
      compute_ns: output.computeNs,
      encoding: output.compressed ? 'RGBA_RUNS' : 'RGBA_RAW',
    };
    if (this.outgoingBytes + output.bytes.length + 64 > this.maxMessageBytes - 1024) this.flush();
    this.outgoing.push(result);
    this.outgoingBytes += output.bytes.length + 64;
    // Every message costs both ends a fixed amount of gRPC work, taken from the compute threads
    // when every core computes: a batch waits for one result per thread (two at least), unless the threads are
    // about to run dry (the leader's next units must be on their way) or it has waited long enough.
    const threads = this.pool?.threads ?? 1;
    if (this.outgoing.length >= Math.max(2, threads) || (this.pool?.pending ?? 0) <= threads) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), RESULT_BATCH_MAX_MS);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.outgoing.length === 0 || this.settled) return;
    const results = this.outgoing;
    this.outgoing = [];
    this.outgoingBytes = 0;
    this.send({ results: { results } });
  }

  broken(error: FractalError): void {
    this.stream.cancel();
    this.fatal(error);
  }

  /** SIGINT/SIGTERM: leave at once; the leader re-queues whatever this worker held. */
  interrupt(): void {
    this.fatal(interrupted());
  }

  cancel(): void {
    if (this.settled) return;
    this.stream.cancel();
    this.settle({ kind: 'retry', reason: 'cancelled', joined: this.welcome !== undefined });
  }

  private fatal(error: FractalError): void {
    this.stream.cancel();
    this.settle({ kind: 'fatal', error });
  }

  private closed(failure: StreamFailure | null): void {
    if (this.stopping) {
      this.settle({ kind: 'stopped' });
      return;
    }
    const joined = this.welcome !== undefined;
    if (failure === null) {
      this.settle({ kind: 'retry', reason: 'the leader closed the stream without saying stop', joined });
      return;
    }
    if (FATAL_STATUSES.has(failure.status)) {
      this.settle({ kind: 'fatal', error: refusal(this.target, failure, joined) });
      return;
    }
    this.settle({ kind: 'retry', reason: `${failure.status}: ${failure.details}`, joined });
  }

  private settle(outcome: SessionOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.handshake);
    clearInterval(this.heartbeat);
    clearTimeout(this.closeTimer);
    clearTimeout(this.flushTimer);
    this.pool?.clearQueued();
    this.stream.close();
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
