// Exit codes and messages as the README states them (issue 10, defect 13): an interrupted run
// exits 130 whichever signal ended it; a read-only directory is called read-only.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, runCli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'fractal-exit-'));
after(() => rmSync(root, { recursive: true, force: true }));

// about 7 s of work on two cores with the native AVX-512 kernel (four times that with WebAssembly):
// long enough to be interrupted in the middle
const LONG = ['--width', '1024', '--height', '768', '--smoothness', '4', '--iters', '20000'];

let interrupted = 0;
const interrupt = async (args: string[], afterMs: number) => {
  const cwd = join(root, `signal-${args[0]}-${++interrupted}`);
  mkdirSync(cwd);
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), afterMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, stderr, left: readdirSync(cwd) };
};

test('SIGTERM on render: exit 130 like SIGINT, no PNG and no temporary file', async () => {
  const result = await interrupt(['render', ...LONG, '--threads', '2', '--quiet'], 2000);
  assert.equal(result.code, 130, result.stderr);
  assert.match(result.stderr, /^Error: interrupted by SIGTERM/);
  assert.deepEqual(result.left, []);
});

test('SIGTERM on run --local: exit 75, the leader kept what was done in its checkpoint, nothing else written', async () => {
  const result = await interrupt(['run', '--local', '1', ...LONG, '--threads', '1', '--quiet'], 3000);
  assert.equal(result.code, 75, result.stderr);
  assert.match(result.stderr, /Error: the leader stopped on SIGTERM with \d+ of \d+ units done; they are kept in the checkpoint/);
  assert.match(result.stderr, /Error: the local job local-\S+ stopped early; its leader kept the units done in a checkpoint/);
  assert.deepEqual(result.left, ['checkpoint.fractal']);
});

test('SIGTERM on run --local --checkpoint-interval 0: exit 130, the tasks stopped, nothing written', async () => {
  const result = await interrupt(['run', '--local', '1', ...LONG, '--threads', '1', '--quiet', '--checkpoint-interval', '0'], 3000);
  assert.equal(result.code, 130, result.stderr);
  assert.match(result.stderr, /Error: the leader stopped on SIGTERM with \d+ of \d+ units done; without checkpoints nothing was kept/);
  assert.match(result.stderr, /Error: the local job local-\S+ was interrupted; its 2 tasks were stopped/);
  assert.deepEqual(result.left, []);
});

test('submit in a read-only directory says it is read-only, not "no such file"', async (t) => {
  const ro = join(root, 'ro');
  mkdirSync(ro);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', ro], { stdio: 'ignore' });
  } catch {
    t.skip('a read-only mount needs root');
    return;
  }
  try {
    const result = await runCli(['submit', '--scheduler', 'local', '--nodes', '2', '--width', '64', '--height', '48', '--smoothness', '1'], { cwd: ro });
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /^Error: cannot write .*\/ro\/runs: the file system is read-only$/m);
    assert.ok(!result.stderr.includes('ENOENT'), result.stderr);
  } finally {
    execFileSync('umount', [ro]);
  }
});
