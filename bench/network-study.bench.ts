// A labelled study, as a user would run one: 1, 2 and 4 one-thread workers at 0, 1 and 10 ms
// round trip (through the delaying relay, scripts/delay-relay.ts), each run labelled
// `--label rtt=Xms`, then `fractal metrics summarize` over the lot: one table, and one plot with a
// series per round trip (written to docs/network-study.png with FRACTAL_BENCH_WRITE_DOCS=1).
// FRACTAL_BENCH_RUNS sets the runs per point (default 2).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relayedRun } from './relayed-run.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const DOCS_PLOT = fileURLToPath(new URL('../docs/network-study.png', import.meta.url));
const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 2);
const IMAGE = ['--width', '1024', '--height', '768', '--smoothness', '2'];
const dir = mkdtempSync(join(tmpdir(), 'fractal-bench-study-'));
const study = join(dir, 'study');

for (let run = 0; run < RUNS; run++) {
  for (const rtt of [0, 1, 10]) {
    for (const workers of [1, 2, 4]) {
      const sample = await relayedRun({ dir, rttMs: rtt, workers, image: IMAGE, extra: ['--label', `rtt=${rtt}ms`], keep: true });
      const target = join(study, `rtt${rtt}-w${workers}-r${run + 1}`);
      mkdirSync(target, { recursive: true });
      cpSync(join(sample.runDir, 'results.json'), join(target, 'results.json'));
      rmSync(sample.runDir, { recursive: true, force: true });
    }
  }
}
const plot = process.env['FRACTAL_BENCH_WRITE_DOCS'] === '1' ? DOCS_PLOT : join(dir, 'network-study.png');
const summary = spawnSync(process.execPath, [CLI, 'metrics', 'summarize', study, '--table', 'scaling', '--format', 'markdown', '--plot', plot], { encoding: 'utf8' });
if (summary.status !== 0) throw new Error(`fractal metrics summarize failed: ${summary.stderr}`);
console.log(`network study: 1, 2, 4 workers × 0, 1, 10 ms round trip, ${RUNS} run(s) each, ${IMAGE.join(' ')}; plot ${plot}\n`);
console.log(summary.stdout);
rmSync(dir, { recursive: true, force: true });
