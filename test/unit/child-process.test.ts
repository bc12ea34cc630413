// The one door to other programs reports a failure the same way whichever library ran it: not on
// PATH, an exit code with the program's own words, or killed at its time limit.
import assert from 'node:assert/strict';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { askCommand, CommandError, runCommand, startDetached } from '../../src/core/child-process.js';

const env = { PATH: process.env['PATH'] };

for (const [name, run] of [['askCommand', askCommand], ['runCommand', runCommand]] as const) {
  test(`${name}: output, a missing program, an exit code, a time limit`, async () => {
    const { stdout, stderr } = await run('sh', ['-c', 'echo out; echo err >&2'], { env, timeoutMs: 10_000 });
    assert.deepEqual([stdout.trim(), stderr.trim()], ['out', 'err']);
    const failure = async (file: string, args: string[], timeoutMs = 10_000): Promise<CommandError> => {
      const error: unknown = await run(file, args, { env, timeoutMs }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof CommandError, String(error));
      return error;
    };
    const missing = await failure('fractal-no-such-program', []);
    assert.deepEqual([missing.notFound, missing.timedOut], [true, false]);
    const exited = await failure('sh', ['-c', 'echo "bad option" >&2; exit 3']);
    assert.deepEqual([exited.notFound, exited.timedOut, exited.exitCode, exited.stderr.trim()], [false, false, 3, 'bad option']);
    const slow = await failure('sleep', ['10'], 200);
    assert.deepEqual([slow.notFound, slow.timedOut], [false, true]);
  });
}

test('startDetached: its output goes to the file, and its end is reported', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-detached-'));
  try {
    const log = join(dir, 'log');
    const fd = openSync(log, 'a');
    const done = await startDetached('sh', ['-c', 'echo to-the-log; exit 4'], { cwd: dir, env, outputFd: fd });
    const killed = await startDetached('sleep', ['10'], { cwd: dir, env, outputFd: fd });
    closeSync(fd);
    assert.ok(done.pid !== undefined && killed.pid !== undefined);
    process.kill(killed.pid, 'SIGTERM');
    assert.deepEqual(await done.exited, { exitCode: 4, signal: undefined });
    assert.deepEqual(await killed.exited, { exitCode: undefined, signal: 'SIGTERM' });
    assert.equal(await readFile(log, 'utf8'), 'to-the-log\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
