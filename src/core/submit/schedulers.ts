// The schedulers `fractal submit` writes scripts for. Each has a template in templates/, a way
// to write directives and a command that takes the script. `local` needs no scheduler at all.

export const SUBMIT_SCHEDULERS = ['slurm', 'flux', 'local'] as const;
export type SubmitScheduler = (typeof SUBMIT_SCHEDULERS)[number];

export interface SchedulerInfo {
  /** File name of the built-in template in templates/. */
  template: string;
  /** What a user sees the job submitted with, for messages and submit.json. */
  submitCommand: string;
  /** How to look at the job afterwards, for the hint printed after submission. */
  followHint: (jobId: string) => string;
}

export const SCHEDULER_INFO: Readonly<Record<SubmitScheduler, SchedulerInfo>> = {
  slurm: {
    template: 'slurm.sh',
    submitCommand: 'sbatch --parsable',
    followHint: (id) => `squeue -j ${id}   (scancel ${id} to cancel)`,
  },
  flux: {
    template: 'flux.sh',
    submitCommand: 'flux batch',
    followHint: (id) => `flux jobs ${id}   (flux cancel ${id} to cancel)`,
  },
  local: {
    template: 'local.sh',
    submitCommand: 'bash (in the background)',
    followHint: (id) => `ps -o pid,etime,args -g ${id}   (kill -- -${id} to cancel)`,
  },
};
