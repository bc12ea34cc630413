// The leader's rules, driven through its state machine with a made-up clock: no sockets, no
// timers, no waiting. Each test breaks if the rule it names changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkerMessage } from '../../src/protocol/messages.js';
import type { LeaderEvent } from '../../src/core/cluster/leader/events.js';
import { LeaderMachine, type LeaderEffect, type LeaderRules, type StreamId } from '../../src/core/cluster/leader/state.js';
import { leaderStatus } from '../../src/core/cluster/leader/status.js';
import { PROTOCOL_VERSION } from '../../src/core/version.js';
import { parsePaletteName } from '../../src/core/render/palette.js';

const WIDTH = 4;
const HEIGHT = 8;
const CHUNK = 2; // 4 units

const rules = (overrides: Partial<LeaderRules> = {}): LeaderRules => ({
  spec: { width: WIDTH, height: HEIGHT, xpos: 0, ypos: 0, escapeRadius: 1, iters: 10, step: 10, palette: parsePaletteName('Hippi'), coloring: 'classic' },
  chunkRows: CHUNK,
  workersExpected: 2,
  minWorkers: 2,
  joinTimeoutMs: 10_000,
  heartbeatIntervalMs: 1000,
  heartbeatTimeoutMs: 5000,
  finalMetricsTimeoutMs: 3000,
  waitForStart: false,
  jobId: '42',
  nodeList: 'n[0-2]',
  leaderRank: 0,
  jobSize: 3,
  maxMessageBytes: 1 << 20,
  pngWindowRows: HEIGHT,
  decodeUnit: (result, rowCount) =>
    result.rgba.length === rowCount * WIDTH * 4
      ? { rgba: Uint8Array.from(result.rgba) }
      : { problem: `expected ${rowCount * WIDTH * 4} bytes, got ${result.rgba.length}` },
  ...overrides,
});

/** A leader with the time in a variable, and the effects of every step kept. */
const harness = (overrides: Partial<LeaderRules> = {}) => {
  let now = 0;
  const machine = new LeaderMachine(rules(overrides), 0);
  const effects: LeaderEffect[] = [];
  const run = (list: LeaderEffect[]): LeaderEffect[] => {
    effects.push(...list);
    return list;
  };
  const h = {
    machine,
    effects,
    at(ms: number) {
      now = ms;
      return h;
    },
    get now() {
      return now;
    },
    open: (stream: StreamId) => run(machine.step({ type: 'open', stream, peer: `ipv4:10.0.0.${stream}:5000` }, now)),
    send: (stream: StreamId, message: WorkerMessage) => run(machine.step({ type: 'message', stream, message, bytes: 10 }, now)),
    close: (stream: StreamId, reason = 'its stream broke') => run(machine.step({ type: 'closed', stream, reason }, now)),
    tick: () => run(machine.step({ type: 'tick' }, now)),
    listen() {
      run(machine.step({ type: 'listening' }, now));
      return h;
    },
    hello: (stream: StreamId, rank: number, extra: Partial<Extract<WorkerMessage, { body: 'hello' }>['hello']> = {}) =>
      h.send(stream, {
        body: 'hello',
        hello: { protocol_version: PROTOCOL_VERSION, rank, host: `n${rank}`, threads: 1, pid: 1, reconnects: 0, job_id: '42', ...extra },
      }),
    credit: (stream: StreamId, units: number) => h.send(stream, { body: 'credit', credit: { units, window: 0 } }),
    /** A worker joins with a stream of the same number as its rank, and asks for `credit` units. */
    join(rank: number, credit = 4) {
      h.open(rank);
      h.hello(rank, rank);
      return h.credit(rank, credit);
    },
    results: (stream: StreamId, units: number[]) =>
      h.send(stream, {
        body: 'results',
        results: {
          results: units.map((unit) => ({
            unit,
            rgba: Buffer.alloc(CHUNK * WIDTH * 4, unit + 1),
            iterations: 5,
            compute_ns: 1,
            encoding: 'RGBA_RAW' as const,
          })),
        },
      }),
    heartbeat: (stream: StreamId) => h.send(stream, { body: 'heartbeat', heartbeat: { units_in_progress: 0, probe: 0, rtt_ms: 0 } }),
    metrics: (stream: StreamId) => h.send(stream, { body: 'metrics', metrics: { node: null } }),
  };
  return h;
};

/** Read through a function: an assertion that it was undefined must not narrow later reads. */
const failureOf = (machine: LeaderMachine) => machine.failure;

const assigned = (effects: LeaderEffect[], stream: StreamId): number[] =>
  effects.flatMap((e) => (e.type === 'send' && e.stream === stream && 'assign' in e.message ? e.message.assign.units : []));
