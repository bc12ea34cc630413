// The worker's adaptive credit window and the figures it keeps of its link: pure, with the time
// given. Each test breaks if the rule it names changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { creditWindow, DEFAULT_CREDITS_PER_THREAD, INITIAL_CREDITS_PER_THREAD, worthResizing } from '../../src/core/cluster/worker/credit-window.js';
import { NetworkGauge } from '../../src/core/cluster/worker/network-gauge.js';

const window = (recentRttMs: number | null, unitMs: number | null, threads = 1) =>
  creditWindow({ threads, recentRttMs, unitMs, batchWaitMs: 20, maxCredits: 256 });

test('before anything is measured the window is the deep initial one, per thread', () => {
  assert.equal(window(null, null), INITIAL_CREDITS_PER_THREAD);
  assert.equal(window(10, null, 2), 2 * INITIAL_CREDITS_PER_THREAD);
});

test('the window covers the round trip and the batching wait in units, plus one computing and one queued', () => {
  // (50 + 20) / 5 = 14 units per thread travel during one round trip, + 2
  assert.equal(window(50, 5), 16);
  assert.equal(window(50, 5, 2), 32);
  // a slower unit needs fewer in flight
  assert.equal(window(50, 35), DEFAULT_CREDITS_PER_THREAD);
});

test('the window never drops below the fixed default nor rises above its bound', () => {
  assert.equal(window(0, 100), DEFAULT_CREDITS_PER_THREAD, 'a near leader still gets the quiet-network window');
  assert.equal(window(10_000, 1), 64, 'at most 64 units per thread');
  assert.equal(creditWindow({ threads: 8, recentRttMs: 10_000, unitMs: 1, batchWaitMs: 20, maxCredits: 256 }), 256, 'nor above the leader\'s bound');
});

test('a window grows at once but shrinks only by a quarter or more', () => {
  assert.equal(worthResizing(16, 17), true);
  assert.equal(worthResizing(16, 13), false);
  assert.equal(worthResizing(16, 12), true);
});

test('round trips are timed from probe to echo; an echo of an unknown probe is ignored', () => {
  const gauge = new NetworkGauge();
  const a = gauge.probe(100);
  const b = gauge.probe(150);
  assert.equal(gauge.echo(b, 160), 10);
  assert.equal(gauge.echo(a, 130), 30);
  assert.equal(gauge.echo(a, 200), null, 'echoed twice');
  assert.equal(gauge.echo(999, 200), null);
  assert.equal(gauge.currentRttMs, 10);
  assert.equal(gauge.recentRttMs, 30);
  const rtt = gauge.report(300, 0).rttMs!;
  assert.deepEqual(rtt, { median: 10, p99: 30, max: 30, samples: 2 });
});

test('from four round trips on, the window is sized by the second worst: one stuck probe does not count', () => {
  const gauge = new NetworkGauge();
  for (const [sent, rtt] of [[0, 100], [10, 10], [20, 12], [30, 11]] as const) gauge.echo(gauge.probe(sent), sent + rtt);
  assert.equal(gauge.recentRttMs, 12);
});

test('units in flight are averaged over time from the first assignment, and starvation is idle time after it', () => {
  const gauge = new NetworkGauge();
  gauge.assigned(4, 1000, 50); // idle before the first unit is not starvation
  gauge.returned(2, 1100); // 4 units for 100 ms
  gauge.assigned(2, 1200, 60); // 2 units for 100 ms
  gauge.returned(4, 1300); // 4 units for 100 ms
  gauge.stopped(1400, 80); // 0 units for 100 ms; 30 ms idle since the first assignment
  const report = gauge.report(5000, 500);
  assert.deepEqual(report.inFlight, { mean: (4 + 2 + 4 + 0) / 4, max: 4 });
  assert.equal(report.starvedMs, 30, 'idle time after Stop is not starvation');
});
