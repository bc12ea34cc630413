import { hostname, totalmem } from 'node:os';
import { abortOnSignals } from '../cli/abort-on-signals.js';
import { BaseCommand } from '../cli/base-command.js';
import { defaultThreads } from '../cli/cluster-flags.js';
import { formatBytes, formatProcessMetrics, formatRate, printable } from '../cli/format.js';
import { formatDuration } from '../core/format-duration.js';
import { imageFlags, imageInputFromFlags, outputFlags } from '../cli/image-flags.js';
import { integerFlag } from '../cli/number-flags.js';
import { kernelFromEnvironment } from '../cli/kernel-environment.js';
import { pathFlag } from '../cli/path-flags.js';
import { createProgress } from '../cli/progress.js';
import { RANGES } from '../core/limits.js';
import { checkDistinctPaths } from '../core/files/distinct-paths.js';
import { resolveImageSpec } from '../core/render/image-spec.js';
import { DEFAULT_ROWS_PER_UNIT } from '../core/render-to-png.js';
import { runRender, type RunRenderReport } from '../core/run-render.js';

export default class Render extends BaseCommand {
  static summary = 'Render the fractal in this process, on every core, with no network.';

  static description = `The reference result and the fastest path on one machine. Rows are computed and coloured
by worker threads (the native SIMD kernel, or WebAssembly where it is not built; FRACTAL_KERNEL
forces one) and streamed into the PNG as they are done, compressed in parallel: the process never
holds the whole picture, so gigapixel images need a few hundred MiB. The file appears at --outfile
only once complete. The bytes do not depend on --threads or --chunk: a distributed run of the same
flags gives the same file.

--results FILE writes a results JSON like a distributed run's (mode render, one node), so that
\`fractal metrics summarize\` can put this one-process baseline beside distributed runs.`;

  static examples = [
    { description: 'The default picture (8192×6144, Hippi palette)', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'One of distributed-fractal\'s README pictures, small',
      command: '<%= config.bin %> <%= command.id %> --palette Plan9 --xpos -0.0091275 --ypos 0.7899912 --escape-radius .01401245 --smoothness 1 --outfile plan9.png',
    },
    { description: 'Smooth colouring, two threads, metrics', command: '<%= config.bin %> <%= command.id %> --coloring smooth --threads 2 --metrics' },
    {
      description: 'A one-process baseline for a scaling study, beside distributed runs of the same picture',
      command: '<%= config.bin %> <%= command.id %> --threads 2 --results runs/render/results.json --outfile runs/render/mandelbrot.png',
    },
    {
      description: 'A gigapixel picture (32768×32768) in a few hundred MiB of memory',
      command: '<%= config.bin %> <%= command.id %> --width 32768 --height 32768 --smoothness 1 --iters 64 --step 64 --xpos -0.5 --ypos 0 --escape-radius 3 --outfile giga.png',
    },
  ];

  static enableJsonFlag = true;

  static flags = {
    ...imageFlags,
    threads: integerFlag({ description: 'Render threads (default: the cores available; at most 4 per core)', range: RANGES.threads }),
    chunk: integerFlag({ description: 'Rows per block handed to a thread.', range: RANGES.chunk, default: DEFAULT_ROWS_PER_UNIT }),
    results: pathFlag({ description: 'Also write a results JSON (mode render, one node) to this file, for fractal metrics summarize.' }),
    ...outputFlags,
  };

  async run(): Promise<RunRenderReport> {
    const { flags } = await this.parse(Render);
    const spec = resolveImageSpec(imageInputFromFlags(flags));
    if (flags.results !== undefined) {
      const outputs = [
        { what: `--outfile ${flags.outfile}`, path: flags.outfile },
        { what: `--results ${flags.results}`, path: flags.results },
      ];
      checkDistinctPaths({ outputs }, process.cwd());
    }
    const input = { width: flags.width, height: flags.height, smoothness: flags.smoothness };
    const quiet = flags.quiet || this.jsonEnabled();
    const { kernel } = kernelFromEnvironment(process.env, quiet ? null : (line) => this.logToStderr(line));
    const progress = createProgress('rendering', process.stderr, !quiet);
    const report = await runRender({
      spec,
      threads: defaultThreads(flags.threads),
      rowsPerUnit: flags.chunk,
      outfile: flags.outfile,
      results: flags.results === undefined ? undefined : { path: flags.results, input, toolVersion: this.config.version, host: hostname() },
      memoryBytes: totalmem(),
      onProgress: (done, total) => progress.update(done, total),
      onStep: (step) => progress.step(step === 'encode' ? 'encoding PNG…' : 'writing PNG…'),
      signal: abortOnSignals(),
      kernel,
    });
    progress.done();
    if (!quiet) {
      const took = formatDuration(report.timings.wallMs, 'line');
      const results = report.resultsPath === null ? '' : `; results in \`${report.resultsPath}\``;
      this.log(printable(`Mandelbrot set rendered into \`${report.outfile}\` (${report.width}×${report.height}, ${formatBytes(report.bytes)}, ${took})${results}`));
    }
    if (flags.metrics) for (const line of metricsLines(report)) this.log(line);
    return report;
  }
}

const metricsLines = (report: RunRenderReport): string[] => {
  const t = report.timings;
  const perCore = report.iterations / (t.computeMs / 1000);
  return [
    `METRICS RENDER time: ${formatDuration(t.wallMs, 'line')}`,
    `METRICS RENDER render: ${formatDuration(t.renderMs, 'line')} (threads ${report.threads}, kernel ${report.kernel})`,
    `METRICS RENDER compute: ${formatDuration(t.computeMs, 'line')} thread time, ${formatRate(perCore, 'iterations')} per thread`,
    `METRICS RENDER color: ${formatDuration(t.colorMs, 'line')} thread time`,
    `METRICS RENDER filter: ${formatDuration(t.filterMs, 'line')} thread time (PNG rows, in the compute threads)`,
    `METRICS RENDER deflate: ${formatDuration(t.deflateMs, 'line')} zlib thread time (in parallel, during the render)`,
    `METRICS RENDER encode: ${formatDuration(t.encodeMs, 'line')} after the last unit`,
    `METRICS RENDER write: ${formatDuration(t.writeMs, 'line')} (flush and rename; the file was written during the render)`,
    `METRICS RENDER held: ${formatBytes(report.heldBytes)} at most for the PNG`,
    `METRICS RENDER iterations: ${report.iterations}`,
    `METRICS RENDER png: ${report.bytes} bytes, sha256 ${report.sha256}`,
    ...formatProcessMetrics('RENDER', report.process),
  ];
};
