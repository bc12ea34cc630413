// The batch script as a pure function of the options: code builds the directive lines and
// quotes every value, the template only places them. `--dry-run` prints exactly this text.
import { FractalError } from '../errors.js';
import { renderTemplate, type TemplateSource, type TemplateValues } from './render-template.js';
import type { SubmitScheduler } from './schedulers.js';
import { fluxDirectiveQuote, requireSingleLine, shellQuote, shellWords, slurmDirectiveQuote } from './shell-quote.js';
import { formatFluxTime, formatSlurmTime, type TimeLimit } from './time-limit.js';

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
  /** Slurm: whether the scheduler may run the job again (after a node failure, preemption or scontrol requeue). */
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

/** The placeholders every built-in and user template may use. */
export const TEMPLATE_PLACEHOLDERS = [
  'directives',
  'setup',
  'job_name',
  'scheduler',
  'nodes',
  'tasks_per_node',
  'tasks',
  'run_dir',
  'script',
  'log',
  'token_file',
  'outfile',
  'results',
  'node',
  'fractal',
  'run_options',
  'launcher_options',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export const buildJobScript = (job: JobScriptInput, template: TemplateSource): string =>
  renderTemplate(template, jobScriptValues(job));

export const jobScriptValues = (job: JobScriptInput): TemplateValues => {
  const values: Record<TemplatePlaceholder, string> = {
    directives: directiveLines(job).join('\n'),
    setup: job.setup.join('\n'),
    job_name: shellQuote(job.jobName),
    scheduler: job.scheduler,
    nodes: String(job.nodes),
    tasks_per_node: String(job.tasksPerNode),
    tasks: String(job.nodes * job.tasksPerNode),
    run_dir: shellQuote(job.paths.runDir),
    script: shellQuote(job.paths.script),
    log: shellQuote(job.paths.log),
    token_file: shellQuote(job.paths.tokenFile),
    outfile: shellQuote(job.paths.outfile),
    results: shellQuote(job.paths.results),
    node: shellQuote(job.nodePath),
    fractal: shellQuote(job.fractalPath),
    run_options: shellWords(job.runArgs),
    launcher_options: shellWords(launcherOptions(job)),
  };
  return values;
};

/** The scheduler's directive lines, in a fixed order, then the user's own. */
export const directiveLines = (job: JobScriptInput): string[] => {
  for (const line of job.directives) requireSingleLine('--directive', line);
  switch (job.scheduler) {
    case 'slurm': {
      const q = slurmDirectiveQuote;
      const lines = [
        `--job-name=${q(job.jobName)}`,
        `--nodes=${job.nodes}`,
        `--ntasks-per-node=${job.tasksPerNode}`,
        ...(job.time ? [`--time=${formatSlurmTime(job.time.seconds)}`] : []),
        // without B:, Slurm signals every task of the job's steps (srun's), not the batch shell
        ...(job.time ? [`--signal=${WALLTIME_SIGNAL}@${job.signalBeforeSeconds}`] : []),
        job.requeue ? '--requeue' : '--no-requeue',
        // a requeued job runs again with the same --output: append, so earlier attempts' lines stay
        ...(job.requeue ? ['--open-mode=append'] : []),
        ...(job.queue !== null ? [`--partition=${q(job.queue)}`] : []),
        ...(job.account !== null ? [`--account=${q(job.account)}`] : []),
        `--chdir=${q(job.paths.runDir)}`,
        // sbatch expands %j, %N, ... in file names; %% is a literal %
        `--output=${q(job.paths.log.replaceAll('%', '%%'))}`,
      ];
      return [...lines.map((line) => `#SBATCH ${line}`), ...job.directives.map((line) => userDirective('#SBATCH ', line))];
    }
    case 'flux': {
      const q = fluxDirectiveQuote;
      if (job.account !== null) throw unsupported('flux', '--account', 'Flux has no accounts; with flux-accounting use --directive "--setattr=system.bank=NAME"');
      if (!job.requeue) throw unsupported('flux', '--no-requeue', 'Flux never requeues a batch job by itself: drop the flag');
      const lines = [
        `--job-name=${q(job.jobName)}`,
        `--nodes=${job.nodes}`,
        // whole nodes: the tasks of `flux run` inside share them as they like
        '--exclusive',
        ...(job.time ? [`--time-limit=${formatFluxTime(job.time.seconds)}`] : []),
        ...(job.queue !== null ? [`--queue=${q(job.queue)}`] : []),
        `--cwd=${q(job.paths.runDir)}`,
        `--output=${q(job.paths.log)}`,
      ];
      return [...lines.map((line) => `# flux: ${line}`), ...job.directives.map((line) => userDirective('# flux: ', line))];
    }
    case 'local':
      if (job.directives.length > 0) throw unsupported('local', '--directive', 'directives are for a scheduler; use --setup for shell lines');
      if (job.queue !== null) throw unsupported('local', '--queue/--partition', 'drop it, or submit with --scheduler slurm or flux');
      if (job.account !== null) throw unsupported('local', '--account', 'drop it, or submit with --scheduler slurm');
      if (!job.requeue) throw unsupported('local', '--no-requeue', 'a local job is never requeued: drop the flag');
      return [];
  }
};

/** The walltime warning: the leader checkpoints and stops cleanly on it, the workers carry on until told. */
export const WALLTIME_SIGNAL = 'USR1';

/**
 * Options fractal adds to the task launcher's line. Flux sends a batch job's --signal to the
 * batch script alone, so the warning is asked for on `flux run`, whose tasks are fractal's; a
 * nested job ends when its instance does, so its limit is the batch job's.
 */
const launcherOptions = (job: JobScriptInput): string[] =>
  job.scheduler === 'flux' && job.time ? [`--signal=SIG${WALLTIME_SIGNAL}@${job.signalBeforeSeconds}s`] : [];

const userDirective = (prefix: string, line: string): string => (line.trimStart().startsWith('#') ? line : `${prefix}${line.trim()}`);

const unsupported = (scheduler: SubmitScheduler, flag: string, hint: string): FractalError =>
  new FractalError(`${flag} has no equivalent for --scheduler ${scheduler}, and would be ignored`, {
    kind: 'usage',
    code: 'E_SUBMIT_UNSUPPORTED',
    suggestions: [hint],
  });
