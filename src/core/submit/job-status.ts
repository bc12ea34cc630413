// The states a followed job can be in, whatever its scheduler calls them. Kept apart from
// submission.ts so that code which only reasons about states does not load execa.

/** What every finished job ends in, whatever the scheduler calls it. */
export const JOB_STATES = ['pending', 'running', 'completed', 'failed', 'cancelled', 'timeout', 'gone'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobStatus {
  state: JobState;
  /** The scheduler's own word for it (COMPLETED, NODE_FAIL, FAILED (exit 1), ...). */
  detail: string;
}

export const isFinished = (state: JobState): boolean => state !== 'pending' && state !== 'running';
