// Compute threads, a worker's or `fractal render`'s: units go in, pixels come out, while the main
// thread stays free (for the network, for the PNG). One unit per thread at a time; the rest wait
// here, so several units can be in flight without any thread starving.
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

interface Slot {
  worker: Worker;
  job: { unit: number; tag: number } | undefined;
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

  const startNext = (slot: Slot): void => {
    const next = queue.shift();
    if (!next) {
      slot.idleSince ??= performance.now();
      return;
    }
    if (slot.idleSince !== undefined) {
      idleTotal += performance.now() - slot.idleSince;
      slot.idleSince = undefined;
    }
    slot.job = { unit: next.job.unit, tag: next.tag };
    slot.worker.postMessage(next.job);
  };

  const fail = (error: FractalError): void => {
    if (closing) return;
    rejectReady(error);
    options.onError(error);
  };

  const slots: Slot[] = Array.from({ length: options.threads }, () => {
    const slot: Slot = { worker: startWorker(import.meta.url, 'unit-thread', { workerData: data }), job: undefined, idleSince: undefined };
    slot.worker.on('message', (message: UnitThreadMessage) => {
      if (message.type === 'ready') {
        if (++readyCount === options.threads) resolveReady(message.kernel);
        startNext(slot);
        return;
      }
      const tag = slot.job?.tag ?? -1;
      slot.job = undefined;
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
      const idle = slots.find((s) => s.job === undefined && s.idleSince !== undefined);
      if (idle) startNext(idle);
    },
    clearQueued() {
      queue.length = 0;
    },
    get pending() {
      return queue.length + slots.filter((s) => s.job !== undefined).length;
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
