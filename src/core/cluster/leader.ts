// The leader: serves the Work stream, waits for its workers (the barrier), hands out units as
// workers have credit, writes each result into the one image buffer exactly once, re-queues the
// units of workers it loses, then stops every worker, collects their metrics, writes the PNG and
// the results JSON atomically, and shuts down. It never computes.
import { randomBytes } from 'node:crypto';
import { BindError, startWorkServer, type ServerStreamHandle, type TlsFiles, type WorkServerHandle } from '../../protocol/work-server.js';
import { warmUpCodecs, type StreamStatus } from '../../protocol/fractal-proto.js';
import type { Hello, UnitResult, WorkerMessage } from '../../protocol/messages.js';
import { clusterError, FractalError, interruptedError } from '../errors.js';
import { sha256OffThread } from '../image/write-png.js';
import { checkWritable, writeFileAtomic } from '../files/atomic-file.js';
import { buildDistributedResults } from '../metrics/build-results.js';
import { startProcessMetrics } from '../metrics/process-metrics.js';
import type { LostWorker, NodeMetrics, RunResults, SchedulerName } from '../metrics/results.js';
import type { ImageSpec } from '../render/image-spec.js';
import { PROTOCOL_VERSION } from '../version.js';
import { formatHostPort, type HostPort } from './leader-address.js';
import { leaderRoutes, startLeaderHttp, type LeaderHttpHandle, type StartOutcome } from './leader-http.js';
import type { LeaderState, LeaderStatus, WorkerStatus } from './leader-status.js';
import { fromNodeReport, type WorkerSelfReport } from './node-report.js';
import { createBufferPool } from '../buffer-pool.js';
import { createPngAssembler, type PngAssembler } from '../image/png-assembler.js';
import { decodeUnitRgba } from './unit-rgba.js';
import { removeRendezvous, writeRendezvous, RENDEZVOUS_KIND } from './rendezvous.js';
import { createWorkQueue } from './work-queue.js';

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 15_000;
const FINAL_METRICS_TIMEOUT_MS = 10_000;
const SHUTDOWN_GRACE_MS = 2000;
const PROGRESS_INTERVAL_MS = 200;
/** Units one worker may hold at once, whatever credit it asks for. */
export const MAX_CREDITS_PER_WORKER = 256;
/** Room for the other fields of a Results message beside the RGBA. */
const MESSAGE_OVERHEAD_BYTES = 64 * 1024;
const MIN_MESSAGE_BYTES = 4 * 1024 * 1024;
/** One unit's RGBA must fit one gRPC message with room to spare. */
export const MAX_UNIT_BYTES = 512 * 1024 * 1024;

export interface LeaderJob {
  scheduler: SchedulerName;
  jobId: string | null;
  nodeList: string | null;
  /** Tasks in the job, leader included. */
  size: number;
}

export interface LeaderOptions {
  spec: ImageSpec;
  /** The image flags as given (before smoothness), for the results file. */
  input: { width: number; height: number; smoothness: number };
  chunkRows: number;
  workersExpected: number;
  /** Below this many workers at the join timeout the run fails; at or above it, it goes on. */
  minWorkers: number;
  joinTimeoutMs: number;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  bind: HostPort;
  /** The host name workers reach this leader by: published in the rendezvous file. */
  advertiseHost: string;
  token: string;
  /** Where rendezvous.json is written; null writes none. */
  runDir: string | null;
  outfile: string;
  resultsPath: string;
  http: HostPort | null;
  /** Wait for POST /start on the HTTP port instead of starting when every worker is in. */
  waitForStart: boolean;
  job: LeaderJob;
  rank: number;
  host: string;
  /** Threads each worker computes with, for the results file; null takes the workers' own figure. */
  threadsPerNode: number | null;
  toolVersion: string;
  tls?: TlsFiles;
  signal?: AbortSignal;
  onEvent?(event: LeaderEvent): void;
}

export type RejectionKind = 'duplicate' | 'outOfRange' | 'malformed' | 'unauthenticated';

