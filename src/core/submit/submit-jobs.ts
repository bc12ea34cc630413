// `fractal submit` end to end: check everything first (nothing is created for bad options or a
// bad template), then per point of the sweep create a fresh run directory, write the token, the
// script and submit.json, submit, and with --wait follow every job to its end.
import { dirname, isAbsolute, join, relative } from 'node:path';
import { RANK_VARIABLES } from '../cluster/resolve-task.js';
import { describeValue, FractalError, inputError } from '../errors.js';
import { checkPathName } from '../files/path-name.js';
import { readRegularFile } from '../files/read-regular-file.js';
import { checkIntegerInRange, MAX_TIMEOUT_SECONDS, RANGES } from '../limits.js';
import type { ImageInput } from '../render/image-spec.js';
import { buildJobScript, type JobScriptInput, type RunPaths } from './build-job-script.js';
import { followJob } from './follow-job.js';
import { jobFailedError, readJobOutcome, type JobOutcome } from './job-outcome.js';
import { parseNodeCounts } from './node-counts.js';
import type { TemplateSource } from './render-template.js';
import {
  absolutePath,
  checkExplicitDirectory,
  checkRunPath,
  createDirectory,
  createExplicitDirectory,
  createUniqueDirectory,
  formatRunStamp,
  generateToken,
  planUniqueDirectory,
  RUN_FILES,
  runPathsFor,
  sweepPointName,
  writeJsonAtomic,
  writeTextAtomic,
  writeTokenFile,
} from './run-directory.js';
import { checkRunOutputs } from './run-outputs.js';
import { SCHEDULER_INFO, type SubmitScheduler } from './schedulers.js';
import { requireSingleLine } from './shell-quote.js';
import type { JobStatus } from './job-status.js';
// type-only: submission.ts (and execa with it) is loaded when something is submitted, so that
// --dry-run starts as fast as the CLI can
import type { Environment, LocalJobHandle } from './submission.js';
import { parseTimeLimit, type TimeLimit } from './time-limit.js';

/** `fractal run` options submit passes through when given. */
export interface RunFlags {
  threads?: number;
  chunk?: number;
  joinTimeout?: number;
  connectTimeout?: number;
  metrics?: boolean;
}

