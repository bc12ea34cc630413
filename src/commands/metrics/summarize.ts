import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { printable } from '../../cli/format.js';
import { integerFlag } from '../../cli/number-flags.js';
import { pathFlag } from '../../cli/path-flags.js';
import { MAX_OUTLIER_PERCENT } from '../../core/limits.js';
import { formatSummary, SUMMARY_FORMATS, SUMMARY_TABLES } from '../../core/metrics/format-summary.js';
import { summarizeResults, type SummarizeResultsReport } from '../../core/metrics/summarize-results.js';
import { DEFAULT_OUTLIER_THRESHOLD, SCALE_BY } from '../../core/metrics/summarize-runs.js';

export default class MetricsSummarize extends BaseCommand {
  static summary = 'Summarise results files: per-node and per-run tables, and a strong-scaling study.';

  static description = `Accepts results files, run directories (each holds a results.json) and sweep directories (every results.json below them); glob patterns are expanded here too, quoted or not.

One run: a header (image, scheduler, job, nodes, wall time, PNG sha256) and per-node tables (units, rows, compute and idle time, busy share, bytes in/out, CPU, max RSS, GC pauses, event-loop delay), with the imbalance between workers.

Several runs: a table of runs and, per workload and threads per node, runs grouped by node count with median, mean ± σ and min–max wall time, speedup over the smallest node count and parallel efficiency. Efficiency counts workers (nodes − 1) by default because the leader computes no pixels; --scale-by nodes counts every task. Warnings: runs far from their group's median, and runs of the same picture whose PNGs differ (a correctness failure, whatever the timing).

Bad input (missing file, not JSON, not a fractal results file, a newer schemaVersion, a wrong field, an empty directory) is an error naming the file and the field, exit code 3. With --keep-going those inputs are listed as warnings on stderr and the rest is summarised; the exit code is 0 if at least one file was summarised, 3 if none was.`;

  static examples = [
    { description: 'One run', command: '<%= config.bin %> <%= command.id %> runs/job-1234/results.json' },
    { description: 'A sweep directory, with the scaling plot', command: '<%= config.bin %> <%= command.id %> runs/sweep-1 --plot scaling.png' },
    { description: 'Several sweeps by pattern, as Markdown for a report', command: "<%= config.bin %> <%= command.id %> 'runs/sweep-*' --format markdown" },
    { description: 'The per-node figures of every run, as CSV', command: '<%= config.bin %> <%= command.id %> runs/sweep-1 --format csv --table nodes > nodes.csv' },
    { description: 'Skip unreadable files instead of stopping', command: '<%= config.bin %> <%= command.id %> runs/ --keep-going' },
  ];

  static enableJsonFlag = true;

  static strict = false;

  static args = {
    paths: Args.string({ description: 'Results files, run directories, sweep directories or glob patterns.', required: true }),
  };

  static flags = {
    format: Flags.option({
      char: 'f',
      description: 'Output format: table (80 columns), markdown, csv (one table, see --table) or json (the same as --json).',
      options: SUMMARY_FORMATS,
      default: 'table' as const,
    })(),
    table: Flags.option({
      description: 'Show only this table; for csv, the table to write (default: nodes for one run, scaling for several).',
      options: SUMMARY_TABLES,
    })(),
    plot: pathFlag({ description: 'Write the scaling study as an image: FILE.png or FILE.svg (needs several runs).' }),
    'keep-going': Flags.boolean({ description: 'Summarise the readable files and list the bad ones as warnings on stderr.' }),
    'scale-by': Flags.option({
      description: 'What efficiency divides by: workers (nodes − 1; the leader computes no pixels) or nodes (every task).',
      options: SCALE_BY,
      default: 'workers' as const,
    })(),
    'outlier-threshold': integerFlag({
      description: 'Warn about a run whose wall time is more than this percentage away from its group\'s median.',
      default: Math.round(DEFAULT_OUTLIER_THRESHOLD * 100),
      range: { min: 1, max: MAX_OUTLIER_PERCENT },
    }),
  };

  async run(): Promise<SummarizeResultsReport> {
    const { argv, flags } = await this.parse(MetricsSummarize);
    const report = await summarizeResults({
      inputs: argv as string[],
      cwd: process.cwd(),
      keepGoing: flags['keep-going'],
      scaleBy: flags['scale-by'],
      outlierThreshold: flags['outlier-threshold'] / 100,
      plot: flags.plot,
    });
    // file names and fields of results files are printed escaped: they may hold anything
    for (const skipped of report.skipped) process.stderr.write(`warning: skipped ${printable(skipped.message)}\n`);
    const format = flags.format;
    if (format === 'csv') for (const w of report.warnings) process.stderr.write(`warning: ${printable(w.message)}\n`);
    if (!this.jsonEnabled()) {
      process.stdout.write(formatSummary(report, { format, table: flags.table, escape: printable }));
      if (report.plot) process.stderr.write(`plot written to ${printable(report.plot.path)}\n`);
    }
    return report;
  }
}
