// The one mapping between fractal's own types and the wire messages of fractal.v1: the image spec,
// Hello, Welcome and a worker's final metrics, both ways. Everything that arrives from a peer is
// cleaned here, so the rest of the leader and worker only ever see values the results contract
// accepts (finite, non-negative, safe integers; bounded strings).
import type { Hello, ImageSpecMessage, NetworkReport, NodeReport, ProcessReport, Welcome } from '../../protocol/messages.js';
import { clusterError } from '../errors.js';
import { GC_KINDS, type GcKind, type GcStats, type ProcessMetrics } from '../metrics/process-metrics.js';
import type { NodeMetrics, NodeNetwork } from '../metrics/results.js';
import { COLORINGS, type Coloring, type ImageSpec } from '../render/image-spec.js';
import { parsePaletteName } from '../render/palette.js';
import { PROTOCOL_VERSION } from '../version.js';

/** A peer's host name or kernel name is a label, not a payload. */
const MAX_LABEL_LENGTH = 255;

// ---- the image ------------------------------------------------------------------------------

export const toImageSpecMessage = (spec: ImageSpec): ImageSpecMessage => ({
  width: spec.width,
  height: spec.height,
  xpos: spec.xpos,
  ypos: spec.ypos,
  escape_radius: spec.escapeRadius,
  iters: spec.iters,
  step: spec.step,
  palette: spec.palette,
  coloring: spec.coloring,
});

