// What a path given on the command line must be before anything opens it: not empty, and within
// what Linux file systems allow (a name of at most 255 bytes, a path of less than 4096). A longer
// one would fail only when the file is finally written, after the work, as ENAMETOOLONG.
import { basename } from 'node:path';
import { describeValue, FractalError, inputError } from '../errors.js';

/** NAME_MAX of ext4, XFS, Btrfs, tmpfs, NFS and Lustre; a file system with less says so itself. */
export const NAME_MAX_BYTES = 255;
/** PATH_MAX, the terminating NUL included. */
export const PATH_MAX_BYTES = 4096;

export const checkPathName = (what: string, path: string): string => {
  if (path.trim() === '') {
    throw new FractalError(`${what}: expected a path, got ${path === '' ? 'an empty string' : describeValue(path)}`, {
      kind: 'usage',
      code: 'E_PATH_EMPTY',
      suggestions: [`name a file or directory, e.g. ${what} ./out`],
    });
  }
  const total = Buffer.byteLength(path);
  if (total >= PATH_MAX_BYTES) {
    throw inputError('E_PATH_TOO_LONG', `${what}: the path is ${total} bytes; expected less than ${PATH_MAX_BYTES}, what the system allows`, [
      'choose a shorter path, or change into a directory near it first',
    ]);
  }
  const long = path.split('/').find((part) => Buffer.byteLength(part) > NAME_MAX_BYTES);
  if (long !== undefined) throw nameTooLongError(what, path, long);
  return path;
};

/** The error for a name the file system refused (ENAMETOOLONG) or that is known to be too long. */
export const nameTooLongError = (what: string, path: string, name = basename(path), cause?: unknown): FractalError =>
  inputError(
    'E_PATH_TOO_LONG',
    `${what}: the name ${describeValue(name)} is ${Buffer.byteLength(name)} bytes; expected at most ${NAME_MAX_BYTES}, what the file system allows for one name`,
    ['choose a shorter file name (non-ASCII characters take 2 to 4 bytes each)'],
    cause,
  );
