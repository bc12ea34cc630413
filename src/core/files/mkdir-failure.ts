// Node's recursive mkdir reports ENOENT when the real trouble is a parent it may not write to
// (a read-only file system, no permission): `submit` in a read-only directory said "no such file
// or directory". The nearest existing ancestor tells the truth: access(2) with W_OK answers EROFS
// or EACCES for it.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The error to report for a failed `mkdir(dir, { recursive: true })`: the real one where it can be found. */
export const explainMkdirFailure = async (dir: string, error: unknown): Promise<unknown> => {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  let ancestor = dirname(dir);
  while (!(await stat(ancestor).catch(() => undefined))) {
    const up = dirname(ancestor);
    if (up === ancestor) return error;
    ancestor = up;
  }
  try {
    await access(ancestor, constants.W_OK);
  } catch (denied) {
    return denied;
  }
  return error;
};
