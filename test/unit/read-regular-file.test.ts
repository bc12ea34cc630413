// Only regular files are read, and only up to a size (issue 10, defect 10): a FIFO or a device
// is refused at once instead of blocking the read past every timeout.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FractalError } from '../../src/core/errors.js';
import { readRegularFile } from '../../src/core/files/read-regular-file.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-regular-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const refused = (code: string, fragment: string) => (e: unknown) =>
  e instanceof FractalError && e.kind === 'input' && e.code === code && e.message.includes(fragment);

test('a regular file is read whole', async () => {
  const path = join(dir, 'plain.txt');
  writeFileSync(path, 'x'.repeat(200_000));
  assert.equal((await readRegularFile(path, { maxBytes: 1_000_000 })).length, 200_000);
});

test('a FIFO nobody writes to is refused at once, naming what it is', { timeout: 5000 }, async () => {
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  await assert.rejects(readRegularFile(fifo, { maxBytes: 1024, label: 'the template pipe' }), refused('E_NOT_REGULAR_FILE', 'the template pipe is a named pipe (FIFO), not a regular file'));
});

test('devices and directories are refused too', { timeout: 5000 }, async () => {
  await assert.rejects(readRegularFile('/dev/zero', { maxBytes: 1024 }), refused('E_NOT_REGULAR_FILE', '/dev/zero is a character device'));
  await assert.rejects(readRegularFile(dir, { maxBytes: 1024 }), refused('E_NOT_REGULAR_FILE', 'is a directory'));
});

test('a file larger than the bound is refused before it is read', async () => {
  const path = join(dir, 'big.txt');
  writeFileSync(path, 'x'.repeat(2048));
  await assert.rejects(readRegularFile(path, { maxBytes: 1024 }), refused('E_FILE_TOO_LARGE', 'holds 2.0 KiB or more; expected at most 1.0 KiB'));
});

test('the open\'s own errors come through as they are, for the caller\'s words', async () => {
  await assert.rejects(readRegularFile(join(dir, 'missing'), { maxBytes: 1024 }), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
});
