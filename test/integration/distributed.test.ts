// Distributed rendering with real processes and sockets: a leader and three workers started as
// separate `fractal` processes on loopback, and `fractal run --local 3`, each must write exactly
// the PNG `fractal render` writes, and a results JSON that validates and names every node.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RunResults } from '../../src/core/metrics/results.js';
import { sha256 } from '../../src/core/image/write-png.js';
import { runCli } from '../helpers/cli.js';
import { startCli, validateResultsSchema } from '../helpers/distributed.js';

const IMAGE = ['--width', '160', '--height', '120', '--smoothness', '1', '--palette', 'Plan9', '--xpos', '-0.0091275', '--ypos', '0.7899912', '--escape-radius', '0.01401245'];
let dir: string;
let expected: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fractal-distributed-'));
  const ref = await runCli(['render', ...IMAGE, '--quiet', '--outfile', join(dir, 'reference.png')], { timeoutMs: 30_000 });
  assert.equal(ref.code, 0, ref.stderr);
  expected = sha256(await readFile(join(dir, 'reference.png')));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readResults = async (path: string): Promise<RunResults> => {
  const results = JSON.parse(await readFile(path, 'utf8')) as RunResults;
  assert.deepEqual(await validateResultsSchema(results), [], 'the results JSON validates against schema/results.schema.json');
  return results;
};

test('fractal leader and three fractal worker processes write fractal render\'s PNG', async () => {
  const runDir = await mkdtemp(join(dir, 'leader-'));
  const leader = startCli(['leader', ...IMAGE, '--host', '127.0.0.1:0', '--workers', '3', '--chunk', '3', '--run-dir', runDir, '--outfile', join(runDir, 'out.png'), '--metrics'], { cwd: runDir });
  await leader.waitFor(/leader listening on 127\.0\.0\.1:\d+/);
  const workers = [1, 2, 3].map((rank) => startCli(['worker', '--run-dir', runDir, '--threads', '1', '--rank', String(rank)], { cwd: runDir }));
  const [lead, ...rest] = await Promise.all([leader.exit(), ...workers.map((w) => w.exit())]);
  assert.equal(lead.code, 0, lead.output);
  for (const w of rest) {
    assert.equal(w.code, 0, w.output);
    assert.match(w.output, /worker rank \d done: \d+ units computed/);
  }
  assert.equal(sha256(await readFile(join(runDir, 'out.png'))), expected, 'byte-identical to fractal render');
  const perPixel = Number(lead.output.match(/METRICS LEADER wire: .*\((\d+\.\d+) bytes\/pixel\)/)?.[1]);
  assert.ok(perPixel > 0 && perPixel < 4.5, `${perPixel} bytes a pixel on the wire`);
  const results = await readResults(join(runDir, 'results.json'));
  assert.equal(results.image.sha256, expected);
  assert.deepEqual(results.nodes.map((n) => [n.rank, n.role]), [[0, 'leader'], [1, 'worker'], [2, 'worker'], [3, 'worker']]);
  for (const node of results.nodes) assert.equal(node.host, hostname());
  assert.equal(results.nodes.slice(1).reduce((sum, n) => sum + n.units, 0), results.work.units);
  assert.equal(results.work.units, Math.ceil(120 / 3));
  assert.equal(results.options.chunkRows, 3);
  await assert.rejects(stat(join(runDir, 'rendezvous.json')), 'the leader removes its rendezvous file');
});

