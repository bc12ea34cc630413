// A running leader's status in the Prometheus text exposition format (version 0.0.4), served on
// GET /metrics of its optional HTTP port so that a job can be watched with Prometheus, Grafana or
// a plain `curl`. Every metric is prefixed `fractal_`; counters end in `_total`; per-worker series
// carry `rank` and `host` labels; states are one series per state with value 1 for the current
// one (the usual "state set" idiom), so a dashboard can select `state="lost"` without regexes.
import { LEADER_STATES, WORKER_STATES, type LeaderStatus, type WorkerStatus } from '../cluster/leader/status.js';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type MetricType = 'gauge' | 'counter';
type Labels = Readonly<Record<string, string>>;

interface Sample {
  labels: Labels;
  value: number;
}

/** Label values: backslash, double quote and line feed are escaped (the text format's rule). */
export const escapeLabelValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** HELP text: backslash and line feed are escaped. */
const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

export const formatSampleValue = (value: number): string => {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
};

const formatLabels = (labels: Labels): string => {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
};

class Exposition {
  private readonly lines: string[] = [];

  metric(name: string, type: MetricType, help: string, samples: readonly Sample[]): void {
    const full = `fractal_${name}`;
    this.lines.push(`# HELP ${full} ${escapeHelp(help)}`, `# TYPE ${full} ${type}`);
    for (const s of samples) this.lines.push(`${full}${formatLabels(s.labels)} ${formatSampleValue(s.value)}`);
  }

  one(name: string, type: MetricType, help: string, value: number): void {
    this.metric(name, type, help, [{ labels: {}, value }]);
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

const workerLabels = (w: WorkerStatus): Labels => ({ rank: String(w.rank), host: w.host });

export const formatPrometheus = (status: LeaderStatus): string => {
  const out = new Exposition();
  out.metric('leader_info', 'gauge', 'Constant 1, labelled with the job id of this run.', [{ labels: { job_id: status.jobId ?? '' }, value: 1 }]);
  out.metric(
    'leader_state',
    'gauge',
    'State of the leader: 1 for the current state, 0 for the others.',
    LEADER_STATES.map((state) => ({ labels: { state }, value: state === status.state ? 1 : 0 })),
  );
  out.one('elapsed_seconds', 'gauge', 'Seconds since the leader started.', status.elapsedMs / 1000);
  out.one('image_width_pixels', 'gauge', 'Width of the image being rendered, in pixels.', status.image.width);
  out.one('image_height_pixels', 'gauge', 'Height of the image being rendered, in pixels.', status.image.height);
  out.one('workers_expected', 'gauge', 'Workers the leader waits for.', status.workersExpected);
  out.one('workers_joined', 'gauge', 'Workers that have joined.', status.workersJoined);
  out.one('progress_ratio', 'gauge', 'Share of the image rows done, 0 to 1.', status.rows.total > 0 ? status.rows.done / status.rows.total : 0);
  out.one('rows_planned', 'gauge', 'Rows in the image.', status.rows.total);
  out.one('rows_done', 'gauge', 'Rows computed and accepted.', status.rows.done);
  out.one('units_planned', 'gauge', 'Work units the image is split into.', status.units.total);
  out.metric('units', 'gauge', 'Work units by state: done, in flight (handed out, not returned), queued.', [
    { labels: { state: 'done' }, value: status.units.done },
    { labels: { state: 'in_flight' }, value: status.units.inFlight },
    { labels: { state: 'queued' }, value: status.units.queued },
  ]);
  out.one('units_requeued_total', 'counter', 'Units handed out again after their worker was lost.', status.units.requeued);
  out.metric('results_rejected_total', 'counter', 'Results the leader rejected, by reason.', [
    { labels: { reason: 'duplicate' }, value: status.rejected.duplicate },
    { labels: { reason: 'out_of_range' }, value: status.rejected.outOfRange },
    { labels: { reason: 'malformed' }, value: status.rejected.malformed },
    { labels: { reason: 'unauthenticated' }, value: status.rejected.unauthenticated },
  ]);

  const workers = [...status.workers].sort((a, b) => a.rank - b.rank);
  const perWorker = (name: string, type: MetricType, help: string, value: (w: WorkerStatus) => number): void =>
    out.metric(name, type, help, workers.map((w) => ({ labels: workerLabels(w), value: value(w) })));
  out.metric(
    'worker_state',
    'gauge',
    'State of each worker: 1 for its current state, 0 for the others.',
    workers.flatMap((w) => WORKER_STATES.map((state) => ({ labels: { ...workerLabels(w), state }, value: state === w.state ? 1 : 0 }))),
  );
  perWorker('worker_threads', 'gauge', 'Compute threads of each worker.', (w) => w.threads);
  perWorker('worker_units_total', 'counter', 'Work units each worker returned.', (w) => w.units);
  perWorker('worker_rows_total', 'counter', 'Rows each worker computed.', (w) => w.rows);
  perWorker('worker_pixels_total', 'counter', 'Pixels each worker computed.', (w) => w.pixels);
  perWorker('worker_iterations_total', 'counter', 'Escape iterations each worker computed.', (w) => w.iterations);
  perWorker('worker_sent_bytes_total', 'counter', 'Bytes each worker sent (as in the leader\'s /status).', (w) => w.bytesSent);
  perWorker('worker_received_bytes_total', 'counter', 'Bytes each worker received (as in the leader\'s /status).', (w) => w.bytesReceived);
  perWorker('worker_units_in_flight', 'gauge', 'Units handed to each worker and not yet returned.', (w) => w.inFlight);
  perWorker('worker_last_seen_seconds', 'gauge', 'Seconds since the leader last heard from each worker.', (w) => w.lastSeenMsAgo / 1000);
  out.metric(
    'worker_rtt_seconds',
    'gauge',
    'Median round trip from each worker to the leader, as the worker measured it (workers that have measured one).',
    workers.flatMap((w) => (w.rttMs === undefined ? [] : [{ labels: workerLabels(w), value: w.rttMs / 1000 }])),
  );
  return out.text();
};
