// The batch script as a pure function of the options: code builds the directive lines and
// quotes every value, the template only places them. `--dry-run` prints exactly this text.
import { renderTemplate, type TemplateSource, type TemplateValues } from './render-template.js';
import { hpcDirectiveLines, unsupported, userDirective } from './batch-directives.js';
import type { JobScriptInput } from './job-script-input.js';
import { launcherLine, WALLTIME_SIGNAL } from './launchers.js';
import { fluxDirectiveQuote, requireSingleLine, shellQuote, shellWords, slurmDirectiveQuote } from './shell-quote.js';
import { formatFluxTime, formatSlurmTime } from './time-limit.js';

export type { JobScriptInput, RunPaths } from './job-script-input.js';

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
  'launcher',
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
    launcher: job.launcher === null ? '' : launcherLine(launchInput(job), job.launcher),
  };
  return values;
};

/** The scheduler's directive lines, in a fixed order, then the user's own. */
export const directiveLines = (job: JobScriptInput): string[] => {
  for (const line of job.directives) requireSingleLine('--directive', line);
  if (job.parallelEnvironment !== null && job.scheduler !== 'sge') {
    throw unsupported(job.scheduler, '--parallel-environment', 'only Grid Engine has parallel environments: drop the flag');
  }
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
    case 'pbs':
    case 'lsf':
    case 'sge':
      return hpcDirectiveLines(job.scheduler, job);
    case 'local':
      if (job.directives.length > 0) throw unsupported('local', '--directive', 'directives are for a scheduler; use --setup for shell lines');
      if (job.queue !== null) throw unsupported('local', '--queue/--partition', 'drop it, or submit with --scheduler slurm or flux');
      if (job.account !== null) throw unsupported('local', '--account', 'drop it, or submit with --scheduler slurm');
      if (!job.requeue) throw unsupported('local', '--no-requeue', 'a local job is never requeued: drop the flag');
      return [];
  }
};

/**
 * Options fractal adds to the task launcher's line, for user templates that write the launcher
 * themselves (the built-in ones use {{launcher}}): Flux's walltime warning, which Flux sends to the
 * batch script alone when asked for on the batch job.
 */
const launcherOptions = (job: JobScriptInput): string[] =>
  job.scheduler === 'flux' && job.time ? [`--signal=SIG${WALLTIME_SIGNAL}@${job.signalBeforeSeconds}s`] : [];

const launchInput = (job: JobScriptInput) => ({
  scheduler: job.scheduler,
  nodes: job.nodes,
  tasksPerNode: job.tasksPerNode,
  warningSeconds: job.time ? job.signalBeforeSeconds : null,
});

