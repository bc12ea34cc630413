// Escape-time kernels on one core: node --import tsx bench/kernel.bench.ts [--rows N]
// The default view at smoothness 8 (8192 wide), a band of rows from the middle of its 6144 rows.
// Iterations are what the scalar definition counts: the sum of the per-pixel counts. Every kernel
// this machine runs (each native path, WebAssembly, JavaScript) against plain C yardsticks of our
// own (bench/reference-kernel.c: the original's scalar loop, and a straightforward AVX-512 loop),
// compiled here with the native kernel's flags and timing their own loops on the same band.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_IMAGE, type ImageSpec } from '../src/core/render/image-spec.js';
import { createScalarKernel, type EscapeKernel } from '../src/core/render/kernel.js';
import { createKernel, selectKernel } from '../src/core/render/kernel-choice.js';
import { classicRowJob, type RowJob } from '../src/core/render/view.js';

const RUNS = 5;

/**
 * Plain JavaScript with 4 pixels in flight, for comparison only: independent chains let the CPU
 * overlap their latencies, which is most of what the wasm kernel gains before SIMD.
 */
const createInterleavedKernel = (): EscapeKernel => {
  let iters = new Uint32Array(0);
  let norms = new Float64Array(0);
  return {
    name: 'js-interleaved-4',
    computeRows(job: RowJob) {
      const { width, maxIter } = job;
      const count = width * job.rowCount;
      if (iters.length < count) {
        iters = new Uint32Array(count);
        norms = new Float64Array(count);
      }
      const cx = (q: number): number => job.xmin + (job.xspan * (q % width)) / job.denom;
      const cy = (q: number): number => job.ymin + (job.yspan * (job.rowStart + Math.floor(q / width))) / job.denom;
      for (let p = 0; p < count; p += 4) {
        // Past the end, a lane is simply never active.
        let a0 = p < count, a1 = p + 1 < count, a2 = p + 2 < count, a3 = p + 3 < count;
        const cx0 = cx(p), cx1 = cx(p + 1), cx2 = cx(p + 2), cx3 = cx(p + 3);
        const cy0 = cy(p), cy1 = cy(p + 1), cy2 = cy(p + 2), cy3 = cy(p + 3);
        let x0 = 0, y0 = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0, x3 = 0, y3 = 0;
        for (let i = 0; i < maxIter && (a0 || a1 || a2 || a3); i++) {
          if (a0) {
            const xy = x0 * y0, xx = x0 * x0, yy = y0 * y0;
            if (xx + yy > 4) { iters[p] = i; norms[p] = xx + yy; a0 = false; }
            else { x0 = xx - yy + cx0; y0 = 2 * xy + cy0; }
          }
          if (a1) {
            const xy = x1 * y1, xx = x1 * x1, yy = y1 * y1;
            if (xx + yy > 4) { iters[p + 1] = i; norms[p + 1] = xx + yy; a1 = false; }
            else { x1 = xx - yy + cx1; y1 = 2 * xy + cy1; }
          }
          if (a2) {
            const xy = x2 * y2, xx = x2 * x2, yy = y2 * y2;
            if (xx + yy > 4) { iters[p + 2] = i; norms[p + 2] = xx + yy; a2 = false; }
            else { x2 = xx - yy + cx2; y2 = 2 * xy + cy2; }
          }
          if (a3) {
            const xy = x3 * y3, xx = x3 * x3, yy = y3 * y3;
            if (xx + yy > 4) { iters[p + 3] = i; norms[p + 3] = xx + yy; a3 = false; }
            else { x3 = xx - yy + cx3; y3 = 2 * xy + cy3; }
          }
        }
        // Still active: reached maxIter.
        if (a0) { iters[p] = maxIter; norms[p] = (x0 * x0 + y0 * y0) / 2; }
        if (a1) { iters[p + 1] = maxIter; norms[p + 1] = (x1 * x1 + y1 * y1) / 2; }
        if (a2) { iters[p + 2] = maxIter; norms[p + 2] = (x2 * x2 + y2 * y2) / 2; }
        if (a3) { iters[p + 3] = maxIter; norms[p + 3] = (x3 * x3 + y3 * y3) / 2; }
      }
      return { iters: iters.subarray(0, count), norms: norms.subarray(0, count) };
    },
  };
};

