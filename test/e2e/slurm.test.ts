// The real thing: a multi-node Slurm cluster on this machine (Debian's slurmctld/slurmd/munge, one
// network namespace per node; scripts/slurm-cluster/up.sh installs and starts it, about 9 s on a
// fresh machine), `fractal submit --scheduler slurm --nodes 4 --wait` through the real sbatch, and
// checks: the job COMPLETED, four nodes took part, the PNG is byte for byte `fractal render`'s, and
// no process of the job is left on any node.
// Needs root. Without root the tests are skipped with the reason; in CI (CI=true) they fail instead.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  chooseClusterMode,
  clusterDown,
  clusterEnv,
  clusterUnavailableReason,
  clusterUp,
  holdClusterLock,
  NODE_NAMES,
  processesMentioning,
  slurm,
  taskPidOfRank,
  type ClusterOptions,
} from '../../scripts/slurm-cluster/cluster.js';
import { whenKept } from '../helpers/checkpoint-watch.js';
import { runCli } from '../helpers/cli.js';

const NODES = 4;
const unavailable = clusterUnavailableReason();
const inCI = process.env['CI'] === 'true';
if (unavailable && !inCI) process.stderr.write(`slurm end-to-end tests skipped: ${unavailable}\n`);
const skip = unavailable && !inCI ? unavailable : false;

const SMALL = ['--width', '256', '--height', '192', '--smoothness', '1'];
let cluster: ClusterOptions;
let work: string;
let lock: { release: () => void } | undefined;
let clusterStarted = false;

before(async () => {
  if (skip) return;
  // in CI a machine without root is a broken CI, not a reason to skip
  if (unavailable) throw new Error(`CI=true but the Slurm cluster cannot start: ${unavailable}`);
  lock = await holdClusterLock();
  cluster = { nodes: NODES, mode: chooseClusterMode() };
  clusterStarted = true;
  clusterUp(cluster);
  work = mkdtempSync(join(tmpdir(), 'fractal-slurm-e2e-'));
});

after(() => {
  if (skip) return;
  try {
    if (clusterStarted) clusterDown(cluster);
  } finally {
    lock?.release();
    if (work) rmSync(work, { recursive: true, force: true });
  }
});

const submit = (args: string[], timeoutMs = 120_000) =>
  runCli(['submit', '--scheduler', 'slurm', ...args], { cwd: work, env: { PATH: clusterEnv(cluster)['PATH'], FRACTAL_SCHEDULER: '' }, timeoutMs });

const jobState = (id: string): string => slurm(cluster, 'squeue', ['--noheader', '--jobs', id, '--states', 'all', '--format', '%T']);

test(`the cluster is up: ${NODES} nodes idle`, { skip }, () => {
  const idle = slurm(cluster, 'sinfo', ['--noheader', '--Node', '--states', 'idle', '--format', '%N']).split('\n');
  assert.deepEqual([...new Set(idle)].sort(), NODE_NAMES(NODES));
});

