// A job's outcome, decided by what its leader left rather than by every task's exit status: a
// worker killed on the way makes srun (or the local launcher) report a failure, yet the leader
// re-queued its units and finished the picture. Complete results and the PNG they describe
// mean the run succeeded; a checkpoint without them means it stopped early and can be resumed
// (exit 75); anything else means it failed.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkpointedError, FractalError } from '../errors.js';
import { checkpointPath, hasCheckpoint } from './leader/checkpoint-store.js';
import { FIND_ERROR_CODES } from '../metrics/find-results-files.js';
import { readResultsFile } from '../metrics/read-results-file.js';
import type { RunResults } from '../metrics/results.js';

export interface RunOutcomeOptions {
  resultsPath: string;
}

export const RUN_OUTCOME_CODES = { unfinished: 'E_RUN_UNFINISHED' } as const;

/** Resolves with the results of a finished run; fails with a cluster error (exit 5) otherwise. */
export const judgeRunOutcome = async (options: RunOutcomeOptions): Promise<RunResults> => {
  let results: RunResults;
  try {
    results = await readResultsFile(options.resultsPath);
  } catch (error) {
    if (!(error instanceof FractalError)) throw error;
    const why = error.code === FIND_ERROR_CODES.missing ? `${options.resultsPath} was not written` : error.message;
    const runDir = dirname(options.resultsPath);
    if (await hasCheckpoint(runDir)) {
      throw checkpointedError(`the leader did not finish the run (${why}), but kept what was done in ${checkpointPath(runDir)}`, [
        'resume it: fractal submit --resume RUN_DIR (a requeued job resumes by itself)',
      ]);
    }
    throw unfinished(`the leader did not finish the run: ${why}`, error);
  }
  const png = await stat(results.image.path).catch(() => null);
  if (!png?.isFile() || png.size !== results.image.bytes) {
    const got = png ? `${png.size} bytes` : 'no file';
    throw unfinished(`the results describe ${results.image.path} of ${results.image.bytes} bytes, but there is ${got}`);
  }
  return results;
};

const unfinished = (message: string, cause?: unknown): FractalError =>
  new FractalError(message, {
    kind: 'cluster',
    code: RUN_OUTCOME_CODES.unfinished,
    suggestions: ['the leader\'s lines in the job\'s log (rank 0, or task-0.log for a local job) say why'],
    cause,
  });
