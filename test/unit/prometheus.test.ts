// The leader's GET /metrics body: parsed back line by line as a Prometheus scraper would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEADER_STATES } from '../../src/core/cluster/leader/status.js';
import type { LeaderStatus } from '../../src/core/cluster/leader/status.js';
import { escapeLabelValue, formatPrometheus, formatSampleValue, PROMETHEUS_CONTENT_TYPE } from '../../src/core/metrics/prometheus.js';

const STATUS: LeaderStatus = {
  state: 'rendering',
  jobId: '12345',
  image: { width: 1024, height: 768 },
  workersExpected: 3,
  workersJoined: 3,
  units: { total: 96, done: 40, inFlight: 6, queued: 50, requeued: 2 },
  rows: { total: 768, done: 320 },
  rejected: { duplicate: 1, outOfRange: 0, malformed: 0, unauthenticated: 4 },
  elapsedMs: 12_500,
  workers: [
    {
      rank: 2, host: 'node-b', state: 'working', threads: 8, units: 15, rows: 120, pixels: 122_880, iterations: 9_000_000,
      bytesSent: 491_520, bytesReceived: 960, inFlight: 2, lastSeenMsAgo: 150, rttMs: 10.25,
    },
    {
      rank: 1, host: 'we"ird\\host\nname', state: 'lost', threads: 8, units: 25, rows: 200, pixels: 204_800, iterations: 15_000_000,
      bytesSent: 819_200, bytesReceived: 1600, inFlight: 0, lastSeenMsAgo: 30_000,
    },
  ],
};

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the text format: comments, then `name{k="v",...} value` lines. */
const parseExposition = (text: string): { samples: Sample[]; help: Map<string, string>; types: Map<string, string> } => {
  assert.ok(text.endsWith('\n'), 'the body ends with a line feed');
  const samples: Sample[] = [];
  const help = new Map<string, string>();
  const types = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (comment) {
      const [, kind, name, rest] = comment as unknown as [string, string, string, string];
      const map = kind === 'HELP' ? help : types;
      assert.ok(!map.has(name), `${kind} ${name} appears once`);
      if (kind === 'TYPE') assert.ok(!samples.some((s) => s.name === name), `TYPE ${name} comes before its samples`);
      map.set(name, rest);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(sample, `a sample line: ${JSON.stringify(line)}`);
    const [, name, , body, value] = sample as unknown as [string, string, string | undefined, string | undefined, string];
    const labels: Record<string, string> = {};
    let rest = body ?? '';
    while (rest.length > 0) {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\["\\n])*)"(,|$)/.exec(rest);
      assert.ok(label, `labels of ${JSON.stringify(line)}`);
      labels[label[1]!] = label[2]!.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(label[0].length);
    }
    const number = value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : Number(value);
    assert.ok(value === 'NaN' || !Number.isNaN(number), `value of ${line}`);
    samples.push({ name, labels, value: number });
  }
  return { samples, help, types };
};

test('every line parses; every metric is prefixed fractal_ and has HELP and TYPE before its samples', () => {
  const { samples, help, types } = parseExposition(formatPrometheus(STATUS));
  assert.ok(samples.length > 40);
  for (const s of samples) {
    assert.ok(s.name.startsWith('fractal_'), s.name);
    assert.ok(help.has(s.name), `HELP for ${s.name}`);
    assert.ok(['gauge', 'counter'].includes(types.get(s.name) ?? ''), `TYPE for ${s.name}`);
    if (types.get(s.name) === 'counter') assert.ok(s.name.endsWith('_total'), `counter ${s.name} ends in _total`);
  }
  assert.equal(PROMETHEUS_CONTENT_TYPE, 'text/plain; version=0.0.4; charset=utf-8');
});

test('progress, units and rejections carry the status values', () => {
  const { samples } = parseExposition(formatPrometheus(STATUS));
  const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
  assert.equal(value('fractal_progress_ratio'), 320 / 768);
  assert.equal(value('fractal_rows_done'), 320);
  assert.equal(value('fractal_units_planned'), 96);
  assert.equal(value('fractal_units', { state: 'in_flight' }), 6);
  assert.equal(value('fractal_units', { state: 'queued' }), 50);
  assert.equal(value('fractal_units_requeued_total'), 2);
  assert.equal(value('fractal_results_rejected_total', { reason: 'unauthenticated' }), 4);
  assert.equal(value('fractal_elapsed_seconds'), 12.5);
  assert.equal(value('fractal_workers_joined'), 3);
  const rtts = samples.filter((s) => s.name === 'fractal_worker_rtt_seconds');
  assert.deepEqual(rtts.map((s) => s.value), [0.01025], 'only the worker that measured a round trip');
  assert.equal(value('fractal_leader_info', { job_id: '12345' }), 1);
  const states = samples.filter((s) => s.name === 'fractal_leader_state');
  assert.equal(states.length, LEADER_STATES.length);
  assert.deepEqual(states.filter((s) => s.value === 1).map((s) => s.labels['state']), ['rendering']);
});

test('per-worker counters are labelled by rank and host; label values survive escaping', () => {
  const { samples } = parseExposition(formatPrometheus(STATUS));
  const rows = samples.filter((s) => s.name === 'fractal_worker_rows_total');
  assert.deepEqual(rows.map((s) => [s.labels['rank'], s.labels['host'], s.value]), [
    ['1', 'we"ird\\host\nname', 200],
    ['2', 'node-b', 120],
  ]);
  const lost = samples.filter((s) => s.name === 'fractal_worker_state' && s.labels['rank'] === '1');
  assert.deepEqual(lost.filter((s) => s.value === 1).map((s) => s.labels['state']), ['lost']);
  assert.equal(samples.find((s) => s.name === 'fractal_worker_last_seen_seconds' && s.labels['rank'] === '1')?.value, 30);
  assert.equal(samples.find((s) => s.name === 'fractal_worker_sent_bytes_total' && s.labels['rank'] === '2')?.value, 491_520);
});

test('escaping and special values follow the text format', () => {
  assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
  assert.equal(formatSampleValue(Infinity), '+Inf');
  assert.equal(formatSampleValue(-Infinity), '-Inf');
  assert.equal(formatSampleValue(Number.NaN), 'NaN');
  assert.equal(formatSampleValue(0.25), '0.25');
});

test('a waiting leader with no workers and no job id is still a valid exposition', () => {
  const text = formatPrometheus({ ...STATUS, state: 'waiting', jobId: null, workers: [], rows: { total: 0, done: 0 }, workersJoined: 0 });
  const { samples, types } = parseExposition(text);
  assert.equal(samples.find((s) => s.name === 'fractal_progress_ratio')?.value, 0);
  assert.equal(samples.find((s) => s.name === 'fractal_leader_info')?.labels['job_id'], '');
  assert.equal(samples.filter((s) => s.name.startsWith('fractal_worker_')).length, 0);
  assert.ok(types.has('fractal_worker_rows_total'), 'the metric families are declared even when empty');
});