test(`fractal submit --nodes ${NODES} --wait: the job completes on ${NODES} nodes with render's PNG, and leaves no process behind`, { skip, timeout: 180_000 }, async () => {
  const runDir = join(work, 'four');
  const result = await submit(['--nodes', String(NODES), '--wait', '--run-dir', runDir, ...SMALL]);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}\n${readFileSync(join(runDir, 'job.log'), 'utf8')}`);

  const submission = JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8'));
  const jobId: string = submission.job.id;
  assert.match(jobId, /^\d+$/);
  assert.match(result.stdout, new RegExp(`^submitted job ${jobId}: ${NODES} node\\(s\\), ${NODES} tasks`, 'm'));
  assert.match(result.stdout, /image +four\/mandelbrot\.png \(256×192/);
  assert.equal(jobState(jobId), 'COMPLETED');
  assert.equal(submission.outcome.state, 'completed');

  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  assert.equal(results.scheduler.name, 'slurm');
  assert.equal(results.scheduler.jobId, jobId);
  assert.equal(results.scheduler.size, NODES);
  assert.equal(results.nodes.length, NODES);
  assert.deepEqual(results.nodes.map((n: { host: string }) => n.host).sort(), NODE_NAMES(NODES), 'one task on each node');
  const leader = results.nodes.find((n: { role: string }) => n.role === 'leader');
  assert.equal(leader.rank, 0);
  assert.ok(results.nodes.filter((n: { role: string; rows: number }) => n.role === 'worker' && n.rows > 0).length >= 1, 'workers computed rows');

  const rendered = join(work, 'render.png');
  const render = await runCli(['render', '--quiet', ...SMALL, '--outfile', rendered], { cwd: work });
  assert.equal(render.code, 0, render.stderr);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(readFileSync(rendered)), 'the PNG differs from fractal render\'s');

  assert.deepEqual(processesMentioning(runDir), [], 'processes of the job still running');
});

test(`--launcher mpirun: Open MPI starts the tasks on the ${NODES} nodes (its daemons through srun), render's PNG`, { skip, timeout: 180_000 }, async () => {
  const runDir = join(work, 'mpirun');
  // the jobs run as root here: Open MPI wants that said (the environment form of --allow-run-as-root)
  const asRoot = ['--setup', 'export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1'];
  const result = await submit(['--launcher', 'mpirun', '--nodes', String(NODES), '--wait', '--run-dir', runDir, ...asRoot, ...SMALL]);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}\n${readFileSync(join(runDir, 'job.log'), 'utf8')}`);
  assert.match(readFileSync(join(runDir, 'job.sh'), 'utf8'), new RegExp(`^mpirun -n ${NODES} \\\\$`, 'm'));
  const jobId = jobIdOf(runDir);
  assert.equal(jobState(jobId), 'COMPLETED');
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  // the ranks are Open MPI's (each orted srun started has a SLURM_PROCID of its own), the job Slurm's
  assert.equal(results.scheduler.name, 'mpi');
  assert.equal(results.scheduler.jobId, jobId);
  assert.deepEqual(results.nodes.map((n: { rank: number }) => n.rank).sort(), [0, 1, 2, 3]);
  assert.deepEqual(results.nodes.map((n: { host: string }) => n.host).sort(), NODE_NAMES(NODES), 'one task on each node');
  const rendered = join(work, 'render.png');
  if (!existsSync(rendered)) assert.equal((await runCli(['render', '--quiet', ...SMALL, '--outfile', rendered], { cwd: work })).code, 0);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(readFileSync(rendered)), 'the PNG differs from fractal render\'s');
  assert.deepEqual(processesMentioning(runDir), [], 'processes of the job still running');
});

test('a job name full of shell syntax reaches Slurm as the name it is', { skip, timeout: 60_000 }, async () => {
  const names = ['x; rm -rf ~', 'say "hi" $(id) `id`', "it's #1 \\o/"];
  for (const [i, name] of names.entries()) {
    // held: Slurm queues it (so its name can be read back) and never runs it
    const result = await submit(['--nodes', '2', '--job-name', name, '--directive', '--hold', '--run-dir', join(work, `held-${i}`), ...SMALL]);
    assert.equal(result.code, 0, result.stderr);
    const jobId: string = JSON.parse(readFileSync(join(work, `held-${i}`, 'submit.json'), 'utf8')).job.id;
    try {
      assert.equal(slurm(cluster, 'squeue', ['--noheader', '--jobs', jobId, '--format', '%j']), name);
    } finally {
      slurm(cluster, 'scancel', [jobId]);
    }
  }
});

test('Slurm refusing a job (more nodes than it has): exit 4 with its own message', { skip, timeout: 60_000 }, async () => {
  const result = await submit(['--nodes', String(NODES + 5), ...SMALL]);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /^Error: sbatch failed \(exit 1\): sbatch: error: Batch job submission failed: \S/m);
  assert.match(result.stderr, /hint: .*--dry-run/);
});

test('a job that fails on the cluster: --wait exits 5 with its state and the end of its log', { skip, timeout: 60_000 }, async () => {
  const result = await submit(['--nodes', '2', '--wait', '--setup', 'echo "setup says no" >&2; exit 3', '--run-dir', join(work, 'failing'), ...SMALL]);
  assert.equal(result.code, 5, result.stderr);
  assert.match(result.stderr, /^Error: job \d+ \(.*failing\) ended FAILED$/m);
  assert.match(result.stderr, /\| setup says no/);
});

test('a sweep on the cluster: one job per node count, grouped, each with its results', { skip, timeout: 180_000 }, async () => {
  const sweepDir = join(work, 'sweep');
  const result = await submit(['--nodes', '2,4', '--wait', '--run-dir', sweepDir, ...SMALL]);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  const sweep = JSON.parse(readFileSync(join(sweepDir, 'sweep.json'), 'utf8'));
  assert.deepEqual(sweep.points.map((p: { runDir: string; ok: boolean }) => [p.runDir, p.ok]), [['n2-r1', true], ['n4-r1', true]]);
  assert.deepEqual(readdirSync(sweepDir).sort(), ['n2-r1', 'n4-r1', 'sweep.json']);
  for (const [point, nodes] of [['n2-r1', 2], ['n4-r1', 4]] as const) {
    const results = JSON.parse(readFileSync(join(sweepDir, point, 'results.json'), 'utf8'));
    assert.equal(new Set(results.nodes.map((n: { host: string }) => n.host)).size, nodes, point);
  }
  assert.match(result.stdout, /summarize: fractal metrics summarize sweep$/m);
});

// Long jobs on the real scheduler. Much of the set in view at many iterations: seconds of work
// in 48 units, so that a fault lands with units kept and many to go, whatever the kernel.
const SLOW = ['--width', '512', '--height', '192', '--smoothness', '1', '--xpos', '-0.5', '--ypos', '0', '--escape-radius', '3', '--iters', '300000', '--chunk', '4', '--threads', '1'];
let slowReference: Buffer | undefined;
const slowRender = async (): Promise<Buffer> => {
  if (!slowReference) {
    const out = join(work, 'slow-render.png');
    const render = await runCli(['render', '--quiet', ...SLOW.slice(0, -4), '--outfile', out], { cwd: work });
    assert.equal(render.code, 0, render.stderr);
    slowReference = readFileSync(out);
  }
  return slowReference;
};
const jobIdOf = (runDir: string): string => (JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8')) as { job: { id: string } }).job.id;
const jobLog = (runDir: string): string => readFileSync(join(runDir, 'job.log'), 'utf8');

test('a worker SIGKILLed mid-render: the job still ends COMPLETED with render\'s bytes, and --wait warns', { skip, timeout: 240_000 }, async () => {
  const runDir = join(work, 'lost-worker');
  const job = submit(['--nodes', '3', '--wait', '--run-dir', runDir, ...SLOW], 200_000);
  await whenKept(runDir, 6);
  const pid = taskPidOfRank(runDir, 'SLURM_PROCID', 2);
  assert.ok(pid, 'rank 2 runs');
  process.kill(pid, 'SIGKILL');
  const result = await job;
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}\n${jobLog(runDir)}`);
  assert.equal(jobState(jobIdOf(runDir)), 'COMPLETED');
  assert.match(result.stderr, /warning: the picture is complete, although rank 2 was lost on the way/);
  assert.match(jobLog(runDir), /the run is complete: /, 'srun failed, so fractal outcome judged the job');
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(await slowRender()), 'render\'s bytes');
});

