// The network as a variable: a leader and two one-thread workers render the 4096×3072 image
// (--smoothness 4) directly, then through the delaying relay (scripts/delay-relay.ts) at 1, 10
// and 50 ms round trip, once with the fixed credit window (--credits 4, the window before it
// adapted) and once with the adaptive one (the default). Render times come from the results
// JSON; every ratio is to the direct run of the same mode in the same round of runs, and the
// PNG must be the same bytes in every run. Also: bytes per pixel on the wire, as the relay counts
// them. FRACTAL_BENCH_RUNS sets the runs per figure (default 3; medians are printed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relayedRun } from './relayed-run.js';
import { median } from './stats.js';

const RUNS = Number(process.env['FRACTAL_BENCH_RUNS'] ?? 3);
const ROUND_TRIPS_MS = (process.env['FRACTAL_BENCH_RTTS'] ?? '0,1,10,50').split(',').map(Number);
const MODES = [
  { name: 'fixed', args: ['--credits', '4'] },
  { name: 'adaptive', args: [] as string[] },
] as const;
const IMAGE = ['--width', '1024', '--height', '768', '--smoothness', '4'];
const dir = mkdtempSync(join(tmpdir(), 'fractal-bench-network-'));

const main = async (): Promise<void> => {
  const times = MODES.map(() => ROUND_TRIPS_MS.map(() => [] as number[]));
  const ratios = MODES.map(() => ROUND_TRIPS_MS.map(() => [] as number[]));
  const starved = MODES.map(() => ROUND_TRIPS_MS.map(() => [] as number[]));
  const hashes = new Set<string>();
  const perPixel: number[] = [];
  // interleaved, so that a slow minute of the machine hurts every configuration alike
  for (let run = 0; run < RUNS; run++) {
    for (const [m, mode] of MODES.entries()) {
      for (const [r, rtt] of ROUND_TRIPS_MS.entries()) {
        const sample = await relayedRun({ dir, rttMs: rtt, workers: 2, image: IMAGE, workerArgs: [...mode.args] });
        hashes.add(sample.sha256);
        times[m]![r]!.push(sample.renderMs);
        const workers = sample.results.nodes.slice(1);
        const starvedMs = workers.reduce((sum, n) => sum + (n.network?.starvedMs ?? n.idleMs), 0);
        starved[m]![r]!.push(starvedMs / Math.max(1, workers.length * sample.renderMs));
        if (rtt === 0 && m === 1) perPixel.push(sample.wireBytes / sample.pixels);
      }
      const direct = times[m]![0]!.at(-1)!;
      ROUND_TRIPS_MS.forEach((_, r) => ratios[m]![r]!.push(direct / times[m]![r]!.at(-1)!));
    }
  }
  for (const [m, mode] of MODES.entries()) {
    ROUND_TRIPS_MS.forEach((rtt, r) => {
      const ratio = median(ratios[m]![r]!);
      const target = rtt >= 50 ? 0.9 : rtt >= 10 ? 0.95 : 1;
      const verdict = r === 0 ? 'baseline' : `${ratio >= target - (target === 1 ? 0.03 : 0) ? 'met' : 'MISSED'} the ${target.toFixed(2)} target`;
      console.log(
        `network ${mode.name.padEnd(8)} credits, ${String(rtt).padStart(2)} ms round trip: render ${(median(times[m]![r]!) / 1000).toFixed(2)} s, ` +
          `throughput ${ratio.toFixed(3)} of direct (${verdict}); workers starved ${(median(starved[m]![r]!) * 100).toFixed(1)}% of the render (median of ${RUNS})`,
      );
    });
  }
  console.log(`network wire bytes per pixel through the relay (adaptive, direct): ${median(perPixel).toFixed(3)}`);
  console.log(`network PNG bytes identical across every run: ${hashes.size === 1 ? 'yes' : `NO (${hashes.size} different files)`}`);
  rmSync(dir, { recursive: true, force: true });
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
