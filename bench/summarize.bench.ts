// `fractal metrics summarize` over 1,000 results files (a sweep of 2–9 nodes, 125 repeats each):
// the built CLI end to end as a user runs it (target: under 2 s), the same work in-process, and
// the floor measured in the same run: reading and JSON.parse-ing the same files and nothing else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findResultsFiles } from '../src/core/metrics/find-results-files.js';
import { formatSummary } from '../src/core/metrics/format-summary.js';
import { summarizeResults } from '../src/core/metrics/summarize-results.js';
import { makeResults } from '../test/helpers/results-fixture.js';
import { median } from './stats.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const FILES = 1000;
const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 5);
const TARGET_MS = 2000;

const dir = await mkdtemp(join(tmpdir(), 'fractal-summarize-bench-'));
try {
  for (let i = 0; i < FILES; i++) {
    const nodes = 2 + (i % 8);
    const run = join(dir, `n${nodes}-r${Math.floor(i / 8) + 1}`);
    await mkdir(run);
    const wallMs = Math.round((12_000 / (nodes - 1)) * (1 + ((i * 7919) % 100) / 1000));
    await writeFile(join(run, 'results.json'), JSON.stringify(makeResults({ nodes, threads: 2, wallMs, runId: `bench-${i}`, skew: [1, 1.1, 0.9] }), null, 2));
  }

  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    await fn(); // warm-up: JIT and the page cache, so the first figure is not a cold start
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    return median(samples);
  };

  // Read with the same 32 files in flight as summarizeResults, so the ratio isolates our own work.
  const floor = await time(async () => {
    const { files } = await findResultsFiles([dir], { cwd: dir });
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < files.length) JSON.parse(await readFile(files[next++]!.path, 'utf8'));
    };
    await Promise.all(Array.from({ length: 32 }, lane));
  });
  console.log(`summarize ${FILES} files, floor (find + read + JSON.parse only, 32 reads in flight): ${floor.toFixed(0)} ms (median of ${RUNS})`);

  const inProcess = await time(async () => {
    const report = await summarizeResults({ inputs: [dir], cwd: dir, keepGoing: false, scaleBy: 'workers', outlierThreshold: 0.25 });
    formatSummary(report, { format: 'table' });
  });
  console.log(`summarize ${FILES} files, in-process (parse, check, summarise, table): ${inProcess.toFixed(0)} ms (median of ${RUNS}), ${(inProcess / floor).toFixed(2)}x the floor`);

  if (!existsSync(join(CLI, '../../dist/fractal.js'))) {
    console.log('summarize CLI: skipped, run `npm run build` first');
  } else {
    const cli = await time(async () => {
      const result = spawnSync(process.execPath, [CLI, 'metrics', 'summarize', dir], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`fractal metrics summarize exited ${result.status}: ${result.stderr}`);
    });
    const verdict = cli < TARGET_MS ? 'meets' : 'MISSES';
    console.log(`summarize ${FILES} files, CLI end to end: ${cli.toFixed(0)} ms (median of ${RUNS}), ${verdict} the ${TARGET_MS} ms target`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
