import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RANK_VARIABLES, resolveTask, withoutTaskVariables } from '../../src/core/cluster/resolve-task.js';
import { FractalError } from '../../src/core/errors.js';

test('Slurm: rank 0 leads, others work; job id and node list come along', () => {
  const env = { SLURM_PROCID: '0', SLURM_NTASKS: '4', SLURM_JOB_ID: '1234', SLURM_JOB_NODELIST: 'n[1-4]' };
  assert.deepEqual(resolveTask(env), {
    rank: 0,
    size: 4,
    role: 'leader',
    scheduler: 'slurm',
    jobId: '1234',
    nodeList: 'n[1-4]',
    source: 'SLURM_PROCID/SLURM_NTASKS',
  });
  const worker = resolveTask({ ...env, SLURM_PROCID: '3' });
  assert.equal(worker.role, 'worker');
  assert.equal(worker.rank, 3);
});

test('Flux, MPI and the local launcher are recognised, in the contract\'s order', () => {
  const flux = resolveTask({ FLUX_TASK_RANK: '2', FLUX_JOB_SIZE: '3', FLUX_JOB_ID: 'ƒ2mWKyTqTF' });
  assert.deepEqual([flux.scheduler, flux.rank, flux.size, flux.role, flux.jobId, flux.nodeList], ['flux', 2, 3, 'worker', 'ƒ2mWKyTqTF', null]);
  const ompi = resolveTask({ OMPI_COMM_WORLD_RANK: '0', OMPI_COMM_WORLD_SIZE: '5' });
  assert.deepEqual([ompi.scheduler, ompi.rank, ompi.size, ompi.role], ['mpi', 0, 5, 'leader']);
  const pmi = resolveTask({ PMI_RANK: '1', PMI_SIZE: '2' });
  assert.deepEqual([pmi.scheduler, pmi.rank, pmi.size], ['mpi', 1, 2]);
  const pmix = resolveTask({ PMIX_RANK: '1' }, { size: 3 });
  assert.deepEqual([pmix.scheduler, pmix.rank, pmix.size], ['mpi', 1, 3]);
  const local = resolveTask({ FRACTAL_RANK: '1', FRACTAL_SIZE: '3', FRACTAL_JOB_ID: 'local-9' });
  assert.deepEqual([local.scheduler, local.rank, local.jobId], ['local', 1, 'local-9']);
  // a scheduler wins over fractal's own variables
  const both = resolveTask({ SLURM_PROCID: '1', SLURM_NTASKS: '2', FRACTAL_RANK: '0', FRACTAL_SIZE: '9' });
  assert.deepEqual([both.scheduler, both.rank, both.size], ['slurm', 1, 2]);
  // every rank/size variable is known to the local launcher, which hides them from its children
  for (const name of ['SLURM_PROCID', 'FLUX_TASK_RANK', 'OMPI_COMM_WORLD_RANK', 'PMI_RANK', 'PMIX_RANK', 'FRACTAL_SIZE']) assert.ok(RANK_VARIABLES.includes(name), name);
});

test('--rank, --size and --role override the environment', () => {
  assert.deepEqual(
    [resolveTask({}, { rank: 2, size: 3 }).scheduler, resolveTask({}, { rank: 2, size: 3 }).role],
    ['none', 'worker'],
  );
  assert.equal(resolveTask({ SLURM_PROCID: '0', SLURM_NTASKS: '4' }, { rank: 2 }).rank, 2);
  assert.equal(resolveTask({ SLURM_PROCID: '0', SLURM_NTASKS: '4' }, { role: 'worker' }).role, 'worker');
});

const usage = (fn: () => unknown, ...fragments: string[]) => {
  const matches = (e: unknown): boolean => e instanceof FractalError && e.kind === 'usage' && fragments.every((f) => e.message.includes(f));
  assert.throws(fn, matches, fragments.join(' '));
};

test('a missing environment names every variable looked for', () => {
  usage(() => resolveTask({}), 'SLURM_PROCID', 'FLUX_TASK_RANK', 'OMPI_COMM_WORLD_RANK', 'PMI_RANK', 'PMIX_RANK', 'FRACTAL_RANK');
  usage(() => resolveTask({}, { rank: 1 }), 'only one of --rank/--size');
});

