import { isAbsolute, join, relative } from 'node:path';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { formatBytes, printable } from '../cli/format.js';
import { formatDuration } from '../core/format-duration.js';
import { imageFlags, imageInputFromFlags } from '../cli/image-flags.js';
import { integerFlag, secondsFlag } from '../cli/number-flags.js';
import { lostWorkersWarning } from '../cli/lost-workers.js';
import { pathFlag } from '../cli/path-flags.js';
import { RANGES } from '../core/limits.js';
import { resolveImageSpec } from '../core/render/image-spec.js';
import { RUN_FLAG_NAMES } from '../core/run-flag-names.js';
import { DEFAULT_PARALLEL_ENVIRONMENT } from '../core/submit/batch-directives.js';
import { LAUNCHERS, SUBMIT_SCHEDULERS } from '../core/submit/schedulers.js';
import { failedJobsError, submitJobs } from '../core/submit/submit-jobs.js';
import type { JobReport, SubmitEvent, SubmitReport } from '../core/submit/submit-types.js';
import { DEFAULT_SIGNAL_BEFORE_SECONDS } from '../core/submit/walltime-signal.js';
import { resumeJob } from '../core/submit/resume-job.js';
import { consoleAddress } from '../core/submit/console-address.js';
import { FractalError } from '../core/errors.js';
import { labelPairs, parseLabelFlags } from '../core/metrics/labels.js';

/** The flags --resume combines with: the rest are the run's own, in its submit.json. */
const RESUME_FLAGS = new Set(['resume', 'wait', 'quiet', 'json']);

export default class Submit extends BaseCommand {
  static summary = 'Write the batch script for Slurm, Flux, PBS, LSF, Grid Engine or this machine, and submit it.';

  static description = `Every task of the job runs the same \`fractal run\`: rank 0 leads (hands out the work, writes the
PNG and the results JSON), every other rank is a worker. The script comes from a template in
templates/ (or --template FILE) with every value shell-quoted; --dry-run prints it and submits nothing.
Inside the allocation the tasks start with the scheduler's own launcher (srun, flux run, mpiexec
for PBS, mpirun for LSF and Grid Engine) or the --launcher given (mpirun, mpiexec, jsrun, pbsdsh,
ssh), whose rank variables fractal run reads. PBS, LSF and Grid Engine read their directive lines
themselves: values there must be plain words (see docs/submitting.md).

Each submission gets a new run directory (under ./runs/ unless --run-dir) holding the script
(job.sh), the resolved options (submit.json), the job's token, the log (job.log), the PNG and the
results JSON. --nodes 2,3,5 and --repeat K submit one job per point into one sweep directory, ready
for \`fractal metrics summarize DIR\`. --wait follows the job(s) to the end and prints a summary.

Exit codes: 0 submitted (with --wait: every job succeeded); 2 bad flags or an option the scheduler
has no equivalent for; 3 unusable input (template, run directory); 4 the scheduler is missing or
refused the job (its own message is shown); 5 a job ran and failed (with --wait).`;

  static examples = [
    { description: 'Try it now, no scheduler needed: 4 tasks on this machine, wait for the PNG', command: '<%= config.bin %> <%= command.id %> --scheduler local --nodes 4 --wait --width 256 --height 192 --smoothness 1' },
    { description: 'Print the Slurm script without submitting it', command: '<%= config.bin %> <%= command.id %> --scheduler slurm --nodes 4 --partition debug --time 10 --dry-run' },
    { description: 'Submit to Slurm with a module and wait for the result', command: '<%= config.bin %> <%= command.id %> --nodes 8 --setup "module load nodejs/20" --wait' },
    { description: 'A Flux job', command: '<%= config.bin %> <%= command.id %> --scheduler flux --nodes 8 --time 30m' },
    { description: 'Slurm, the tasks started by Open MPI\'s mpirun instead of srun', command: '<%= config.bin %> <%= command.id %> --scheduler slurm --launcher mpirun --nodes 4 --wait' },
    { description: 'A PBS Pro / OpenPBS job on queue workq, charged to a project', command: '<%= config.bin %> <%= command.id %> --scheduler pbs --nodes 4 --queue workq --account proj42 --time 1:00:00' },
    { description: 'An LSF job launched with jsrun (IBM CSM)', command: '<%= config.bin %> <%= command.id %> --scheduler lsf --launcher jsrun --nodes 4 --time 30 --account proj42' },
    { description: 'A Grid Engine job in the parallel environment "orte", followed to its end', command: '<%= config.bin %> <%= command.id %> --scheduler sge --parallel-environment orte --nodes 4 --wait' },
    { description: 'A strong-scaling sweep: 1, 2 and 4 workers, three runs each', command: '<%= config.bin %> <%= command.id %> --nodes 2,3,5 --repeat 3 --wait && <%= config.bin %> metrics summarize runs/' },
  ];