const rowsFlag = process.argv.indexOf('--rows');
const rows = rowsFlag < 0 ? 64 : Number(process.argv[rowsFlag + 1]);
if (!Number.isInteger(rows) || rows < 1 || rows > 6144) throw new Error(`--rows: expected an integer in 1..6144`);
const spec = { ...DEFAULT_IMAGE, width: 1024 * 8, height: 768 * 8, palette: 'Hippi' } as ImageSpec;
const job = classicRowJob(spec, Math.floor((spec.height - rows) / 2), rows);
console.error(`# ${spec.width}×${rows} pixels (rows ${job.rowStart}..${job.rowStart + rows - 1} of ${spec.height}), maxIter ${spec.iters}`);

const cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
console.log(`cpu: ${cpu} (model name in /proc/cpuinfo); kernels here: ${selectKernel(undefined).available.join(', ')}`);

interface Figure {
  name: string;
  total: number;
  perSecond: number;
}

/** The C yardsticks: compiled with the native kernel's flags, each timing its own loop. */
const referenceFigures = (): Figure[] => {
  const dir = mkdtempSync(join(tmpdir(), 'fractal-bench-'));
  try {
    const binary = join(dir, 'reference-kernel');
    const source = fileURLToPath(new URL('reference-kernel.c', import.meta.url));
    const compiler = process.env['CC'] ?? 'cc';
    const built = spawnSync(compiler, ['-O3', '-ffp-contract=off', '-fno-fast-math', '-std=gnu11', '-o', binary, source], { encoding: 'utf8' });
    if (built.status !== 0) {
      console.error(`# no C reference: ${compiler} failed (${built.error?.message ?? built.stderr.trim()})`);
      process.exitCode = 1;
      return [];
    }
    const numbers = [job.xmin, job.xspan, job.ymin, job.yspan, job.denom, job.width, job.maxIter, job.rowStart, job.rowCount, RUNS];
    return [
      ['scalar', 'c-scalar'],
      ['avx512', 'c-avx512-groups'],
    ].flatMap(([loop, name]) => {
      const run = spawnSync(binary, [loop!, ...numbers.map(String)], { encoding: 'utf8' });
      if (run.status === 3) return []; // this CPU has no AVX-512
      const [total, median] = run.stdout.trim().split(' ').map(Number);
      return [{ name: name!, total: total!, perSecond: total! / median! }];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const kernels = [
  createScalarKernel(),
  createInterleavedKernel(),
  ...selectKernel(undefined).available.filter((name) => name !== 'js-scalar').map((name) => createKernel(name)),
];
const references = referenceFigures();
const results: Figure[] = [];
for (const kernel of kernels) {
  // The first run warms the JIT (and tiers up the wasm) and gives the iteration total.
  let total = 0;
  for (const it of kernel.computeRows(job).iters) total += it;
  const seconds: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    kernel.computeRows(job);
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  seconds.sort((a, b) => a - b);
  results.push({ name: kernel.name, total, perSecond: total / seconds[(RUNS - 1) / 2]! });
}

const counted = results[0]!;
for (const r of [...results, ...references]) {
  if (r.total !== counted.total) {
    console.error(`${r.name}: ${r.total} iterations, but ${counted.name} counted ${counted.total}`);
    process.exitCode = 1;
  }
}
const rate = (r: Figure): string => `${(r.perSecond / 1e9).toFixed(2)} G iterations/s`;
for (const r of references) console.log(`reference ${r.name}: ${rate(r)} (median of ${RUNS}, its own loop)`);
for (const r of results) {
  const ratios = references.map((ref) => `${(r.perSecond / ref.perSecond).toFixed(2)}x ${ref.name}`);
  console.log(`kernel ${r.name}: ${rate(r)} per core (median of ${RUNS})${ratios.length > 0 ? `, ${ratios.join(', ')}` : ''}`);
}
