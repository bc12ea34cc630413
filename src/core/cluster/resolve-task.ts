// Who am I in this allocation? Rank and size come from the launcher's environment: Slurm, Flux,
// an MPI launcher, or fractal's own local launcher, looked for in that order. --rank/--size/--role
// override. Rank 0 leads; every other rank works.
import type { SchedulerName } from '../metrics/results.js';
import type { Environment } from '../environment.js';
import { describeValue, FractalError } from '../errors.js';
import { MAX_WORKERS } from '../limits.js';

export const TASK_ROLES = ['leader', 'worker'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

export interface TaskIdentity {
  rank: number;
  size: number;
  role: TaskRole;
  scheduler: SchedulerName;
  jobId: string | null;
  /** The job's host list expression, when the launcher gives one (Slurm). */
  nodeList: string | null;
  /** Where rank and size came from, e.g. "SLURM_PROCID/SLURM_NTASKS", for messages and logs. */
  source: string;
}

export interface TaskOverrides {
  rank?: number;
  size?: number;
  role?: TaskRole;
}

interface EnvSource {
  scheduler: SchedulerName;
  rank: string;
  /** Alternatives, first set wins. */
  size: string[];
  jobId: string[];
  nodeList: string[];
}

/** Where an MPI task's job id may come from: fractal's own, then the scheduler's the launcher runs in. */
const MPI_JOB_IDS = ['FRACTAL_JOB_ID', 'SLURM_JOB_ID', 'FLUX_JOB_ID', 'PBS_JOBID', 'LSB_JOBID', 'JOB_ID'];
const MPI_NODE_LISTS = ['FRACTAL_NODELIST', 'SLURM_JOB_NODELIST'];
const mpi = (rank: string, size: string[]): EnvSource => ({ scheduler: 'mpi', rank, size, jobId: MPI_JOB_IDS, nodeList: MPI_NODE_LISTS });

/**
 * The order the contract fixes, with one refinement: an MPI runtime's variables come first. A
 * launcher started inside an allocation (mpirun under Slurm, jsrun under LSF) hands its tasks the
 * allocation's variables too, and those describe the launcher's own daemons (srun starts one
 * Open MPI orted per node, each with a SLURM_PROCID of its own), not the task. When srun or
 * flux run start the tasks themselves, the PMI variables they add agree with their own.
 * A scheduler's variables win over fractal's own.
 */
export const ENV_SOURCES: readonly EnvSource[] = [
  mpi('OMPI_COMM_WORLD_RANK', ['OMPI_COMM_WORLD_SIZE']),
  mpi('PMI_RANK', ['PMI_SIZE']),
  mpi('PMIX_RANK', ['PMIX_SIZE', 'PMI_SIZE', 'OMPI_COMM_WORLD_SIZE']),
  // jsrun (IBM Job Step Manager, LSF): its own names beside PMIx's
  mpi('JSM_NAMESPACE_RANK', ['JSM_NAMESPACE_SIZE']),
  { scheduler: 'slurm', rank: 'SLURM_PROCID', size: ['SLURM_NTASKS', 'SLURM_NPROCS'], jobId: ['SLURM_JOB_ID', 'SLURM_JOBID'], nodeList: ['SLURM_JOB_NODELIST', 'SLURM_NODELIST'] },
  { scheduler: 'flux', rank: 'FLUX_TASK_RANK', size: ['FLUX_JOB_SIZE'], jobId: ['FLUX_JOB_ID'], nodeList: [] },
  // pbsdsh: one task per line of $PBS_NODEFILE; PBS gives no size, the job script passes it on
  { scheduler: 'mpi', rank: 'PBS_VNODENUM', size: ['FRACTAL_SIZE'], jobId: ['PBS_JOBID'], nodeList: [] },
  { scheduler: 'local', rank: 'FRACTAL_RANK', size: ['FRACTAL_SIZE'], jobId: ['FRACTAL_JOB_ID'], nodeList: ['FRACTAL_NODELIST'] },
];

/** Every variable that marks a task of some launcher. */
export const RANK_VARIABLES: readonly string[] = [...new Set(ENV_SOURCES.flatMap((s) => [s.rank, ...s.size]))];

/**
 * What a new job started from inside another must not inherit: every launcher's rank and size, and
 * fractal's own job id and host list, which resolveTask reads even without a rank variable. A
 * scheduler's job id and host list are read only beside its rank variable, so they may stay.
 */
const INHERITED_TASK_VARIABLES: ReadonlySet<string> = new Set([...RANK_VARIABLES, 'FRACTAL_JOB_ID', 'FRACTAL_NODELIST']);

/**
 * The environment for the tasks of a job started here (`fractal run --local`, a local submit): a
 * launcher inside an allocation would otherwise let its tasks take that allocation's SLURM_PROCID
 * (or FLUX_TASK_RANK ...) and job for their own.
 */
export const withoutTaskVariables = (env: Environment): Environment =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !INHERITED_TASK_VARIABLES.has(name)));

