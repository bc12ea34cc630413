// The bounds of the size-like options (issue 10, defects 2 and 12): one place, one message form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FractalError } from '../../src/core/errors.js';
import { checkIntegerInRange, checkThreads, MAX_PALETTE_LENGTH, maxThreadsFor, RANGES } from '../../src/core/limits.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';

const usage = (fragment: string) => (e: unknown) => e instanceof FractalError && e.kind === 'usage' && e.message.includes(fragment);

test('a value outside its range is a usage error that states the range and the value', () => {
  assert.equal(checkIntegerInRange('--workers', 65_536, RANGES.workers), 65_536);
  assert.throws(() => checkIntegerInRange('--workers', 1_000_000, RANGES.workers), usage('--workers: expected an integer from 1 to 65536, got 1000000'));
  assert.throws(() => checkIntegerInRange('--chunk', 0, RANGES.chunk), usage('got 0'));
  assert.throws(() => checkIntegerInRange('--rank', Number.NaN, RANGES.rank), usage('got NaN'));
  assert.throws(() => checkIntegerInRange('--local', 1e20, RANGES.local), usage('--local: expected an integer from 1 to 256'));
});

test('threads: at most 4 per core and 256, whatever the machine', () => {
  assert.equal(maxThreadsFor(2), 8);
  assert.equal(maxThreadsFor(128), 256);
  assert.equal(maxThreadsFor(0.5), 1);
  assert.equal(checkThreads(8, 2), 8);
  assert.throws(() => checkThreads(400, 2), usage("--threads: expected an integer from 1 to 8 (4 per core on this machine's 2, 256 at most), got 400"));
  assert.throws(() => checkThreads(300, 1000), usage('from 1 to 256'));
});

test('--step and --iters are bounded by what a palette can hold (bad input, like every image flag)', () => {
  const spec = (patch: object) => resolveImageSpec({ ...DEFAULT_IMAGE, smoothness: 1, ...patch });
  assert.equal(spec({ step: MAX_PALETTE_LENGTH }).step, MAX_PALETTE_LENGTH);
  for (const patch of [{ step: 2 ** 31 - 1 }, { iters: 200_000_000 }, { step: MAX_PALETTE_LENGTH + 1 }]) {
    assert.throws(
      () => spec(patch),
      (e: unknown) => e instanceof FractalError && e.kind === 'input' && /--(step|iters): expected at most 16777216 \(the palette holds/.test(e.message),
    );
  }
});
