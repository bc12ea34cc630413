// The compute threads' pool (src/core/cluster/unit-pool.ts), with real threads: each thread is
// handed its unit and the next one, so it never waits for the main thread to see a result before
// it has more work. What a thread has been handed it computes even when the queue is cleared
// (a worker that lost its leader), which is how these tests see it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createUnitPool, type UnitOutput } from '../../src/core/cluster/unit-pool.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';

const spec = resolveImageSpec({ ...DEFAULT_IMAGE, width: 16, height: 16, smoothness: 1 });
const failOnError = (error: Error): never => assert.fail(error);

/** Submits `units` one-row units to a pool of `threads` ready threads, clears the queue at once, and says which came back. */
const handedOut = async (threads: number, units: number): Promise<number[]> => {
  const results: UnitOutput[] = [];
  const pool = createUnitPool({ spec, threads, form: 'rgba', onResult: (output) => results.push(output), onError: failOnError });
  try {
    await pool.ready();
    for (let unit = 0; unit < units; unit++) pool.submit({ unit, rowStart: unit, rowCount: 1 }, 7);
    pool.clearQueued();
    // what is left pending is what the threads hold
    const expected = pool.pending;
    while (results.length < expected) await sleep(5);
    // nothing more arrives: the cleared units were never handed out
    await sleep(50);
    assert.ok(results.every((r) => r.tag === 7 && r.rows === 1));
    assert.equal(results.length, expected);
    return results.map((r) => r.unit).sort((a, b) => a - b);
  } finally {
    await pool.close();
  }
};

test('one thread is handed its unit and the next, no more', async () => {
  assert.deepEqual(await handedOut(1, 5), [0, 1]);
});

test('units spread over the threads: two each, the rest stay queued', async () => {
  assert.deepEqual(await handedOut(2, 7), [0, 1, 2, 3]);
  assert.deepEqual(await handedOut(2, 3), [0, 1, 2]);
});

test('a pool counts what its threads hold and what waits as pending', async () => {
  const results: number[] = [];
  const pool = createUnitPool({ spec, threads: 1, form: 'rgba', onResult: (output) => results.push(output.unit), onError: failOnError });
  try {
    await pool.ready();
    for (let unit = 0; unit < 4; unit++) pool.submit({ unit, rowStart: unit, rowCount: 1 }, 1);
    assert.equal(pool.pending, 4);
    while (results.length < 4) await sleep(5);
    assert.deepEqual(results, [0, 1, 2, 3], 'one thread gives its units back in the order it was handed them');
    assert.equal(pool.pending, 0);
  } finally {
    await pool.close();
  }
});
