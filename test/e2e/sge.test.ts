// The real thing for Grid Engine: a multi-node cluster on this machine (Debian's gridengine-master,
// -exec and -client, one network namespace per node; scripts/sge-cluster/up.sh installs and starts
// it), `fractal submit --scheduler sge --nodes 4 --wait` through the real qsub, its tasks started by
// Open MPI's mpirun tightly integrated (qrsh -inherit), and checks: the job ended well by qacct,
// four hosts took part, the PNG is byte for byte `fractal render`'s, and nothing is left running;
// a job killed at its time limit resumes from its checkpoints.
// Needs root. Without root the tests are skipped with the reason; in CI (CI=true) they fail instead.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { processesGone, processesMentioning } from '../../scripts/slurm-cluster/cluster.js';
import {
  holdSgeClusterLock,
  sge,
  sgeClusterDown,
  sgeClusterEnv,
  sgeClusterUnavailableReason,
  sgeClusterUp,
  SGE_NODE_NAMES,
} from '../../scripts/sge-cluster/cluster.js';
import { runCli } from '../helpers/cli.js';

const NODES = 4;
const unavailable = sgeClusterUnavailableReason();
const inCI = process.env['CI'] === 'true';
if (unavailable && !inCI) process.stderr.write(`Grid Engine end-to-end tests skipped: ${unavailable}\n`);
const skip = unavailable && !inCI ? unavailable : false;

const SMALL = ['--width', '256', '--height', '192', '--smoothness', '1'];
/** The jobs run as root, as everything on this machine does: Open MPI asks for that in so many words. */
const AS_ROOT = ['--setup', 'export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1'];
let work: string;
let lock: { release: () => void } | undefined;
let started = false;

before(async () => {
  if (skip) return;
  if (unavailable) throw new Error(`CI=true but the Grid Engine cluster cannot start: ${unavailable}`);
  lock = await holdSgeClusterLock();
  started = true;
  sgeClusterUp(NODES);
  work = mkdtempSync(join(tmpdir(), 'fractal-sge-e2e-'));
});

after(() => {
  if (skip) return;
  try {
    if (started) sgeClusterDown(NODES);
  } finally {
    lock?.release();
    if (work) rmSync(work, { recursive: true, force: true });
  }
});

const submit = (args: string[], timeoutMs = 150_000) =>
  runCli(['submit', '--scheduler', 'sge', ...args], { cwd: work, env: { PATH: sgeClusterEnv(NODES)['PATH'], FRACTAL_SCHEDULER: '' }, timeoutMs });

const jobIdOf = (runDir: string): string => JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8')).job.id;

test(`the Grid Engine cluster is up: ${NODES} execution hosts report`, { skip }, () => {
  const hosts = sge(NODES, 'qhost', []).split('\n').slice(3).map((line) => line.split(/\s+/)[0]);
  assert.deepEqual(hosts.sort(), SGE_NODE_NAMES(NODES));
});

