// Quoting for the three languages a job script speaks: the shell (the script body), sbatch's
// `#SBATCH` line parser and Flux's `# flux:` directive parser (Python shlex). Every value a
// user gives goes through one of these, so a job name like `x; rm -rf ~` stays a name.
import { describeValue, inputError } from '../errors.js';

/** Characters that mean the same to the shell, sbatch and shlex when left bare. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Any C0 control character or DEL: a newline would end a directive line and start a shell command. */
export const hasControlCharacter = (value: string): boolean => {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};

/**
 * One shell word (POSIX sh, bash): bare when every character is safe, otherwise in single
 * quotes, where nothing is special but the quote itself (closed, escaped, reopened).
 */
export const shellQuote = (value: string): string => {
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
};

/** Several shell words, separated by one space. */
export const shellWords = (values: readonly string[]): string => values.map(shellQuote).join(' ');

/**
 * A value on a `#SBATCH` line. sbatch splits those lines itself (src/sbatch/opt.c
 * `_get_argument`): quotes group, a backslash escapes the next character everywhere, and an
 * unquoted `#` starts a comment. Double quotes with `\`, `"` and `#` escaped read back as the
 * value in every Slurm release, old ones included (they knew only double quotes).
 */
export const slurmDirectiveQuote = (value: string): string => {
  if (SAFE_WORD.test(value)) return value;
  return `"${value.replace(/[\\"#]/g, '\\$&')}"`;
};

/**
 * A value on a `# flux:` line. Flux splits those with Python's shlex in POSIX mode, with both
 * quote characters "escaped quotes" (flux/job/directives.py): inside double quotes a backslash
 * escapes only `\` and `"`, and `#` or `$` are plain characters.
 */
export const fluxDirectiveQuote = (value: string): string => {
  if (SAFE_WORD.test(value)) return value;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
};

/** Refuses values that no quoting can carry on one line of a script (newlines, NUL, escapes). */
export const requireSingleLine = (what: string, value: string): string => {
  if (hasControlCharacter(value)) {
    throw inputError('E_SUBMIT_CONTROL_CHAR', `${what}: expected one line of printable characters, got ${describeValue(value)}`, [
      'remove the newline or control character',
    ]);
  }
  return value;
};