// Slurm holds a requeued job PENDING (reason BeginTime) for about two minutes before it may run
// again: this test takes that long, and --wait follows the job through it.
test('scontrol requeue mid-render: the job runs again in its directory, resumes its units and completes with render\'s bytes', { skip, timeout: 300_000 }, async () => {
  const runDir = join(work, 'requeue');
  const job = submit(['--nodes', '3', '--wait', '--run-dir', runDir, ...SLOW], 280_000);
  await whenKept(runDir, 6);
  slurm(cluster, 'scontrol', ['requeue', jobIdOf(runDir)]);
  const result = await job;
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}\n${jobLog(runDir)}`);
  assert.match(result.stdout, /resumed: attempt 2 \(1 earlier attempt stopped early\), \d+ units from the checkpoint/);
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as { run: { attempt: number }; work: { resumedUnits: number } };
  assert.equal(results.run.attempt, 2);
  assert.ok(results.work.resumedUnits > 0, 'units were taken from the checkpoint');
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(await slowRender()), 'render\'s bytes');
  assert.match(jobLog(runDir), /resuming attempt 2 from the checkpoint/, 'the log kept both attempts (--open-mode=append)');
  assert.deepEqual(processesMentioning(runDir), []);
});

test('scancel --signal=USR1 (the walltime warning\'s path): the leader checkpoints and stops; --resume finishes the picture', { skip, timeout: 300_000 }, async () => {
  const runDir = join(work, 'usr1');
  const job = submit(['--nodes', '3', '--wait', '--run-dir', runDir, ...SLOW], 200_000);
  await whenKept(runDir, 6);
  slurm(cluster, 'scancel', ['--signal=USR1', jobIdOf(runDir)]);
  const stopped = await job;
  assert.equal(stopped.code, 5, stopped.stderr);
  assert.match(jobLog(runDir), /Error: the leader stopped on SIGUSR1 with \d+ of 48 units done; they are kept in the checkpoint/);
  assert.match(stopped.stderr, /hint: the leader kept what was done in a checkpoint: resume with fractal submit --resume/);
  const env = { PATH: clusterEnv(cluster)['PATH'], FRACTAL_SCHEDULER: '' };
  const resumed = await runCli(['submit', '--resume', runDir, '--wait'], { cwd: work, env, timeoutMs: 200_000 });
  assert.equal(resumed.code, 0, `${resumed.stdout}\n${resumed.stderr}\n${jobLog(runDir)}`);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(await slowRender()), 'render\'s bytes');
  assert.deepEqual(processesMentioning(runDir), []);
});
