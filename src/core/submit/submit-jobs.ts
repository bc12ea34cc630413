// `fractal submit` end to end: check everything first (nothing is created for bad options or a
// bad template), then per point of the sweep create a fresh run directory, write the token, the
// script and submit.json, submit, and with --wait follow every job to its end.
import { dirname, isAbsolute, join } from 'node:path';
import { generateToken } from '../cluster/job-token.js';
import { describeValue, FractalError } from '../errors.js';
import { checkPathName } from '../files/path-name.js';
import { checkIntegerInRange, MAX_TIMEOUT_SECONDS, RANGES } from '../limits.js';
import type { ImageInput } from '../render/image-spec.js';
import { IMAGE_FLAG_NAMES, RUN_FLAG_NAMES, type RunFlags } from '../run-flag-names.js';
import { hpcWarnings } from './batch-directives.js';
import { buildJobScript, type JobScriptInput, type RunPaths } from './build-job-script.js';
import { launcherWarnings, resolveLauncher } from './launchers.js';
import { jobFailedError } from './job-outcome.js';
import { followBatchJob, judgeFinishedJob, startJob } from './job-lifecycle.js';
import { parseNodeCounts } from './node-counts.js';
import { readTemplate } from './read-template.js';
import {
  absolutePath,
  checkExplicitDirectory,
  checkRunPath,
  createDirectory,
  createExplicitDirectory,
  createUniqueDirectory,
  formatRunStamp,
  planUniqueDirectory,
  RUN_FILES,
  runPathsFor,
  sweepPointName,
  writeTextAtomic,
  writeTokenFile,
} from './run-directory.js';
import { checkRunOutputs } from './run-outputs.js';
import { SCHEDULER_INFO } from './schedulers.js';
import { requireSingleLine } from './shell-quote.js';
import type { JobStatus } from './job-status.js';
// type-only: submission.ts (and execa with it) is loaded when something is submitted, so that
// --dry-run starts as fast as the CLI can
import type { LocalJobHandle } from './submission.js';
import type { JobReport, SubmitJobsOptions, SubmitReport } from './submit-types.js';
import { parseTimeLimit } from './time-limit.js';
import { walltimeWarningSeconds } from './walltime-signal.js';
import { writeSubmission, writeSweep, type CheckedSubmission } from './submission-record.js';

/** The leader does not compute, so a job needs a worker besides it. */
const MIN_TASKS = 2;

interface Point {
  nodes: number;
  repeat: number;
}

interface CheckedOptions extends CheckedSubmission {
  points: Point[];
  warnings: string[];
  sweep: boolean;
}

export const submitJobs = async (options: SubmitJobsOptions): Promise<SubmitReport> => {
  const checked = await checkOptions(options);
  for (const message of checked.warnings) options.onEvent?.({ type: 'warning', message });
  const base = { dryRun: options.dryRun, scheduler: options.scheduler, warnings: checked.warnings };
  if (options.dryRun) {
    const planned = await planDirectories(options, checked);
    const jobs = planned.dirs.map((dir, i) => plannedJob(options, checked, checked.points[i]!, dir));
    return { ...base, sweepDir: planned.sweepDir, jobs, followHints: [] };
  }

  const sweepDir = checked.sweep ? await createSweepDirectory(options) : null;
  const jobs: JobReport[] = [];
  const locals = new Map<JobReport, LocalJobHandle>();
  const createdAt = options.now();
  try {
    for (const [index, point] of checked.points.entries()) {
      const dir = sweepDir
        ? join(sweepDir, sweepPointName(point.nodes, point.repeat))
        : options.runDir !== null
          ? await createExplicitDirectory(absolutePath(options.cwd, options.runDir))
          : await createUniqueDirectory(absolutePath(options.cwd, options.runsRoot), singleRunName(options, point, createdAt));
      if (sweepDir) await createDirectory(dir);
      const job = plannedJob(options, checked, point, dir);
      jobs.push(job);
      await prepareRunDirectory(options, checked, job, sweepDir);
      const local = await startJob(options, job);
      if (local) locals.set(job, local);
      await writeSubmission(options, checked, job, sweepDir);
      options.onEvent?.({ type: 'submitted', job, index, total: checked.points.length });
      // local jobs share this machine's cores: a sweep runs its points one after another
      if (local && (options.wait || checked.sweep)) await finishJob(options, checked, job, sweepDir, () => local.exited);
    }
    if (sweepDir) await writeSweep(options, sweepDir, jobs);
    if (options.wait && options.scheduler !== 'local') {
      await Promise.all(jobs.map((job) => finishJob(options, checked, job, sweepDir, () => followBatchJob(options, job))));
    }
  } catch (error) {
    const queued = jobs.filter((job) => job.jobId !== null && job.outcome === null);
    if (error instanceof FractalError && sweepDir && queued.length > 0) {
      error.suggestions.push(`${queued.length} job(s) of the sweep were submitted before this (${queued.map((j) => j.jobId).join(', ')}); see ${join(sweepDir, RUN_FILES.sweep)}`);
    }
    throw error;
  } finally {
    if (sweepDir) await writeSweep(options, sweepDir, jobs).catch(() => undefined);
    for (const [job, handle] of locals) if (job.outcome === null) handle.detach();
  }
  const unfinished = jobs.flatMap((job) => (job.jobId && job.outcome === null ? [job.jobId] : []));
  const followHints = options.wait ? [] : unfinished.map((jobId) => SCHEDULER_INFO[options.scheduler].followHint(jobId));
  return { ...base, sweepDir, jobs, followHints };
};

