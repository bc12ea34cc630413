// Compute threads, a worker's or `fractal render`'s: units go in, pixels come out, while the main
// thread stays free (for the network, for the PNG). Each thread has its unit and the next one
// (UNITS_PER_THREAD); the rest wait here, so several units can be in flight without any thread
// starving.
import type { Worker } from 'node:worker_threads';
import { FractalError } from '../errors.js';
import { startWorker } from '../start-worker.js';
import type { ImageSpec } from '../render/image-spec.js';
import type { KernelName } from '../render/kernel-choice.js';
import type { UnitForm } from './unit-forms.js';
import type { UnitJob, UnitThreadData, UnitThreadMessage } from './unit-thread.js';

export interface UnitOutput {
  unit: number;
  rows: number;
  /** The unit in the pool's form: raw RGBA, runs, or filtered rows (unit-forms.ts). */
  bytes: Uint8Array;
  form: UnitForm;
  /** The 'png' form's checksum of its filtered rows after the first. */
  restAdler: number;
  iterations: number;
  /** Thread time for the unit: computing, colouring and shaping it. */
  computeNs: number;
  /** Of which colouring, and shaping (run-length encoding or filtering). */
  colorNs: number;
  shapeNs: number;
  /** The tag given with the job: lets the caller drop results of a stream it has lost. */
  tag: number;
}

export interface UnitPoolOptions {
  spec: ImageSpec;
  threads: number;
  /** What the threads hand back for each unit. */
  form: UnitForm;
  /** The kernel every thread builds (default: the fastest here). */
  kernel?: KernelName;
  onResult(output: UnitOutput): void;
  onError(error: FractalError): void;
}

export interface UnitPool {
  readonly threads: number;
  /** Resolves with the kernel's name once every thread has built its renderer. */
  ready(): Promise<string>;
  submit(job: UnitJob, tag: number): void;
  /** Forgets the jobs no thread has started. */
  clearQueued(): void;
  /** Units queued or being computed. */
  readonly pending: number;
  /** Thread time spent without a unit since the threads were ready, summed over threads. */
  idleMs(): number;
  close(): Promise<void>;
}

/**
 * Units handed to a thread at once: the one it computes and the next. With one, a thread waited
 * for the main thread to see its result before it got more work: 0.3 ms a unit in `fractal render`
 * (its main thread busy with the PNG), ~0.1 s of each thread's time on the default image; a
 * worker's threads lost a third of that. The price is at the very end: a thread may still hold a
 * unit another one could have taken.
 */
const UNITS_PER_THREAD = 2;

interface Slot {
  worker: Worker;
  /** What the thread was handed, oldest first: results come back in this order. */
  jobs: Array<{ unit: number; tag: number }>;
  ready: boolean;
  idleSince: number | undefined;
}

export const createUnitPool = (options: UnitPoolOptions): UnitPool => {
  const data: UnitThreadData = { spec: options.spec, form: options.form, kernel: options.kernel };
  const queue: Array<{ job: UnitJob; tag: number }> = [];
  let idleTotal = 0;
  let closing = false;
  let readyCount = 0;
  let resolveReady: (kernel: string) => void = () => {};
  let rejectReady: (error: FractalError) => void = () => {};
  const readyPromise = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  readyPromise.catch(() => {});

  /** Tops a ready thread up to UNITS_PER_THREAD from the queue. */
  const startNext = (slot: Slot): void => {
    while (slot.jobs.length < UNITS_PER_THREAD) {
      const next = queue.shift();
      if (!next) break;
      if (slot.idleSince !== undefined) {
        idleTotal += performance.now() - slot.idleSince;
        slot.idleSince = undefined;
      }
      slot.jobs.push({ unit: next.job.unit, tag: next.tag });
      slot.worker.postMessage(next.job);
    }
    if (slot.jobs.length === 0) slot.idleSince ??= performance.now();
  };

  const fail = (error: FractalError): void => {
    if (closing) return;
    rejectReady(error);
    options.onError(error);
  };

  const slots: Slot[] = Array.from({ length: options.threads }, () => {
    const worker = startWorker(import.meta.url, 'unit-thread', { workerData: data });
    const slot: Slot = { worker, jobs: [], ready: false, idleSince: undefined };
    slot.worker.on('message', (message: UnitThreadMessage) => {
      if (message.type === 'ready') {
        if (++readyCount === options.threads) resolveReady(message.kernel);
        slot.ready = true;
        startNext(slot);
        return;
      }
      const tag = slot.jobs.shift()?.tag ?? -1;
      startNext(slot);
      const { unit, rows, bytes, restAdler, iterations, computeNs, colorNs, shapeNs } = message;
      options.onResult({ unit, rows, bytes, form: options.form, restAdler, iterations, computeNs, colorNs, shapeNs, tag });
    });
    slot.worker.on('error', (error) =>
      fail(new FractalError(`a compute thread failed: ${error.message}`, { kind: 'bug', code: 'E_WORKER_THREAD', cause: error })),
    );
    slot.worker.on('exit', (code) => {
      if (!closing) fail(new FractalError(`a compute thread exited with code ${code}`, { kind: 'bug', code: 'E_WORKER_THREAD' }));
    });
    return slot;
  });

  return {
    threads: options.threads,
    ready: () => readyPromise,
    submit(job, tag) {
      queue.push({ job, tag });
      // the least busy ready thread: an idle one first, so units spread over the threads
      let least: Slot | undefined;
      for (const slot of slots) if (slot.ready && (least === undefined || slot.jobs.length < least.jobs.length)) least = slot;
      if (least) startNext(least);
    },
    clearQueued() {
      queue.length = 0;
    },
    get pending() {
      return queue.length + slots.reduce((sum, s) => sum + s.jobs.length, 0);
    },
    idleMs() {
      const now = performance.now();
      return idleTotal + slots.reduce((sum, s) => sum + (s.idleSince === undefined ? 0 : now - s.idleSince), 0);
    },
    async close() {
      closing = true;
      for (const slot of slots) {
        if (slot.idleSince !== undefined) idleTotal += performance.now() - slot.idleSince;
        slot.idleSince = undefined;
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
};
