import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FractalError } from '../../src/core/errors.js';
import { DEFAULT_IMAGE, resolveImageSpec, type ImageInput } from '../../src/core/render/image-spec.js';
import { classicView } from '../../src/core/render/view.js';

const resolve = (patch: Partial<ImageInput>) => resolveImageSpec({ ...DEFAULT_IMAGE, ...patch });

test('the default image is 8192×6144 and its view is the original one', () => {
  const spec = resolve({});
  assert.equal(spec.width, 8192);
  assert.equal(spec.height, 6144);
  // the figures for the default view, computed at 1024×768 (same ratio)
  const view = classicView(resolve({ smoothness: 1 }));
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-15, `${a} vs ${b}`);
  close(view.xmin, -0.0655945);
  close(view.xmax, 0.0600945);
  close(view.ymin, 0.741986625);
  close(view.ymax, 0.836253375);
});

const rejects = (patch: Partial<ImageInput>, code: string, fragment: string) =>
  assert.throws(
    () => resolve(patch),
    (e: unknown) => e instanceof FractalError && e.kind === 'input' && e.code === code && e.message.includes(fragment),
  );

test('impossible sizes are refused with what was expected', () => {
  rejects({ width: 0 }, 'E_IMAGE_FLAG', '--width: expected an integer >= 1, got 0');
  rejects({ height: -5 }, 'E_IMAGE_FLAG', '--height: expected an integer >= 1, got -5');
  rejects({ smoothness: 0 }, 'E_IMAGE_FLAG', '--smoothness');
  rejects({ width: 1, smoothness: 1 }, 'E_IMAGE_SIZE', 'at least 2 pixels');
  rejects({ width: 200_000_000, smoothness: 1 }, 'E_IMAGE_SIZE', "one row is 762.9 MiB of RGBA; expected at most 512.0 MiB, a unit's limit");
  rejects({ height: 2 ** 31, smoothness: 1 }, 'E_IMAGE_SIZE', "expected at most 2147483647 pixels a side, PNG's limit");
  rejects({ iters: 0 }, 'E_IMAGE_FLAG', '--iters');
  rejects({ step: 0 }, 'E_IMAGE_FLAG', '--step');
  rejects({ escapeRadius: 0 }, 'E_IMAGE_FLAG', '--escape-radius: expected a positive number');
  rejects({ xpos: Number.NaN }, 'E_IMAGE_FLAG', '--xpos');
  rejects({ palette: 'Rainbow' }, 'E_PALETTE_UNKNOWN', 'AfternoonBlue');
});

test('the picture itself may be far larger than memory: nothing ever holds it whole', () => {
  // 65536×65536 is 16 GiB of RGBA; it used to be refused for that
  assert.equal(resolve({ width: 65536, height: 65536, smoothness: 1 }).height, 65536);
  assert.equal(resolve({ width: 134_217_728, height: 1, smoothness: 1 }).width, 134_217_728);
});