test('half an environment and nonsense values are refused', () => {
  usage(() => resolveTask({ SLURM_PROCID: '1' }), 'SLURM_PROCID is set but none of SLURM_NTASKS, SLURM_NPROCS');
  usage(() => resolveTask({ FLUX_TASK_RANK: 'x', FLUX_JOB_SIZE: '2' }), 'FLUX_TASK_RANK: expected an integer >= 0, got "x"');
  usage(() => resolveTask({ FRACTAL_RANK: '3', FRACTAL_SIZE: '3' }), 'from 0 to 2', 'got 3');
  usage(() => resolveTask({ FRACTAL_RANK: '0', FRACTAL_SIZE: '0' }), 'FRACTAL_SIZE: expected an integer >= 1');
});

test('a job started from inside another inherits none of its rank, size, job id or host list', () => {
  const outer = {
    PATH: '/usr/bin',
    HOME: '/home/u',
    SLURM_PROCID: '3',
    SLURM_NTASKS: '8',
    SLURM_JOB_ID: '77',
    FLUX_TASK_RANK: '1',
    FLUX_JOB_SIZE: '2',
    PMIX_RANK: '0',
    FRACTAL_RANK: '2',
    FRACTAL_SIZE: '4',
    FRACTAL_JOB_ID: 'local-1-abc',
    FRACTAL_NODELIST: 'n[1-4]',
  };
  const inner = withoutTaskVariables(outer);
  for (const name of [...RANK_VARIABLES, 'FRACTAL_JOB_ID', 'FRACTAL_NODELIST']) assert.equal(name in inner, false, name);
  assert.deepEqual(inner, { PATH: '/usr/bin', HOME: '/home/u', SLURM_JOB_ID: '77' });
  // the new job's own variables are all its tasks go by
  const task = resolveTask({ ...inner, FRACTAL_RANK: '1', FRACTAL_SIZE: '3', FRACTAL_JOB_ID: 'local-2-def' });
  assert.deepEqual([task.scheduler, task.rank, task.size, task.jobId, task.nodeList], ['local', 1, 3, 'local-2-def', null]);
});

test('an MPI runtime\'s variables win over the allocation\'s: mpirun inside Slurm, LSF, PBS or Grid Engine', () => {
  // Open MPI under Slurm: srun started one orted per node, and its SLURM_PROCID is the node's, not the task's
  const orted = { SLURM_PROCID: '1', SLURM_NTASKS: '2', SLURM_JOB_ID: '55', SLURM_JOB_NODELIST: 'n[1-2]' };
  const underSlurm = resolveTask({ ...orted, OMPI_COMM_WORLD_RANK: '3', OMPI_COMM_WORLD_SIZE: '4' });
  assert.deepEqual([underSlurm.scheduler, underSlurm.rank, underSlurm.size, underSlurm.jobId, underSlurm.nodeList], ['mpi', 3, 4, '55', 'n[1-2]']);
  // MPICH's Hydra under PBS, LSF, Grid Engine: the job id is the scheduler's, the same on every rank
  assert.equal(resolveTask({ PMI_RANK: '2', PMI_SIZE: '4', PBS_JOBID: '12.srv' }).jobId, '12.srv');
  assert.equal(resolveTask({ PMI_RANK: '2', PMI_SIZE: '4', LSB_JOBID: '777' }).jobId, '777');
  assert.equal(resolveTask({ OMPI_COMM_WORLD_RANK: '0', OMPI_COMM_WORLD_SIZE: '4', JOB_ID: '9' }).jobId, '9');
  assert.equal(resolveTask({ PMI_RANK: '0', PMI_SIZE: '2', FRACTAL_JOB_ID: 'mine', PBS_JOBID: '12.srv' }).jobId, 'mine');
  // jsrun (IBM JSM)
  const jsm = resolveTask({ JSM_NAMESPACE_RANK: '5', JSM_NAMESPACE_SIZE: '8', LSB_JOBID: '31' });
  assert.deepEqual([jsm.scheduler, jsm.rank, jsm.size, jsm.jobId], ['mpi', 5, 8, '31']);
  // pbsdsh: PBS_VNODENUM, the size from the job script
  const dsh = resolveTask({ PBS_VNODENUM: '3', FRACTAL_SIZE: '4', PBS_JOBID: '12.srv' });
  assert.deepEqual([dsh.rank, dsh.size, dsh.jobId, dsh.source], [3, 4, '12.srv', 'PBS_VNODENUM/FRACTAL_SIZE']);
  for (const name of ['JSM_NAMESPACE_RANK', 'PBS_VNODENUM']) assert.ok(RANK_VARIABLES.includes(name), name);
});
