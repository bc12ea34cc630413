// Finished units travel to the leader in batches. Every message costs both ends a fixed amount of
// gRPC work, taken from the compute threads when every core computes: a batch waits for one
// result per thread (BATCH_MIN_RESULTS at least), unless the threads are about to run dry (the
// leader's next units must be on their way) or it has waited long enough. A batch never outgrows
// the leader's message limit.
import type { UnitResult } from '../../../protocol/messages.js';

/**
 * Results a batch waits for, however few the threads. Four rather than two halves the messages of
 * a worker with one or two threads: `run --local 2 --threads 1` of the default image spends
 * 0.1–0.3 s less CPU and ends about 0.1 s sooner; eight saves nothing more (docs/distributed.md).
 */
const BATCH_MIN_RESULTS = 4;
/** The longest a finished result waits for others to travel with it: about four default units. */
export const RESULT_BATCH_MAX_MS = 40;
/** What a UnitResult costs on the wire beside its pixels. */
const RESULT_OVERHEAD_BYTES = 64;
/** Room for the Results message itself. */
const MESSAGE_SLACK_BYTES = 1024;

export interface ResultBatcherOptions {
  /** The compute threads, and the units they have queued or running. */
  threads: number;
  pending(): number;
  /** The leader's message limit (from its Welcome). */
  maxMessageBytes: number;
  send(results: UnitResult[]): void;
}

export interface ResultBatcher {
  add(result: UnitResult): void;
  /** Sends what waits now. */
  flush(): void;
  /** Forgets what waits (after Stop, everything unsent would only be a duplicate). */
  clear(): void;
}

export const createResultBatcher = (options: ResultBatcherOptions): ResultBatcher => {
  let waiting: UnitResult[] = [];
  let waitingBytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const clear = (): void => {
    clearTimeout(timer);
    timer = undefined;
    waiting = [];
    waitingBytes = 0;
  };
  const flush = (): void => {
    const results = waiting;
    clear();
    if (results.length > 0) options.send(results);
  };
  return {
    add(result) {
      const bytes = result.rgba.length + RESULT_OVERHEAD_BYTES;
      if (waitingBytes + bytes > options.maxMessageBytes - MESSAGE_SLACK_BYTES) flush();
      waiting.push(result);
      waitingBytes += bytes;
      if (waiting.length >= Math.max(BATCH_MIN_RESULTS, options.threads) || options.pending() <= options.threads) flush();
      else timer ??= setTimeout(flush, RESULT_BATCH_MAX_MS);
    },
    flush,
    clear,
  };
};
