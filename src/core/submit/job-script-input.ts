// What a job script is made from: the options, resolved and checked, and the run's paths. Apart
// from build-job-script.ts so that each scheduler's directive builder can name it.
import type { Launcher, SubmitScheduler } from './schedulers.js';
import type { TimeLimit } from './time-limit.js';

/** Where one job's files live. All absolute: the job must not depend on its working directory. */
export interface RunPaths {
  runDir: string;
  script: string;
  /** The scheduler's log of the job (the script's own output and, labelled, every task's). */
  log: string;
  tokenFile: string;
  outfile: string;
  results: string;
}

export interface JobScriptInput {
  scheduler: SubmitScheduler;
  jobName: string;
  nodes: number;
  tasksPerNode: number;
  time: TimeLimit | null;
  /** Seconds before the time limit the tasks get the walltime warning (SIGUSR1); only with a time. */
  signalBeforeSeconds: number;
  /** Whether the user gave --signal-before (a scheduler without a warning refuses it then). */
  signalBeforeGiven: boolean;
  /** What starts the tasks inside the allocation (resolved: the scheduler's default when not asked); null for local. */
  launcher: Launcher | null;
  /** Grid Engine: the parallel environment (-pe NAME SLOTS); null for the default. */
  parallelEnvironment: string | null;
  /** Whether the scheduler may run the job again (after a node failure, preemption or scontrol requeue). */
  requeue: boolean;
  queue: string | null;
  account: string | null;
  /** Raw extra directive lines: prefixed with `#SBATCH ` / `# flux: ` unless they start with `#`. */
  directives: readonly string[];
  /** Shell lines run before the tasks start (module load, venv, container runtime): not quoted. */
  setup: readonly string[];
  paths: RunPaths;
  /** Absolute paths, so the job does not depend on the compute node's PATH. */
  nodePath: string;
  fractalPath: string;
  /** Options for `fractal run` besides the run-directory ones, unquoted: ['--width', '256', ...]. */
  runArgs: readonly string[];
}
