// One errno reads the same whichever writer met it: an output file, a run directory, a token file.
// (atomic-file.ts reads its reasons from the same table; its own tests cover its messages.)
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeErrorReason } from '../../src/core/files/write-error-reason.js';
import { createExplicitDirectory, writeTokenFile } from '../../src/core/submit/run-directory.js';

const errno = (code: string, message = `${code}: system words`): NodeJS.ErrnoException => Object.assign(new Error(message), { code });

test('known errnos in words, any other in the system\'s own', () => {
  assert.equal(writeErrorReason(errno('EACCES')), 'permission denied');
  assert.equal(writeErrorReason(errno('EROFS')), 'the file system is read-only');
  assert.equal(writeErrorReason(errno('ENOTDIR')), 'a part of the path is not a directory');
  assert.equal(writeErrorReason(errno('EXDEV', 'cross-device link')), 'cross-device link');
  assert.equal(writeErrorReason(new Error('no code at all')), 'no code at all');
});

test('a run directory and a token file under a plain file fail with the table\'s reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-write-reason-'));
  try {
    await writeFile(join(dir, 'plain'), '');
    const reasons = await Promise.all([
      createExplicitDirectory(join(dir, 'plain', 'run')).catch((e: Error) => e.message),
      writeTokenFile(join(dir, 'plain', 'token'), 't').catch((e: Error) => e.message),
    ]);
    for (const message of reasons) assert.match(String(message), /: a part of the path is not a directory$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
