// The schedulers `fractal submit` writes scripts for. Each has a template in templates/, a way
// to write directives, a command that takes the script, and the launchers that can start its
// tasks inside the allocation (the first is its natural one). `local` needs no scheduler at all.

export const SUBMIT_SCHEDULERS = ['slurm', 'flux', 'pbs', 'lsf', 'sge', 'local'] as const;
export type SubmitScheduler = (typeof SUBMIT_SCHEDULERS)[number];
/** The schedulers that queue a batch script (every one but local). */
export type BatchScheduler = Exclude<SubmitScheduler, 'local'>;

/** What starts the job's tasks inside the allocation (the `srun` of the script). */
export const LAUNCHERS = ['srun', 'flux', 'mpirun', 'mpiexec', 'jsrun', 'pbsdsh', 'ssh'] as const;
export type Launcher = (typeof LAUNCHERS)[number];

export interface SchedulerInfo {
  /** File name of the built-in template in templates/. */
  template: string;
  /** What a user sees the job submitted with, for messages and submit.json. */
  submitCommand: string;
  /** How to look at the job afterwards, for the hint printed after submission. */
  followHint: (jobId: string) => string;
  /** The launchers that make sense inside this scheduler's allocation; the first is the default. */
  launchers: readonly Launcher[];
  /** The scheduler's name for messages ("Grid Engine"). */
  title: string;
}

export const SCHEDULER_INFO: Readonly<Record<SubmitScheduler, SchedulerInfo>> = {
  slurm: {
    template: 'slurm.sh',
    submitCommand: 'sbatch --parsable',
    followHint: (id) => `squeue -j ${id}   (scancel ${id} to cancel)`,
    launchers: ['srun', 'mpirun', 'mpiexec'],
    title: 'Slurm',
  },
  flux: {
    template: 'flux.sh',
    submitCommand: 'flux batch',
    followHint: (id) => `flux jobs ${id}   (flux cancel ${id} to cancel)`,
    // flux run starts MPI programs too (it is their PMI server); neither Open MPI's nor MPICH's
    // mpirun knows a Flux allocation's hosts
    launchers: ['flux'],
    title: 'Flux',
  },
  pbs: {
    template: 'pbs.sh',
    submitCommand: 'qsub',
    followHint: (id) => `qstat -x ${id}   (qdel ${id} to cancel)`,
    // PBS Pro's mpiexec starts the tasks through the MoMs (TM), so PBS tracks and stops them
    launchers: ['mpiexec', 'mpirun', 'pbsdsh', 'ssh'],
    title: 'PBS',
  },
  lsf: {
    template: 'lsf.sh',
    submitCommand: 'bsub < SCRIPT',
    followHint: (id) => `bjobs ${id}   (bkill ${id} to cancel)`,
    launchers: ['mpirun', 'jsrun', 'mpiexec', 'ssh'],
    title: 'LSF',
  },
  sge: {
    template: 'sge.sh',
    submitCommand: 'qsub -terse',
    followHint: (id) => `qstat -j ${id}   (qdel ${id} to cancel)`,
    // tightly integrated: Open MPI and MPICH start their daemons with `qrsh -inherit`
    launchers: ['mpirun', 'mpiexec', 'ssh'],
    title: 'Grid Engine',
  },
  local: {
    template: 'local.sh',
    submitCommand: 'bash (in the background)',
    followHint: (id) => `ps -o pid,etime,args -g ${id}   (kill -- -${id} to cancel)`,
    launchers: [],
    title: 'the local scheduler',
  },
};
