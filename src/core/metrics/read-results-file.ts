// One results file from disk, checked by parse-results.ts: the one way fractal reads a
// results.json, whether `metrics summarize` or `submit --wait` asks.
import { FractalError, inputError } from '../errors.js';
import { readRegularFile } from '../files/read-regular-file.js';
import { FIND_ERROR_CODES } from './find-results-files.js';
import { parseResults } from './parse-results.js';
import type { RunResults } from './results.js';

/**
 * A results file of 65,536 workers is about 100 MB; beyond this a file is not fractal's, and
 * reading it would only exhaust memory.
 */
const MAX_RESULTS_BYTES = 256 * 1024 * 1024;

/** Fails with an input error naming `display` (how messages show the file): missing, unreadable, or not a valid results file. */
export const readResultsFile = async (path: string, display = path): Promise<RunResults> => {
  let text: string;
  try {
    // a FIFO or a device would block the read forever: only regular files, of a bounded size
    text = (await readRegularFile(path, { maxBytes: MAX_RESULTS_BYTES, label: display })).toString('utf8');
  } catch (error) {
    if (error instanceof FractalError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const missing = code === 'ENOENT';
    throw inputError(
      missing ? FIND_ERROR_CODES.missing : FIND_ERROR_CODES.unreadable,
      missing ? `${display}: no such file or directory` : `${display}: cannot be read (${code})`,
      [],
      error,
    );
  }
  return parseResults(text, display);
};