const failed = (effects: LeaderEffect[], stream: StreamId) => effects.filter((e) => e.type === 'fail' && e.stream === stream);
const events = <T extends LeaderEvent['type']>(effects: LeaderEffect[], type: T): Array<Extract<LeaderEvent, { type: T }>> =>
  effects.flatMap((e) => (e.type === 'emit' && e.event.type === type ? [e.event as Extract<LeaderEvent, { type: T }>] : []));
const rowsWritten = (effects: LeaderEffect[]): number[] => effects.flatMap((e) => (e.type === 'rows' ? [e.rowStart] : []));

test('the render starts when the last expected worker joins, and units go out as credit allows', () => {
  const h = harness().listen();
  h.join(1, 1);
  assert.equal(h.machine.state, 'waiting');
  assert.deepEqual(assigned(h.effects, 1), [], 'units went out before the barrier');
  const second = h.join(2, 2);
  assert.equal(h.machine.state, 'rendering');
  assert.deepEqual(assigned(h.effects, 1), [0]);
  assert.deepEqual(assigned(second, 2), [1, 2]);
  assert.equal(events(h.effects, 'started').length, 1);
});

test('a joined worker that goes silent is dropped at its heartbeat timeout, and its units go to the others', () => {
  const h = harness().listen();
  h.join(1, 2);
  h.join(2, 2);
  assert.deepEqual(assigned(h.effects, 1), [0, 1]);
  // rank 2 keeps beating; rank 1 stalls
  h.at(3000).heartbeat(2);
  assert.deepEqual(failed(h.at(4999).tick(), 1), [], 'dropped before its timeout');
  h.at(4500).heartbeat(2);
  const late = h.at(5001).tick();
  assert.equal(failed(late, 1).length, 1);
  assert.match(String((failed(late, 1)[0] as { details: string }).details), /no message for 5\.0 s \(heartbeat timeout 5 s\)/);
  const lost = events(late, 'lost');
  assert.deepEqual(lost.map((e) => ({ rank: e.rank, requeued: e.requeued })), [{ rank: 1, requeued: 2 }]);
  h.results(2, [2, 3]);
  assert.deepEqual(assigned(h.effects, 2).sort(), [0, 1, 2, 3], 'the survivor did not get the lost units');
  assert.equal(h.machine.lostWorkers.length, 1);
});

test('a stream that never says Hello is dropped at the heartbeat timeout without counting as a lost worker', () => {
  const h = harness().listen();
  h.open(7);
  const effects = h.at(6000).tick();
  assert.equal(failed(effects, 7).length, 1);
  assert.deepEqual(events(effects, 'lost'), []);
  assert.equal(h.machine.lostWorkers.length, 0);
});

test('a second Hello on one stream drops it like a lost worker: its units are re-queued, the run still finishes', () => {
  const h = harness({ workersExpected: 1, minWorkers: 1 }).listen();
  h.open(1);
  h.hello(1, 1);
  h.credit(1, 4);
  assert.deepEqual(assigned(h.effects, 1), [0, 1, 2, 3]);
  const again = h.hello(1, 1);
  assert.equal(failed(again, 1).length, 1);
  assert.deepEqual(events(again, 'lost').map((e) => e.requeued), [4]);
  assert.equal(h.machine.workersJoined, 0, 'the refused stream is still counted as joined');
  // a real worker joins next and gets every unit back
  h.join(2, 4);
  assert.deepEqual(assigned(h.effects, 2).sort(), [0, 1, 2, 3]);
  h.results(2, [0, 1, 2, 3]);
  assert.equal(h.machine.state, 'finishing');
});

test('results that arrive after their worker was dropped are never written', () => {
  const h = harness({ workersExpected: 1, minWorkers: 1 }).listen();
  h.join(1, 4);
  h.close(1);
  const late = h.results(1, [0, 1]);
  assert.deepEqual(rowsWritten(late), []);
  assert.equal(h.machine.queue.done, 0);
  assert.deepEqual(events(h.effects, 'lost').map((e) => e.requeued), [4]);
});

test('a worker that rejoins with its rank takes over: the old stream is dropped, its account is kept and not lost', () => {
  const h = harness({ workersExpected: 1, minWorkers: 1 }).listen();
  h.join(1, 2);
  h.results(1, [0]);
  h.open(11);
  const rejoin = h.hello(11, 1, { reconnects: 1 });
  assert.equal(failed(rejoin, 1).length, 1, 'the replaced stream is still open');
  h.credit(11, 4);
  const account = h.machine.accounts.get(1)!;
  assert.equal(account.lost, false);
  assert.equal(account.reconnects, 1);
  assert.equal(account.units, 1, 'the account lost what the first stream did');
  assert.deepEqual(assigned(h.effects, 11).sort(), [1, 2, 3]);
});

