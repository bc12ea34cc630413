// Following a job to its end by asking the scheduler, often at first and then less: a short
// job is seen finishing within a quarter second, a long one costs the scheduler one query
// every second. (`sbatch --wait` asks at 2, 10 and 42 s, then every 32 s.)
import { setTimeout as sleepFor } from 'node:timers/promises';
import { FractalError } from '../errors.js';
import { isFinished, type JobStatus } from './job-status.js';

export interface FollowJobOptions {
  query: () => Promise<JobStatus>;
  firstPollMs?: number;
  maxPollMs?: number;
  /** Scheduler commands that fail this many times in a row end the wait with their error. */
  maxConsecutiveErrors?: number;
  onStatus?: (status: JobStatus) => void;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}

export const DEFAULT_POLL = { firstMs: 250, maxMs: 1000, growth: 1.5 } as const;

export const followJob = async (options: FollowJobOptions): Promise<JobStatus> => {
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, { signal }));
  const maxErrors = options.maxConsecutiveErrors ?? 5;
  let interval = options.firstPollMs ?? DEFAULT_POLL.firstMs;
  const maxInterval = options.maxPollMs ?? DEFAULT_POLL.maxMs;
  let errors = 0;
  let last: string | undefined;
  for (;;) {
    try {
      const status = await options.query();
      errors = 0;
      if (status.detail !== last) options.onStatus?.(status);
      last = status.detail;
      if (isFinished(status.state)) return status;
    } catch (error) {
      errors++;
      if (errors >= maxErrors || !(error instanceof FractalError)) throw error;
    }
    await sleep(interval, options.signal);
    interval = Math.min(maxInterval, Math.round(interval * DEFAULT_POLL.growth));
  }
};