test(`fractal submit --scheduler sge --nodes ${NODES} --wait: render's PNG from ${NODES} hosts, nothing left running`, { skip, timeout: 200_000 }, async () => {
  const runDir = join(work, 'four');
  const result = await submit(['--nodes', String(NODES), '--wait', '--time', '10', '--run-dir', runDir, ...AS_ROOT, ...SMALL]);
  const log = (() => {
    try {
      return readFileSync(join(runDir, 'job.log'), 'utf8');
    } catch {
      return '(no job.log)';
    }
  })();
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}\n${log}`);
  const jobId = jobIdOf(runDir);
  assert.match(jobId, /^\d+$/);
  assert.match(result.stdout, new RegExp(`^submitted job ${jobId}: ${NODES} node\\(s\\), ${NODES} tasks`, 'm'));
  const submission = JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8'));
  assert.equal(submission.outcome.state, 'completed');
  assert.equal(submission.launcher, 'mpirun');

  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  assert.equal(results.scheduler.name, 'mpi');
  assert.equal(results.scheduler.jobId, jobId, 'the job id from Grid Engine\'s JOB_ID');
  assert.equal(results.scheduler.size, NODES);
  assert.deepEqual(results.nodes.map((n: { host: string }) => n.host).sort(), SGE_NODE_NAMES(NODES), 'one task on each host');
  assert.equal(results.nodes.find((n: { role: string }) => n.role === 'leader').rank, 0);

  const rendered = join(work, 'render.png');
  const render = await runCli(['render', '--quiet', ...SMALL, '--outfile', rendered], { cwd: work });
  assert.equal(render.code, 0, render.stderr);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(readFileSync(rendered)), 'the PNG differs from fractal render\'s');

  // Grid Engine's own account of it: the job script and every task ended 0
  const qacct = sge(NODES, 'qacct', ['-j', jobId]);
  assert.match(qacct, /^exit_status\s+0\s*$/m);
  assert.doesNotMatch(qacct, /^exit_status\s+[1-9]/m);
  assert.match(qacct, /^category\s+.*-pe mpi 4/m);
  assert.deepEqual(processesMentioning(runDir), [], 'processes of the job still running');
  assert.equal(sge(NODES, 'qstat', ['-u', '*']), '', 'the queue is empty');
});

test('the directive values fractal writes reach Grid Engine as they are: job name, queue, walltime, working directory', { skip, timeout: 60_000 }, async () => {
  const runDir = join(work, 'held');
  // held (-h): Grid Engine queues it, so what it read can be asked back, and never runs it
  const result = await submit(['--nodes', '2', '--job-name', 'fractal-2n.v1+x', '--queue', 'all.q', '--time', '1:30:00', '--directive', '-h', '--run-dir', runDir, ...SMALL]);
  assert.equal(result.code, 0, result.stderr);
  const jobId = jobIdOf(runDir);
  try {
    const job = sge(NODES, 'qstat', ['-j', jobId]);
    assert.match(job, /^job_name:\s+fractal-2n\.v1\+x$/m);
    assert.match(job, new RegExp(`^cwd:\\s+${runDir}$`, 'm'));
    assert.match(job, /^hard resource_list:\s+h_rt=5400$/m);
    assert.match(job, /^parallel environment:\s+mpi range: 2$/m);
  } finally {
    sge(NODES, 'qdel', [jobId]);
  }
});

test('Grid Engine refusing a job (a parallel environment it does not have): exit 4 with its own message', { skip, timeout: 60_000 }, async () => {
  const result = await submit(['--nodes', '2', '--parallel-environment', 'nosuch', ...SMALL]);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /^Error: qsub failed \(exit \d+\): .*nosuch/m);
  assert.match(result.stderr, /hint: .*--dry-run/);
});

test('a job that fails on the cluster: --wait exits 5 with how Grid Engine saw it end', { skip, timeout: 90_000 }, async () => {
  const result = await submit(['--nodes', '2', '--wait', '--setup', 'echo "setup says no" >&2; exit 3', '--run-dir', join(work, 'failing'), ...SMALL]);
  assert.equal(result.code, 5, result.stderr);
  assert.match(result.stderr, /^Error: job \d+ \(.*failing\) ended FAILED \(exit_status 3\)$/m);
  assert.match(result.stderr, /\| setup says no/);
});

/** Grid Engine says the job ended when its master task did; its other tasks stop in the seconds after. */
const TASKS_GONE_MS = 30_000;

// Much of the set in view at many iterations: well over a minute of work for two single-threaded
// workers, so that no 30 s attempt can make the whole picture and the one that ends it has resumed.
// On a machine with AVX2 alone (2.5 G iterations/s a core) about 100 s of compute: five attempts or so.
const SLOW = ['--width', '768', '--height', '384', '--smoothness', '1', '--xpos', '-0.5', '--ypos', '0', '--escape-radius', '3', '--iters', '5000000', '--chunk', '4'];

test('a job killed at its time limit (h_rt): nothing left running, its checkpoint kept; --resume finishes render\'s picture', { skip, timeout: 900_000 }, async () => {
  const runDir = join(work, 'time-limit');
  const first = await submit(['--nodes', '3', '--wait', '--time', '30s', '--checkpoint-interval', '2', '--threads', '1', '--run-dir', runDir, ...AS_ROOT, ...SLOW], 200_000);
  assert.equal(first.code, 5, first.stderr);
  // Each execd enforces h_rt on its own tasks. Either qmaster's kill of the master task comes
  // first (failed 37), or a remote host's kill does: mpirun loses that daemon, SIGTERMs the leader,
  // and the leader checkpoints and exits 75 just before its own kill. Both end the job at its limit.
  const atLimit = /ended failed 37 *: qmaster enforced h_rt/.test(first.stderr);
  if (!atLimit) assert.match(first.stderr, /ended FAILED \(exit_status 75\)/);
  assert.equal(JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8')).outcome.state, atLimit ? 'timeout' : 'failed');
  assert.ok(existsSync(join(runDir, 'checkpoint.fractal')), 'the checkpoint is kept');
  assert.ok(!existsSync(join(runDir, 'results.json')));
  // Grid Engine kills the job script, mpirun and the orteds; the tasks, in process groups of their
  // own, are not always among what it kills: they stop themselves once their launcher is gone
  assert.deepEqual(await processesGone(runDir, TASKS_GONE_MS), [], 'every task stopped with the job');
  let attempts = 1;
  for (; attempts < 12 && !existsSync(join(runDir, 'results.json')); attempts++) {
    const env = { PATH: sgeClusterEnv(NODES)['PATH'], FRACTAL_SCHEDULER: '' };
    const again = await runCli(['submit', '--resume', runDir, '--wait'], { cwd: work, env, timeoutMs: 200_000 });
    assert.ok(again.code === 0 || again.code === 5, again.stderr);
    assert.deepEqual(await processesGone(runDir, TASKS_GONE_MS), []);
  }
  assert.ok(existsSync(join(runDir, 'results.json')), `not finished after ${attempts} attempts`);
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  assert.ok(results.run.attempt >= 2 && results.work.resumedUnits > 0, `resumed from the checkpoint: ${JSON.stringify([results.run, results.work])}`);
  const rendered = join(work, 'slow-render.png');
  const render = await runCli(['render', '--quiet', ...SLOW, '--outfile', rendered], { cwd: work, timeoutMs: 300_000 });
  assert.equal(render.code, 0, render.stderr);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(readFileSync(rendered)), 'the PNG differs from fractal render\'s');
});
