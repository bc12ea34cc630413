// The shapes `fractal submit` works with: its options, the events it reports as it goes, and
// its report; apart from submit-jobs.ts so that the modules it uses can name them too.
import type { Environment } from '../environment.js';
import type { ImageInput } from '../render/image-spec.js';
import type { RunFlags } from '../run-flag-names.js';
import type { RunPaths } from './build-job-script.js';
import type { JobOutcome } from './job-outcome.js';
import type { JobStatus } from './job-status.js';
import type { Launcher, SubmitScheduler } from './schedulers.js';

export interface SubmitJobsOptions {
  scheduler: SubmitScheduler;
  /** "4", or "2,3,5" for a sweep. */
  nodes: string;
  repeat: number;
  tasksPerNode: number;
  time: string | null;
  /** Seconds of warning before the time limit; null for the default (walltime-signal.ts). */
  signalBefore: number | null;
  /** Slurm: let the scheduler requeue the job (it then resumes from its checkpoint). */
  requeue: boolean;
  /** --launcher; null for the scheduler's own (srun, flux run, mpiexec, mpirun). */
  launcher: Launcher | null;
  /** Grid Engine's parallel environment; null for the default (mpi). */
  parallelEnvironment: string | null;
  queue: string | null;
  account: string | null;
  jobName: string;
  directives: readonly string[];
  setup: readonly string[];
  /** A user template, or null for the built-in one in templatesDir. */
  template: string | null;
  templatesDir: string;
  /** The run directory (the sweep directory for a sweep); null for a new one under runsRoot. */
  runDir: string | null;
  runsRoot: string;
  dryRun: boolean;
  wait: boolean;
  image: ImageInput;
  /** The PNG's name, resolved against the run directory. */
  outfile: string;
  run: RunFlags;
  /** Absolute paths the job runs: node and fractal's bin/run.js. */
  nodePath: string;
  fractalPath: string;
  toolVersion: string;
  cwd: string;
  /** The environment sbatch/flux/bash run with (and, for Slurm and Flux, the job inherits). */
  env: Environment;
  now: () => Date;
  onEvent?: (event: SubmitEvent) => void;
  signal?: AbortSignal;
  /** Polling of the scheduler while waiting; tests shorten it. */
  poll?: { firstMs?: number; maxMs?: number };
}

export interface JobReport {
  nodes: number;
  repeat: number;
  tasks: number;
  paths: RunPaths;
  /** The exact script submitted (or, with --dry-run, that would be). */
  scriptText: string;
  jobId: string | null;
  submittedAt: string | null;
  outcome: JobOutcome | null;
}

export interface SubmitReport {
  dryRun: boolean;
  scheduler: SubmitScheduler;
  /** The sweep directory, for a sweep (several points). */
  sweepDir: string | null;
  warnings: string[];
  jobs: JobReport[];
  /** How to look at the jobs afterwards, when not waiting. */
  followHints: string[];
}

export type SubmitEvent =
  | { type: 'warning'; message: string }
  | { type: 'submitted'; job: JobReport; index: number; total: number }
  | { type: 'status'; job: JobReport; status: JobStatus }
  | { type: 'finished'; job: JobReport; outcome: JobOutcome };
