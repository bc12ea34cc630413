// PBS, LSF and Grid Engine: the directives fractal writes for each option, the values their
// directive parsers cannot carry refused (never half-quoted), options without an equivalent refused
// or warned about, the launcher pairs that make sense, and what their commands print read back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FractalError } from '../../src/core/errors.js';
import { hpcWarnings } from '../../src/core/submit/batch-directives.js';
import {
  parseLsfJobId,
  parseLsfStatus,
  parsePbsJobId,
  parsePbsStatus,
  parseSgeJobId,
  parseSgeQacct,
  parseSgeQstat,
} from '../../src/core/submit/batch-status.js';
import { directiveLines } from '../../src/core/submit/build-job-script.js';
import type { JobScriptInput } from '../../src/core/submit/job-script-input.js';
import { launcherWarnings, resolveLauncher } from '../../src/core/submit/launchers.js';
import { goldenInput } from '../helpers/submit-golden.js';

const HPC = ['pbs', 'lsf', 'sge'] as const;
const job = (scheduler: (typeof HPC)[number], extra: Partial<JobScriptInput> = {}): JobScriptInput => ({
  ...goldenInput('pbs-mpirun'),
  scheduler,
  launcher: resolveLauncher(scheduler, null),
  requeue: true,
  ...extra,
});
const refused = (code: string, pattern: RegExp) => (e: unknown) =>
  e instanceof FractalError && e.kind === 'usage' && e.code === code && pattern.test(e.message);
const limit = (seconds: number) => ({ text: `${seconds}s`, seconds });

test('job names every PBS, LSF and Grid Engine parser reads back unchanged are written bare; any other is refused', () => {
  for (const scheduler of HPC) {
    for (const name of ['fractal', 'run-4n.v1+x', 'A_b']) {
      assert.ok(directiveLines(job(scheduler, { jobName: name })).some((line) => line.endsWith(` ${name}`)), `${scheduler} ${name}`);
    }
    // shell syntax, quotes, blanks, a comment, LSF's arrays and %J, Grid Engine's / : @, a digit first
    for (const name of ['x; rm -rf ~', "it's", 'say "hi"', '$(id)', '`id`', 'a b', '#x', 'name[1-10]', 'a%J', 'a:b', 'a/b', 'a@b', '1abc', '-N', 'ünï', 'x'.repeat(237)]) {
      assert.throws(() => directiveLines(job(scheduler, { jobName: name })), refused('E_SUBMIT_DIRECTIVE_VALUE', /--job-name/), `${scheduler} ${JSON.stringify(name)}`);
    }
  }
});

test('queues, accounts and run directories that a directive cannot carry are refused, naming what to do', () => {
  for (const scheduler of HPC) {
    const base = job(scheduler);
    for (const queue of ['debug q', 'a,b', 'q#1', 'host:q', '"q"']) {
      assert.throws(() => directiveLines({ ...base, queue }), refused('E_SUBMIT_DIRECTIVE_VALUE', /--queue/), `${scheduler} ${queue}`);
    }
    assert.throws(() => directiveLines({ ...base, account: 'a b' }), refused('E_SUBMIT_DIRECTIVE_VALUE', /--account/));
    for (const dir of ['/scratch/my runs/x', '/scratch/a:b', '/scratch/100%', '/scratch/a,b', "/scratch/it's"]) {
      const paths = { ...base.paths, runDir: dir, log: `${dir}/job.log` };
      assert.throws(
        () => directiveLines({ ...base, paths }),
        (e: unknown) => refused('E_SUBMIT_DIRECTIVE_VALUE', /the (run directory|job log)/)(e) && (e as FractalError).suggestions.some((s) => s.includes('--run-dir')),
        `${scheduler} ${dir}`,
      );
    }
    // plain names with the punctuation every one of them reads literally
    const lines = directiveLines({ ...base, queue: 'work.q@server-1', account: 'proj_42+x' });
    assert.ok(lines.some((l) => l.includes('work.q@server-1')) && lines.some((l) => l.includes('proj_42+x')), scheduler);
  }
});