export type LeaderEvent =
  | { type: 'listening'; address: string; port: number; httpPort: number | null; rendezvous: string | null }
  | { type: 'joined'; rank: number; host: string; threads: number; joined: number; expected: number }
  | { type: 'left'; rank: number; reason: string }
  | { type: 'refused'; peer: string; reason: string }
  | { type: 'waiting-for-start'; httpPort: number | null }
  | { type: 'barrier-timeout'; joined: number; expected: number; missing: number[] }
  | { type: 'started'; workers: number; joinMs: number }
  | { type: 'progress'; rowsDone: number; rowsTotal: number }
  | { type: 'lost'; rank: number; host: string; reason: string; requeued: number }
  | { type: 'rejected'; kind: RejectionKind; peer: string; detail: string }
  | { type: 'finishing'; renderMs: number }
  | { type: 'written'; outfile: string; resultsPath: string };

export interface LeaderReport {
  results: RunResults;
  outfile: string;
  resultsPath: string;
  address: string;
  httpPort: number | null;
}

interface Session {
  id: number;
  stream: ServerStreamHandle;
  phase: 'hello' | 'joined' | 'stopping' | 'closed';
  rank: number;
  /** Units it may hold at once. */
  credits: number;
  lastSeen: number;
  final: boolean;
}

interface Account {
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


const rankList = (ranks: number[]): string => ranks.join(', ');


export const runLeader = async (options: LeaderOptions): Promise<LeaderReport> => {
  const leader = new LeaderRun(options);
  return leader.run();
};

class LeaderRun {
  private readonly o: LeaderOptions;
  private readonly emit: (event: LeaderEvent) => void;
  private readonly startedAt = new Date();
  private readonly t0 = performance.now();
  private readonly metrics = startProcessMetrics();
  private readonly queue;
  /** Rows go straight into the PNG as they arrive; the leader never holds the whole image. */
  private readonly png: PngAssembler;
  /** Decoded units on their way into the PNG; the assembler hands each back once filtered. */
  private readonly blocks = createBufferPool(16);
  private readonly rowBytes: number;
  private readonly maxMessageBytes: number;
  private readonly heartbeatIntervalMs: number;
  private readonly heartbeatTimeoutMs: number;

  private state: LeaderState = 'waiting';
  private server: WorkServerHandle | undefined;
  private http: LeaderHttpHandle | undefined;
  private rendezvousWritten = false;
  private nextSessionId = 1;
  private readonly sessions = new Set<Session>();
  private readonly live = new Map<number, Session>();
  private readonly accounts = new Map<number, Account>();
  private readonly lostWorkers: LostWorker[] = [];
  private readonly rejected = { duplicate: 0, outOfRange: 0, malformed: 0, unauthenticated: 0 };
  private bytesIn = 0;
  private bytesOut = 0;
  private busyMs = 0;
  private rowsDone = 0;
  private lastProgress = 0;
  private joinedAt: number | undefined;
  private renderStart: number | undefined;
  private firstUnitAt: number | undefined;
  private renderEnd: number | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private noWorkersTimer: NodeJS.Timeout | undefined;

  // one "something changed" hook per phase; each phase installs its own
  private wake: () => void = () => {};
  private failure: FractalError | undefined;
  private startRequested = false;

  constructor(options: LeaderOptions) {
    this.o = options;
    this.emit = options.onEvent ?? (() => {});
    const unitBytes = options.chunkRows * options.spec.width * 4;
    if (unitBytes > MAX_UNIT_BYTES) {
      throw new FractalError(`--chunk ${options.chunkRows}: a unit of ${options.chunkRows} rows × ${options.spec.width} pixels is ${unitBytes} bytes; expected at most ${MAX_UNIT_BYTES}`, {
        kind: 'usage',
        code: 'E_CHUNK_TOO_LARGE',
        suggestions: [`use --chunk ${Math.max(1, Math.floor(MAX_UNIT_BYTES / (options.spec.width * 4)))} or less`],
      });
    }
    this.maxMessageBytes = Math.max(MIN_MESSAGE_BYTES, unitBytes + MESSAGE_OVERHEAD_BYTES);
    this.queue = createWorkQueue({ height: options.spec.height, chunkRows: options.chunkRows });
    this.rowBytes = options.spec.width * 4;
    this.png = createPngAssembler({ width: options.spec.width, height: options.spec.height, release: (rgba) => this.blocks.give(rgba) });
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    // several heartbeats per timeout, so that one late beat never drops a healthy worker
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? Math.min(DEFAULT_HEARTBEAT_INTERVAL_MS, Math.max(50, Math.floor(this.heartbeatTimeoutMs / 5)));
  }

