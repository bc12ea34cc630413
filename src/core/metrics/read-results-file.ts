// One results file from disk, checked by parse-results.ts: the one way fractal reads a
// results.json, whether `metrics summarize` or `submit --wait` asks.
import { readFile } from 'node:fs/promises';
import { inputError } from '../errors.js';
import { FIND_ERROR_CODES } from './find-results-files.js';
import { parseResults } from './parse-results.js';
import type { RunResults } from './results.js';

/** Fails with an input error naming `display` (how messages show the file): missing, unreadable, or not a valid results file. */
export const readResultsFile = async (path: string, display = path): Promise<RunResults> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
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
