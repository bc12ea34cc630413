// One thread of `fractal render`: pulls blocks of rows from a shared counter until none are left
// and writes their RGBA straight into the shared image. Dynamic pulling keeps both cores busy
// however unevenly the escape times are spread over the picture.
import { parentPort, workerData } from 'node:worker_threads';
import type { ImageSpec } from './image-spec.js';
import { createKernel, type KernelName } from './kernel-choice.js';
import { createRowRenderer } from './row-renderer.js';

export interface RenderThreadData {
  spec: ImageSpec;
  image: SharedArrayBuffer;
  /** [next unit to take, rows finished]. */
  control: SharedArrayBuffer;
  rowsPerUnit: number;
  /** The kernel the main thread chose (selectKernel); the fastest when absent. */
  kernel?: KernelName;
}

export interface RenderThreadReport {
  iterations: number;
  computeNs: bigint;
  colorNs: bigint;
  rows: number;
  kernel: string;
}

const data = workerData as RenderThreadData;
const control = new Int32Array(data.control);
const image = new Uint8Array(data.image);
const renderer = createRowRenderer(data.spec, createKernel(data.kernel));
const units = Math.ceil(data.spec.height / data.rowsPerUnit);
const rowBytes = data.spec.width * 4;
const report: RenderThreadReport = { iterations: 0, computeNs: 0n, colorNs: 0n, rows: 0, kernel: renderer.kernelName };

for (let unit = Atomics.add(control, 0, 1); unit < units; unit = Atomics.add(control, 0, 1)) {
  const rowStart = unit * data.rowsPerUnit;
  const rowCount = Math.min(data.rowsPerUnit, data.spec.height - rowStart);
  const stats = renderer.renderRows(rowStart, rowCount, image, rowStart * rowBytes);
  report.iterations += stats.iterations;
  report.computeNs += stats.computeNs;
  report.colorNs += stats.colorNs;
  report.rows += rowCount;
  Atomics.add(control, 1, rowCount);
}
parentPort?.postMessage(report);