  async run(): Promise<LeaderReport> {
    const abort = (): void => this.fail(interruptedError('the leader was interrupted; the run was abandoned and nothing was written'));
    this.o.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (this.o.signal?.aborted) abort();
      this.throwIfFailed();
      await checkWritable(this.o.outfile, 'image');
      await checkWritable(this.o.resultsPath, 'results');
      await this.listen();
      await this.barrier();
      await this.render();
      await this.stopWorkers();
      return await this.write();
    } catch (error) {
      this.state = 'failed';
      this.png.abort();
      const reason = error instanceof Error ? error.message : String(error);
      for (const session of this.sessions) session.stream.fail('ABORTED', `the leader gave up: ${reason}`);
      throw error;
    } finally {
      this.o.signal?.removeEventListener('abort', abort);
      clearInterval(this.watchdog);
      clearTimeout(this.noWorkersTimer);
      this.metrics.stop();
      await this.cleanUp();
    }
  }

  // ---- phases -------------------------------------------------------------------------------

  private async listen(): Promise<void> {
    try {
      this.server = await startWorkServer({
        host: this.o.bind.host,
        port: this.o.bind.port,
        token: this.o.token,
        maxMessageBytes: this.maxMessageBytes,
        tls: this.o.tls,
        onStream: (stream) => this.openSession(stream),
        onUnauthenticated: (peer) => {
          this.rejected.unauthenticated++;
          this.emit({ type: 'rejected', kind: 'unauthenticated', peer, detail: 'missing or wrong token' });
        },
      });
    } catch (error) {
      if (error instanceof BindError) {
        throw clusterError('E_LISTEN', `${error.message}`, [
          'another process may hold the port: choose another with --host HOST:PORT (or --port)',
          'a port derived from the job id can collide with another job on the node: pass --port',
        ], error);
      }
      throw error;
    }
    if (this.o.http) {
      this.http = await startLeaderHttp({
        host: this.o.http.host,
        port: this.o.http.port,
        routes: leaderRoutes({ status: () => this.status(), start: () => this.requestStart() }),
      });
    }
    const address = formatHostPort({ host: this.o.advertiseHost, port: this.server.port });
    let rendezvous: string | null = null;
    if (this.o.runDir !== null) {
      rendezvous = await writeRendezvous(this.o.runDir, {
        kind: RENDEZVOUS_KIND,
        version: 1,
        address,
        token: this.o.token,
        jobId: this.o.job.jobId,
        protocol: PROTOCOL_VERSION,
        host: this.o.host,
        pid: process.pid,
        startedAt: this.startedAt.toISOString(),
      });
      this.rendezvousWritten = true;
    }
    this.watchdog = setInterval(() => this.checkHeartbeats(), this.heartbeatIntervalMs);
    this.watchdog.unref();
    this.emit({ type: 'listening', address, port: this.server.port, httpPort: this.http?.port ?? null, rendezvous });
    // the workers need a moment to find this address: time enough to have the codecs ready
    warmUpCodecs();
  }

