// `fractal render` on the default 8192×6144 image, with 1 and with 2 threads: wall time split
// into compute, colouring and PNG encoding, and peak memory. Runs the built CLI as a user does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRenderReport } from '../src/core/run-render.js';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'fractal-bench-'));

const renderOnce = (threads: number): RunRenderReport => {
  const result = spawnSync(process.execPath, [CLI, 'render', '--json', '--threads', String(threads), '--outfile', join(dir, 'default.png')], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`fractal render failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as RunRenderReport;
};

try {
  const hashes = new Set<string>();
  for (const threads of [1, 2]) {
    const reports = Array.from({ length: RUNS }, () => renderOnce(threads));
    reports.forEach((r) => hashes.add(r.sha256));
    const m = (pick: (r: RunRenderReport) => number) => median(reports.map(pick));
    const wall = m((r) => r.timings.wallMs);
    const render = m((r) => r.timings.renderMs);
    const compute = m((r) => r.timings.computeMs / r.threads);
    const color = m((r) => r.timings.colorMs / r.threads);
    const perCore = m((r) => r.iterations / (r.timings.computeMs / 1000));
    console.log(
      `render default image, ${threads} thread(s): ${(wall / 1000).toFixed(2)} s wall (median of ${RUNS}) = ` +
        `render ${(render / 1000).toFixed(2)} s [compute ${(compute / 1000).toFixed(2)} s + colour ${(color / 1000).toFixed(2)} s per thread] ` +
        `+ encode ${(m((r) => r.timings.encodeMs) / 1000).toFixed(2)} s + write ${(m((r) => r.timings.writeMs) / 1000).toFixed(2)} s; ` +
        `peak RSS ${(m((r) => r.process.maxRssBytes) / 2 ** 20).toFixed(0)} MiB; ` +
        `kernel ${(perCore / 1e9).toFixed(2)} G iterations/s per thread; ${reports[0]!.iterations} iterations`,
    );
  }
  console.log(`render default image: ${hashes.size === 1 ? 'identical PNG bytes' : 'DIFFERENT PNG bytes'} across thread counts (sha256 ${[...hashes][0]})`);
  if (hashes.size !== 1) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
