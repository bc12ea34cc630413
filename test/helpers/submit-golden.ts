// The job scripts pinned byte for byte in test/golden/submit/: the inputs that produce them, shared by
// the unit test (core) and the integration test (the CLI's --dry-run prints the same bytes).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JobScriptInput } from '../../src/core/submit/build-job-script.js';
import { resolveLauncher } from '../../src/core/submit/launchers.js';
import { fractalRunArgs } from '../../src/core/submit/submit-jobs.js';
import { runPathsFor } from '../../src/core/submit/run-directory.js';
import { DEFAULT_IMAGE } from '../../src/core/render/image-spec.js';

export const GOLDEN_DIR = fileURLToPath(new URL('../golden/submit/', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Stand-ins for what differs between machines; the CLI test swaps in the real ones. */
export const GOLDEN_NODE = '/usr/local/bin/node';
export const GOLDEN_FRACTAL = '/opt/fractal/bin/run.js';
export const GOLDEN_RUN_DIR = '/scratch/alice/runs/golden';

export const GOLDEN_IMAGE = { ...DEFAULT_IMAGE, width: 256, height: 192, smoothness: 1 };

/** A job with every option left at its default but the scheduler, launcher and node count. */
const BARE = { jobName: 'fractal', tasksPerNode: 1, time: null, queue: null, account: null, directives: [], setup: [] } as const;

/** The CLI flags that give the same job as each golden case (besides --run-dir). */
export const GOLDEN_CASES = {
  slurm: {
    flags: [
      '--scheduler', 'slurm', '--nodes', '4', '--tasks-per-node', '2', '--time', '1:30:00', '--partition', 'debug', '--account', 'proj-42',
      '--job-name', 'x; rm -rf ~', '--signal-before', '120', '--directive', '--exclusive', '--directive', '#SBATCH --mail-type=NONE',
      '--setup', 'module load nodejs/20', '--setup', 'source "$HOME/venv/bin/activate"', '--threads', '2',
    ],
    input: {
      scheduler: 'slurm', jobName: 'x; rm -rf ~', nodes: 4, tasksPerNode: 2, time: { text: '1:30:00', seconds: 5400 }, signalBefore: 120, queue: 'debug', account: 'proj-42',
      directives: ['--exclusive', '#SBATCH --mail-type=NONE'], setup: ['module load nodejs/20', 'source "$HOME/venv/bin/activate"'], threads: 2,
    },
  },
  'slurm-minimal': {
    flags: ['--scheduler', 'slurm', '--nodes', '4', '--no-requeue'],
    input: {
      scheduler: 'slurm', jobName: 'fractal', nodes: 4, tasksPerNode: 1, requeue: false, time: null, queue: null, account: null, directives: [], setup: [],
    },
  },
  flux: {
    flags: [
      '--scheduler', 'flux', '--nodes', '8', '--time', '30m', '--queue', 'pbatch', '--job-name', "it's a test",
      '--directive', '--setattr=system.bank=proj-42', '--setup', 'module load nodejs/20',
    ],
    input: {
      scheduler: 'flux', jobName: "it's a test", nodes: 8, tasksPerNode: 1, time: { text: '30m', seconds: 1800 }, queue: 'pbatch', account: null,
      directives: ['--setattr=system.bank=proj-42'], setup: ['module load nodejs/20'],
    },
  },
  'slurm-mpirun': {
    flags: ['--scheduler', 'slurm', '--launcher', 'mpirun', '--nodes', '4', '--tasks-per-node', '2', '--time', '10'],
    input: { ...BARE, scheduler: 'slurm', launcher: 'mpirun', nodes: 4, tasksPerNode: 2, time: { text: '10', seconds: 600 } },
  },
  'slurm-mpiexec': {
    flags: ['--scheduler', 'slurm', '--launcher', 'mpiexec', '--nodes', '4'],
    input: { ...BARE, scheduler: 'slurm', launcher: 'mpiexec', nodes: 4 },
  },
  pbs: {
    flags: [
      '--scheduler', 'pbs', '--nodes', '4', '--tasks-per-node', '2', '--time', '1:30:00', '--queue', 'workq', '--account', 'proj-42',
      '--job-name', 'fractal-4n', '--directive', '-l mem=4gb', '--directive', '#PBS -m n', '--setup', 'module load nodejs/20', '--threads', '2',
    ],
    input: {
      scheduler: 'pbs', jobName: 'fractal-4n', nodes: 4, tasksPerNode: 2, time: { text: '1:30:00', seconds: 5400 }, queue: 'workq', account: 'proj-42',
      directives: ['-l mem=4gb', '#PBS -m n'], setup: ['module load nodejs/20'], threads: 2,
    },
  },
  'pbs-mpirun': {
    flags: ['--scheduler', 'pbs', '--launcher', 'mpirun', '--nodes', '4', '--no-requeue'],
    input: { ...BARE, scheduler: 'pbs', launcher: 'mpirun', nodes: 4, requeue: false },
  },
  'pbs-pbsdsh': {
    flags: ['--scheduler', 'pbs', '--launcher', 'pbsdsh', '--nodes', '4'],
    input: { ...BARE, scheduler: 'pbs', launcher: 'pbsdsh', nodes: 4 },
  },
  'pbs-ssh': {
    flags: ['--scheduler', 'pbs', '--launcher', 'ssh', '--nodes', '4'],
    input: { ...BARE, scheduler: 'pbs', launcher: 'ssh', nodes: 4 },
  },
  lsf: {
    flags: [
      '--scheduler', 'lsf', '--nodes', '4', '--tasks-per-node', '2', '--time', '1:30:00', '--signal-before', '120', '--queue', 'pbatch',
      '--account', 'proj-42', '--job-name', 'fractal-4n', '--directive', '-B', '--setup', 'module load nodejs/20',
    ],
    input: {
      scheduler: 'lsf', jobName: 'fractal-4n', nodes: 4, tasksPerNode: 2, time: { text: '1:30:00', seconds: 5400 }, signalBefore: 120, queue: 'pbatch',
      account: 'proj-42', directives: ['-B'], setup: ['module load nodejs/20'],
    },
  },
  'lsf-jsrun': {
    flags: ['--scheduler', 'lsf', '--launcher', 'jsrun', '--nodes', '4', '--time', '30', '--no-requeue'],
    input: { ...BARE, scheduler: 'lsf', launcher: 'jsrun', nodes: 4, requeue: false, time: { text: '30', seconds: 1800 } },
  },
  'lsf-mpiexec': {
    flags: ['--scheduler', 'lsf', '--launcher', 'mpiexec', '--nodes', '4'],
    input: { ...BARE, scheduler: 'lsf', launcher: 'mpiexec', nodes: 4 },
  },
  'lsf-ssh': {
    flags: ['--scheduler', 'lsf', '--launcher', 'ssh', '--nodes', '4'],
    input: { ...BARE, scheduler: 'lsf', launcher: 'ssh', nodes: 4 },
  },
  sge: {
    flags: [
      '--scheduler', 'sge', '--nodes', '4', '--tasks-per-node', '2', '--time', '1:30:00', '--queue', 'all.q', '--account', 'proj-42',
      '--parallel-environment', 'orte', '--job-name', 'fractal-4n', '--directive', '-l mem_free=4G', '--setup', 'module load nodejs/20',
    ],
    input: {
      scheduler: 'sge', jobName: 'fractal-4n', nodes: 4, tasksPerNode: 2, time: { text: '1:30:00', seconds: 5400 }, queue: 'all.q', account: 'proj-42',
      parallelEnvironment: 'orte', directives: ['-l mem_free=4G'], setup: ['module load nodejs/20'],
    },
  },
  'sge-mpiexec': {
    flags: ['--scheduler', 'sge', '--launcher', 'mpiexec', '--nodes', '4', '--no-requeue'],
    input: { ...BARE, scheduler: 'sge', launcher: 'mpiexec', nodes: 4, requeue: false },
  },
  'sge-ssh': {
    flags: ['--scheduler', 'sge', '--launcher', 'ssh', '--nodes', '4'],
    input: { ...BARE, scheduler: 'sge', launcher: 'ssh', nodes: 4 },
  },
  local: {
    flags: ['--scheduler', 'local', '--nodes', '4', '--setup', 'ulimit -n 4096'],
    input: { scheduler: 'local', jobName: 'fractal', nodes: 4, tasksPerNode: 1, time: null, queue: null, account: null, directives: [], setup: ['ulimit -n 4096'] },
  },
} as const;

export type GoldenCase = keyof typeof GOLDEN_CASES;

export const goldenInput = (name: GoldenCase): JobScriptInput => {
  const c = GOLDEN_CASES[name].input;
  return {
    scheduler: c.scheduler,
    jobName: c.jobName,
    nodes: c.nodes,
    tasksPerNode: c.tasksPerNode,
    time: c.time,
    signalBeforeSeconds: 'signalBefore' in c ? c.signalBefore : c.time ? Math.min(90, Math.floor(c.time.seconds / 2)) : 90,
    signalBeforeGiven: 'signalBefore' in c,
    launcher: resolveLauncher(c.scheduler, 'launcher' in c ? c.launcher : null),
    parallelEnvironment: 'parallelEnvironment' in c ? c.parallelEnvironment : null,
    requeue: 'requeue' in c ? c.requeue : true,
    queue: c.queue,
    account: c.account,
    directives: c.directives,
    setup: c.setup,
    paths: runPathsFor(GOLDEN_RUN_DIR, 'mandelbrot.png'),
    nodePath: GOLDEN_NODE,
    fractalPath: GOLDEN_FRACTAL,
    runArgs: fractalRunArgs(GOLDEN_IMAGE, 'threads' in c ? { threads: c.threads } : {}),
  };
};

export const templateFor = (name: GoldenCase) => {
  const path = `${TEMPLATES_DIR}${GOLDEN_CASES[name].input.scheduler}.sh`;
  return { text: readFileSync(path, 'utf8'), path };
};

/** The golden bytes; UPDATE_GOLDEN=1 rewrites the file from `actual` first (review the diff like code). */
export const golden = (name: string, actual: string): string => {
  const path = `${GOLDEN_DIR}${name}`;
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
};