  private async barrier(): Promise<void> {
    const expected = this.o.workersExpected;
    if (this.o.waitForStart) {
      this.emit({ type: 'waiting-for-start', httpPort: this.http?.port ?? null });
      await this.until(() => this.startRequested);
    } else {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        this.wake();
      }, this.o.joinTimeoutMs);
      try {
        await this.until(() => timedOut || this.startRequested || this.joinedRanks().length >= expected);
      } finally {
        clearTimeout(timer);
      }
      const joined = this.joinedRanks().length;
      if (timedOut && !this.startRequested && joined < expected) {
        const missing = this.missingRanks();
        if (joined < this.o.minWorkers || joined === 0) {
          throw clusterError(
            'E_BARRIER_TIMEOUT',
            `only ${joined} of ${expected} workers joined within ${this.o.joinTimeoutMs / 1000} s; rank${missing.length === 1 ? '' : 's'} ${rankList(missing)} never joined`,
            [
              'check that every task started and can reach this leader (the scheduler\'s logs of those ranks)',
              joined === 0 ? 'raise --join-timeout if the workers start slowly' : `raise --join-timeout, or pass --min-workers ${joined} to go on with the workers present`,
            ],
          );
        }
        this.emit({ type: 'barrier-timeout', joined, expected, missing });
        for (const rank of missing) {
          this.lostWorkers.push({ rank, host: '', reason: `never joined within the join timeout (${this.o.joinTimeoutMs / 1000} s)`, requeuedUnits: 0 });
        }
      }
    }
    this.joinedAt = performance.now();
  }

  private async render(): Promise<void> {
    this.state = 'rendering';
    this.renderStart = performance.now();
    this.emit({ type: 'started', workers: this.live.size, joinMs: this.renderStart - this.t0 });
    if (this.live.size === 0) this.armNoWorkersTimer();
    for (const session of this.live.values()) this.pump(session);
    await this.until(() => this.queue.isComplete());
    this.renderEnd = performance.now();
    this.emit({ type: 'progress', rowsDone: this.o.spec.height, rowsTotal: this.o.spec.height });
    clearTimeout(this.noWorkersTimer);
  }

  private async stopWorkers(): Promise<void> {
    this.state = 'finishing';
    this.emit({ type: 'finishing', renderMs: (this.renderEnd ?? 0) - (this.renderStart ?? 0) });
    for (const session of this.sessions) if (session.phase === 'joined') this.stop(session);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.wake();
    }, FINAL_METRICS_TIMEOUT_MS);
    try {
      await this.until(() => timedOut || [...this.sessions].every((s) => s.phase === 'closed' || s.final));
    } finally {
      clearTimeout(timer);
    }
    for (const session of this.sessions) session.stream.end();
  }

  private async write(): Promise<LeaderReport> {
    const { spec } = this.o;
    // most of the encoding happened during the render; this is its tail
    const encodeStart = performance.now();
    const png = await this.png.finish();
    const writeStart = performance.now();
    // the results need the PNG's digest: it is computed while the file goes to disk
    const [digest] = await Promise.all([sha256OffThread(png), writeFileAtomic(this.o.outfile, png, 'image')]);
    const written = performance.now();
    const results = buildDistributedResults({
      runId: `${this.startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`,
      startedAt: this.startedAt,
      finishedAt: new Date(),
      toolVersion: this.o.toolVersion,
      nodeVersion: process.version,
      scheduler: { name: this.o.job.scheduler, jobId: this.o.job.jobId, nodeList: this.o.job.nodeList, size: this.o.job.size },
      spec,
      input: this.o.input,
      chunkRows: this.o.chunkRows,
      workersExpected: this.o.workersExpected,
      threadsPerNode: this.o.threadsPerNode ?? Math.max(1, ...[...this.accounts.values()].map((a) => a.threads)),
      image: { path: this.o.outfile, width: spec.width, height: spec.height, bytes: png.length, sha256: digest },
      timings: {
        wallMs: written - this.t0,
        joinMs: (this.joinedAt ?? this.t0) - this.t0,
        timeToFirstUnitMs: (this.firstUnitAt ?? this.renderEnd ?? 0) - (this.renderStart ?? 0),
        renderMs: (this.renderEnd ?? 0) - (this.renderStart ?? 0),
        encodeMs: writeStart - encodeStart,
        writeMs: written - writeStart,
      },
      work: {
        units: this.queue.units,
        requeuedUnits: this.queue.requeued,
        rejectedResults: { ...this.rejected },
        lostWorkers: this.lostWorkers,
      },
      leader: this.leaderNode(),
      workers: [...this.accounts.values()].map((a) => this.workerNode(a)),
    });
    await writeFileAtomic(this.o.resultsPath, `${JSON.stringify(results, null, 2)}\n`, 'results');
    this.state = 'done';
    this.emit({ type: 'written', outfile: this.o.outfile, resultsPath: this.o.resultsPath });
    return {
      results,
      outfile: this.o.outfile,
      resultsPath: this.o.resultsPath,
      address: formatHostPort({ host: this.o.advertiseHost, port: this.server?.port ?? this.o.bind.port }),
      httpPort: this.http?.port ?? null,
    };
  }

  private async cleanUp(): Promise<void> {
    if (this.rendezvousWritten && this.o.runDir !== null) await removeRendezvous(this.o.runDir, this.o.token).catch(() => {});
    await Promise.all([this.server?.shutdown(SHUTDOWN_GRACE_MS), this.http?.close()]);
  }

  // ---- waiting ------------------------------------------------------------------------------

  /** Resolves when done() holds, re-checked whenever something changes; rejects on failure. */
  private until(done: () => boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (this.failure) reject(this.failure);
        else if (done()) resolve();
        else return;
        this.wake = () => {};
      };
      this.wake = check;
      check();
    });
  }

  private fail(error: FractalError): void {
    this.failure ??= error;
    this.wake();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private requestStart(): StartOutcome {
    if (this.state !== 'waiting' || this.startRequested) {
      return { started: false, state: this.state, message: `the render has already started (state ${this.state})` };
    }
    if (this.joinedRanks().length === 0) {
      return { started: false, state: this.state, message: 'no worker has joined yet; start workers first' };
    }
    this.startRequested = true;
    this.wake();
    return { started: true, state: 'rendering', message: `rendering with ${this.joinedRanks().length} worker(s)` };
  }

  // ---- sessions -----------------------------------------------------------------------------

  private openSession(stream: ServerStreamHandle) {
    const session: Session = { id: this.nextSessionId++, stream, phase: 'hello', rank: -1, credits: 0, lastSeen: performance.now(), final: false };
    this.sessions.add(session);
    return {
      message: (message: WorkerMessage, bytes: number) => {
        const t = performance.now();
        this.onMessage(session, message, bytes);
        if (this.state === 'rendering') this.busyMs += performance.now() - t;
      },
      malformed: (bytes: number, reason: string) => {
        this.bytesIn += bytes;
        this.rejected.malformed++;
        this.emit({ type: 'rejected', kind: 'malformed', peer: stream.peer, detail: reason });
        this.drop(session, `sent a message that does not decode: ${reason}`, 'INVALID_ARGUMENT');
      },
      close: (failure: { details: string } | null) => {
        this.closed(session, failure ? `its stream broke: ${failure.details}` : 'its stream ended before the work was done');
      },
    };
  }

  private onMessage(session: Session, message: WorkerMessage, bytes: number): void {
    this.bytesIn += bytes;
    session.lastSeen = performance.now();
    if (session.phase === 'closed') return;
    if (session.phase === 'hello') {
      if (message.body !== 'hello') {
        this.refuse(session, 'INVALID_ARGUMENT', `expected Hello as the first message, got ${message.body}`);
        return;
      }
      this.hello(session, message.hello, bytes);
      return;
    }
    const account = this.accounts.get(session.rank)!;
    account.bytesFromWorker += bytes;
    account.lastSeen = session.lastSeen;
    switch (message.body) {
      case 'hello':
        this.refuse(session, 'INVALID_ARGUMENT', 'Hello sent twice on one stream');
        return;
      case 'credit':
        session.credits = Math.min(MAX_CREDITS_PER_WORKER, session.credits + message.credit.units);
        this.pump(session);
        return;
      case 'results':
        this.results(session, message.results.results);
        return;
      case 'heartbeat':
        return;
      case 'metrics':
        account.self = fromNodeReport(message.metrics.node);
        session.final = true;
        session.stream.end();
        this.wake();
        return;
    }
  }

  private hello(session: Session, hello: Hello, bytes: number): void {
    if (hello.protocol_version !== PROTOCOL_VERSION) {
      this.refuse(
        session,
        'FAILED_PRECONDITION',
        `protocol version mismatch: this leader speaks ${PROTOCOL_VERSION}, the worker speaks ${hello.protocol_version || '(none)'}; run the same fractal version on every node`,
      );
      return;
    }
    const jobId = this.o.job.jobId;
    if (jobId !== null && hello.job_id !== '' && hello.job_id !== jobId) {
      this.refuse(session, 'FAILED_PRECONDITION', `this leader runs job ${jobId}, the worker belongs to job ${hello.job_id}`);
      return;
    }
    if (hello.rank === this.o.rank) {
      this.refuse(session, 'FAILED_PRECONDITION', `rank ${hello.rank} is the leader's own rank; workers are ranks 1..${this.o.job.size - 1}`);
      return;
    }
    const rank = hello.rank >= 0 ? hello.rank : this.freeRank();
    const previous = this.live.get(rank);
    if (previous) this.drop(previous, 'replaced by a new stream of the same rank', 'ABORTED');
    session.rank = rank;
    session.phase = 'joined';
    this.live.set(rank, session);
    let account = this.accounts.get(rank);
    if (!account) {
      account = {
        rank,
        host: hello.host,
        threads: hello.threads,
        units: 0,
        rows: 0,
        pixels: 0,
        iterations: 0,
        bytesFromWorker: 0,
        bytesToWorker: 0,
        reconnects: 0,
        lost: false,
        self: null,
        lastSeen: session.lastSeen,
      };
      this.accounts.set(rank, account);
    }
    // a worker that comes back is no longer lost; work.lostWorkers keeps the episode
    account.lost = false;
    account.host = hello.host;
    account.threads = hello.threads;
    account.reconnects = hello.reconnects;
    account.bytesFromWorker += bytes;
    const { spec } = this.o;
    this.send(session, {
      welcome: {
        protocol_version: PROTOCOL_VERSION,
        rank,
        job_id: jobId ?? '',
        image: {
          width: spec.width,
          height: spec.height,
          xpos: spec.xpos,
          ypos: spec.ypos,
          escape_radius: spec.escapeRadius,
          iters: spec.iters,
          step: spec.step,
          palette: spec.palette,
          coloring: spec.coloring,
        },
        chunk_rows: this.o.chunkRows,
        units: this.queue.units,
        heartbeat_interval_ms: this.heartbeatIntervalMs,
        max_message_bytes: this.maxMessageBytes,
      },
    });
    this.emit({ type: 'joined', rank, host: hello.host, threads: hello.threads, joined: this.joinedRanks().length, expected: this.o.workersExpected });
    clearTimeout(this.noWorkersTimer);
    if (this.state === 'finishing' || this.state === 'done') this.stop(session);
    else this.pump(session);
    this.wake();
  }

  private results(session: Session, results: UnitResult[]): void {
    const account = this.accounts.get(session.rank)!;
    const { width } = this.o.spec;
    for (const result of results) {
      if (!Number.isInteger(result.unit) || result.unit < 0 || result.unit >= this.queue.units) {
        this.reject(session, 'outOfRange', `unit ${result.unit} is outside the image's ${this.queue.units} units`);
        continue;
      }
      const { rowStart, rowCount } = this.queue.rowsOf(result.unit);
      const expected = rowCount * this.rowBytes;
      const rgba = this.blocks.take(expected);
      const problem = decodeUnitRgba(result.rgba, result.encoding, rgba);
      if (problem !== undefined) {
        this.blocks.give(rgba);
        this.reject(session, 'malformed', `unit ${result.unit}: ${problem}`);
        this.drop(session, `sent a malformed result (unit ${result.unit}: ${problem})`, 'INVALID_ARGUMENT');
        return;
      }
      const outcome = this.queue.complete(session.id, result.unit);
      if (outcome !== 'accepted') {
        this.blocks.give(rgba);
        this.reject(session, outcome === 'outOfRange' ? 'outOfRange' : 'duplicate', `unit ${result.unit} is ${outcome === 'duplicate' ? 'already written' : 'not one this worker holds'}`);
        continue;
      }
      this.png.addRows(rowStart, rgba);
      this.firstUnitAt ??= performance.now();
      account.units++;
      account.rows += rowCount;
      account.pixels += rowCount * width;
      account.iterations += result.iterations;
      this.rowsDone += rowCount;
    }
    const now = performance.now();
    if (now - this.lastProgress >= PROGRESS_INTERVAL_MS) {
      this.lastProgress = now;
      this.emit({ type: 'progress', rowsDone: this.rowsDone, rowsTotal: this.o.spec.height });
    }
    if (this.queue.isComplete()) this.wake();
    else this.pump(session);
  }

  private reject(session: Session, kind: RejectionKind, detail: string): void {
    this.rejected[kind]++;
    this.emit({ type: 'rejected', kind, peer: `rank ${session.rank} (${session.stream.peer})`, detail });
  }

  /** Hands out as many units as the session has room for. */
  private pump(session: Session): void {
    if (this.state !== 'rendering' || session.phase !== 'joined') return;
    const room = session.credits - this.queue.inFlightOf(session.id);
    if (room <= 0) return;
    const units = this.queue.take(session.id, room);
    if (units.length > 0) this.send(session, { assign: { units } });
  }

  private send(session: Session, message: Parameters<ServerStreamHandle['send']>[0]): void {
    const bytes = session.stream.send(message);
    this.bytesOut += bytes;
    const account = this.accounts.get(session.rank);
    if (account) account.bytesToWorker += bytes;
  }

  private stop(session: Session): void {
    session.phase = 'stopping';
    this.send(session, { stop: { reason: 'done' } });
  }

  /** Refused before joining: the worker sees why; nothing to re-queue. */
  private refuse(session: Session, status: StreamStatus, details: string): void {
    session.stream.fail(status, details);
    session.phase = 'closed';
    this.sessions.delete(session);
    this.emit({ type: 'refused', peer: session.stream.peer, reason: details });
  }

  /** Ends a session from this side (stalled, misbehaving, replaced) and treats it as lost. */
  private drop(session: Session, reason: string, status: StreamStatus): void {
    session.stream.fail(status, reason);
    this.closed(session, reason);
  }

  private closed(session: Session, reason: string): void {
    if (session.phase === 'closed') return;
    const phase = session.phase;
    session.phase = 'closed';
    if (this.live.get(session.rank) === session) this.live.delete(session.rank);
    if (phase === 'stopping' || phase === 'hello') {
      this.sessions.delete(session);
      this.wake();
      return;
    }
    this.sessions.delete(session);
    const requeued = this.queue.release(session.id);
    const account = this.accounts.get(session.rank)!;
    if (this.state === 'rendering') {
      account.lost = true;
      this.lostWorkers.push({ rank: session.rank, host: account.host, reason, requeuedUnits: requeued });
      this.emit({ type: 'lost', rank: session.rank, host: account.host, reason, requeued });
      for (const other of this.live.values()) this.pump(other);
      if (this.live.size === 0) this.armNoWorkersTimer();
    } else {
      this.emit({ type: 'left', rank: session.rank, reason });
    }
    this.wake();
  }

  private armNoWorkersTimer(): void {
    clearTimeout(this.noWorkersTimer);
    this.noWorkersTimer = setTimeout(() => {
      if (this.live.size > 0 || this.state !== 'rendering') return;
      const left = this.queue.units - this.queue.done;
      this.fail(
        clusterError('E_ALL_WORKERS_LOST', `every worker was lost and none joined again within ${this.o.joinTimeoutMs / 1000} s; ${left} of ${this.queue.units} units were never computed`, [
          'see the lost workers above and the logs of their tasks',
        ]),
      );
    }, this.o.joinTimeoutMs);
  }

  private checkHeartbeats(): void {
    if (this.state !== 'waiting' && this.state !== 'rendering') return;
    const now = performance.now();
    for (const session of [...this.sessions]) {
      const silentMs = now - session.lastSeen;
      if ((session.phase === 'hello' || session.phase === 'joined') && silentMs > this.heartbeatTimeoutMs) {
        this.drop(session, `no message for ${(silentMs / 1000).toFixed(1)} s (heartbeat timeout ${this.heartbeatTimeoutMs / 1000} s)`, 'DEADLINE_EXCEEDED');
      }
    }
  }

  // ---- reports ------------------------------------------------------------------------------

  private joinedRanks(): number[] {
    return [...this.live.keys()];
  }

  private missingRanks(): number[] {
    const present = new Set(this.live.keys());
    const missing: number[] = [];
    for (let rank = 0; rank < this.o.workersExpected + 1 && missing.length < this.o.workersExpected; rank++) {
      if (rank !== this.o.rank && !present.has(rank)) missing.push(rank);
    }
    return missing;
  }

  /** A standalone worker (rank -1) gets the lowest rank nobody has used. */
  private freeRank(): number {
    let rank = 0;
    while (rank === this.o.rank || this.accounts.has(rank) || this.live.has(rank)) rank++;
    return rank;
  }

  private leaderNode(): NodeMetrics {
    const renderMs = (this.renderEnd ?? 0) - (this.renderStart ?? 0);
    return {
      rank: this.o.rank,
      host: this.o.host,
      role: 'leader',
      threads: 0,
      units: 0,
      rows: 0,
      pixels: 0,
      iterations: 0,
      computeMs: 0,
      idleMs: Math.max(0, renderMs - this.busyMs),
      bytesSent: this.bytesOut,
      bytesReceived: this.bytesIn,
      reconnects: 0,
      lost: false,
      process: this.metrics.read(),
    };
  }

  private workerNode(a: Account): NodeMetrics {
    return {
      rank: a.rank,
      host: a.host,
      role: 'worker',
      threads: a.threads,
      units: a.units,
      rows: a.rows,
      pixels: a.pixels,
      iterations: a.iterations,
      computeMs: a.self?.computeMs ?? 0,
      idleMs: a.self?.idleMs ?? 0,
      // the worker's own view when it reported; the leader's mirror image when it did not
      bytesSent: a.self?.bytesSent ?? a.bytesFromWorker,
      bytesReceived: a.self?.bytesReceived ?? a.bytesToWorker,
      reconnects: a.self?.reconnects ?? a.reconnects,
      lost: a.lost,
      process: a.self?.process ?? null,
    };
  }

  status(): LeaderStatus {
    const now = performance.now();
    const workers: WorkerStatus[] = [...this.accounts.values()]
      .sort((a, b) => a.rank - b.rank)
      .map((a) => {
        const session = this.live.get(a.rank);
        const inFlight = session ? this.queue.inFlightOf(session.id) : 0;
        const state: WorkerStatus['state'] = session
          ? session.phase === 'stopping' || session.final
            ? 'done'
            : inFlight > 0
              ? 'working'
              : 'joined'
          : a.self || this.state === 'done'
            ? 'done'
            : 'lost';
        return {
          rank: a.rank,
          host: a.host,
          state,
          threads: a.threads,
          units: a.units,
          rows: a.rows,
          pixels: a.pixels,
          iterations: a.iterations,
          bytesSent: a.bytesFromWorker,
          bytesReceived: a.bytesToWorker,
          inFlight,
          lastSeenMsAgo: Math.round(now - a.lastSeen),
        };
      });
    return {
      state: this.state,
      jobId: this.o.job.jobId,
      image: { width: this.o.spec.width, height: this.o.spec.height },
      workersExpected: this.o.workersExpected,
      workersJoined: this.live.size,
      units: {
        total: this.queue.units,
        done: this.queue.done,
        inFlight: this.queue.inFlight,
        queued: this.queue.queued,
        requeued: this.queue.requeued,
      },
      rows: { total: this.o.spec.height, done: this.rowsDone },
      rejected: { ...this.rejected },
      elapsedMs: Math.round(now - this.t0),
      workers,
    };
  }
}
