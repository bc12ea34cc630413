import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWorkQueue } from '../../src/core/cluster/work-queue.js';

test('units are blocks of chunk rows; the last one is shorter', () => {
  const q = createWorkQueue({ height: 10, chunkRows: 4 });
  assert.equal(q.units, 3);
  assert.deepEqual([0, 1, 2].map((u) => q.rowsOf(u)), [
    { rowStart: 0, rowCount: 4 },
    { rowStart: 4, rowCount: 4 },
    { rowStart: 8, rowCount: 2 },
  ]);
});

test('take hands out each unit once, up to the credit asked', () => {
  const q = createWorkQueue({ height: 5, chunkRows: 1 });
  assert.deepEqual(q.take(1, 2), [0, 1]);
  assert.deepEqual(q.take(2, 10), [2, 3, 4]);
  assert.deepEqual(q.take(1, 5), []);
  assert.deepEqual([q.inFlight, q.queued, q.inFlightOf(1), q.inFlightOf(2)], [5, 0, 2, 3]);
});

test('a unit is accepted once, from its owner only', () => {
  const q = createWorkQueue({ height: 3, chunkRows: 1 });
  q.take(1, 2);
  assert.equal(q.complete(2, 0), 'notAssigned');
  assert.equal(q.complete(1, 0), 'accepted');
  assert.equal(q.complete(1, 0), 'duplicate');
  assert.equal(q.complete(1, 2), 'notAssigned');
  assert.equal(q.complete(1, 3), 'outOfRange');
  assert.equal(q.complete(1, -1), 'outOfRange');
  assert.equal(q.complete(1, 0.5), 'outOfRange');
  assert.deepEqual([q.done, q.inFlight, q.queued], [1, 1, 1]);
});

test('releasing an owner re-queues its units, which are handed out first', () => {
  const q = createWorkQueue({ height: 6, chunkRows: 1 });
  q.take(1, 3);
  q.take(2, 1);
  assert.equal(q.complete(1, 0), 'accepted');
  assert.equal(q.release(1), 2);
  assert.equal(q.release(1), 0);
  assert.equal(q.requeued, 2);
  assert.equal(q.complete(1, 1), 'notAssigned', 'a released owner cannot deliver');
  assert.deepEqual(q.take(2, 2).sort(), [1, 2]);
  assert.deepEqual(q.take(2, 5), [4, 5]);
});

test('whatever the order, every unit ends done exactly once', () => {
  const q = createWorkQueue({ height: 1000, chunkRows: 7 });
  const done = new Set<number>();
  let owner = 0;
  while (!q.isComplete()) {
    owner++;
    const taken = q.take(owner, 1 + (owner % 5));
    if (owner % 3 === 0) {
      q.release(owner);
      continue;
    }
    for (const unit of taken.reverse()) {
      assert.equal(q.complete(owner, unit), 'accepted');
      assert.ok(!done.has(unit));
      done.add(unit);
    }
  }
  assert.equal(done.size, q.units);
  assert.equal(q.done, q.units);
  assert.ok(q.requeued > 0);
});

test('one queue moves a million units in well under a second', () => {
  const q = createWorkQueue({ height: 1_000_000, chunkRows: 1 });
  const t0 = performance.now();
  for (let owner = 0; !q.isComplete(); owner = (owner + 1) % 256) {
    for (const unit of q.take(owner, 8)) q.complete(owner, unit);
  }
  assert.ok(performance.now() - t0 < 1000, `${(performance.now() - t0).toFixed(0)} ms`);
});
