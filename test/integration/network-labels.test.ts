// The network as a measured variable, end to end: real processes on loopback, one of them behind
// the delaying relay. Labels given to `fractal run` land in the results; every worker reports its
// round trips, starvation and units in flight; a worker 20 ms away measures about 20 ms and
// still draws the same PNG as `fractal render`.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDelayRelay } from '../../scripts/delay-relay.js';
import { readRendezvous } from '../../src/core/cluster/rendezvous.js';
import { sha256 } from '../../src/core/image/write-png.js';
import type { RunResults } from '../../src/core/metrics/results.js';
import { runCli } from '../helpers/cli.js';
import { validateResultsSchema } from '../helpers/distributed.js';

const IMAGE = ['--width', '160', '--height', '120', '--smoothness', '2', '--chunk', '2'];
let dir: string;
let expected: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fractal-network-'));
  const ref = await runCli(['render', ...IMAGE, '--quiet', '--outfile', join(dir, 'reference.png')], { timeoutMs: 30_000 });
  assert.equal(ref.code, 0, ref.stderr);
  expected = sha256(await readFile(join(dir, 'reference.png')));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('fractal run --label records the labels; --metrics prints each worker\'s network figures', async () => {
  const runDir = await mkdtemp(join(dir, 'labels-'));
  const args = ['run', '--local', '2', ...IMAGE, '--threads', '1', '--label', 'rtt=0ms', '--label', 'study=net', '--metrics', '--outfile', join(runDir, 'l.png')];
  const run = await runCli(args, { cwd: runDir, timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  const results = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8')) as RunResults;
  assert.deepEqual(await validateResultsSchema(results), []);
  assert.deepEqual(results.labels, { rtt: '0ms', study: 'net' });
  for (const worker of results.nodes.slice(1)) {
    const network = worker.network!;
    assert.ok(network.rttMs!.samples >= 1, 'at least the first probe came back');
    assert.ok(network.inFlight!.max >= 1 && network.window!.max >= 4);
    assert.ok(network.starvedMs! >= 0);
  }
  assert.ok(results.nodes[0]!.network!.writeWaitMs!.max >= 0);
  assert.match(run.stdout + run.stderr, /METRICS LEADER network: the network is (not )?the bottleneck: workers starved \d+% of the render; median RTT [\d.]+ ms/);
  assert.match(run.stdout + run.stderr, /METRICS WORKER 1 network: rtt median [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms; starved/);
});

test('a bad --label is a usage error naming the flag', async () => {
  const run = await runCli(['run', '--rank', '0', '--size', '2', ...IMAGE, '--label', 'no-equals-sign'], { cwd: dir, timeoutMs: 30_000 });
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /--label "no-equals-sign": expected KEY=VALUE, but there is no =/);
});

test('a worker behind a 20 ms round trip measures it, and the PNG is fractal render\'s', async () => {
  const runDir = await mkdtemp(join(dir, 'relay-'));
  const common = [...IMAGE, '--size', '2', '--token', 'relay-token', '--run-dir', runDir, '--quiet', '--outfile', join(runDir, 'r.png')];
  const leader = runCli(['run', '--rank', '0', '--port', '0', '--bind', '127.0.0.1', ...common], { cwd: runDir, timeoutMs: 60_000 });
  let address: string | undefined;
  for (let i = 0; i < 400 && !address; i++) {
    const reading = await readRendezvous(runDir, null);
    if (reading.state === 'found') address = reading.rendezvous.address;
    else await new Promise((r) => setTimeout(r, 25));
  }
  assert.ok(address, 'the leader wrote its rendezvous file');
  const relay = await startDelayRelay({ target: { host: '127.0.0.1', port: Number(address.split(':').pop()) }, delayMs: 10 });
  try {
    const worker = await runCli(['run', '--rank', '1', '--host', `127.0.0.1:${relay.port}`, '--threads', '1', ...common], { cwd: runDir, timeoutMs: 60_000 });
    const done = await leader;
    assert.equal(worker.code, 0, worker.stderr);
    assert.equal(done.code, 0, done.stderr);
  } finally {
    await relay.close();
  }
  assert.equal(sha256(await readFile(join(runDir, 'r.png'))), expected);
  const results = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8')) as RunResults;
  const rtt = results.nodes[1]!.network!.rttMs!;
  assert.ok(rtt.median >= 19, `median RTT ${rtt.median} ms through a relay adding 10 ms each way`);
  assert.ok(rtt.median < 200, `median RTT ${rtt.median} ms`);
  assert.ok(relay.bytes.up > 0 && relay.bytes.down > 0);
});
