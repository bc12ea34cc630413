// One compute thread (of a worker, or of `fractal render`): renders the units it is handed and gives
// them back in the form the pool asked for (unit-forms.ts): raw RGBA (by transfer, no copy), runs of
// equal pixels (a few percent of the bytes), or rows filtered for the PNG. One row renderer for
// both commands, so the same bytes.
import { parentPort, workerData } from 'node:worker_threads';
import type { ImageSpec } from '../render/image-spec.js';
import { createKernel, type KernelName } from '../render/kernel-choice.js';
import { rowsAddon } from '../render/native-addon.js';
import { createRowRenderer } from '../render/row-renderer.js';
import { copiesPixels, createShapeScratch, shapeUnit, type UnitForm } from './unit-forms.js';

export interface UnitThreadData {
  spec: ImageSpec;
  form: UnitForm;
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
  | {
      type: 'done';
      unit: number;
      rows: number;
      bytes: Uint8Array;
      restAdler: number;
      iterations: number;
      computeNs: number;
      colorNs: number;
      shapeNs: number;
    };

const { spec, form, kernel } = workerData as UnitThreadData;
const renderer = createRowRenderer(spec, createKernel(kernel));
const port = parentPort!;
// shaped units are copied out of it, so one render buffer serves them all
let scratch = new Uint8Array(0);
// the PNG rows are filtered and the runs encoded natively where they can be: the same bytes in a
// fraction of the time, whatever the colouring
const shapeScratch = createShapeScratch(spec.width, rowsAddon(kernel));

port.on('message', (job: UnitJob) => {
  const size = job.rowCount * spec.width * 4;
  const t0 = process.hrtime.bigint();
  let rgba: Uint8Array;
  if (copiesPixels(form)) {
    if (scratch.length < size) scratch = new Uint8Array(size);
    rgba = scratch.subarray(0, size);
  } else {
    rgba = new Uint8Array(size);
  }
  const stats = renderer.renderRows(job.rowStart, job.rowCount, rgba, 0);
  const t1 = process.hrtime.bigint();
  const { bytes, restAdler } = shapeUnit(rgba, form, spec.width, shapeScratch);
  const t2 = process.hrtime.bigint();
  const message: UnitThreadMessage = {
    type: 'done',
    unit: job.unit,
    rows: job.rowCount,
    bytes,
    restAdler,
    iterations: stats.iterations,
    computeNs: Number(t2 - t0),
    colorNs: Number(stats.colorNs),
    shapeNs: Number(t2 - t1),
  };
  port.postMessage(message, [bytes.buffer as ArrayBuffer]);
});
port.postMessage({ type: 'ready', kernel: renderer.kernelName } satisfies UnitThreadMessage);
