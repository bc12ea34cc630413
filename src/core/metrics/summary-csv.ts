// A summary's tables as CSV for spreadsheets and scripts: raw numbers (ms, bytes, ratios) with the
// unit in the column name, RFC 4180 quoting, LF line ends as Unix tools expect.
import type { RunSummary, ScalingStudy } from './summarize-runs.js';

const csvField = (value: string | number | boolean | null): string => {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1e4) / 1e4) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csv = (header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string =>
  [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';

/** One row per run. */
export const formatRunsCsv = (runs: readonly RunSummary[]): string =>
  csv(
    ['file', 'run_id', 'mode', 'started_at', 'scheduler', 'job_id', 'node_list', 'nodes', 'workers', 'threads_per_node', 'width', 'height', 'iters',
      'palette', 'coloring', 'wall_ms', 'join_ms', 'time_to_first_unit_ms', 'render_ms', 'encode_ms', 'write_ms', 'units', 'rows', 'pixels',
      'iterations', 'requeued_units', 'lost_workers', 'rejected_results', 'png_path', 'png_bytes', 'png_sha256'],
    runs.map((r) => [
      r.file, r.id, r.mode, r.startedAt, r.scheduler.name, r.scheduler.jobId, r.scheduler.nodeList, r.nodes, r.workers, r.threadsPerNode,
      r.image.width, r.image.height, r.image.iters, r.image.palette, r.image.coloring, r.timings.wallMs, r.timings.joinMs,
      r.timings.timeToFirstUnitMs, r.timings.renderMs, r.timings.encodeMs, r.timings.writeMs, r.work.units, r.work.rows, r.work.pixels,
      r.work.iterations, r.work.requeuedUnits, r.work.lostWorkers, r.work.rejectedResults, r.image.path, r.image.bytes, r.image.sha256,
    ]),
  );

/** One row per node of every run. */
export const formatNodesCsv = (runs: readonly RunSummary[]): string =>
  csv(
    ['file', 'rank', 'host', 'role', 'lost', 'threads', 'units', 'rows', 'pixels', 'iterations', 'compute_ms', 'idle_ms', 'busy_ratio', 'bytes_received',
      'bytes_sent', 'reconnects', 'cpu_ms', 'max_rss_bytes', 'gc_count', 'gc_pause_ms', 'event_loop_delay_p99_ms'],
    runs.flatMap((r) =>
      r.nodeMetrics.map((n) => [
        r.file, n.rank, n.host, n.role, n.lost, n.threads, n.units, n.rows, n.pixels, n.iterations, n.computeMs, n.idleMs, n.busy,
        n.bytesReceived, n.bytesSent, n.reconnects, n.cpuMs, n.maxRssBytes, n.gcCount, n.gcPauseMs, n.eventLoopDelayP99Ms,
      ]),
    ),
  );

/** One row per node count of every scaling study. */
export const formatScalingCsv = (studies: readonly ScalingStudy[]): string =>
  csv(
    ['workload', 'mode', 'threads_per_node', 'scale_by', 'nodes', 'workers', 'runs', 'median_ms', 'mean_ms', 'stddev_ms', 'min_ms', 'max_ms', 'speedup',
      'efficiency', 'png_sha256s'],
    studies.flatMap((s) =>
      s.groups.map((g) => [
        s.workload, g.mode, s.threadsPerNode, s.scaleBy, g.nodes, g.workers, g.runs, g.wallMs.median, g.wallMs.mean, g.wallMs.stddev,
        g.wallMs.min, g.wallMs.max, g.speedup, g.efficiency, g.sha256.join(' '),
      ]),
    ),
  );
