// The records a submission leaves in its run directories: submit.json for each job (the
// options, paths and outcome) and sweep.json for a sweep.
import { join, relative } from 'node:path';
import type { TemplateSource } from './render-template.js';
import { RUN_FILES, writeJsonAtomic } from './run-directory.js';
import { SCHEDULER_INFO, type Launcher } from './schedulers.js';
import type { JobReport, SubmitJobsOptions } from './submit-types.js';
import type { TimeLimit } from './time-limit.js';

/** What was decided about the options beside what they say: the parsed time limit, the template, fractal run's arguments. */
export interface CheckedSubmission {
  time: TimeLimit | null;
  signalBeforeSeconds: number;
  template: TemplateSource;
  runArgs: string[];
  /** The launcher the script starts its tasks with (null for local). */
  launcher: Launcher | null;
}

/** submit.json: everything needed to read the run back, or submit its script again. */
export const writeSubmission = (
  options: SubmitJobsOptions,
  checked: CheckedSubmission,
  job: JobReport,
  sweepDir: string | null,
): Promise<void> =>
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
    signalBeforeSeconds: checked.time ? checked.signalBeforeSeconds : null,
    requeue: options.requeue,
    launcher: checked.launcher,
    parallelEnvironment: options.parallelEnvironment,
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
    job:
      job.jobId === null ? null : { id: job.jobId, submittedAt: job.submittedAt, command: SCHEDULER_INFO[options.scheduler].submitCommand },
    outcome: job.outcome,
  });

/** sweep.json: the points of a sweep and where each ran. */
export const writeSweep = (options: SubmitJobsOptions, sweepDir: string, jobs: JobReport[]): Promise<void> =>
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
