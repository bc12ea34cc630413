// Output files: checked before long work starts, written atomically (temporary name, flush,
// rename) so that nobody ever reads half a file, with errors that say what to do.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { FractalError, inputError } from '../errors.js';
import { nameTooLongError } from './path-name.js';
import { writeErrorReason } from './write-error-reason.js';

/**
 * Checks, before any long work, that a file can be created at path: the directory exists, is a
 * directory, and accepts a new file (a probe is created and removed). Creates nothing else.
 */
export const checkWritable = async (path: string, what = 'output'): Promise<void> => {
  const dir = dirname(resolve(path));
  const info = await stat(dir).catch(() => undefined);
  if (!info) {
    throw inputError('E_OUTPUT_DIR', `cannot write ${what} ${path}: directory ${dir} does not exist`, [
      `create it first (mkdir -p ${dir}) or choose another path`,
    ]);
  }
  if (!info.isDirectory()) {
    throw inputError('E_OUTPUT_DIR', `cannot write ${what} ${path}: ${dir} is not a directory`);
  }
  const probe = tempPathFor(path);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
  } catch (error) {
    throw writeError(path, what, error);
  } finally {
    await rm(probe, { force: true });
  }
  // the probe has a short name of its own: only the target's name tells whether it is too long
  const target = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENAMETOOLONG') throw nameTooLongError(`cannot write ${what} ${path}`, path, undefined, error);
    return undefined;
  });
  if (target?.isDirectory()) {
    throw inputError('E_OUTPUT_PATH', `cannot write ${what} ${path}: it is a directory`, ['name a file, e.g. out/mandelbrot.png']);
  }
};

/**
 * Writes to a temporary name beside the target, flushes, then renames: readers never see half a
 * file. `mode` applies to a new file (0o755 for scripts).
 */
export const writeFileAtomic = async (path: string, bytes: Uint8Array | string, what = 'output', mode = 0o644): Promise<void> => {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw writeError(path, what, error);
  }
};

/**
 * A short hidden name beside the target, in the same directory so that the rename is atomic: a
 * name derived from the target's would be too long for the file system when the target's name is
 * near its limit (255 bytes) itself.
 */
const tempPathFor = (path: string): string => join(dirname(resolve(path)), `.fractal-${randomBytes(6).toString('hex')}.tmp`);

const writeError = (path: string, what: string, error: unknown): FractalError => {
  if ((error as NodeJS.ErrnoException).code === 'ENAMETOOLONG') return nameTooLongError(`cannot write ${what} ${path}`, path, undefined, error);
  return inputError('E_OUTPUT_WRITE', `cannot write ${what} ${path}: ${writeErrorReason(error)}`, [
    'choose a writable location with --outfile (or --run-dir)',
  ], error);
};