  static enableJsonFlag = true;

  static flags = {
    scheduler: Flags.option({
      options: SUBMIT_SCHEDULERS,
      description: 'Who runs the job: slurm (sbatch), flux (flux batch), pbs (qsub), lsf (bsub), sge (Grid Engine\'s qsub) or local (this machine, no scheduler).',
      default: 'slurm' as const,
      env: 'FRACTAL_SCHEDULER',
    })(),
    nodes: Flags.string({
      description: 'Nodes for the job, or a comma-separated list for a sweep (one job per count), e.g. 2,3,5.',
      default: '4',
    }),
    launcher: Flags.option({
      options: LAUNCHERS,
      description: 'What starts the tasks inside the allocation. Default: srun (Slurm), flux (Flux), mpiexec (PBS), mpirun (LSF, Grid Engine); a launcher that does not fit the scheduler is refused.',
    })(),
    'parallel-environment': Flags.string({ description: `Grid Engine only: the parallel environment (-pe NAME SLOTS); its allocation_rule spreads the slots over hosts (default ${DEFAULT_PARALLEL_ENVIRONMENT}).` }),
    'tasks-per-node': Flags.integer({ description: 'Tasks per node; the job has nodes × tasks-per-node tasks, rank 0 leading.', default: 1, min: 1 }),
    repeat: Flags.integer({ description: 'Submit each node count this many times (a sweep).', default: 1, min: 1 }),
    time: Flags.string({ description: 'Time limit: minutes, H:MM:SS, D-HH:MM:SS, or 90s / 10m / 2h.' }),
    'signal-before': integerFlag({
      description: `With --time: seconds before the limit the tasks get SIGUSR1, on which the leader checkpoints and stops cleanly (default ${DEFAULT_SIGNAL_BEFORE_SECONDS}, at most half the limit)`,
      range: RANGES.signalBefore,
    }),
    requeue: Flags.boolean({
      description: 'Let the scheduler run the job again (Slurm --requeue, PBS and Grid Engine -r y, LSF -r) after a node failure or preemption; the new attempt resumes from the checkpoint.',
      default: true,
      allowNo: true,
    }),
    queue: Flags.string({ description: 'Partition (Slurm) or queue (Flux, PBS, LSF, Grid Engine); --partition is the same flag.', aliases: ['partition'] }),
    account: Flags.string({ description: 'Account or project to charge (Slurm --account, PBS -A, LSF -P, Grid Engine -A; Flux has none).' }),
    'job-name': Flags.string({ description: 'The job\'s name in the queue.', default: 'fractal' }),
    directive: Flags.string({
      description: 'An extra directive line, repeatable: "--exclusive" becomes "#SBATCH --exclusive" (or "# flux: ...", "#PBS ...", "#BSUB ...", "#$ ..."); a line starting with # is kept as it is.',
      multiple: true,
    }),
    setup: Flags.string({
      description: 'A shell line run before the tasks start (module load, venv activation, container runtime), repeatable. Not quoted: it is shell.',
      multiple: true,
    }),
    template: pathFlag({ description: 'Use this template instead of the built-in one (see templates/ for the placeholders).' }),
    'run-dir': pathFlag({ description: 'The run directory (for a sweep: the sweep directory). Must be new or empty. Default: a new one under ./runs/.' }),
    'dry-run': Flags.boolean({ description: 'Print exactly the script that would be submitted; create and submit nothing.' }),
    wait: Flags.boolean({ description: 'Follow the job(s) to the end, then print where the PNG and results are; the exit code says whether they succeeded.' }),
    [RUN_FLAG_NAMES.threads]: integerFlag({ description: 'Passed to fractal run: compute threads per worker (default: its cores; at most 4 per core there)', range: RANGES.threads, helpGroup: 'RUN' }),
    [RUN_FLAG_NAMES.chunk]: integerFlag({ description: 'Passed to fractal run: rows per work unit.', range: RANGES.chunk, helpGroup: 'RUN' }),
    [RUN_FLAG_NAMES.joinTimeout]: secondsFlag({ description: 'Passed to fractal run: how long the leader waits for its workers', helpGroup: 'RUN' }),
    [RUN_FLAG_NAMES.connectTimeout]: secondsFlag({ description: 'Passed to fractal run: how long a worker tries to reach the leader', helpGroup: 'RUN' }),
    [RUN_FLAG_NAMES.label]: Flags.string({
      description: 'Passed to fractal run: a KEY=VALUE label for the results (repeatable); summaries draw one series per label set.',
      multiple: true,
      helpGroup: 'RUN',
    }),
    [RUN_FLAG_NAMES.metrics]: Flags.boolean({ description: 'Passed to fractal run: METRICS lines in the job log.', helpGroup: 'RUN' }),
    [RUN_FLAG_NAMES.checkpointInterval]: integerFlag({
      description: 'Passed to fractal run: how often the leader makes its checkpoint durable, in seconds; 0 turns checkpoints off (default 30)',
      range: RANGES.checkpointInterval,
      helpGroup: 'RUN',
    }),
    [RUN_FLAG_NAMES.http]: integerFlag({
      description: 'Passed to fractal run: the leader serves its live console (GET /), /status and /metrics on this HTTP port; 0 picks a free one (named in the job log)',
      range: RANGES.port,
      helpGroup: 'RUN',
    }),
    [RUN_FLAG_NAMES.httpHost]: Flags.string({
      description: 'Passed to fractal run: the interface the --http port listens on (default 127.0.0.1: only from the leader\'s own node)',
      dependsOn: [RUN_FLAG_NAMES.http],
      helpGroup: 'RUN',
    }),
    quiet: Flags.boolean({ description: 'Print nothing but errors (the script with --dry-run).' }),
    resume: pathFlag({
      description: 'Submit the job of this run directory again, into it: the leader resumes from its checkpoint. The run\'s own options are used; only --wait and --quiet combine with it.',
    }),
    ...imageFlags,
  };

