// One job's life after its script is written, the same for a new submission and a resumed one:
// start it (sbatch, flux batch, or bash here), follow a batch job until the scheduler says it
// ended, and judge how it ended by what the leader wrote.
import { join } from 'node:path';
import { withoutTaskVariables } from '../cluster/resolve-task.js';
import { FractalError } from '../errors.js';
import { followJob } from './follow-job.js';
import { readJobOutcome, type JobOutcome } from './job-outcome.js';
import type { JobStatus } from './job-status.js';
// type-only: submission.ts (and execa with it) is loaded when something is submitted, so that
// --dry-run starts as fast as the CLI can
import type { LocalJobHandle } from './submission.js';
import type { JobReport, SubmitJobsOptions } from './submit-types.js';

export type JobContext = Pick<SubmitJobsOptions, 'scheduler' | 'env' | 'now' | 'onEvent' | 'signal' | 'poll'>;

const loadSubmission = () => import('./submission.js');

/** Submits a prepared job and records its id and time; for a local job, returns its handle. */
export const startJob = async (context: JobContext, job: JobReport): Promise<LocalJobHandle | null> => {
  const { startLocalJob, submitBatchScript } = await loadSubmission();
  const where = { cwd: job.paths.runDir, env: context.env };
  job.submittedAt = context.now().toISOString();
  if (context.scheduler === 'local') {
    const handle = await startLocalJob(job.paths.script, job.paths.log, { ...where, env: withoutTaskVariables(context.env) });
    job.jobId = handle.jobId;
    return handle;
  }
  try {
    job.jobId = (await submitBatchScript(context.scheduler, job.paths.script, where)).jobId;
  } catch (error) {
    job.submittedAt = null;
    if (error instanceof FractalError) error.suggestions.push(`nothing was submitted; the script and options stay in ${job.paths.runDir}`);
    throw error;
  }
  return null;
};

/** Polls the scheduler until the job has ended (a requeued job goes PENDING and RUNNING again on the way). */
export const followBatchJob = async (context: JobContext, job: JobReport): Promise<JobStatus> => {
  const { scheduler } = context;
  if (scheduler === 'local' || job.jobId === null) throw new Error('followBatchJob: not a batch job');
  const jobId = job.jobId;
  const { queryJobStatus } = await loadSubmission();
  return followJob({
    query: () => queryJobStatus(scheduler, jobId, { cwd: job.paths.runDir, env: context.env }),
    firstPollMs: context.poll?.firstMs,
    maxPollMs: context.poll?.maxMs,
    signal: context.signal,
    onStatus: (status) => context.onEvent?.({ type: 'status', job, status }),
  });
};

/** Waits for the job's end, then reads what it left: the results, or the end of its logs. */
export const judgeFinishedJob = async (scheduler: JobContext['scheduler'], job: JobReport, wait: () => Promise<JobStatus>): Promise<JobOutcome> => {
  const started = performance.now();
  const status = await wait();
  const taskLogs = Array.from({ length: job.tasks }, (_, rank) => join(job.paths.runDir, `task-${rank}.log`));
  const logs = scheduler === 'local' ? [job.paths.log, ...taskLogs] : [job.paths.log];
  return readJobOutcome(status, performance.now() - started, job.paths.results, logs);
};
