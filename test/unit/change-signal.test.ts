// The leader waits on a change signal; a signal that kept only one waiter would lose the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createChangeSignal } from '../../src/core/change-signal.js';

test('every waiter is woken by its own condition, and none replaces another', async () => {
  const signal = createChangeSignal();
  let value = 0;
  const settled: string[] = [];
  const a = signal.until(() => value >= 1).then(() => settled.push('a'));
  const b = signal.until(() => value >= 2).then(() => settled.push('b'));
  const c = signal.until(() => value >= 1).then(() => settled.push('c'));
  assert.equal(signal.waiting, 3);
  value = 1;
  signal.notify();
  await Promise.all([a, c]);
  assert.deepEqual(settled.sort(), ['a', 'c']);
  assert.equal(signal.waiting, 1);
  value = 2;
  signal.notify();
  await b;
  assert.equal(signal.waiting, 0);
});

test('a condition that throws rejects its waiter with that error; one already true resolves at once', async () => {
  const signal = createChangeSignal();
  await signal.until(() => true);
  const state: { failure?: Error } = {};
  const waiting = signal.until(() => {
    if (state.failure) throw state.failure;
    return false;
  });
  state.failure = new Error('the run failed');
  signal.notify();
  await assert.rejects(waiting, /the run failed/);
  assert.equal(signal.waiting, 0);
});