export interface SubmitJobsOptions {
  scheduler: SubmitScheduler;
  /** "4", or "2,3,5" for a sweep. */
  nodes: string;
  repeat: number;
  tasksPerNode: number;
  time: string | null;
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

/** The leader does not compute, so a job needs a worker besides it. */
const MIN_TASKS = 2;

interface Point {
  nodes: number;
  repeat: number;
}

interface CheckedOptions {
  points: Point[];
  time: TimeLimit | null;
  template: TemplateSource;
  runArgs: string[];
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
      const local = await submitOne(options, job);
      if (local) locals.set(job, local);
      await writeSubmission(options, checked, job, sweepDir);
      options.onEvent?.({ type: 'submitted', job, index, total: checked.points.length });
      // local jobs share this machine's cores: a sweep runs its points one after another
      if (local && (options.wait || checked.sweep)) await finishJob(options, checked, job, sweepDir, () => local.exited);
    }
    if (sweepDir) await writeSweep(options, sweepDir, jobs);
    if (options.wait && options.scheduler !== 'local') {
      await Promise.all(jobs.map((job) => finishJob(options, checked, job, sweepDir, () => followScheduler(options, job))));
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
  const followHints = options.wait ? [] : jobs.flatMap((job) => (job.jobId && job.outcome === null ? [SCHEDULER_INFO[options.scheduler].followHint(job.jobId)] : []));
  return { ...base, sweepDir, jobs, followHints };
};

/** Jobs that ran and did not succeed, as the error the command ends with (exit code 5). */
export const failedJobsError = (report: SubmitReport): FractalError | null => {
  const failures = report.jobs.flatMap((job) => (job.outcome && !job.outcome.ok ? [{ jobId: job.jobId, runDir: job.paths.runDir, log: job.paths.log, outcome: job.outcome }] : []));
  if (failures.length === 0) return null;
  const suggestions =
    report.scheduler === 'local'
      ? ['each task logs to task-RANK.log in its run directory (rank 0 is the leader)']
      : [`read the whole log: ${failures[0]!.log} (each line is labelled with its task's rank; 0 is the leader)`];
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
  const checked: CheckedOptions = { points, time, template, runArgs: fractalRunArgs(options.image, options.run), warnings, sweep };
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
  plannedJob(options, checked, first, standIn);
  return checked;
};

/** A job script is a page or two; a megabyte is not a template. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

const requireName = (flag: string, value: string): void => {
  requireSingleLine(flag, value);
  if (value.trim() === '') throw new FractalError(`${flag}: expected a value, got ${value === '' ? 'an empty string' : 'only blanks'}`, { kind: 'usage', code: 'E_SUBMIT_EMPTY' });
};

const readTemplate = async (options: SubmitJobsOptions): Promise<TemplateSource> => {
  const path = options.template === null ? join(options.templatesDir, SCHEDULER_INFO[options.scheduler].template) : absolutePath(options.cwd, options.template);
  try {
    const bytes = await readRegularFile(path, { maxBytes: MAX_TEMPLATE_BYTES, label: `the template ${options.template ?? path}` });
    return { text: bytes.toString('utf8'), path: options.template ?? path };
  } catch (error) {
    if (error instanceof FractalError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw inputError('E_TEMPLATE_READ', `cannot read the template ${options.template ?? path}: ${why}`, [
      options.template === null ? 'the built-in templates ship in the package\'s templates/ folder; reinstall fractal' : `start from a built-in one: templates/${SCHEDULER_INFO[options.scheduler].template}`,
    ], error);
  }
};

/** Every image flag, as given, and the run options that were set: the arguments of `fractal run`. */
export const fractalRunArgs = (image: ImageInput, run: RunFlags): string[] => {
  const args = [
    '--width', String(image.width),
    '--height', String(image.height),
    '--smoothness', String(image.smoothness),
    '--xpos', String(image.xpos),
    '--ypos', String(image.ypos),
    '--escape-radius', String(image.escapeRadius),
    '--iters', String(image.iters),
    '--step', String(image.step),
    '--palette', image.palette,
    '--coloring', image.coloring,
  ];
  if (run.threads !== undefined) args.push('--threads', String(run.threads));
  if (run.chunk !== undefined) args.push('--chunk', String(run.chunk));
  if (run.joinTimeout !== undefined) args.push('--join-timeout', String(run.joinTimeout));
  if (run.connectTimeout !== undefined) args.push('--connect-timeout', String(run.connectTimeout));
  if (run.metrics) args.push('--metrics');
  return args;
};

const scriptInput = (options: SubmitJobsOptions, checked: CheckedOptions, point: Point, paths: RunPaths): JobScriptInput => ({
  scheduler: options.scheduler,
  jobName: options.jobName,
  nodes: point.nodes,
  tasksPerNode: options.tasksPerNode,
  time: checked.time,
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

/** What --dry-run shows: the directories a submission now would get, none created. */
const planDirectories = async (options: SubmitJobsOptions, checked: CheckedOptions): Promise<{ sweepDir: string | null; dirs: string[] }> => {
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

const prepareRunDirectory = async (options: SubmitJobsOptions, checked: CheckedOptions, job: JobReport, sweepDir: string | null): Promise<void> => {
  if (!isAbsolute(options.outfile)) await createDirectory(dirname(job.paths.outfile));
  await writeTokenFile(job.paths.tokenFile, generateToken());
  await writeTextAtomic(job.paths.script, job.scriptText, 0o755);
  await writeSubmission(options, checked, job, sweepDir);
};

/** Submits one prepared job; for a local job, returns its handle. */
const loadSubmission = () => import('./submission.js');

const submitOne = async (options: SubmitJobsOptions, job: JobReport): Promise<LocalJobHandle | null> => {
  const { startLocalJob, submitBatchScript } = await loadSubmission();
  const context = { cwd: job.paths.runDir, env: options.env };
  job.submittedAt = options.now().toISOString();
  if (options.scheduler === 'local') {
    const handle = startLocalJob(job.paths.script, job.paths.log, { ...context, env: withoutRankVariables(options.env) });
    job.jobId = handle.jobId;
    return handle;
  }
  try {
    const submission = await submitBatchScript(options.scheduler, job.paths.script, context);
    job.jobId = submission.jobId;
  } catch (error) {
    job.submittedAt = null;
    if (error instanceof FractalError) error.suggestions.push(`nothing was submitted; the script and options stay in ${job.paths.runDir}`);
    throw error;
  }
  return null;
};

/**
 * A local job started from inside an allocation would otherwise see that allocation's
 * SLURM_PROCID (or FLUX_TASK_RANK ...) and take it for its own rank.
 */
const withoutRankVariables = (env: Environment): Environment => {
  const drop = new Set([...RANK_VARIABLES, 'FRACTAL_JOB_ID', 'FRACTAL_NODELIST']);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !drop.has(name)));
};

const followScheduler = async (options: SubmitJobsOptions, job: JobReport): Promise<JobStatus> => {
  const scheduler = options.scheduler;
  if (scheduler === 'local' || job.jobId === null) throw new Error('followScheduler: not a batch job');
  const jobId = job.jobId;
  const { queryJobStatus } = await loadSubmission();
  return followJob({
    query: () => queryJobStatus(scheduler, jobId, { cwd: job.paths.runDir, env: options.env }),
    firstPollMs: options.poll?.firstMs,
    maxPollMs: options.poll?.maxMs,
    signal: options.signal,
    onStatus: (status) => options.onEvent?.({ type: 'status', job, status }),
  });
};

const finishJob = async (
  options: SubmitJobsOptions,
  checked: CheckedOptions,
  job: JobReport,
  sweepDir: string | null,
  wait: () => Promise<JobStatus>,
): Promise<void> => {
  const started = performance.now();
  const status = await wait();
  const logs = options.scheduler === 'local' ? [job.paths.log, ...Array.from({ length: job.tasks }, (_, rank) => join(job.paths.runDir, `task-${rank}.log`))] : [job.paths.log];
  job.outcome = await readJobOutcome(status, performance.now() - started, job.paths.results, logs);
  await writeSubmission(options, checked, job, sweepDir);
  options.onEvent?.({ type: 'finished', job, outcome: job.outcome });
};

/** submit.json: every resolved option, the paths, and (once known) the job id and its outcome. */
const writeSubmission = (options: SubmitJobsOptions, checked: CheckedOptions, job: JobReport, sweepDir: string | null): Promise<void> =>
  writeJsonAtomic(join(job.paths.runDir, RUN_FILES.submission), {
    kind: 'fractal-submission',
    version: 1,
    tool: { name: 'fractal', version: options.toolVersion, node: process.version },
    scheduler: options.scheduler,
    jobName: options.jobName,
    nodes: job.nodes,
    tasksPerNode: options.tasksPerNode,
    tasks: job.tasks,
    time: checked.time,
    queue: options.queue,
    account: options.account,
    directives: options.directives,
    setup: options.setup,
    template: checked.template.path,
    image: options.image,
    run: options.run,
    runArgs: checked.runArgs,
    paths: job.paths,
    nodePath: options.nodePath,
    fractalPath: options.fractalPath,
    sweep: sweepDir === null ? null : { dir: sweepDir, nodes: job.nodes, repeat: job.repeat },
    job: job.jobId === null ? null : { id: job.jobId, submittedAt: job.submittedAt, command: SCHEDULER_INFO[options.scheduler].submitCommand },
    outcome: job.outcome,
  });

const writeSweep = (options: SubmitJobsOptions, sweepDir: string, jobs: JobReport[]): Promise<void> =>
  writeJsonAtomic(join(sweepDir, RUN_FILES.sweep), {
    kind: 'fractal-sweep',
    version: 1,
    scheduler: options.scheduler,
    nodes: [...new Set(jobs.map((j) => j.nodes))],
    repeat: options.repeat,
    tasksPerNode: options.tasksPerNode,
    points: jobs.map((job) => ({
      nodes: job.nodes,
      repeat: job.repeat,
      runDir: relative(sweepDir, job.paths.runDir),
      jobId: job.jobId,
      submittedAt: job.submittedAt,
      state: job.outcome?.state ?? null,
      ok: job.outcome?.ok ?? null,
    })),
  });
