// How a worker batches finished units into Results messages (src/core/cluster/worker/batcher.ts):
// every message costs both ends a fixed amount of work, so results wait for company, but never so
// long that the threads run dry, never past the wait bound, never past the leader's message limit.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { UnitResult } from '../../src/protocol/messages.js';
import { createResultBatcher, RESULT_BATCH_MAX_MS } from '../../src/core/cluster/worker/batcher.js';

const result = (unit: number, bytes = 1000): UnitResult => ({ unit, rgba: new Uint8Array(bytes) }) as unknown as UnitResult;

const batcherFor = (threads: number, pending: () => number, maxMessageBytes = 4 * 1024 * 1024) => {
  const sent: number[][] = [];
  const batcher = createResultBatcher({ threads, pending, maxMessageBytes, send: (results) => sent.push(results.map((r) => r.unit)) });
  return { batcher, sent };
};

test('a worker with one thread sends its results four to a message while work is queued', () => {
  const { batcher, sent } = batcherFor(1, () => 5);
  for (let unit = 0; unit < 8; unit++) batcher.add(result(unit));
  assert.deepEqual(sent, [
    [0, 1, 2, 3],
    [4, 5, 6, 7],
  ]);
  batcher.clear();
});

test('with more threads than that, a batch waits for one result per thread', () => {
  const { batcher, sent } = batcherFor(6, () => 20);
  for (let unit = 0; unit < 5; unit++) batcher.add(result(unit));
  assert.deepEqual(sent, []);
  batcher.add(result(5));
  assert.deepEqual(sent, [[0, 1, 2, 3, 4, 5]]);
});

test('a result goes at once when the threads are about to run dry', () => {
  let pending = 5;
  const { batcher, sent } = batcherFor(1, () => pending);
  batcher.add(result(0));
  assert.deepEqual(sent, []);
  pending = 1;
  batcher.add(result(1));
  assert.deepEqual(sent, [[0, 1]]);
});

test('a lone result waits no longer than the batch bound', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { batcher, sent } = batcherFor(1, () => 5);
    batcher.add(result(0));
    mock.timers.tick(RESULT_BATCH_MAX_MS - 1);
    assert.deepEqual(sent, []);
    mock.timers.tick(1);
    assert.deepEqual(sent, [[0]]);
  } finally {
    mock.timers.reset();
  }
});

test('a batch never outgrows the leader\'s message limit', () => {
  const { batcher, sent } = batcherFor(1, () => 5, 10_000);
  batcher.add(result(0, 4000));
  batcher.add(result(1, 4000));
  // a third would take the message past 10,000 bytes: the two waiting go first
  batcher.add(result(2, 4000));
  assert.deepEqual(sent, [[0, 1]]);
  batcher.clear();
});
