// The worker's outer loop: find the leader, run a session with it, and when a session ends without
// a Stop, look again and retry with backoff until --connect-timeout runs out. A fatal outcome
// (refused, interrupted, a broken compute thread) ends the loop at once.
import { clusterError, type FractalError } from '../../errors.js';

export interface LeaderTarget {
  /** HOST:PORT */
  address: string;
  token: string;
  /** How it was found, for messages: "--host", "rendezvous file …", "host list …". */
  via: string;
}

/** Not found yet, and why (the last reason ends up in the timeout message). */
export interface TargetPending {
  pending: string;
}

export interface LeaderDiscovery {
  /** Where the leader is; asked again before every attempt (a rendezvous file may appear). */
  find(): Promise<LeaderTarget | TargetPending>;
  /** Calls listener when asking again may give a new answer; returns the unsubscribe. */
  onChange?(listener: () => void): () => void;
}

export type SessionOutcome = { kind: 'stopped' } | { kind: 'retry'; reason: string; joined: boolean } | { kind: 'fatal'; error: FractalError };

export interface RetryOptions {
  discovery: LeaderDiscovery;
  connectTimeoutMs: number;
  signal?: AbortSignal;
  /** One session with the leader found. */
  attempt(target: LeaderTarget): Promise<SessionOutcome>;
  /** Checked before every look: an error that no new session can cure. */
  brokenBy(): FractalError | undefined;
  interrupted(): FractalError;
  onConnecting(target: LeaderTarget, attempt: number): void;
  onRetrying(reason: string, delayMs: number): void;
  /** A session that had joined ended without a Stop: the next one is a reconnect. */
  onLostLeader(reason: string): void;
}

const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 2000;

/** 100 ms, growing by 1.6 to 2 s, with ±20 % jitter so that many workers do not knock in step. */
export const backoffDelay = (attempt: number, random: () => number = Math.random): number =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 1.6 ** attempt) * (0.8 + 0.4 * random());

/**
 * The retry loop's sleep, cut short when the discovery sees a change (the rendezvous file
 * appearing) or on abort. It listens for the whole loop, not only while asleep: a file renamed into
 * place between a look that missed it and the sleep after it still wakes the worker at once,
 * instead of a backoff later.
 */
const createWaker = (discovery: LeaderDiscovery, signal: AbortSignal | undefined) => {
  let changed = false;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    changed = true;
    wake?.();
  };
  const unsubscribe = discovery.onChange?.(poke);
  signal?.addEventListener('abort', poke);
  return {
    /** A look is about to start: what changed before it, it sees for itself. */
    looking(): void {
      changed = false;
    },
    sleep(ms: number): Promise<void> {
      if (changed) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done(): void {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    },
    close(): void {
      unsubscribe?.();
      signal?.removeEventListener('abort', poke);
    },
  };
};

/** Resolves when a session ends with Stop; rejects with the fatal error or the timeout. */
export const retryUntilStopped = async (options: RetryOptions): Promise<void> => {
  let windowStart = performance.now();
  let attempt = 0;
  let everJoined = false;
  let lastReason = 'no attempt was made';
  const waker = createWaker(options.discovery, options.signal);
  try {
    for (;;) {
      if (options.signal?.aborted) throw options.interrupted();
      const broken = options.brokenBy();
      if (broken) throw broken;
      waker.looking();
      const target = await options.discovery.find();
      if ('pending' in target) {
        lastReason = target.pending;
      } else {
        options.onConnecting(target, attempt);
        const outcome = await options.attempt(target);
        if (outcome.kind === 'stopped') return;
        if (outcome.kind === 'fatal') throw outcome.error;
        lastReason = `${target.address} (${target.via}): ${outcome.reason}`;
        if (outcome.joined) {
          everJoined = true;
          windowStart = performance.now();
          attempt = 0;
          options.onLostLeader(outcome.reason);
        }
      }
      const remaining = options.connectTimeoutMs - (performance.now() - windowStart);
      if (remaining <= 0) throw timedOut(everJoined, options.connectTimeoutMs / 1000, lastReason);
      const delay = Math.min(backoffDelay(attempt++), remaining);
      options.onRetrying(lastReason, delay);
      await waker.sleep(delay);
    }
  } finally {
    waker.close();
  }
};

const timedOut = (everJoined: boolean, seconds: number, lastReason: string): FractalError =>
  everJoined
    ? clusterError('E_LEADER_LOST', `lost the leader and could not reach it again within ${seconds} s: ${lastReason}`, [
        'the leader has probably exited or crashed: see its log; this worker\'s units were given to others or the run failed',
      ])
    : clusterError('E_LEADER_UNREACHABLE', `could not reach the leader within ${seconds} s: ${lastReason}`, [
        'check that the leader is running and that this host can reach it (--host HOST:PORT, or the rendezvous file in --run-dir)',
        'raise --connect-timeout if the leader starts later than its workers',
      ]);