const pick = (env: Environment, names: string[]): { name: string; value: string } | undefined => {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return { name, value: value.trim() };
  }
  return undefined;
};

const parseCount = (name: string, value: string, min: number): number => {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
    throw new FractalError(`${name}: expected an integer >= ${min}, got ${describeValue(value)}`, {
      kind: 'usage',
      code: 'E_RANK_ENV',
      suggestions: ['check what the launcher exported, or pass --rank and --size'],
    });
  }
  return Number(value);
};

export const resolveTask = (env: Environment, overrides: TaskOverrides = {}): TaskIdentity => {
  const source = ENV_SOURCES.find((s) => pick(env, [s.rank]) !== undefined);
  let rank = overrides.rank;
  let size = overrides.size;
  let sourceText = 'flags --rank/--size';
  if (source) {
    const rankVar = pick(env, [source.rank])!;
    const sizeVar = pick(env, source.size);
    if (size === undefined && !sizeVar) {
      throw new FractalError(`${source.rank} is set but none of ${source.size.join(', ')} is: cannot tell how many tasks the job has`, {
        kind: 'usage',
        code: 'E_RANK_ENV',
        suggestions: ['pass --size N', 'run fractal run under the launcher that sets both variables'],
      });
    }
    rank ??= parseCount(rankVar.name, rankVar.value, 0);
    size ??= parseCount(sizeVar!.name, sizeVar!.value, 1);
    sourceText = `${rankVar.name}/${sizeVar?.name ?? '--size'}`;
  }
  if (rank === undefined || size === undefined) {
    const looked = ENV_SOURCES.map((s) => `${s.rank}/${s.size[0]}`).join(', ');
    throw new FractalError(`cannot tell this task's rank and size: none of ${looked} is set${rank === undefined && size === undefined ? '' : ', and only one of --rank/--size was given'}`, {
      kind: 'usage',
      code: 'E_RANK_ENV',
      suggestions: [
        'run fractal run under srun, flux run or mpirun, or through `fractal submit`',
        'or start everything on this machine with `fractal run --local N`',
        'or pass --rank and --size yourself',
      ],
    });
  }
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_WORKERS + 1) {
    // a leader waits for size - 1 workers and names the missing ones: bounded like --workers
    throw new FractalError(`size: expected an integer from 1 to ${MAX_WORKERS + 1} (one leader and up to ${MAX_WORKERS} workers), got ${describeValue(size)} (from ${sourceText})`, {
      kind: 'usage',
      code: 'E_RANK_ENV',
    });
  }
  if (!Number.isSafeInteger(rank) || rank < 0 || rank >= size) {
    throw new FractalError(`rank: expected an integer from 0 to ${size - 1} (size ${size}), got ${describeValue(rank)}`, {
      kind: 'usage',
      code: 'E_RANK_ENV',
      suggestions: ['rank 0 is the leader; workers are 1..size-1'],
    });
  }
  return {
    rank,
    size,
    role: overrides.role ?? (rank === 0 ? 'leader' : 'worker'),
    scheduler: source?.scheduler ?? 'none',
    jobId: source ? (pick(env, source.jobId)?.value ?? null) : (pick(env, ['FRACTAL_JOB_ID'])?.value ?? null),
    nodeList: source ? (pick(env, source.nodeList)?.value ?? null) : null,
    source: sourceText,
  };
};