test('the barrier times out: too few workers fail the run naming the missing rank and its host', () => {
  const h = harness({ heartbeatTimeoutMs: 60_000 }).listen();
  h.join(1);
  assert.equal(h.machine.nextDeadline(), 10_000);
  h.at(9999).tick();
  assert.equal(failureOf(h.machine), undefined);
  h.at(10_000).tick();
  assert.equal(h.machine.state, 'failed');
  assert.equal(failureOf(h.machine)?.code, 'E_BARRIER_TIMEOUT');
  assert.match(failureOf(h.machine)!.message, /only 1 of 2 workers joined within 10 s; rank 2 \(n2\) never joined/);
  assert.equal(failed(h.effects, 1).length, 1, 'the joined worker was not told');
});

test('the barrier times out with --min-workers met: the run goes on and records who never came', () => {
  const h = harness({ minWorkers: 1, heartbeatTimeoutMs: 60_000 }).listen();
  h.join(1);
  h.at(10_000).tick();
  assert.equal(h.machine.state, 'rendering');
  assert.deepEqual(h.machine.lostWorkers, [{ rank: 2, host: 'n2', reason: 'never joined within the join timeout (10 s)', requeuedUnits: 0 }]);
  assert.deepEqual(events(h.effects, 'barrier-timeout').map((e) => e.missing), [[2]]);
});

test('POST /start racing the last join: whichever comes first starts the render, once', () => {
  // the start request first, with one of two workers in
  const first = harness({ waitForStart: true }).listen();
  first.join(1, 1);
  const request = first.machine.requestStart(first.now);
  first.effects.push(...request.effects);
  assert.equal(request.outcome.started, true);
  first.join(2);
  assert.equal(events(first.effects, 'started').length, 1);
  assert.ok(assigned(first.effects, 2).length > 0, 'the late worker got no work');
  // the last join first: the request comes too late and says so
  const second = harness().listen();
  second.join(1);
  second.join(2);
  const { outcome } = second.machine.requestStart(second.now);
  assert.equal(outcome.started, false);
  assert.match(outcome.message, /already started/);
  assert.equal(events(second.effects, 'started').length, 1);
  // and with nobody in, there is nothing to start
  const empty = harness({ waitForStart: true }).listen();
  assert.match(empty.machine.requestStart(0).outcome.message, /no worker has joined yet/);
});

test('every worker lost: the run fails once the join timeout passes with nobody back', () => {
  const h = harness({ workersExpected: 1, minWorkers: 1, heartbeatTimeoutMs: 60_000 }).listen();
  h.join(1);
  h.at(100).close(1);
  assert.equal(h.machine.nextDeadline(), 10_100);
  h.at(10_099).tick();
  assert.equal(failureOf(h.machine), undefined);
  h.at(10_100).tick();
  assert.equal(failureOf(h.machine)?.code, 'E_ALL_WORKERS_LOST');
});

test('after the last unit every worker is stopped; collected once all report or the final-metrics timeout passes', () => {
  const h = harness().listen();
  h.join(1, 2);
  h.join(2, 2);
  h.results(1, [0, 1]);
  h.results(2, [2, 3]);
  assert.equal(h.machine.state, 'finishing');
  assert.deepEqual(rowsWritten(h.effects).sort((a, b) => a - b), [0, 2, 4, 6]);
  const stops = h.effects.filter((e) => e.type === 'send' && 'stop' in e.message).map((e) => (e as { stream: number }).stream);
  assert.deepEqual(stops.sort(), [1, 2]);
  h.metrics(1);
  assert.equal(h.machine.collected, false);
  h.at(2999).tick();
  assert.equal(h.machine.collected, false);
  h.at(3000).tick();
  assert.equal(h.machine.collected, true, 'a silent worker held the leader past the final-metrics timeout');
});

test('final metrics sent before Stop are a protocol misstep: the worker is dropped and its units re-queued', () => {
  const h = harness({ workersExpected: 1, minWorkers: 1 }).listen();
  h.join(1, 3);
  const effects = h.metrics(1);
  assert.equal(failed(effects, 1).length, 1);
  assert.deepEqual(events(effects, 'lost').map((e) => e.requeued), [3]);
});