test('requeue: PBS and Grid Engine -r y / -r n, LSF -r / -rn', () => {
  const r = (scheduler: (typeof HPC)[number], requeue: boolean) => directiveLines(job(scheduler, { requeue })).filter((l) => / -r/.test(l));
  assert.deepEqual([r('pbs', true), r('pbs', false)], [['#PBS -r y'], ['#PBS -r n']]);
  assert.deepEqual([r('sge', true), r('sge', false)], [['#$ -r y'], ['#$ -r n']]);
  assert.deepEqual([r('lsf', true), r('lsf', false)], [['#BSUB -r'], ['#BSUB -rn']]);
});

test('the walltime and its warning: LSF\'s in minutes; PBS and Grid Engine have none (refused when asked for, warned otherwise)', () => {
  // PBS: walltime only; an explicit --signal-before has nowhere to go
  const pbs = job('pbs', { time: limit(5400), signalBeforeSeconds: 90 });
  assert.ok(directiveLines(pbs).includes('#PBS -l walltime=01:30:00'));
  assert.ok(!directiveLines(pbs).some((l) => /signal|USR1/.test(l)));
  assert.throws(() => directiveLines({ ...pbs, signalBeforeGiven: true }), refused('E_SUBMIT_UNSUPPORTED', /--signal-before has no equivalent for --scheduler pbs/));
  assert.match(hpcWarnings('pbs', pbs).join('\n'), /PBS sends no warning before the walltime limit: .*SIGTERM/);
  assert.deepEqual(hpcWarnings('pbs', job('pbs')), [], 'no time, nothing to warn about');
  assert.ok(directiveLines(job('pbs', { time: limit(100 * 3600) })).includes('#PBS -l walltime=100:00:00'), 'hours beyond a day');

  // LSF: whole minutes, rounded up; the warning at least one minute, and before the limit
  const lsf = (seconds: number, warning: number) =>
    directiveLines(job('lsf', { time: limit(seconds), signalBeforeSeconds: warning })).filter((l) => /-W|-w[at]/.test(l));
  assert.deepEqual(lsf(5400, 120), ['#BSUB -W 90', '#BSUB -wa USR1', '#BSUB -wt 2']);
  assert.deepEqual(lsf(90, 45), ['#BSUB -W 2', '#BSUB -wa USR1', '#BSUB -wt 1']);
  assert.deepEqual(lsf(600, 590), ['#BSUB -W 10', '#BSUB -wa USR1', '#BSUB -wt 9']);
  assert.deepEqual(lsf(60, 30), ['#BSUB -W 1']);
  assert.match(hpcWarnings('lsf', job('lsf', { time: limit(60), signalBeforeSeconds: 30 })).join('\n'), /whole minutes/);

  // Grid Engine: h_rt the limit, and no s_rt (its SIGUSR1 kills a tightly integrated job)
  const sge = job('sge', { time: limit(600), signalBeforeSeconds: 90 });
  assert.deepEqual(directiveLines(sge).filter((l) => l.startsWith('#$ -l')), ['#$ -l h_rt=00:10:00']);
  assert.throws(() => directiveLines({ ...sge, signalBeforeGiven: true }), refused('E_SUBMIT_UNSUPPORTED', /--signal-before has no equivalent for --scheduler sge/));
  assert.match(hpcWarnings('sge', sge).join('\n'), /SIGKILL at it: what the leader's periodic checkpoints kept/);
});

test('the allocation each scheduler is asked for', () => {
  const tpn = { nodes: 3, tasksPerNode: 2 };
  assert.ok(directiveLines(job('pbs', tpn)).includes('#PBS -l select=3:ncpus=2:mpiprocs=2'));
  assert.ok(directiveLines(job('pbs', tpn)).includes('#PBS -l place=scatter'));
  assert.deepEqual(directiveLines(job('lsf', tpn)).slice(1, 3), ['#BSUB -n 6', '#BSUB -R "span[ptile=2]"']);
  assert.equal(directiveLines(job('lsf', { ...tpn, launcher: 'jsrun' }))[1], '#BSUB -nnodes 3');
  assert.ok(directiveLines(job('sge', tpn)).includes('#$ -pe mpi 6'));
  assert.ok(directiveLines(job('sge', { ...tpn, parallelEnvironment: 'orte' })).includes('#$ -pe orte 6'));
  assert.throws(() => directiveLines(job('sge', { parallelEnvironment: 'a b' })), refused('E_SUBMIT_DIRECTIVE_VALUE', /--parallel-environment/));
  for (const name of ['slurm', 'flux', 'local'] as const) {
    assert.throws(() => directiveLines({ ...goldenInput(name), parallelEnvironment: 'mpi' }), refused('E_SUBMIT_UNSUPPORTED', /--parallel-environment/));
  }
  assert.throws(() => directiveLines(job('pbs', { parallelEnvironment: 'mpi' })), refused('E_SUBMIT_UNSUPPORTED', /--parallel-environment/));
  // a user's line gets the scheduler's prefix, unless it has its own
  assert.deepEqual(directiveLines(job('lsf', { directives: ['-B', '#BSUB -N'] })).slice(-2), ['#BSUB -B', '#BSUB -N']);
});

test('launchers: each scheduler\'s default, the pairs that fit, and a clear refusal of those that do not', () => {
  assert.deepEqual(
    (['slurm', 'flux', 'pbs', 'lsf', 'sge', 'local'] as const).map((s) => resolveLauncher(s, null)),
    ['srun', 'flux', 'mpiexec', 'mpirun', 'mpirun', null],
  );
  for (const [scheduler, launcher] of [['slurm', 'mpirun'], ['slurm', 'mpiexec'], ['pbs', 'pbsdsh'], ['pbs', 'mpirun'], ['lsf', 'jsrun'], ['sge', 'mpiexec'], ['sge', 'ssh']] as const) {
    assert.equal(resolveLauncher(scheduler, launcher), launcher);
  }
  const pairs = [
    ['pbs', 'srun', /srun starts tasks only inside a Slurm allocation/],
    ['slurm', 'pbsdsh', /pbsdsh starts tasks only inside a PBS job/],
    ['slurm', 'ssh', /starts and tracks the tasks of its jobs itself/],
    ['flux', 'mpirun', /flux run/],
    ['sge', 'jsrun', /jsrun is the launcher of LSF/],
    ['lsf', 'flux', /flux run/],
    ['local', 'mpirun', /starts its tasks itself/],
  ] as const;
  for (const [scheduler, launcher, why] of pairs) {
    assert.throws(
      () => resolveLauncher(scheduler, launcher),
      (e: unknown) => refused('E_SUBMIT_LAUNCHER', why)(e) && (e as FractalError).message.startsWith(`--launcher ${launcher} does not fit --scheduler ${scheduler}`),
      `${scheduler} + ${launcher}`,
    );
  }
});

test('Slurm with an MPI launcher and a time limit warns where its walltime warning goes', () => {
  assert.match(launcherWarnings('slurm', 'mpirun', true).join(''), /reaches the MPI daemons, not fractal's tasks/);
  assert.equal(launcherWarnings('slurm', 'mpiexec', true).length, 1);
  assert.deepEqual([launcherWarnings('slurm', 'srun', true), launcherWarnings('slurm', 'mpirun', false), launcherWarnings('lsf', 'mpirun', true)], [[], [], []]);
});

test('job ids as qsub, bsub and Grid Engine\'s qsub -terse print them', () => {
  assert.equal(parsePbsJobId('1234.pbs-server\n'), '1234.pbs-server');
  assert.equal(parsePbsJobId('88[].server.example.org'), '88[].server.example.org');
  assert.equal(parsePbsJobId('qsub: would you like to...'), undefined);
  assert.equal(parseLsfJobId('Job <4321> is submitted to queue <normal>.\n'), '4321');
  assert.equal(parseLsfJobId('Warning: ...\nJob <7> is submitted to default queue <normal>.'), '7');
  assert.equal(parseLsfJobId('Bad resource requirement syntax'), undefined);
  assert.equal(parseSgeJobId('42\n'), '42');
  assert.equal(parseSgeJobId('42.1-10:1'), '42');
  assert.equal(parseSgeJobId('Unable to run job'), undefined);
});

test('PBS: qstat -x -f -F json (or the plain form) read as a job state', () => {
  const json = (state: string, exit?: number) =>
    JSON.stringify({ pbs_version: '22.05', Jobs: { '12.srv': { job_state: state, ...(exit === undefined ? {} : { Exit_status: exit }) } } });
  assert.deepEqual(parsePbsStatus(json('Q')), { state: 'pending', detail: 'Q' });
  assert.deepEqual(parsePbsStatus(json('R')), { state: 'running', detail: 'R' });
  assert.equal(parsePbsStatus(json('F', 0))?.state, 'completed');
  assert.equal(parsePbsStatus(json('F', -29))?.state, 'timeout');
  assert.equal(parsePbsStatus(json('F', 271))?.state, 'cancelled');
  assert.deepEqual(parsePbsStatus(json('F', 3)), { state: 'failed', detail: 'F (Exit_status 3)' });
  assert.equal(parsePbsStatus('Job Id: 12.srv\n    Job_Name = fractal\n    job_state = F\n    Exit_status = 0\n')?.state, 'completed');
  assert.equal(parsePbsStatus('Job Id: 12.srv\n    job_state = H\n')?.state, 'pending');
  assert.equal(parsePbsStatus(''), undefined);
});

test('LSF: bjobs -o "stat exit_code" read as a job state', () => {
  assert.deepEqual(parseLsfStatus('PEND -\n'), { state: 'pending', detail: 'PEND' });
  assert.deepEqual(parseLsfStatus('RUN -'), { state: 'running', detail: 'RUN' });
  assert.deepEqual(parseLsfStatus('DONE -'), { state: 'completed', detail: 'DONE' });
  assert.deepEqual(parseLsfStatus('EXIT 3'), { state: 'failed', detail: 'EXIT (exit 3)' });
  assert.equal(parseLsfStatus(''), undefined);
});

test('Grid Engine: the job\'s line of qstat, then qacct\'s record of the job script', () => {
  const qstat = [
    'job-ID  prior   name       user         state submit/start at     queue                          slots ja-task-ID',
    '-----------------------------------------------------------------------------------------------------------------',
    '      7 0.50000 fractal    root         r     12/02/2026 06:04:15 all.q@n2                           4',
    '     17 0.50000 fractal    root         qw    12/02/2026 06:04:15                                    4',
    '     27 0.50000 fractal    root         Eqw   12/02/2026 06:04:15                                    4',
  ].join('\n');
  assert.deepEqual(parseSgeQstat(qstat, '7'), { state: 'running', detail: 'r' });
  assert.deepEqual(parseSgeQstat(qstat, '17'), { state: 'pending', detail: 'qw' });
  assert.equal(parseSgeQstat(qstat, '27')?.state, 'failed');
  assert.equal(parseSgeQstat(qstat, '1'), undefined, '1 is not 17');
  const record = (host: string, failed: string, exit: number) => `==============================================================\nqname all.q\nhostname ${host}\nfailed       ${failed}\nexit_status  ${exit}\n`;
  // a parallel job: a record per task, the job script's last
  assert.deepEqual(parseSgeQacct(record('n3', '0', 0) + record('n2', '0', 0)), { state: 'completed', detail: 'COMPLETED (exit_status 0)' });
  assert.deepEqual(parseSgeQacct(record('n3', '0', 137) + record('n2', '0', 3)), { state: 'failed', detail: 'FAILED (exit_status 3)' });
  assert.equal(parseSgeQacct(record('n2', '37  : qmaster enforced h_rt, h_cpu, or h_vmem limit', 137))?.state, 'timeout');
  assert.equal(parseSgeQacct(record('n2', '100 : assumedly after job', 137))?.state, 'failed');
  assert.equal(parseSgeQacct('error: job id 5 not found\n'), undefined);
});
