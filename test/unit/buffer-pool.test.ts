import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBufferPool } from '../../src/core/buffer-pool.js';

test('a buffer handed back, even as a view, is reused whole', () => {
  const pool = createBufferPool(4);
  const first = pool.take(64);
  assert.equal(first.length, 64);
  pool.give(first.subarray(8, 16));
  const again = pool.take(32);
  assert.equal(again.buffer, first.buffer);
  assert.equal(again.length, 32);
  assert.equal(again.byteOffset, 0);
});

test('a spare too small is not handed out, and no more than the limit are kept', () => {
  const pool = createBufferPool(1);
  const small = pool.take(16);
  pool.give(small);
  const large = pool.take(128);
  assert.notEqual(large.buffer, small.buffer);
  assert.equal(large.length, 128);
  const a = pool.take(8);
  const b = pool.take(8);
  pool.give(a);
  pool.give(b);
  assert.equal(pool.take(8).buffer, a.buffer);
  assert.notEqual(pool.take(8).buffer, b.buffer, 'the second spare was kept beyond the limit');
});
