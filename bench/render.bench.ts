// `fractal render` as a user runs it (the built CLI):
//  1. the default 8192×6144 image with 1 and 2 threads, end to end, split into compute, colour,
//     filtering (thread time in the compute threads), deflate (zlib's thread time, in parallel),
//     the encoder's tail after the last unit and the write, with peak memory;
//  2. a 32768×32768 picture (1.07 G pixels, 4 GiB of RGBA): time and peak RSS (target 600 MiB),
//     and the file checked chunk by chunk by the strict streaming reader (a PNG of over 4 GiB of
//     pixel data). FRACTAL_BENCH_GIGA=0 leaves it out.
// FRACTAL_BENCH_RUNS sets the runs of part 1 (default 3; medians are printed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRenderReport } from '../src/core/run-render.js';
import { readPngFile } from '../test/helpers/png-reader.js';
import { GIGA_FLAGS } from './pictures.js';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 3);
const GIGA = process.env['FRACTAL_BENCH_GIGA'] !== '0';
const dir = mkdtempSync(join(tmpdir(), 'fractal-bench-'));
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const renderOnce = (args: string[], outfile: string): RunRenderReport => {
  const result = spawnSync(process.execPath, [CLI, 'render', '--json', ...args, '--outfile', outfile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`fractal render failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as RunRenderReport;
};

try {
  const hashes = new Set<string>();
  for (const threads of [1, 2]) {
    const reports = Array.from({ length: RUNS }, () => renderOnce(['--threads', String(threads)], join(dir, 'default.png')));
    reports.forEach((r) => hashes.add(r.sha256));
    const m = (pick: (r: RunRenderReport) => number) => median(reports.map(pick));
    const perThread = (pick: (t: RunRenderReport['timings']) => number) => m((r) => pick(r.timings) / r.threads);
    const perCore = m((r) => r.iterations / (r.timings.computeMs / 1000));
    console.log(
      `render default image, ${threads} thread(s): ${s(m((r) => r.timings.wallMs))} wall (median of ${RUNS}) = render ${s(m((r) => r.timings.renderMs))} ` +
        `[per thread: compute ${s(perThread((t) => t.computeMs))} + colour ${s(perThread((t) => t.colorMs))} + PNG filter ${s(perThread((t) => t.filterMs))}; ` +
        `zlib ${s(m((r) => r.timings.deflateMs))} on its own threads, during the render] + encode tail ${s(m((r) => r.timings.encodeMs))} ` +
        `+ write ${s(m((r) => r.timings.writeMs))}; PNG ${reports[0]!.bytes} bytes; peak RSS ${mib(m((r) => r.process.maxRssBytes))}; ` +
        `kernel ${(perCore / 1e9).toFixed(2)} G iterations/s per thread; ${reports[0]!.iterations} iterations`,
    );
    // the yardstick: total iterations ÷ (the kernel's rate × the cores), the kernel's rate
    // measured by this very run's threads, so the ratio is what the pipeline adds to the compute
    const floorMs = (reports[0]!.iterations / perCore / cpus().length) * 1000;
    console.log(
      `render default image, ${threads} thread(s): compute floor ${s(floorMs)} (iterations ÷ (kernel rate × ${cpus().length} cores)); ` +
        `wall ÷ floor ${(m((r) => r.timings.wallMs) / floorMs).toFixed(2)}× (target <= 1.5× with every core)`,
    );
  }
  console.log(`render default image: ${hashes.size === 1 ? 'identical PNG bytes' : 'DIFFERENT PNG bytes'} across thread counts (sha256 ${[...hashes][0]})`);
  if (hashes.size !== 1) process.exitCode = 1;

  if (GIGA) {
    const outfile = join(dir, 'giga.png');
    const report = renderOnce(GIGA_FLAGS, outfile);
    const t = report.timings;
    const rss = report.process.maxRssBytes;
    console.log(
      `render 32768×32768 (${GIGA_FLAGS.slice(6).join(' ')}): ${s(t.wallMs)} wall, ${report.threads} threads; thread time compute ${s(t.computeMs)}, ` +
        `colour ${s(t.colorMs)}, filter ${s(t.filterMs)}, zlib ${s(t.deflateMs)}; encode tail ${s(t.encodeMs)}; peak RSS ${mib(rss)} ` +
        `(target <= 600 MiB: ${rss <= 600 * 2 ** 20 ? 'met' : 'MISSED'}); PNG ${(report.bytes / 2 ** 20).toFixed(1)} MiB, sha256 ${report.sha256}`,
    );
    const t0 = performance.now();
    const png = await readPngFile(outfile);
    console.log(
      `render 32768×32768: the strict reader accepts it (${png.idatChunks} IDAT chunks, CRCs, zlib and Adler-32 checked, ` +
        `${(png.filteredBytes / 2 ** 30).toFixed(2)} GiB of filtered pixel data, over 4 GiB: ${png.filteredBytes > 2 ** 32 ? 'yes' : 'NO'}; ` +
        `read in ${s(performance.now() - t0)})`,
    );
    if (rss > 600 * 2 ** 20) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
