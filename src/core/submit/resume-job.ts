// `fractal submit --resume RUN_DIR`: submits a run's own job script again, into its own run
// directory, where the leader finds its checkpoint and computes only the missing units. The
// options are the run's (its submit.json and job.sh), so the picture cannot change on the way.
import { join } from 'node:path';
import { judgeRunOutcome } from '../cluster/run-outcome.js';
import { hasCheckpoint } from '../cluster/leader/checkpoint-store.js';
import { FractalError, inputError } from '../errors.js';
import { readRegularFile } from '../files/read-regular-file.js';
import type { RunPaths } from './build-job-script.js';
import { followBatchJob, judgeFinishedJob, startJob } from './job-lifecycle.js';
import { absolutePath, RUN_FILES, writeJsonAtomic } from './run-directory.js';
import { SCHEDULER_INFO, SUBMIT_SCHEDULERS, type SubmitScheduler } from './schedulers.js';
import type { JobReport, SubmitJobsOptions, SubmitReport } from './submit-types.js';

/** The run directory, and the same outside world a submission gets. */
export interface ResumeJobOptions extends Pick<SubmitJobsOptions, 'cwd' | 'env' | 'now' | 'onEvent' | 'signal' | 'poll'> {
  runDir: string;
  wait: boolean;
}

/** What of submit.json a resume needs, checked; the rest of the record is kept as it is. */
interface Submission {
  record: Record<string, unknown>;
  scheduler: SubmitScheduler;
  nodes: number;
  tasks: number;
  paths: RunPaths;
}

const MAX_SUBMISSION_BYTES = 4 * 1024 * 1024;

export const resumeJob = async (options: ResumeJobOptions): Promise<SubmitReport> => {
  const runDir = absolutePath(options.cwd, options.runDir);
  const submission = await readSubmission(runDir);
  const complete = await judgeRunOutcome({ resultsPath: submission.paths.results }).then(
    () => true,
    () => false,
  );
  if (complete) {
    throw inputError('E_RESUME_COMPLETE', `${runDir} holds a finished run: its PNG and results are written, there is nothing to resume`, [
      `look at it with fractal metrics summarize ${runDir}`,
      'or submit a new run (without --resume)',
    ]);
  }
  const warnings: string[] = [];
  if (!(await hasCheckpoint(runDir))) warnings.push(`${runDir} holds no checkpoint: the job starts the picture from the beginning`);
  for (const message of warnings) options.onEvent?.({ type: 'warning', message });

  const job: JobReport = {
    nodes: submission.nodes,
    repeat: 1,
    tasks: submission.tasks,
    paths: submission.paths,
    scriptText: (await readRegularFile(submission.paths.script, { maxBytes: MAX_SUBMISSION_BYTES, label: 'the job script' })).toString('utf8'),
    jobId: null,
    submittedAt: null,
    outcome: null,
  };
  const context = { ...options, scheduler: submission.scheduler };
  const previous = submission.record['job'];
  const local = await startJob(context, job);
  if (local && !options.wait) local.detach();
  const record = {
    ...submission.record,
    job: { id: job.jobId, submittedAt: job.submittedAt, command: SCHEDULER_INFO[submission.scheduler].submitCommand },
    // every earlier submission of this run, oldest first
    previousJobs: [...earlierJobs(submission.record), ...(previous ? [previous] : [])],
    outcome: null,
  };
  await writeJsonAtomic(join(runDir, RUN_FILES.submission), record);
  options.onEvent?.({ type: 'submitted', job, index: 0, total: 1 });
  if (options.wait) {
    job.outcome = await judgeFinishedJob(submission.scheduler, job, () => (local ? local.exited : followBatchJob(context, job)));
    await writeJsonAtomic(join(runDir, RUN_FILES.submission), { ...record, outcome: job.outcome });
    options.onEvent?.({ type: 'finished', job, outcome: job.outcome });
  }
  const followHints = options.wait || job.jobId === null ? [] : [SCHEDULER_INFO[submission.scheduler].followHint(job.jobId)];
  return { dryRun: false, scheduler: submission.scheduler, sweepDir: null, warnings, jobs: [job], followHints };
};

const earlierJobs = (record: Record<string, unknown>): unknown[] => {
  const list: unknown = record['previousJobs'];
  return Array.isArray(list) ? (list as unknown[]) : [];
};

const readSubmission = async (runDir: string): Promise<Submission> => {
  const path = join(runDir, RUN_FILES.submission);
  let text: string;
  try {
    text = (await readRegularFile(path, { maxBytes: MAX_SUBMISSION_BYTES, label: path })).toString('utf8');
  } catch (error) {
    if (error instanceof FractalError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError('E_RESUME_NOT_A_RUN', `--resume ${runDir}: ${code === 'ENOENT' ? `no ${RUN_FILES.submission} there` : `cannot read ${path} (${code})`}`, [
      'name the run directory fractal submit created (it holds submit.json, job.sh and the checkpoint)',
    ], error);
  }
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw notASubmission(path, 'it is not JSON');
  }
  if (record['kind'] !== 'fractal-submission') throw notASubmission(path, 'it is not the record of a fractal submission');
  const scheduler = record['scheduler'];
  if (typeof scheduler !== 'string' || !(SUBMIT_SCHEDULERS as readonly string[]).includes(scheduler)) throw notASubmission(path, 'its scheduler is missing or unknown');
  const paths = record['paths'] as Partial<RunPaths> | undefined;
  const fields = ['runDir', 'script', 'log', 'tokenFile', 'outfile', 'results'] as const;
  if (!paths || fields.some((f) => typeof paths[f] !== 'string')) throw notASubmission(path, 'its paths are missing');
  const nodes = record['nodes'];
  const tasks = record['tasks'];
  if (!Number.isSafeInteger(nodes) || !Number.isSafeInteger(tasks)) throw notASubmission(path, 'its node and task counts are missing');
  if (paths.runDir !== runDir) {
    throw inputError('E_RESUME_MOVED', `--resume ${runDir}: the run was submitted in ${paths.runDir}, and its script names that directory`, [
      `resume it where it is: fractal submit --resume ${paths.runDir}`,
    ]);
  }
  return { record, scheduler: scheduler as SubmitScheduler, nodes: nodes as number, tasks: tasks as number, paths: paths as RunPaths };
};

const notASubmission = (path: string, why: string): FractalError =>
  inputError('E_RESUME_NOT_A_RUN', `--resume: ${path} cannot be read back: ${why}`, ['name a run directory fractal submit created']);