test('a flood of rejected results is one warning a second per peer and kind, each counting what it stands for', () => {
  const h = harness({ workersExpected: 1, minWorkers: 1 }).listen();
  h.join(1, 1);
  const bad = { unit: 99, rgba: Buffer.alloc(0), iterations: 0, compute_ns: 0, encoding: 'RGBA_RAW' as const };
  const flood = Array.from({ length: 1000 }, () => bad);
  h.send(1, { body: 'results', results: { results: flood } });
  assert.equal(h.machine.rejected.outOfRange, 1000);
  assert.deepEqual(events(h.effects, 'rejected').map((e) => e.count), [1]);
  h.at(1000).results(1, [99]);
  assert.deepEqual(events(h.effects, 'rejected').map((e) => e.count), [1, 1000]);
});

test('the status view counts rows once, from the work queue', () => {
  const h = harness().listen();
  h.join(1, 2);
  h.join(2, 2);
  h.results(1, [0]);
  const status = leaderStatus(h.machine, 500);
  assert.deepEqual(status.rows, { total: HEIGHT, done: CHUNK });
  assert.equal(status.units.done, 1);
  assert.deepEqual(status.workers.map((w) => w.state), ['working', 'working']);
});

test('units go out only within the window ahead of the PNG file, widened to twice the credit in play', () => {
  // one unit of window; one worker with one credit: the window is 2 × 1 credit × 2 rows = 4 rows
  const h = harness({ workersExpected: 1, minWorkers: 1, pngWindowRows: 2 }).listen();
  const written = (rows: number) => {
    const effects = h.machine.step({ type: 'written', rows }, h.now);
    h.effects.push(...effects);
    return effects;
  };
  h.join(1, 1);
  assert.deepEqual(assigned(h.effects, 1), [0]);
  assert.deepEqual(assigned(h.results(1, [0]), 1), [1]);
  assert.deepEqual(assigned(h.results(1, [1]), 1), [], 'unit 2 went out with no row of the file written');
  assert.deepEqual(assigned(written(2), 1), [2], 'two rows in the file move the window by a unit');
  assert.deepEqual(assigned(h.results(1, [2]), 1), []);
  assert.deepEqual(assigned(written(4), 1), [3]);
  h.results(1, [3]);
  assert.equal(h.machine.state, 'finishing');
  // more credit widens the window at once: 2 × 3 credits × 2 rows covers the image
  const wide = harness({ workersExpected: 1, minWorkers: 1, pngWindowRows: 2 }).listen();
  wide.join(1, 3);
  assert.deepEqual(assigned(wide.effects, 1), [0, 1, 2]);
});

const stopsOf = (effects: LeaderEffect[]) =>
  effects.flatMap((e) => (e.type === 'send' && 'stop' in e.message ? [{ stream: e.stream, reason: e.message.stop.reason }] : []));

test('told to stop mid-render: nothing more is handed out, results in flight are taken, then every worker is stopped', () => {
  const h = harness().listen();
  h.join(1, 1);
  h.join(2, 1);
  const before = h.effects.length;
  const interrupt = h.machine.step({ type: 'interrupt', reason: 'SIGTERM', graceMs: 5000 }, h.at(100).now);
  assert.equal(h.machine.state, 'draining');
  assert.deepEqual(events(interrupt, 'draining'), [{ type: 'draining', reason: 'SIGTERM', inFlight: 2, graceMs: 5000 }]);
  h.results(1, [0]);
  assert.deepEqual(assigned(h.effects.slice(before), 1), [], 'a draining leader handed out more work');
  assert.equal(h.machine.state, 'draining', 'unit 1 is still in flight');
  h.results(2, [1]);
  assert.equal(h.machine.state, 'finishing');
  assert.deepEqual(stopsOf(h.effects).map((s) => s.reason), ['interrupted', 'interrupted']);
  assert.deepEqual(events(h.effects, 'interrupted'), [{ type: 'interrupted', reason: 'SIGTERM', unitsDone: 2, units: 4 }]);
  assert.deepEqual(rowsWritten(h.effects), [0, 2], 'results taken while draining go into the picture (and the checkpoint)');
  assert.equal(h.machine.interruption?.reason, 'SIGTERM');
  h.metrics(1);
  h.metrics(2);
  assert.equal(h.machine.collected, true);
  assert.equal(h.machine.queue.isComplete(), false);
});

