// The launcher line of a job script: the command that starts every task of the allocation with the
// same `fractal run` (the `srun` of a Slurm script). Each scheduler has a natural launcher; an MPI
// launcher (mpirun, mpiexec, jsrun) works inside most, and a pair that makes no sense is refused.
import { FractalError } from '../errors.js';
import { LAUNCHERS, SCHEDULER_INFO, type Launcher, type SubmitScheduler } from './schedulers.js';

export interface LaunchInput {
  scheduler: SubmitScheduler;
  nodes: number;
  tasksPerNode: number;
  /** Seconds before the time limit of the walltime warning, or null without a time limit. */
  warningSeconds: number | null;
}

/** The walltime warning: the leader checkpoints and stops cleanly on it, the workers carry on until told. */
export const WALLTIME_SIGNAL = 'USR1';

/** The launcher a job gets: the one asked for, if it fits the scheduler, else the scheduler's own. */
export const resolveLauncher = (scheduler: SubmitScheduler, asked: Launcher | null): Launcher | null => {
  const { launchers, title } = SCHEDULER_INFO[scheduler];
  if (asked === null) return launchers[0] ?? null;
  if (launchers.includes(asked)) return asked;
  const fits = LAUNCHERS.filter((l) => launchers.includes(l));
  throw new FractalError(`--launcher ${asked} does not fit --scheduler ${scheduler}: ${whyNot(scheduler, asked)}`, {
    kind: 'usage',
    code: 'E_SUBMIT_LAUNCHER',
    suggestions: [
      fits.length > 0
        ? `inside a ${title} job use ${fits.map((l) => `--launcher ${l}`).join(', ')} (default ${fits[0]})`
        : 'drop --launcher: the local scheduler starts its tasks itself (or run `mpirun -n N fractal run` yourself)',
    ],
  });
};

const whyNot = (scheduler: SubmitScheduler, launcher: Launcher): string => {
  if (scheduler === 'local') return 'a local job starts its tasks itself, with no launcher';
  if (scheduler === 'flux') return 'Flux starts every program of its jobs with `flux run`, MPI ones too (it is their PMI server)';
  switch (launcher) {
    case 'srun':
      return 'srun starts tasks only inside a Slurm allocation';
    case 'flux':
      return '`flux run` starts tasks only inside a Flux instance';
    case 'jsrun':
      return 'jsrun is the launcher of LSF clusters with IBM Job Step Manager (CSM)';
    case 'pbsdsh':
      return 'pbsdsh starts tasks only inside a PBS job';
    case 'ssh':
      return `${SCHEDULER_INFO[scheduler].title} starts and tracks the tasks of its jobs itself; ssh would start them behind its back`;
    case 'mpirun':
    case 'mpiexec':
      return 'this scheduler has no MPI integration';
  }
};

/**
 * What a launcher does to the walltime warning. Under Slurm, --signal reaches the tasks of the
 * job's steps, and with mpirun or mpiexec those are the MPI runtime's daemons (Open MPI's orted),
 * not fractal's tasks: measured with `scancel --signal=USR1` on the test cluster, the job went on
 * to its end. Slurm's SIGTERM at the limit does reach them (mpirun passes it on), and the leader
 * checkpoints on it as on the warning.
 */
export const launcherWarnings = (scheduler: SubmitScheduler, launcher: Launcher | null, timed: boolean): string[] =>
  timed && scheduler === 'slurm' && (launcher === 'mpirun' || launcher === 'mpiexec')
    ? [
        `with --launcher ${launcher} Slurm's walltime warning (SIGUSR1) reaches the MPI daemons, not fractal's tasks: ` +
          'the leader checkpoints on the SIGTERM at the limit instead (within KillWait)',
      ]
    : [];

/**
 * The words before `node fractal run` on the launcher line, as they stand in the script. Text
 * fractal writes itself (a scheduler's own variables such as "$PBS_NODEFILE" stay live), so it is
 * not quoted; every number comes from checked options.
 */
