// What a finished job left behind: the scheduler's verdict, what the summary shows of the results
// JSON the leader wrote (read and checked as `metrics summarize` reads it), and the end of the log
// for a failure.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hasCheckpoint } from '../cluster/leader/checkpoint-store.js';
import { FractalError } from '../errors.js';
import { FIND_ERROR_CODES } from '../metrics/find-results-files.js';
import { readResultsFile } from '../metrics/read-results-file.js';
import type { LostWorker, NodeMetrics, RunResults } from '../metrics/results.js';
import type { JobState, JobStatus } from './job-status.js';

/** What `submit --wait` shows and keeps in submit.json of the leader's results. */
export interface ResultsSummary {
  path: string;
  image: RunResults['image'];
  wallMs: number;
  timeToFirstUnitMs: number;
  startedAt: string;
  finishedAt: string;
  jobId: string | null;
  nodes: Array<Pick<NodeMetrics, 'rank' | 'host' | 'role'>>;
  /** 1, or more when the job was requeued or resubmitted and resumed from its checkpoint. */
  attempt: number;
  resumedUnits: number;
  /** Workers the leader lost on the way (it re-queued their units): a warning, not a failure. */
  lostWorkers: LostWorker[];
}

export interface JobOutcome {
  state: JobState;
  /** The scheduler's own word (COMPLETED, FAILED, exit 1 ...). */
  detail: string;
  /** Completed, and the leader's results JSON is there. */
  ok: boolean;
  waitedMs: number;
  results: ResultsSummary | null;
  /** Why the results could not be read, when they could not. */
  resultsProblem: string | null;
  /** The last lines of the job's log, for a failure. */
  logTail: string[];
  /** Not done, but the run directory holds a checkpoint: `fractal submit --resume` continues it. */
  checkpointed: boolean;
}

const LOG_TAIL_LINES = 15;

/** logPaths: the job's log files, most telling first (job.log; task-RANK.log for local jobs). */
export const readJobOutcome = async (
  status: JobStatus,
  waitedMs: number,
  resultsPath: string,
  logPaths: readonly string[],
): Promise<JobOutcome> => {
  const read = await readResultsSummary(resultsPath);
  const results = 'summary' in read ? read.summary : null;
  // a job Slurm has already forgotten counts as done when its results are there
  const ok = (status.state === 'completed' || status.state === 'gone') && results !== null;
  return {
    state: status.state,
    detail: status.detail,
    ok,
    waitedMs,
    results,
    resultsProblem: 'problem' in read ? read.problem : null,
    logTail: ok ? [] : await readLogTails(logPaths),
    checkpointed: !ok && (await hasCheckpoint(dirname(resultsPath))),
  };
};

const readResultsSummary = async (path: string): Promise<{ summary: ResultsSummary } | { problem: string }> => {
  let r: RunResults;
  try {
    r = await readResultsFile(path);
  } catch (error) {
    if (!(error instanceof FractalError)) throw error;
    return { problem: error.code === FIND_ERROR_CODES.missing ? `${path} was not written` : error.message };
  }
  return {
    summary: {
      path,
      image: r.image,
      wallMs: r.timings.wallMs,
      timeToFirstUnitMs: r.timings.timeToFirstUnitMs,
      startedAt: r.run.startedAt,
      finishedAt: r.run.finishedAt,
      jobId: r.scheduler.jobId,
      nodes: r.nodes.map((n) => ({ rank: n.rank, host: n.host, role: n.role })),
      attempt: r.run.attempt,
      resumedUnits: r.work.resumedUnits,
      lostWorkers: r.work.lostWorkers,
    },
  };
};

const readLogTails = async (paths: readonly string[]): Promise<string[]> => {
  const lines: string[] = [];
  for (const path of paths) {
    const tail = await readLogTail(path);
    if (tail.length === 0) continue;
    if (paths.length > 1) lines.push(`==> ${path} <==`);
    lines.push(...tail);
  }
  return lines;
};

export const readLogTail = async (path: string, lines = LOG_TAIL_LINES): Promise<string[]> => {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').filter((line, i, all) => line !== '' || i < all.length - 1).slice(-lines);
};

/** The error `fractal submit --wait` ends with when a job did not succeed (exit code 5). */
export const jobFailedError = (
  failures: Array<{ jobId: string | null; runDir: string; log: string; outcome: JobOutcome }>,
  total: number,
  suggestions: string[],
): FractalError => {
  const first = failures[0];
  const describe = (f: (typeof failures)[number]): string => {
    const why = f.outcome.state === 'completed' || f.outcome.state === 'gone' ? `ended ${f.outcome.detail} but ${f.outcome.resultsProblem ?? 'left no results'}` : `ended ${f.outcome.detail}`;
    return `job ${f.jobId ?? '?'} (${f.runDir}) ${why}`;
  };
  const head = failures.length === 1 && total === 1 ? describe(first!) : `${failures.length} of ${total} jobs did not succeed:\n${failures.map((f) => `  ${describe(f)}`).join('\n')}`;
  const resumable = failures.filter((f) => f.outcome.checkpointed);
  if (resumable.length > 0) {
    suggestions = [`the leader kept what was done in a checkpoint: resume with ${resumable.map((f) => `fractal submit --resume ${f.runDir}`).join('; ')}`, ...suggestions];
  }
  const tail = first && first.outcome.logTail.length > 0 ? `\nthe end of its log:\n${first.outcome.logTail.map((l) => `  | ${l}`).join('\n')}` : '';
  return new FractalError(`${head}${tail}`, { kind: 'cluster', code: 'E_JOB_FAILED', suggestions });
};
