// TLS on the Work stream, with a certificate made by openssl for this test: workers that trust
// the leader's certificate render the same PNG; a plain-TCP worker and, under mutual TLS, a worker
// without a client certificate never get in and exit 5.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sha256 } from '../../src/core/image/write-png.js';
import { runCli } from '../helpers/cli.js';
import { startCli } from '../helpers/distributed.js';

const IMAGE = ['--width', '64', '--height', '48', '--smoothness', '1', '--iters', '300'];
let dir: string;
let cert: string;
let key: string;
let expected: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fractal-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  const ref = await runCli(['render', ...IMAGE, '--quiet', '--outfile', join(dir, 'reference.png')], { timeoutMs: 30_000 });
  assert.equal(ref.code, 0, ref.stderr);
  expected = sha256(await readFile(join(dir, 'reference.png')));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('over TLS the workers render the same PNG; a plain-TCP worker never gets in', async () => {
  const runDir = await mkdtemp(join(dir, 'tls-'));
  const leader = startCli(['leader', ...IMAGE, '--host', '127.0.0.1:0', '--workers', '1', '--tls-cert', cert, '--tls-key', key, '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir });
  const [, port] = await leader.waitFor(/listening on 127\.0\.0\.1:(\d+)/);
  const plain = await runCli(['worker', '--host', `127.0.0.1:${port}`, '--run-dir', runDir, '--connect-timeout', '1.5'], { cwd: runDir, timeoutMs: 20_000 });
  assert.equal(plain.code, 5, plain.stderr);
  assert.match(plain.stderr, /could not reach the leader within 1\.5 s/);
  const secure = await runCli(['worker', '--run-dir', runDir, '--tls-ca', cert], { cwd: runDir, timeoutMs: 20_000 });
  assert.equal(secure.code, 0, secure.stderr);
  assert.equal((await leader.exit()).code, 0);
  assert.equal(sha256(await readFile(join(runDir, 'out.png'))), expected);
});

test('with --tls-ca the leader requires a client certificate (mutual TLS)', async () => {
  const runDir = await mkdtemp(join(dir, 'mtls-'));
  const leader = startCli(['leader', ...IMAGE, '--host', '127.0.0.1:0', '--workers', '1', '--tls-cert', cert, '--tls-key', key, '--tls-ca', cert, '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir });
  await leader.waitFor(/listening/);
  const anonymous = await runCli(['worker', '--run-dir', runDir, '--tls-ca', cert, '--connect-timeout', '1.5'], { cwd: runDir, timeoutMs: 20_000 });
  assert.equal(anonymous.code, 5, anonymous.stderr);
  const known = await runCli(['worker', '--run-dir', runDir, '--tls-ca', cert, '--tls-cert', cert, '--tls-key', key], { cwd: runDir, timeoutMs: 20_000 });
  assert.equal(known.code, 0, known.stderr);
  assert.equal((await leader.exit()).code, 0);
  assert.equal(sha256(await readFile(join(runDir, 'out.png'))), expected);
});

test('half a key pair is a usage error', async () => {
  const run = await runCli(['leader', ...IMAGE, '--tls-cert', cert], { cwd: dir, timeoutMs: 20_000 });
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /--tls-cert and --tls-key go together/);
});
