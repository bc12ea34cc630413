// Output files: checked before long work starts, written atomically (temporary name, flush,
// rename) so that nobody ever reads half a file, with errors that say what to do.
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
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

export interface AtomicFileStream {
  /** Appends the pieces, in order; the next write waits for this one. */
  write(pieces: Uint8Array[]): Promise<void>;
  /** Flushes and renames the file onto its target; resolves with its size and sha256. */
  commit(): Promise<{ bytes: number; sha256: string }>;
  /** Removes what was written; the target is left as it was. */
  abort(): Promise<void>;
}

/**
 * A file written as a stream and renamed onto `path` only once complete, as writeFileAtomic does
 * for bytes in memory: a big PNG is never held whole, and a failure leaves nothing half-written at
 * the target. The sha256 is computed as the bytes go by.
 */
export const openAtomicFile = async (path: string, what = 'output', mode = 0o644): Promise<AtomicFileStream> => {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx', mode).catch((error: unknown) => {
    throw writeError(path, what, error);
  });
  const hash = createHash('sha256');
  let bytes = 0;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  const failed = async (error: unknown): Promise<never> => {
    await close().catch(() => {});
    await rm(temp, { force: true });
    throw writeError(path, what, error);
  };
  return {
    async write(pieces) {
      try {
        await writeAll(handle, pieces);
      } catch (error) {
        return failed(error);
      }
      for (const piece of pieces) {
        hash.update(piece);
        bytes += piece.length;
      }
    },
    async commit() {
      try {
        await handle.sync();
        await close();
        await rename(temp, path);
      } catch (error) {
        return failed(error);
      }
      return { bytes, sha256: hash.digest('hex') };
    },
    async abort() {
      await close().catch(() => {});
      await rm(temp, { force: true });
    },
  };
};

/** writev may write less than it was given (a signal, a full pipe): the rest goes in further calls. */
const writeAll = async (handle: FileHandle, pieces: Uint8Array[]): Promise<void> => {
  let left = pieces.filter((piece) => piece.length > 0);
  while (left.length > 0) {
    let { bytesWritten } = await handle.writev(left);
    const rest: Uint8Array[] = [];
    for (const piece of left) {
      if (bytesWritten >= piece.length) bytesWritten -= piece.length;
      else {
        rest.push(piece.subarray(bytesWritten));
        bytesWritten = 0;
      }
    }
    left = rest;
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