  async run(): Promise<SubmitReport> {
    const { flags, metadata } = await this.parse(Submit);
    if (flags.resume !== undefined) {
      const given = Object.keys(flags).filter((name) => !RESUME_FLAGS.has(name) && !metadata.flags[name]?.setFromDefault);
      if (given.length > 0) {
        throw new FractalError(`--resume takes the run's own options from its submit.json; ${given.map((n) => `--${n}`).join(', ')} cannot change them`, {
          kind: 'usage',
          code: 'E_RESUME_OPTIONS',
          suggestions: ['drop them, or submit a new run without --resume'],
        });
      }
      return this.finish(await resumeJob({ ...this.context(flags.quiet, null), runDir: flags.resume, wait: flags.wait }), flags.quiet);
    }
    const image = imageInputFromFlags(flags);
    // the same checks fractal run makes, before anything is queued
    resolveImageSpec(image);
    const run = {
      threads: flags.threads,
      chunk: flags.chunk,
      joinTimeout: flags['join-timeout'],
      connectTimeout: flags['connect-timeout'],
      metrics: flags.metrics,
      checkpointInterval: flags[RUN_FLAG_NAMES.checkpointInterval],
      http: flags.http,
      httpHost: flags['http-host'],
      label: labelPairs(parseLabelFlags(flags.label ?? [])),
    };
    const report = await submitJobs({
      ...this.context(flags.quiet, consoleAddress(flags.scheduler, run)),
      scheduler: flags.scheduler,
      nodes: flags.nodes,
      repeat: flags.repeat,
      tasksPerNode: flags['tasks-per-node'],
      time: flags.time ?? null,
      signalBefore: flags['signal-before'] ?? null,
      requeue: flags.requeue,
      launcher: flags.launcher ?? null,
      parallelEnvironment: flags['parallel-environment'] ?? null,
      queue: flags.queue ?? null,
      account: flags.account ?? null,
      jobName: flags['job-name'],
      directives: flags.directive ?? [],
      setup: flags.setup ?? [],
      template: flags.template ?? null,
      templatesDir: join(this.config.root, 'templates'),
      runDir: flags['run-dir'] ?? null,
      runsRoot: 'runs',
      dryRun: flags['dry-run'],
      wait: flags.wait,
      image,
      outfile: flags.outfile,
      run,
      nodePath: process.execPath,
      fractalPath: join(this.config.root, 'bin', 'run.js'),
      toolVersion: this.config.version,
    });
    if (report.dryRun) {
      if (!this.jsonEnabled()) this.printScripts(report);
      return report;
    }
    return this.finish(report, flags.quiet);
  }

  /**
   * What submitting and resuming share: the working directory, the environment, the clock, how
   * events print (with the live console's address, when the job has one, beside each submission).
   */
  private context(quietFlag: boolean, consoleLine: string | null) {
    const quiet = quietFlag || this.jsonEnabled();
    const cwd = process.cwd();
    return {
      cwd,
      env: process.env,
      now: () => new Date(),
      onEvent: (event: SubmitEvent) => {
        if (event.type === 'warning') process.stderr.write(`warning: ${printable(event.message)}\n`);
        else if (!quiet) {
          this.logEvent(event, (path) => displayPath(cwd, path));
          if (event.type === 'submitted' && consoleLine) this.log(`  live console: ${consoleLine}`);
        }
      },
    };
  }

