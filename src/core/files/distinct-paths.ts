// Outputs that would land on the same file overwrite each other: `--outfile same.out --results
// ./same.out` used to leave JSON where the PNG was, and `--outfile ./results.json` in a run
// directory lost the PNG. Paths are compared resolved against the working directory, so `./x`,
// `x` and `sub/../x` are one file. (Symbolic links and hard links are not followed: two names
// for one file through a link are not caught.)
import { resolve } from 'node:path';
import { FractalError } from '../errors.js';

export interface NamedPath {
  /** How the user knows it: `--outfile same.out`, `the run directory's job.sh`. */
  what: string;
  path: string;
}

export interface DistinctPathsInput {
  /** Files this command writes: none may be another, nor any input. */
  outputs: readonly NamedPath[];
  /** Files it reads (templates, tokens, certificates): they may be one another (a PEM with both). */
  inputs?: readonly NamedPath[];
}

export const checkDistinctPaths = (input: DistinctPathsInput, cwd: string): void => {
  const seen: Array<NamedPath & { resolved: string }> = [];
  for (const output of input.outputs) {
    const resolved = resolve(cwd, output.path);
    const earlier = seen.find((s) => s.resolved === resolved);
    if (earlier) throw collisionError(earlier, output, resolved, 'one would overwrite the other');
    seen.push({ ...output, resolved });
  }
  for (const read of input.inputs ?? []) {
    const resolved = resolve(cwd, read.path);
    const output = seen.find((s) => s.resolved === resolved);
    if (output) throw collisionError(output, read, resolved, 'the output would overwrite the input');
  }
};

const collisionError = (a: NamedPath, b: NamedPath, resolved: string, why: string): FractalError =>
  new FractalError(`${a.what} and ${b.what} are the same file (${resolved}): ${why}`, {
    kind: 'usage',
    code: 'E_OUTPUT_COLLISION',
    suggestions: ['give each file a name of its own'],
  });