export const specFromWelcome = (welcome: Welcome): ImageSpec => {
  const image = welcome.image;
  if (image === null) throw clusterError('E_PROTOCOL', 'the leader\'s Welcome carries no image', ['run the same fractal version on every node']);
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

// ---- the handshake --------------------------------------------------------------------------

export interface HelloFields {
  rank: number | null;
  host: string;
  threads: number;
  pid: number;
  reconnects: number;
  jobId: string | null;
}

export const toHello = (fields: HelloFields): Hello => ({
  protocol_version: PROTOCOL_VERSION,
  rank: fields.rank ?? -1,
  host: fields.host,
  threads: fields.threads,
  pid: fields.pid,
  reconnects: fields.reconnects,
  job_id: fields.jobId ?? '',
});

/** A peer's label as the leader keeps it: bounded, never empty. */
export const cleanLabel = (text: string, fallback: string): string => (text === '' ? fallback : text.slice(0, MAX_LABEL_LENGTH));

export interface WelcomeFields {
  rank: number;
  jobId: string | null;
  spec: ImageSpec;
  chunkRows: number;
  units: number;
  heartbeatIntervalMs: number;
  maxMessageBytes: number;
}

export const toWelcome = (fields: WelcomeFields): Welcome => ({
  protocol_version: PROTOCOL_VERSION,
  rank: fields.rank,
  job_id: fields.jobId ?? '',
  image: toImageSpecMessage(fields.spec),
  chunk_rows: fields.chunkRows,
  units: fields.units,
  heartbeat_interval_ms: fields.heartbeatIntervalMs,
  max_message_bytes: fields.maxMessageBytes,
});

// ---- a worker's own metrics -----------------------------------------------------------------

export const toProcessReport = (m: ProcessMetrics): ProcessReport => ({
  cpu_user_ms: m.cpuUserMs,
  cpu_system_ms: m.cpuSystemMs,
  max_rss_bytes: m.maxRssBytes,
  heap_used_bytes: m.heapUsedBytes,
  heap_total_bytes: m.heapTotalBytes,
  gc: Object.fromEntries(GC_KINDS.map((kind) => [kind, { count: m.gc[kind].count, pause_ms: m.gc[kind].pauseMs }])),
  event_loop_utilization: m.eventLoop.utilization,
  event_loop_delay_p50_ms: m.eventLoop.delayP50Ms,
  event_loop_delay_p99_ms: m.eventLoop.delayP99Ms,
  event_loop_delay_max_ms: m.eventLoop.delayMaxMs,
});

export const toNodeReport = (node: NodeMetrics, kernel: string): NodeReport => ({
  host: node.host,
  threads: node.threads,
  units: node.units,
  rows: node.rows,
  pixels: node.pixels,
  iterations: node.iterations,
  compute_ms: node.computeMs,
  idle_ms: node.idleMs,
  bytes_sent: node.bytesSent,
  bytes_received: node.bytesReceived,
  reconnects: node.reconnects,
  kernel,
  process: node.process ? toProcessReport(node.process) : null,
  network: node.network ? toNetworkReport(node.network) : null,
});

export const toNetworkReport = (n: NodeNetwork): NetworkReport => ({
  rtt_median_ms: n.rttMs?.median ?? 0,
  rtt_p99_ms: n.rttMs?.p99 ?? 0,
  rtt_max_ms: n.rttMs?.max ?? 0,
  rtt_samples: n.rttMs?.samples ?? 0,
  starved_ms: n.starvedMs ?? 0,
  in_flight_mean: n.inFlight?.mean ?? 0,
  in_flight_max: n.inFlight?.max ?? 0,
  window_final: n.window?.final ?? 0,
  window_max: n.window?.max ?? 0,
});

/**
 * Numbers from another process: anything not a finite non-negative number becomes 0, and nothing
 * exceeds 2^53 - 1 (a uint64 of 2^64 - 1 decodes to 1.8e19, which the results schema refuses).
 */
const clean = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(value, Number.MAX_SAFE_INTEGER) : 0;
const cleanInt = (value: unknown): number => Math.round(clean(value));

export const fromProcessReport = (r: ProcessReport): ProcessMetrics => ({
  cpuUserMs: clean(r.cpu_user_ms),
  cpuSystemMs: clean(r.cpu_system_ms),
  maxRssBytes: cleanInt(r.max_rss_bytes),
  heapUsedBytes: cleanInt(r.heap_used_bytes),
  heapTotalBytes: cleanInt(r.heap_total_bytes),
  gc: Object.fromEntries(
    GC_KINDS.map((kind): [GcKind, GcStats] => [kind, { count: cleanInt(r.gc[kind]?.count), pauseMs: clean(r.gc[kind]?.pause_ms) }]),
  ) as Record<GcKind, GcStats>,
  eventLoop: {
    utilization: Math.min(1, clean(r.event_loop_utilization)),
    delayP50Ms: clean(r.event_loop_delay_p50_ms),
    delayP99Ms: clean(r.event_loop_delay_p99_ms),
    delayMaxMs: clean(r.event_loop_delay_max_ms),
  },
});

/** What the leader keeps of a worker's own report (the rest it counts itself). */
export interface WorkerSelfReport {
  computeMs: number;
  idleMs: number;
  bytesSent: number;
  bytesReceived: number;
  reconnects: number;
  kernel: string;
  process: ProcessMetrics | null;
  network: NodeNetwork | null;
}

/** Milliseconds as the results keep them: to the microsecond. */
const ms = (value: unknown): number => Math.round(clean(value) * 1000) / 1000;

export const fromNetworkReport = (r: NetworkReport): NodeNetwork => ({
  rttMs: { median: ms(r.rtt_median_ms), p99: ms(r.rtt_p99_ms), max: ms(r.rtt_max_ms), samples: cleanInt(r.rtt_samples) },
  starvedMs: ms(r.starved_ms),
  inFlight: { mean: ms(r.in_flight_mean), max: cleanInt(r.in_flight_max) },
  window: { final: cleanInt(r.window_final), max: cleanInt(r.window_max) },
});

/** A round trip a worker reports in its heartbeat: a time in ms, or null when it is none. */
export const cleanRttMs = (value: unknown): number | null => {
  const rtt = clean(value);
  return rtt > 0 && rtt < 3_600_000 ? Math.round(rtt * 1000) / 1000 : null;
};

export const fromNodeReport = (r: NodeReport | null): WorkerSelfReport => ({
  computeMs: clean(r?.compute_ms),
  idleMs: clean(r?.idle_ms),
  bytesSent: cleanInt(r?.bytes_sent),
  bytesReceived: cleanInt(r?.bytes_received),
  reconnects: cleanInt(r?.reconnects),
  kernel: typeof r?.kernel === 'string' ? r.kernel.slice(0, 64) : '',
  process: r?.process ? fromProcessReport(r.process) : null,
  network: r?.network ? fromNetworkReport(r.network) : null,
});
