// A worker's metrics on the wire (NodeReport, snake_case) and in the results JSON (ProcessMetrics),
// both ways. GC kinds the proto carries as a map come back as the closed set of GC_KINDS.
import type { NodeReport, ProcessReport } from '../../protocol/messages.js';
import { GC_KINDS, type GcKind, type GcStats, type ProcessMetrics } from '../metrics/process-metrics.js';

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

/** Numbers from another process: anything not a finite non-negative number becomes 0. */
const clean = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);
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
}

export const fromNodeReport = (r: NodeReport): WorkerSelfReport => ({
  computeMs: clean(r.compute_ms),
  idleMs: clean(r.idle_ms),
  bytesSent: cleanInt(r.bytes_sent),
  bytesReceived: cleanInt(r.bytes_received),
  reconnects: cleanInt(r.reconnects),
  kernel: typeof r.kernel === 'string' ? r.kernel.slice(0, 64) : '',
  process: r.process ? fromProcessReport(r.process) : null,
});