test('a drain ends at its grace even with results still out; a drain that completes the picture finishes normally', () => {
  const late = harness().listen();
  late.join(1, 2);
  late.join(2, 2);
  // inside the heartbeat timeout (5 s), so that only the grace can end the drain
  late.machine.step({ type: 'interrupt', reason: 'SIGUSR1', graceMs: 3000 }, late.at(1000).now);
  assert.equal(late.machine.nextDeadline(), 4000);
  late.at(3999).tick();
  assert.equal(late.machine.state, 'draining');
  late.at(4000).tick();
  assert.equal(late.machine.state, 'finishing');
  assert.deepEqual(events(late.effects, 'interrupted').map((e) => e.unitsDone), [0]);

  const lucky = harness().listen();
  lucky.join(1, 2);
  lucky.join(2, 2);
  lucky.machine.step({ type: 'interrupt', reason: 'SIGTERM', graceMs: 5000 }, lucky.now);
  lucky.results(1, [0, 1]);
  lucky.results(2, [2, 3]);
  assert.ok(lucky.machine.queue.isComplete());
  assert.equal(lucky.machine.state, 'finishing');
  assert.deepEqual(stopsOf(lucky.effects).map((s) => s.reason), ['interrupted', 'interrupted']);
  assert.deepEqual(events(lucky.effects, 'finishing').length, 1, 'the whole picture came in: the run finishes as usual');
});

test('told to stop before the render starts: the joined workers are stopped at once; a second request changes nothing', () => {
  const h = harness().listen();
  h.join(1, 1);
  const stopped = h.machine.step({ type: 'interrupt', reason: 'SIGINT', graceMs: 5000 }, h.now);
  assert.equal(h.machine.state, 'finishing');
  assert.deepEqual(stopsOf(stopped), [{ stream: 1, reason: 'interrupted' }]);
  const again = h.machine.step({ type: 'interrupt', reason: 'SIGTERM', graceMs: 5000 }, h.now);
  assert.deepEqual(again, []);
  assert.equal(h.machine.interruption?.reason, 'SIGINT');
});

test('units a checkpoint resumed are never handed out', () => {
  const h = harness();
  assert.equal(h.machine.queue.markDone(1), true);
  assert.equal(h.machine.queue.markDone(1), false, 'twice');
  h.listen();
  h.join(1, 4);
  h.join(2, 4);
  assert.deepEqual([...assigned(h.effects, 1), ...assigned(h.effects, 2)].sort(), [0, 2, 3]);
  assert.equal(h.machine.queue.rowsDone, CHUNK);
});

test('a probing heartbeat is echoed at once, and the round trip it reports shows in /status', () => {
  const h = harness().listen();
  h.join(1, 1);
  const echoed = h.send(1, { body: 'heartbeat', heartbeat: { units_in_progress: 0, probe: 7, rtt_ms: 10.25 } });
  assert.deepEqual(
    echoed.flatMap((e) => (e.type === 'send' && 'echo' in e.message ? [e.message.echo.probe] : [])),
    [7],
  );
  const silent = h.send(1, { body: 'heartbeat', heartbeat: { units_in_progress: 0, probe: 0, rtt_ms: Number.NaN } });
  assert.equal(silent.filter((e) => e.type === 'send').length, 0, 'a heartbeat without a probe is not answered');
  const worker = leaderStatus(h.machine, h.now).workers.find((w) => w.rank === 1)!;
  assert.equal(worker.rttMs, 10.25, 'a NaN round trip does not replace the last good one');
});

test('a Credit with a window sets the units in flight instead of adding to them', () => {
  const h = harness({ workersExpected: 1, minWorkers: 1, spec: { ...rules().spec, height: 64 }, pngWindowRows: 64 }).listen();
  h.join(1, 2);
  assert.equal(assigned(h.effects, 1).length, 2);
  const grown = h.send(1, { body: 'credit', credit: { units: 0, window: 6 } });
  assert.equal(assigned(grown, 1).length, 4, 'grown to 6 in flight');
  const shrunk = h.send(1, { body: 'credit', credit: { units: 0, window: 3 } });
  assert.equal(assigned(shrunk, 1).length, 0, 'nothing taken back');
  const after = h.results(1, assigned(h.effects, 1).slice(0, 4));
  assert.equal(assigned(after, 1).length, 1, '2 left in flight, room for 1 under the window of 3');
});

test('the last units are shared out by threads (guided self-scheduling), whatever window a worker asks for', () => {
  // 8 units; rank 1 has 3 threads, rank 2 one; both ask for 64 units in flight
  const h = harness({ spec: { ...rules().spec, height: 16 } }).listen();
  h.open(1);
  h.hello(1, 1, { threads: 3 });
  h.credit(1, 64);
  h.join(2, 64);
  assert.deepEqual(assigned(h.effects, 1), [0, 1, 2, 3, 4, 5], 'three quarters of what is left, not all of it');
  assert.deepEqual(assigned(h.effects, 2), [6, 7]);
});