  private finish(report: SubmitReport, quietFlag: boolean): SubmitReport {
    if (!(quietFlag || this.jsonEnabled())) this.printSummary(report, (path) => displayPath(process.cwd(), path));
    const failed = failedJobsError(report);
    if (failed) throw failed;
    return report;
  }

  /** Exactly the script, nothing else on stdout; a sweep's scripts one after another, each under a comment naming its file. */
  private printScripts(report: SubmitReport): void {
    if (report.jobs.length === 1) {
      process.stdout.write(report.jobs[0]!.scriptText);
      return;
    }
    for (const job of report.jobs) process.stdout.write(`# ==> ${job.paths.script} <==\n${job.scriptText}`);
  }

  /** Job ids, states and details come from the scheduler's output: printed escaped, as all of it. */
  private logEvent(event: Exclude<SubmitEvent, { type: 'warning' }>, show: (path: string) => string): void {
    const job = event.job;
    const name = `${job.jobId ?? '?'}`;
    switch (event.type) {
      case 'submitted': {
        const of = event.total > 1 ? ` [${event.index + 1}/${event.total}]` : '';
        this.log(printable(`submitted job ${name}${of}: ${job.nodes} node(s), ${job.tasks} tasks (rank 0 leads, ${job.tasks - 1} worker(s)) -> ${show(job.paths.runDir)}`));
        return;
      }
      case 'status':
        process.stderr.write(`${printable(`job ${name}: ${event.status.detail}`)}\n`);
        return;
      case 'finished': {
        const o = event.outcome;
        this.log(printable(`job ${name} ${o.ok ? 'done' : 'did not succeed'}: ${o.detail} after ${formatDuration(o.waitedMs, 'line')} of waiting`));
        const r = o.results;
        if (r && r.attempt > 1) {
          this.log(`  resumed: attempt ${r.attempt} (${r.attempt - 1} earlier attempt${r.attempt === 2 ? '' : 's'} stopped early), ${r.resumedUnits} units from the checkpoint`);
        }
        const warning = r ? lostWorkersWarning(r.lostWorkers) : null;
        if (warning) process.stderr.write(`${warning}\n`);
        return;
      }
    }
  }

  private printSummary(report: SubmitReport, show: (path: string) => string): void {
    const lines: string[] = [];
    if (report.sweepDir) lines.push(`sweep directory: ${show(report.sweepDir)} (${report.jobs.length} jobs, sweep.json)`);
    for (const job of report.jobs) {
      if (report.jobs.length === 1 || job.outcome) lines.push(...jobLines(job, show, report.jobs.length > 1));
    }
    if (report.followHints.length > 0) {
      lines.push('follow:', ...report.followHints.map((hint) => `  ${hint}`));
      lines.push('  or submit with --wait to follow the job(s) to the end');
    }
    if (report.sweepDir && report.jobs.every((j) => j.outcome?.ok)) lines.push(`summarize: fractal metrics summarize ${show(report.sweepDir)}`);
    // host names come from the results file the job wrote, job ids from the scheduler
    if (lines.length > 0) this.log(lines.map(printable).join('\n'));
  }
}

const jobLines = (job: JobReport, show: (path: string) => string, brief: boolean): string[] => {
  const r = job.outcome?.results;
  const head = `job ${job.jobId ?? '?'} (${job.nodes} node(s), ${job.tasks} tasks)`;
  if (brief) {
    return [`  ${head} ${job.outcome?.ok ? 'ok' : job.outcome?.detail ?? 'submitted'}${r ? `, wall ${formatDuration(r.wallMs, 'line')}` : ''}: ${show(job.paths.runDir)}`];
  }
  const lines = [
    `${head}`,
    `  run directory  ${show(job.paths.runDir)}`,
    `  script         ${show(job.paths.script)}`,
    `  log            ${show(job.paths.log)}`,
  ];
  if (r) {
    const hosts = [...new Set(r.nodes.map((n) => n.host))];
    const leader = r.nodes.find((n) => n.role === 'leader');
    lines.push(
      `  image          ${show(job.paths.outfile)} (${r.image.width}×${r.image.height}, ${formatBytes(r.image.bytes)}, sha256 ${r.image.sha256.slice(0, 16)}…)`,
      `  results        ${show(job.paths.results)}`,
      `  tasks          ${r.nodes.length} on ${hosts.length} host(s): ${hosts.join(', ')}${leader ? `; leader rank ${leader.rank} on ${leader.host}` : ''}`,
      `  timings        wall ${formatDuration(r.wallMs, 'line')}, first unit after ${formatDuration(r.timeToFirstUnitMs, 'line')}`,
    );
  } else if (job.outcome) {
    lines.push(`  results        ${job.outcome.resultsProblem ?? 'none'}`);
  }
  return lines;
};

/** Paths below the working directory are shown relative to it, others in full. */
const displayPath = (cwd: string, path: string): string => {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
};
