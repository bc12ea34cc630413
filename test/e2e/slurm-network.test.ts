// Shaped links in the real Slurm cluster: up.sh with FRACTAL_SLURM_RATE and FRACTAL_SLURM_DELAY
// measures both before it reports the cluster up (it fails otherwise), and a labelled job on it
// completes with render's PNG, the labels in its results and its workers' round trips to the
// leader at least the added delay. Needs root and network namespaces; skipped with the reason
// otherwise (failed in CI).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chooseClusterMode, clusterDown, clusterEnv, clusterUnavailableReason, clusterUp, holdClusterLock, type ClusterOptions } from '../../scripts/slurm-cluster/cluster.js';
import { sha256 } from '../../src/core/image/write-png.js';
import type { RunResults } from '../../src/core/metrics/results.js';
import { runCli } from '../helpers/cli.js';

const inCI = process.env['CI'] === 'true';
const mode = clusterUnavailableReason() === null ? chooseClusterMode() : null;
const unavailable = clusterUnavailableReason() ?? (mode === 'netns' ? null : 'link shaping needs network namespaces (the loopback mode shares one stack)');
if (unavailable && !inCI) process.stderr.write(`slurm network tests skipped: ${unavailable}\n`);
const skip = unavailable && !inCI ? unavailable : false;

const IMAGE = ['--width', '256', '--height', '192', '--smoothness', '2'];
const cluster: ClusterOptions = { nodes: 3, mode: 'netns', rate: '100mbit', delay: '10ms' };
let work: string;
let lock: { release: () => void } | undefined;
let started = false;

before(async () => {
  if (skip) return;
  if (unavailable) throw new Error(`CI=true but the shaped Slurm cluster cannot start: ${unavailable}`);
  lock = await holdClusterLock();
  started = true;
  clusterUp(cluster);
  work = mkdtempSync(join(tmpdir(), 'fractal-slurm-network-'));
});

after(() => {
  if (skip) return;
  try {
    if (started) clusterDown(cluster);
  } finally {
    lock?.release();
    if (work) rmSync(work, { recursive: true, force: true });
  }
});

test('a labelled job on links of 100mbit and +10 ms completes, records its labels and measures the delay', { skip, timeout: 180_000 }, async () => {
  const ref = await runCli(['render', ...IMAGE, '--quiet', '--outfile', join(work, 'reference.png')], { timeoutMs: 60_000 });
  assert.equal(ref.code, 0, ref.stderr);
  const runDir = join(work, 'shaped');
  const args = ['submit', '--scheduler', 'slurm', '--nodes', '3', '--threads', '1', ...IMAGE, '--label', 'rate=100mbit', '--label', 'delay=10ms', '--wait', '--run-dir', runDir];
  const result = await runCli(args, { cwd: work, env: { PATH: clusterEnv(cluster)['PATH'], FRACTAL_SCHEDULER: '' }, timeoutMs: 150_000 });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.equal(sha256(readFileSync(join(runDir, 'mandelbrot.png'))), sha256(readFileSync(join(work, 'reference.png'))));
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
  assert.deepEqual(results.labels, { delay: '10ms', rate: '100mbit' });
  assert.equal(readFileSync('/run/fractal-slurm/network', 'utf8').trim(), 'rate=100mbit delay=10ms');
  for (const worker of results.nodes.slice(1)) {
    const rtt = worker.network!.rttMs!;
    assert.ok(rtt.samples >= 1 && rtt.median >= 10, `rank ${worker.rank} on ${worker.host}: median round trip ${rtt.median} ms, expected at least the added 10 ms`);
  }
});