test('fractal run --local 3 starts a leader and three workers and writes the same PNG', async () => {
  const runDir = await mkdtemp(join(dir, 'local-'));
  const run = await runCli(['run', '--local', '3', ...IMAGE, '--threads', '1', '--outfile', join(runDir, 'local.png')], { cwd: runDir, timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Mandelbrot set rendered into `.*local\.png`/);
  assert.match(run.stderr, /\[rank 3\] worker rank 3 done/);
  assert.equal(sha256(await readFile(join(runDir, 'local.png'))), expected);
  const results = await readResults(join(runDir, 'results.json'));
  assert.equal(results.scheduler.name, 'local');
  assert.equal(results.scheduler.size, 4);
  assert.match(results.scheduler.jobId ?? '', /^local-/);
  assert.equal(results.nodes.length, 4);
  assert.equal(results.options.workersExpected, 3);
  assert.equal(results.options.threadsPerNode, 1);
  assert.ok(results.nodes.every((n) => !n.lost && n.process !== null));
});

test('a picture of several PNG segments: fractal render\'s bytes for any workers, threads and chunk, render\'s too', async () => {
  // rows of 4097 filtered bytes: segments of 256 rows, so 3 segments that no split of the work lines up with
  const segmented = ['--width', '1024', '--height', '700', '--smoothness', '1', '--iters', '150', '--quiet'];
  const runDir = await mkdtemp(join(dir, 'segments-'));
  const file = (name: string) => join(runDir, name);
  const commands: Array<[string, string[]]> = [
    ['render-1.png', ['render', '--threads', '1']],
    ['render-2.png', ['render', '--threads', '2', '--chunk', '7']],
    ['local-1.png', ['run', '--local', '1', '--threads', '2', '--chunk', '3']],
    ['local-3.png', ['run', '--local', '3', '--threads', '1', '--chunk', '40', '--no-compress']],
  ];
  const hashes = new Set<string>();
  for (const [name, args] of commands) {
    const results = args[0] === 'run' ? ['--results', file(`${name}.json`)] : [];
    const run = await runCli([...args, ...segmented, '--outfile', file(name), ...results], { cwd: runDir, timeoutMs: 60_000 });
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    hashes.add(sha256(await readFile(file(name))));
  }
  assert.equal(hashes.size, 1, 'the bytes depend on the workers, threads or chunk');
  const results = await readResults(file('local-3.png.json'));
  assert.equal(results.image.sha256, [...hashes][0]);
});

test('fractal run --local --json answers with the results of the run', async () => {
  const runDir = await mkdtemp(join(dir, 'json-'));
  const run = await runCli(['run', '--local', '1', ...IMAGE, '--outfile', join(runDir, 'j.png'), '--results', join(runDir, 'r.json'), '--json'], { cwd: runDir, timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout) as { size: number; exits: Array<{ code: number }>; results: RunResults };
  assert.equal(answer.size, 2);
  assert.deepEqual(answer.exits.map((e) => e.code), [0, 0]);
  assert.equal(answer.results.image.sha256, expected);
});

test('fractal run --local inside an allocation: its tasks take none of the allocation\'s rank, size, job or hosts', async () => {
  const runDir = await mkdtemp(join(dir, 'nested-'));
  const outer = { SLURM_PROCID: '5', SLURM_NTASKS: '8', FRACTAL_RANK: '3', FRACTAL_SIZE: '9', FRACTAL_JOB_ID: 'outer-job', FRACTAL_NODELIST: 'outer[1-9]' };
  const run = await runCli(['run', '--local', '1', ...IMAGE, '--quiet', '--outfile', join(runDir, 'n.png')], { cwd: runDir, env: outer, timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(sha256(await readFile(join(runDir, 'n.png'))), expected);
  const results = await readResults(join(runDir, 'results.json'));
  assert.deepEqual([results.scheduler.name, results.scheduler.size, results.scheduler.nodeList], ['local', 2, null]);
  assert.match(results.scheduler.jobId ?? '', /^local-/);
});

test('Ctrl-C on a waiting leader: exit 130, the worker is stopped, nothing is written (no checkpoint either)', async () => {
  const runDir = await mkdtemp(join(dir, 'interrupted-'));
  const leader = startCli(['leader', ...IMAGE, '--host', '127.0.0.1:0', '--workers', '2', '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir });
  await leader.waitFor(/leader listening on 127\.0\.0\.1:\d+/);
  const worker = startCli(['worker', '--run-dir', runDir, '--threads', '1', '--rank', '1'], { cwd: runDir });
  await leader.waitFor(/worker rank 1 joined/);
  leader.kill('SIGINT');
  const [lead, work] = await Promise.all([leader.exit(), worker.exit()]);
  assert.equal(lead.code, 130, lead.output);
  assert.match(lead.output, /Error: the leader was interrupted \(SIGINT\) before any unit was done; nothing was written/);
  assert.equal(work.code, 0, work.output);
  assert.match(work.output, /stopped by the leader/);
  await assert.rejects(stat(join(runDir, 'out.png')));
  await assert.rejects(stat(join(runDir, 'checkpoint.fractal')));
  await assert.rejects(stat(join(runDir, 'results.json')));
});