export const launcherLine = (input: LaunchInput, launcher: Launcher): string => {
  const tasks = input.nodes * input.tasksPerNode;
  switch (launcher) {
    case 'srun':
      return 'srun --label';
    case 'flux': {
      // Flux sends a batch job's --signal to the batch script alone, so the warning is asked for
      // on `flux run`, whose tasks are fractal's
      const signal = input.warningSeconds === null ? '' : ` --signal=SIG${WALLTIME_SIGNAL}@${input.warningSeconds}s`;
      return `flux run --nodes=${input.nodes} --ntasks=${tasks} --label-io${signal}`;
    }
    case 'mpirun':
    case 'mpiexec':
      return `${launcher} -n ${tasks}${machineFile(input.scheduler, launcher)}`;
    case 'jsrun':
      // one resource set per task, tasks-per-node of them on each host, unbound: a worker's
      // threads use every core it is given
      return `jsrun --nrs ${tasks} --rs_per_host ${input.tasksPerNode} --tasks_per_rs 1 --bind none`;
    case 'pbsdsh':
      // one task per line of $PBS_NODEFILE (rank = PBS_VNODENUM); a TM task gets the job's
      // environment, not the script's, so the size travels on the command line
      return `pbsdsh -- /usr/bin/env FRACTAL_SIZE=${tasks}`;
    case 'ssh':
      return sshLauncher(input.scheduler, tasks);
  }
};

/**
 * The allocation's hosts for an MPI launcher that may not read them itself. Open MPI as most
 * distributions build it knows Slurm and Grid Engine but not PBS's TM or LSF: there it is told the
 * host file. (MPICH reads $PBS_NODEFILE itself, and accepts -machinefile as well.)
 */
const machineFile = (scheduler: SubmitScheduler, launcher: Launcher): string => {
  if (launcher !== 'mpirun') return '';
  if (scheduler === 'pbs') return ' -machinefile "$PBS_NODEFILE"';
  if (scheduler === 'lsf') return ' -machinefile "$LSB_DJOB_HOSTFILE"';
  return '';
};

/** The scheduler's file of the job's hosts (one line per task slot) and its job id variable. */
const HOST_FILES: Partial<Record<SubmitScheduler, { file: string; jobId: string }>> = {
  pbs: { file: 'PBS_NODEFILE', jobId: 'PBS_JOBID' },
  lsf: { file: 'LSB_DJOB_HOSTFILE', jobId: 'LSB_JOBID' },
  // "host slots queue processors" per line
  sge: { file: 'PE_HOSTFILE', jobId: 'JOB_ID' },
};

/**
 * ssh to every slot of the job's host file, rank by rank, each task with fractal's own rank
 * variables; the line waits for them all and fails when one did. A function defined and called on
 * the launcher line, so the rest of the line (`node fractal run ...`) is its arguments, quoted
 * again (printf %q) for the remote shell.
 */
const sshLauncher = (scheduler: SubmitScheduler, tasks: number): string => {
  const hosts = HOST_FILES[scheduler];
  if (!hosts) throw new Error(`sshLauncher: no host file for ${scheduler}`);
  return [
    `fractal_ssh_tasks() { local rank=0 host slots pids=() failed=0 i;`,
    `while read -r host slots _; do for ((i = 0; i < \${slots:-1}; i++)); do`,
    `ssh -n -o BatchMode=yes "$host" FRACTAL_RANK=$rank FRACTAL_SIZE=${tasks} FRACTAL_JOB_ID="$${hosts.jobId}" "$(printf '%q ' "$@")" & pids+=("$!");`,
    `rank=$((rank + 1)); done; done <"$${hosts.file}";`,
    `for i in "\${pids[@]}"; do wait "$i" || failed=1; done; return "$failed"; };`,
    'fractal_ssh_tasks',
  ].join(' ');
};
