// The native SIMD kernel (native/, behind Node-API) as an EscapeKernel: counts and norms bit for
// bit as escapeScalar on every path, and, in one call per block of rows, the classic colouring
// too (the same bytes as colorClassic), so a block never leaves native code between the two.
// The addon checks every argument itself and throws a RangeError on a bad one.
import type { ClassicRowsStats, EscapeKernel } from './kernel.js';
import { NATIVE_PATHS, type NativeAddon, type NativePath } from './native-addon.js';
import type { RowJob } from './view.js';

const rowNumbers = (job: RowJob): [number, number, number, number, number, number, number, number, number] => [
  job.xmin,
  job.xspan,
  job.ymin,
  job.yspan,
  job.denom,
  job.width,
  job.maxIter,
  job.rowStart,
  job.rowCount,
];

/** Throws where this CPU cannot run the path: the caller checks addon.supported first. */
export const createNativeKernel = (addon: NativeAddon, path: NativePath): EscapeKernel => {
  const id = NATIVE_PATHS.indexOf(path);
  if (!addon.supported(id)) throw new RangeError(`native kernel: this CPU cannot run the ${path} path`);
  let iters = new Uint32Array(0);
  let norms = new Float64Array(0);
  const stats = new Float64Array(3);
  return {
    name: `native-${path}`,
    computeRows(job) {
      const count = job.width * job.rowCount;
      if (iters.length < count) {
        iters = new Uint32Array(count);
        norms = new Float64Array(count);
      }
      addon.escapeRows(id, ...rowNumbers(job), iters, norms);
      return { iters: iters.subarray(0, count), norms: norms.subarray(0, count) };
    },
    renderClassicRows(job, palette, out, outOffset): ClassicRowsStats {
      addon.renderClassicRows(id, ...rowNumbers(job), palette, out, outOffset, stats);
      return { iterations: stats[0]!, computeNs: BigInt(stats[1]!), colorNs: BigInt(stats[2]!) };
    },
  };
};