/** Jobs that ran and did not succeed, as the error the command ends with (exit code 5). */
export const failedJobsError = (report: SubmitReport): FractalError | null => {
  const failures = report.jobs.flatMap((job) =>
    job.outcome && !job.outcome.ok ? [{ jobId: job.jobId, runDir: job.paths.runDir, log: job.paths.log, outcome: job.outcome }] : [],
  );
  if (failures.length === 0) return null;
  const suggestions =
    report.scheduler === 'local'
      ? ['each task logs to task-RANK.log in its run directory (rank 0 is the leader)']
      : [`read the whole log: ${failures[0]!.log} (srun and flux run start each line with its task's rank; 0 is the leader)`];
  return jobFailedError(failures, report.jobs.length, suggestions);
};

const checkOptions = async (options: SubmitJobsOptions): Promise<CheckedOptions> => {
  const nodeCounts = parseNodeCounts(options.nodes);
  checkIntegerInRange('--repeat', options.repeat, { min: 1, max: 1000 });
  checkIntegerInRange('--tasks-per-node', options.tasksPerNode, { min: 1, max: 4096 });
  for (const nodes of nodeCounts) {
    if (nodes * options.tasksPerNode < MIN_TASKS) {
      throw new FractalError(
        `--nodes ${nodes} with --tasks-per-node ${options.tasksPerNode} makes a job of ${nodes * options.tasksPerNode} task: ` +
          `rank 0 leads and does not compute, so a job needs at least ${MIN_TASKS} tasks`,
        { kind: 'usage', code: 'E_SUBMIT_TASKS', suggestions: ['use --nodes 2 or more', 'or --tasks-per-node 2 to put the leader and a worker on one node'] },
      );
    }
  }
  const points = nodeCounts.flatMap((nodes) => Array.from({ length: options.repeat }, (_, i) => ({ nodes, repeat: i + 1 })));
  const sweep = points.length > 1;
  const warnings: string[] = [];

  requireName('--job-name', options.jobName);
  // an empty --queue or --account would become `--partition=""`: the scheduler's own confusing error
  if (options.queue !== null) requireName('--queue', options.queue);
  if (options.account !== null) requireName('--account', options.account);
  for (const line of options.directives) requireName('--directive', line);
  const time = options.time === null ? null : parseTimeLimit(options.time);
  if (time && options.scheduler === 'local') warnings.push('--time is not enforced by the local scheduler: the job runs until it ends');
  const signalBeforeSeconds = walltimeWarningSeconds(time, options.signalBefore);

  checkRunPath('--run-dir', absolutePath(options.cwd, options.runDir ?? options.runsRoot));
  checkRunPath('--outfile', checkPathName('--outfile', options.outfile));
  if (sweep && isAbsolute(options.outfile)) {
    throw new FractalError(`--outfile ${options.outfile}: an absolute path would make every job of the sweep write the same file`, {
      kind: 'usage',
      code: 'E_SUBMIT_OUTFILE',
      suggestions: ['give a file name; each job writes it in its own run directory'],
    });
  }
  // the same bounds fractal run will hold the job's tasks to: refused here, before anything is queued
  if (options.run.threads !== undefined) checkIntegerInRange('--threads', options.run.threads, RANGES.threads);
  if (options.run.chunk !== undefined) checkIntegerInRange('--chunk', options.run.chunk, RANGES.chunk);
  for (const [flag, seconds] of [
    ['--join-timeout', options.run.joinTimeout],
    ['--connect-timeout', options.run.connectTimeout],
  ] as const) {
    if (seconds !== undefined && !(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) {
      throw new FractalError(`${flag}: expected seconds above 0 and at most a week (${MAX_TIMEOUT_SECONDS}), got ${describeValue(seconds)}`, { kind: 'usage', code: 'E_FLAG_RANGE' });
    }
  }

  const template = await readTemplate(options);
  const runArgs = fractalRunArgs(options.image, options.run);
  const launcher = resolveLauncher(options.scheduler, options.launcher);
  warnings.push(...launcherWarnings(options.scheduler, launcher, time !== null));
  if (options.parallelEnvironment !== null) requireName('--parallel-environment', options.parallelEnvironment);
  const checked: CheckedOptions = { points, time, signalBeforeSeconds, template, runArgs, warnings, sweep, launcher };
  // renders once with stand-in paths (the real ones when --run-dir names them): a bad placeholder,
  // an option the scheduler cannot honour or an --outfile that is one of the run's own files
  // fails here, before any directory exists
  const first = points[0]!;
  const standIn =
    options.runDir === null
      ? absolutePath(options.cwd, join(options.runsRoot, 'check'))
      : sweep
        ? join(absolutePath(options.cwd, options.runDir), sweepPointName(first.nodes, first.repeat))
        : absolutePath(options.cwd, options.runDir);
  const planned = plannedJob(options, checked, first, standIn);
  if (options.scheduler === 'pbs' || options.scheduler === 'lsf' || options.scheduler === 'sge') {
    warnings.push(...hpcWarnings(options.scheduler, scriptInput(options, checked, first, planned.paths)));
  }
  return checked;
};

const requireName = (flag: string, value: string): void => {
  requireSingleLine(flag, value);
  if (value.trim() === '') throw new FractalError(`${flag}: expected a value, got ${value === '' ? 'an empty string' : 'only blanks'}`, { kind: 'usage', code: 'E_SUBMIT_EMPTY' });
};

/** Every image flag, as given, and the run options that were set: the arguments of `fractal run`. */
export const fractalRunArgs = (image: ImageInput, run: RunFlags): string[] => {
  const imageFields = Object.keys(IMAGE_FLAG_NAMES) as Array<keyof ImageInput>;
  const args = imageFields.flatMap((field) => [`--${IMAGE_FLAG_NAMES[field]}`, String(image[field])]);
  for (const field of Object.keys(RUN_FLAG_NAMES) as Array<keyof RunFlags>) {
    const value = run[field];
    // a boolean flag is given bare, and only when on
    if (typeof value === 'boolean') {
      if (value) args.push(`--${RUN_FLAG_NAMES[field]}`);
    } else if (Array.isArray(value)) {
      // a repeatable flag is given once per value
      for (const item of value) args.push(`--${RUN_FLAG_NAMES[field]}`, item);
    } else if (value !== undefined) {
      args.push(`--${RUN_FLAG_NAMES[field]}`, String(value));
    }
  }
  return args;
};

const scriptInput = (options: SubmitJobsOptions, checked: CheckedOptions, point: Point, paths: RunPaths): JobScriptInput => ({
  scheduler: options.scheduler,
  jobName: options.jobName,
  nodes: point.nodes,
  tasksPerNode: options.tasksPerNode,
  time: checked.time,
  signalBeforeSeconds: checked.signalBeforeSeconds,
  signalBeforeGiven: options.signalBefore !== null,
  launcher: checked.launcher,
  parallelEnvironment: options.parallelEnvironment,
  requeue: options.requeue,
  queue: options.queue,
  account: options.account,
  directives: options.directives,
  setup: options.setup,
  paths,
  nodePath: options.nodePath,
  fractalPath: options.fractalPath,
  runArgs: checked.runArgs,
});

const plannedJob = (options: SubmitJobsOptions, checked: CheckedOptions, point: Point, runDir: string): JobReport => {
  const paths = runPathsFor(runDir, options.outfile);
  checkRunOutputs({
    paths,
    scheduler: options.scheduler,
    tasks: point.nodes * options.tasksPerNode,
    sweepDir: checked.sweep ? dirname(runDir) : null,
    outfile: options.outfile,
    template: options.template === null ? null : absolutePath(options.cwd, options.template),
    cwd: options.cwd,
  });
  return {
    nodes: point.nodes,
    repeat: point.repeat,
    tasks: point.nodes * options.tasksPerNode,
    paths,
    scriptText: buildJobScript(scriptInput(options, checked, point, paths), checked.template),
    jobId: null,
    submittedAt: null,
    outcome: null,
  };
};

const singleRunName = (options: SubmitJobsOptions, point: Point, at: Date): string => `${formatRunStamp(at)}-${options.scheduler}-${point.nodes}n`;
const sweepName = (options: SubmitJobsOptions, at: Date): string => `${formatRunStamp(at)}-${options.scheduler}-sweep`;

interface PlannedDirectories {
  sweepDir: string | null;
  dirs: string[];
}

/** What --dry-run shows: the directories a submission now would get, none created. */
const planDirectories = async (options: SubmitJobsOptions, checked: CheckedOptions): Promise<PlannedDirectories> => {
  const at = options.now();
  const root = absolutePath(options.cwd, options.runsRoot);
  if (checked.sweep) {
    let sweepDir: string;
    if (options.runDir !== null) {
      sweepDir = absolutePath(options.cwd, options.runDir);
      await checkExplicitDirectory(sweepDir);
    } else {
      sweepDir = planUniqueDirectory(root, sweepName(options, at));
    }
    return { sweepDir, dirs: checked.points.map((p) => join(sweepDir, sweepPointName(p.nodes, p.repeat))) };
  }
  if (options.runDir !== null) {
    const dir = absolutePath(options.cwd, options.runDir);
    await checkExplicitDirectory(dir);
    return { sweepDir: null, dirs: [dir] };
  }
  return { sweepDir: null, dirs: [planUniqueDirectory(root, singleRunName(options, checked.points[0]!, at))] };
};

const createSweepDirectory = (options: SubmitJobsOptions): Promise<string> =>
  options.runDir !== null
    ? createExplicitDirectory(absolutePath(options.cwd, options.runDir))
    : createUniqueDirectory(absolutePath(options.cwd, options.runsRoot), sweepName(options, options.now()));

const prepareRunDirectory = async (
  options: SubmitJobsOptions,
  checked: CheckedOptions,
  job: JobReport,
  sweepDir: string | null,
): Promise<void> => {
  if (!isAbsolute(options.outfile)) await createDirectory(dirname(job.paths.outfile));
  await writeTokenFile(job.paths.tokenFile, generateToken());
  await writeTextAtomic(job.paths.script, job.scriptText, 0o755);
  await writeSubmission(options, checked, job, sweepDir);
};

const finishJob = async (
  options: SubmitJobsOptions,
  checked: CheckedOptions,
  job: JobReport,
  sweepDir: string | null,
  wait: () => Promise<JobStatus>,
): Promise<void> => {
  job.outcome = await judgeFinishedJob(options.scheduler, job, wait);
  await writeSubmission(options, checked, job, sweepDir);
  options.onEvent?.({ type: 'finished', job, outcome: job.outcome });
};

/** submit.json: every resolved option, the paths, and (once known) the job id and its outcome. */
