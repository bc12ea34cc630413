// One compute thread of a worker: renders the units it is handed and gives back their RGBA, raw
// (by transfer, no copy) or as runs of equal pixels (a few percent of the bytes). The same row
// renderer as `fractal render`, so the same bytes.
import { parentPort, workerData } from 'node:worker_threads';
import type { ImageSpec } from '../render/image-spec.js';
import { createKernel, type KernelName } from '../render/kernel-choice.js';
import { createRowRenderer } from '../render/row-renderer.js';
import { encodeUnitRuns } from './unit-rgba.js';

export interface UnitThreadData {
  spec: ImageSpec;
  compress: boolean;
  /** The kernel the main thread chose (selectKernel); the fastest when absent. */
  kernel?: KernelName;
}

export interface UnitJob {
  unit: number;
  rowStart: number;
  rowCount: number;
}

export type UnitThreadMessage =
  | { type: 'ready'; kernel: string }
  | { type: 'done'; unit: number; rows: number; bytes: Uint8Array; compressed: boolean; iterations: number; computeNs: number };

const { spec, compress, kernel } = workerData as UnitThreadData;
const renderer = createRowRenderer(spec, createKernel(kernel));
const port = parentPort!;
// encoded units are copied out of it, so one render buffer serves them all
let scratch = new Uint8Array(0);
const runsScratch = { bytes: new Uint8Array(0) };

port.on('message', (job: UnitJob) => {
  const size = job.rowCount * spec.width * 4;
  const t0 = process.hrtime.bigint();
  let rgba: Uint8Array;
  if (compress) {
    if (scratch.length < size) scratch = new Uint8Array(size);
    rgba = scratch.subarray(0, size);
  } else {
    rgba = new Uint8Array(size);
  }
  const stats = renderer.renderRows(job.rowStart, job.rowCount, rgba, 0);
  const bytes = compress ? encodeUnitRuns(rgba, runsScratch) : rgba;
  const message: UnitThreadMessage = {
    type: 'done',
    unit: job.unit,
    rows: job.rowCount,
    bytes,
    compressed: compress,
    iterations: stats.iterations,
    computeNs: Number(process.hrtime.bigint() - t0),
  };
  port.postMessage(message, [bytes.buffer as ArrayBuffer]);
});
port.postMessage({ type: 'ready', kernel: renderer.kernelName } satisfies UnitThreadMessage);
