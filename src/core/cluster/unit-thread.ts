// One compute thread of a worker: renders the units it is handed into fresh buffers and gives
// them back by transfer (no copy). The same row renderer as `fractal render`, so the same bytes.
import { parentPort, workerData } from 'node:worker_threads';
import type { ImageSpec } from '../render/image-spec.js';
import { createBestKernel } from '../render/kernel-wasm.js';
import { createRowRenderer } from '../render/row-renderer.js';

export interface UnitThreadData {
  spec: ImageSpec;
}

export interface UnitJob {
  unit: number;
  rowStart: number;
  rowCount: number;
}

export type UnitThreadMessage =
  | { type: 'ready'; kernel: string }
  | { type: 'done'; unit: number; rgba: Uint8Array; iterations: number; computeNs: number };

const { spec } = workerData as UnitThreadData;
const renderer = createRowRenderer(spec, createBestKernel());
const port = parentPort!;

port.on('message', (job: UnitJob) => {
  const rgba = new Uint8Array(job.rowCount * spec.width * 4);
  const stats = renderer.renderRows(job.rowStart, job.rowCount, rgba, 0);
  const message: UnitThreadMessage = {
    type: 'done',
    unit: job.unit,
    rgba,
    iterations: stats.iterations,
    computeNs: Number(stats.computeNs + stats.colorNs),
  };
  port.postMessage(message, [rgba.buffer]);
});
port.postMessage({ type: 'ready', kernel: renderer.kernelName } satisfies UnitThreadMessage);
