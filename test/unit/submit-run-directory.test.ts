// Run directories are never shared or overwritten, and the job's token is its owner's alone.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateToken, readTokenFile } from '../../src/core/cluster/job-token.js';
import { FractalError } from '../../src/core/errors.js';
import {
  checkExplicitDirectory,
  createUniqueDirectory,
  formatRunStamp,
  planUniqueDirectory,
  runPathsFor,
  writeTokenFile,
} from '../../src/core/submit/run-directory.js';

const root = mkdtempSync(join(tmpdir(), 'fractal-rundir-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('two submissions in the same second get two directories, in order', async () => {
  const runs = join(root, 'runs');
  assert.equal(planUniqueDirectory(runs, 'x'), join(runs, 'x'));
  const created = await Promise.all([createUniqueDirectory(runs, 'x'), createUniqueDirectory(runs, 'x'), createUniqueDirectory(runs, 'x')]);
  assert.deepEqual([...created].sort(), [join(runs, 'x'), join(runs, 'x-2'), join(runs, 'x-3')]);
  assert.equal(planUniqueDirectory(runs, 'x'), join(runs, 'x-4'));
});

test('an explicit --run-dir may be new or empty, never one holding a run', async () => {
  assert.equal(await checkExplicitDirectory(join(root, 'new')), 'missing');
  mkdirSync(join(root, 'empty'));
  assert.equal(await checkExplicitDirectory(join(root, 'empty')), 'empty');
  mkdirSync(join(root, 'used'));
  writeFileSync(join(root, 'used', 'results.json'), '{}');
  await assert.rejects(
    checkExplicitDirectory(join(root, 'used')),
    (e: unknown) => e instanceof FractalError && e.kind === 'input' && e.code === 'E_RUN_DIR_EXISTS' && /never overwrites/.test(e.message),
  );
  writeFileSync(join(root, 'file'), '');
  await assert.rejects(checkExplicitDirectory(join(root, 'file')), (e: unknown) => e instanceof FractalError && /not a directory/.test(e.message));
});

test('the token file is 0600 and is never overwritten', async () => {
  const path = join(root, 'token');
  await writeTokenFile(path, 'abc');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(readFileSync(path, 'utf8'), 'abc\n');
  await assert.rejects(writeTokenFile(path, 'other'), (e: unknown) => e instanceof FractalError && e.code === 'E_RUN_DIR_WRITE');
  assert.equal(readFileSync(path, 'utf8'), 'abc\n');
});

test('the token submit writes is one every task accepts through --token-file', async () => {
  const path = join(root, 'job-token');
  const token = generateToken();
  await writeTokenFile(path, token);
  assert.equal(await readTokenFile(path), token);
});

test('run paths: absolute, the PNG resolved against the run directory', () => {
  const paths = runPathsFor('/r/run1', 'pics/m.png');
  assert.deepEqual(paths, {
    runDir: '/r/run1',
    script: '/r/run1/job.sh',
    log: '/r/run1/job.log',
    tokenFile: '/r/run1/token',
    outfile: '/r/run1/pics/m.png',
    results: '/r/run1/results.json',
  });
  assert.equal(runPathsFor('/r/run1', '/elsewhere/m.png').outfile, '/elsewhere/m.png');
  assert.equal(formatRunStamp(new Date(2026, 10, 2, 3, 4, 5)), '20261102-030405');
});
