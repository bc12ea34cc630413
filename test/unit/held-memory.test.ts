// The size limit is what a process holds (a unit per thread, the window of rows ahead of the PNG
// file, the leader's book of units), not the picture: each part of the rule moves the verdict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FractalError } from '../../src/core/errors.js';
import { checkHeldMemory, heldBytes, PNG_WINDOW_BYTES, pngWindowRows } from '../../src/core/held-memory.js';
import { segmentRowsFor } from '../../src/core/image/png-stream.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';

const MiB = 2 ** 20;
const spec = (width: number, height: number) => resolveImageSpec({ ...DEFAULT_IMAGE, width, height, smoothness: 1 });
const refused = (code: string, fragment: string) => (e: unknown) =>
  e instanceof FractalError && e.code === code && e.message.includes(fragment);

test('the window is 128 MiB of filtered rows, but at least two segments and a unit per thread and one more', () => {
  assert.equal(pngWindowRows(32768, 8, 2), Math.ceil(PNG_WINDOW_BYTES / (32768 * 4 + 1)));
  // very wide rows: two segments of one row each
  assert.equal(segmentRowsFor(1_000_000), 1);
  assert.equal(pngWindowRows(1_000_000, 1, 0), Math.max(2, Math.ceil(PNG_WINDOW_BYTES / 4_000_001)));
  assert.equal(pngWindowRows(32768, 1000, 3), 4000);
  // narrow rows: no more than 4096 units ahead, unless two segments need more
  assert.equal(pngWindowRows(25_000, 1, 2), Math.ceil(PNG_WINDOW_BYTES / 100_001), 'wide rows: 128 MiB is fewer than 4096 rows');
  assert.equal(pngWindowRows(2000, 1, 2), 4096);
  assert.equal(pngWindowRows(2, 8, 2), 2 * segmentRowsFor(2));
});

test('a gigapixel render holds a few hundred MiB, whatever the height', () => {
  const giga = heldBytes({ spec: spec(32768, 32768), chunkRows: 8, threads: 2 });
  assert.ok(giga < 300 * MiB && giga > 256 * MiB, `${giga / MiB} MiB`);
  assert.equal(heldBytes({ spec: spec(32768, 1_000_000), chunkRows: 8, threads: 2 }), giga);
  // a small picture holds at most itself in the window
  assert.ok(heldBytes({ spec: spec(64, 48), chunkRows: 8, threads: 2 }) < 64 * 48 * 4 * 4);
  checkHeldMemory({ spec: spec(65536, 65536), chunkRows: 8, threads: 2, memoryBytes: 2 ** 30, role: 'render' });
});

test('refused: units too big for the threads and the memory, a leader book too big, a unit over one buffer', () => {
  const wide = spec(1_000_000, 100);
  assert.throws(
    () => checkHeldMemory({ spec: wide, chunkRows: 100, threads: 64, memoryBytes: 2 ** 34, role: 'render' }),
    refused('E_IMAGE_SIZE', 'image 1000000×100, 64 threads with units of 100 rows: fractal render would hold about 48.4 GiB at once; expected at most 8.0 GiB'),
  );
  checkHeldMemory({ spec: wide, chunkRows: 100, threads: 4, memoryBytes: 2 ** 34, role: 'render' });
  // a leader computes nothing, but books 4 bytes a unit
  const tall = spec(16, 2 ** 31 - 1);
  assert.throws(() => checkHeldMemory({ spec: tall, chunkRows: 1, threads: 0, memoryBytes: 2 ** 33, role: 'leader' }), refused('E_IMAGE_SIZE', 'units of 1 row: the leader would hold about 8.0 GiB at once'));
  checkHeldMemory({ spec: tall, chunkRows: 64, threads: 0, memoryBytes: 2 ** 33, role: 'leader' });
  assert.throws(
    () => checkHeldMemory({ spec: spec(1_000_000, 1000), chunkRows: 200, threads: 1, memoryBytes: 2 ** 40, role: 'render' }),
    (e: unknown) => e instanceof FractalError && e.kind === 'usage' && e.code === 'E_CHUNK_TOO_LARGE' && e.suggestions[0] === 'use --chunk 134 or less',
  );
});
