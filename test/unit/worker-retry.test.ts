// The worker's search for its leader: a rendezvous file that appears while the worker is between
// a look and its sleep must wake it at once, not a backoff later.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, runWorker, type LeaderDiscovery } from '../../src/core/cluster/worker/index.js';
import { FractalError } from '../../src/core/errors.js';

test('a change seen during a look that missed it cuts the next sleep short', async () => {
  const controller = new AbortController();
  const looks: number[] = [];
  let listener: (() => void) | undefined;
  const discovery: LeaderDiscovery = {
    async find() {
      looks.push(performance.now());
      // the leader renames its file into place just after this look read the directory
      if (looks.length === 1) listener?.();
      if (looks.length === 2) controller.abort();
      return { pending: 'not written yet' };
    },
    onChange(l) {
      listener = l;
      return () => (listener = undefined);
    },
  };
  await assert.rejects(
    runWorker({ discovery, rank: 1, jobId: null, threads: 1, connectTimeoutMs: 10_000, signal: controller.signal }),
    (e: unknown) => e instanceof FractalError && e.kind === 'interrupted',
  );
  assert.equal(looks.length, 2);
  const firstBackoff = backoffDelay(0, () => 0);
  assert.ok(looks[1]! - looks[0]! < firstBackoff / 2, `looked again after ${(looks[1]! - looks[0]!).toFixed(1)} ms; a backoff is at least ${firstBackoff} ms`);
  assert.equal(listener, undefined, 'the subscription ends with the run');
});

test('without a change, the worker waits its backoff between looks', async () => {
  const controller = new AbortController();
  const looks: number[] = [];
  const discovery: LeaderDiscovery = {
    async find() {
      looks.push(performance.now());
      if (looks.length === 2) controller.abort();
      return { pending: 'not written yet' };
    },
  };
  await assert.rejects(runWorker({ discovery, rank: 1, jobId: null, threads: 1, connectTimeoutMs: 10_000, signal: controller.signal }));
  assert.ok(looks[1]! - looks[0]! >= backoffDelay(0, () => 0) - 5, `looked again after ${(looks[1]! - looks[0]!).toFixed(1)} ms`);
});
