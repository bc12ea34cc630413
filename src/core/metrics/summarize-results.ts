// `fractal metrics summarize` end to end: find the results files, read and check each one, summarise
// them (summarize-runs.ts), and optionally draw the scaling plot. Bad inputs stop the summary with
// one error listing them all, or with keepGoing become `skipped` entries while the rest is
// summarised; with nothing readable at all it is an error either way.
import { extname, resolve } from 'node:path';
import { FractalError, inputError } from '../errors.js';
import { checkWritable, writeFileAtomic } from '../files/atomic-file.js';
import { readRegularFile } from '../files/read-regular-file.js';
import { findResultsFiles, FIND_ERROR_CODES, type FoundResultsFile, type InputProblem } from './find-results-files.js';
import { parseResults } from './parse-results.js';
import { summarizeRuns, type LoadedRun, type ScaleBy, type SummaryReport } from './summarize-runs.js';

export const PLOT_FORMATS = ['png', 'svg'] as const;
export type PlotFormat = (typeof PLOT_FORMATS)[number];

export interface SummarizeResultsOptions {
  /** Files, run directories, sweep directories or glob patterns, as typed. */
  inputs: readonly string[];
  cwd: string;
  keepGoing: boolean;
  scaleBy: ScaleBy;
  outlierThreshold: number;
  /** Write the scaling plot here (.png or .svg). */
  plot?: string | undefined;
}

export interface SkippedInput {
  input: string;
  code: string;
  message: string;
  suggestions: string[];
}

export interface SummarizeResultsReport extends SummaryReport {
  /** Results files read and summarised. */
  files: number;
  /** Inputs that could not be summarised (only with keepGoing; otherwise they are an error). */
  skipped: SkippedInput[];
  plot: { path: string; format: PlotFormat } | null;
}

/** Enough files in flight to hide latency on a shared file system, few enough for any fd limit. */
const READ_CONCURRENCY = 32;

export const plotFormatOf = (path: string): PlotFormat => {
  const ext = extname(path).slice(1).toLowerCase();
  const format = PLOT_FORMATS.find((f) => f === ext);
  if (!format) {
    throw new FractalError(`--plot ${path}: expected a file name ending in .png or .svg, got ${ext === '' ? 'no extension' : `.${ext}`}`, {
      kind: 'usage',
      code: 'E_PLOT_FORMAT',
      suggestions: ['e.g. --plot scaling.png (raster) or --plot scaling.svg (vector)'],
    });
  }
  return format;
};

/**
 * A results file of 65,536 workers is about 100 MB; beyond this a file is not fractal's, and
 * reading it would only exhaust memory.
 */
const MAX_RESULTS_BYTES = 256 * 1024 * 1024;

const readOne = async (file: FoundResultsFile): Promise<LoadedRun | InputProblem> => {
  let text: string;
  try {
    text = (await readRegularFile(file.path, { maxBytes: MAX_RESULTS_BYTES, label: file.display })).toString('utf8');
  } catch (error) {
    if (error instanceof FractalError) return { input: file.display, error };
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const missing = code === 'ENOENT';
    return {
      input: file.display,
      error: inputError(
        missing ? FIND_ERROR_CODES.missing : FIND_ERROR_CODES.unreadable,
        missing ? `${file.display}: no such file or directory` : `${file.display}: cannot be read (${code})`,
        [],
        error,
      ),
    };
  }
  try {
    return { file: file.display, results: parseResults(text, file.display) };
  } catch (error) {
    if (error instanceof FractalError) return { input: file.display, error };
    throw error;
  }
};

const readAll = async (files: readonly FoundResultsFile[]): Promise<Array<LoadedRun | InputProblem>> => {
  const out = new Array<LoadedRun | InputProblem>(files.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      out[index] = await readOne(files[index] as FoundResultsFile);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, lane));
  return out;
};

const isProblem = (value: LoadedRun | InputProblem): value is InputProblem => 'error' in value;

/** One error for all the bad inputs: the first in full, each of the others on a line. */
const combineProblems = (problems: readonly InputProblem[], total: number, goodFiles: number): FractalError => {
  const first = (problems[0] as InputProblem).error;
  const keepGoingHint =
    goodFiles > 0 ? [`--keep-going summarises the ${goodFiles} readable file${goodFiles === 1 ? '' : 's'} and lists the others as warnings`] : [];
  if (problems.length === 1) {
    return new FractalError(first.message, { kind: 'input', code: first.code, suggestions: [...first.suggestions, ...keepGoingHint], cause: first });
  }
  const shown = problems.slice(0, 10).map((p) => `  ${p.error.message}`);
  if (problems.length > 10) shown.push(`  … and ${problems.length - 10} more`);
  const codes = new Set(problems.map((p) => p.error.code));
  const hints = [...new Set(problems.flatMap((p) => p.error.suggestions))].slice(0, 3);
  return new FractalError(`${problems.length} of ${total} inputs cannot be summarised:\n${shown.join('\n')}`, {
    kind: 'input',
    code: codes.size === 1 ? first.code : 'E_RESULTS_INVALID',
    suggestions: [...hints, ...keepGoingHint],
    cause: first,
  });
};

export const summarizeResults = async (options: SummarizeResultsOptions): Promise<SummarizeResultsReport> => {
  const plotFormat = options.plot === undefined ? undefined : plotFormatOf(options.plot);
  const plotPath = options.plot === undefined ? undefined : resolve(options.cwd, options.plot);
  if (plotPath !== undefined) await checkWritable(plotPath, 'plot');

  const found = await findResultsFiles(options.inputs, { cwd: options.cwd });
  const read = await readAll(found.files);
  const runs = read.filter((r): r is LoadedRun => !isProblem(r));
  const problems = [...found.problems, ...read.filter(isProblem)];
  if (problems.length > 0 && (!options.keepGoing || runs.length === 0)) {
    throw combineProblems(problems, found.files.length + found.problems.length, runs.length);
  }

  const summary = summarizeRuns(runs, { scaleBy: options.scaleBy, outlierThreshold: options.outlierThreshold });
  let plot: SummarizeResultsReport['plot'] = null;
  if (options.plot !== undefined && plotPath !== undefined && plotFormat !== undefined) {
    if (summary.studies.length === 0) {
      throw new FractalError(`--plot: a scaling plot needs several runs, got ${runs.length}`, {
        kind: 'usage',
        code: 'E_PLOT_ONE_RUN',
        suggestions: ['pass a sweep directory (fractal submit --nodes 2,3,5 --repeat 3) or several results files'],
      });
    }
    // Loaded only here: vega and resvg take a few hundred ms to import, which plain summaries skip.
    const { renderScalingPlot } = await import('./scaling-plot.js');
    await writeFileAtomic(plotPath, await renderScalingPlot(summary.studies, plotFormat), 'plot');
    plot = { path: options.plot, format: plotFormat };
  }
  return {
    ...summary,
    files: runs.length,
    skipped: problems.map((p) => ({ input: p.input, code: p.error.code, message: p.error.message, suggestions: p.error.suggestions })),
    plot,
  };
};
