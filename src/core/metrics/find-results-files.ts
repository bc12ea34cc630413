// Turns what the user typed (files, run directories, sweep directories, glob patterns) into the list
// of results files to read. Globs are expanded here because Node 20 has no fs.glob and a quoted
// pattern reaches us unexpanded. A directory stands for every results.json below it (a run
// directory holds one; a sweep directory holds run directories). Problems are collected, not
// thrown, so that --keep-going can summarise the rest.
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describeValue, FractalError, inputError } from '../errors.js';
import { checkPathName, nameTooLongError } from '../files/path-name.js';

export const RESULTS_FILE_NAME = 'results.json';

export const FIND_ERROR_CODES = {
  missing: 'E_RESULTS_MISSING',
  noMatch: 'E_RESULTS_NO_MATCH',
  emptyDir: 'E_RESULTS_EMPTY_DIR',
  unreadable: 'E_RESULTS_UNREADABLE',
} as const;

export interface FoundResultsFile {
  /** Absolute path. */
  path: string;
  /** How reports name it: relative to cwd when below it, else absolute. */
  display: string;
}

export interface InputProblem {
  /** The argument or file the problem is about, as the user would recognise it. */
  input: string;
  error: FractalError;
}

export interface FindResultsOptions {
  cwd: string;
}

export interface FindResultsReport {
  files: FoundResultsFile[];
  problems: InputProblem[];
}

export const displayPath = (path: string, cwd: string): string => {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

const GLOB_CHARS = /[*?[{]/;

export const hasGlob = (pattern: string): boolean => GLOB_CHARS.test(pattern);

/**
 * Each pattern a brace expansion gives is a walk of the file system: `{a,b}` twenty times would be
 * a million of them (it ran for minutes). Far more than a sweep's directories need.
 */
export const MAX_BRACE_EXPANSIONS = 1024;
export const MAX_BRACE_DEPTH = 8;

const BRACE_GROUP = /\{([^{}]*,[^{}]*)\}/;

/**
 * `a{b,c}d{e,f}` -> abde abdf acde acdf; nested groups expand from the inside out. Refused (a
 * usage error) beyond MAX_BRACE_EXPANSIONS patterns or MAX_BRACE_DEPTH levels of nesting: the
 * count is checked as it grows, so a huge expansion never exists in memory.
 */
export const expandBraces = (pattern: string): string[] => {
  checkBraceDepth(pattern);
  const done: string[] = [];
  let pending = [pattern];
  while (pending.length > 0) {
    const next: string[] = [];
    for (const current of pending) {
      const match = BRACE_GROUP.exec(current);
      if (!match) {
        done.push(current);
        continue;
      }
      const head = current.slice(0, match.index);
      const tail = current.slice(match.index + match[0].length);
      for (const choice of (match[1] ?? '').split(',')) next.push(`${head}${choice}${tail}`);
      // every pattern still pending gives at least one finished one
      if (done.length + next.length > MAX_BRACE_EXPANSIONS) {
        throw patternError(pattern, `its braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns`, 'use * or ** instead of long lists of alternatives, or pass several arguments');
      }
    }
    pending = next;
  }
  return done;
};

const checkBraceDepth = (pattern: string): void => {
  let depth = 0;
  for (const ch of pattern) {
    if (ch === '{' && ++depth > MAX_BRACE_DEPTH) {
      throw patternError(pattern, `its braces are nested more than ${MAX_BRACE_DEPTH} deep`, 'write the alternatives side by side: {a,b,c}');
    }
    if (ch === '}' && depth > 0) depth--;
  }
};

/** A pattern that cannot be used as written: a usage error (exit 2), even with --keep-going. */
const patternError = (pattern: string, what: string, hint: string): FractalError =>
  new FractalError(`the pattern ${describeValue(pattern)}: ${what}`, { kind: 'usage', code: 'E_RESULTS_PATTERN', suggestions: [hint] });

/** One path segment of a glob as a RegExp: * and ? never cross '/', nor match a leading dot. */
export const segmentToRegExp = (segment: string): RegExp => {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] ?? '';
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      checkRanges(segment, body);
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const dotSafe = segment.startsWith('.') ? '' : '(?!\\.)';
  try {
    return new RegExp(`^${dotSafe}${source}$`);
  } catch (error) {
    // whatever checkRanges did not foresee is still the user's pattern, not a bug
    throw patternError(segment, `not a pattern fractal can read (${(error as Error).message})`, 'use *, ?, [abc], [a-z] and {a,b}; quote the pattern so the shell leaves it alone');
  }
};

/** `[z-a]` is no set of characters (RegExp would throw "Range out of order"). */
const checkRanges = (segment: string, body: string): void => {
  const chars = Array.from(body);
  for (let k = 1; k < chars.length - 1; k++) {
    if (chars[k] !== '-') continue;
    const low = chars[k - 1]!;
    const high = chars[k + 1]!;
    if (low.codePointAt(0)! > high.codePointAt(0)!) {
      throw patternError(segment, `[${low}-${high}] is not a range: a range goes from the lower character to the higher`, `write [${high}-${low}]`);
    }
    k++;
  }
};

const listDir = async (dir: string): Promise<Array<{ name: string; isDir: boolean }>> => {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDir: e.isDirectory() }));
  } catch {
    return [];
  }
};

/** Every path matching a (brace-free) pattern, absolute. `**` matches any number of directories. */
const matchGlob = async (pattern: string, cwd: string): Promise<string[]> => {
  const absolute = resolve(cwd, pattern);
  const parts = absolute.split(sep).filter((p, i) => p !== '' || i === 0);
  let firstMagic = parts.findIndex((p) => hasGlob(p));
  if (firstMagic === -1) firstMagic = parts.length;
  const base = parts.slice(0, firstMagic).join(sep) || sep;
  const segments = parts.slice(firstMagic);
  const results = new Set<string>();
  const walk = async (dir: string, index: number): Promise<void> => {
    if (index === segments.length) {
      results.add(dir);
      return;
    }
    const segment = segments[index] ?? '';
    if (segment === '**') {
      await walk(dir, index + 1);
      for (const entry of await listDir(dir)) {
        if (entry.isDir && !entry.name.startsWith('.')) await walk(join(dir, entry.name), index);
      }
      return;
    }
    if (!hasGlob(segment)) {
      const next = join(dir, segment);
      if (index === segments.length - 1 || (await stat(next).catch(() => undefined))?.isDirectory()) await walk(next, index + 1);
      return;
    }
    const re = segmentToRegExp(segment);
    const last = index === segments.length - 1;
    for (const entry of await listDir(dir)) {
      if (re.test(entry.name) && (last || entry.isDir)) await walk(join(dir, entry.name), index + 1);
    }
  };
  await walk(base, 0);
  const existing: string[] = [];
  for (const path of results) if (await stat(path).catch(() => undefined)) existing.push(path);
  return existing.sort();
};

/** Every results.json below dir, sorted; symbolic links to directories are not followed (no loops). */
const findBelow = async (dir: string): Promise<string[]> => {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name === RESULTS_FILE_NAME && (entry.isFile() || entry.isSymbolicLink())) found.push(path);
    }
  };
  await walk(dir);
  return found.sort();
};

export const findResultsFiles = async (inputs: readonly string[], options: FindResultsOptions): Promise<FindResultsReport> => {
  const { cwd } = options;
  const files: FoundResultsFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, display: displayPath(path, cwd) });
  };

  for (const input of inputs) {
    if (input.trim() === '') {
      // resolve('') is the working directory: an empty argument would quietly summarise it
      throw new FractalError('metrics summarize: expected a results file, a run or sweep directory or a pattern, got an empty string', {
        kind: 'usage',
        code: 'E_RESULTS_PATTERN',
        suggestions: ['to summarise the current directory, pass . (a dot)'],
      });
    }
    try {
      checkPathName(describeValue(input), input);
    } catch (error) {
      problems.push({ input, error: error as FractalError });
      continue;
    }
    const literal = resolve(cwd, input);
    let paths = [literal];
    if (hasGlob(input) && !(await stat(literal).catch(() => undefined))) {
      paths = [];
      for (const pattern of expandBraces(input)) paths.push(...(await matchGlob(pattern, cwd)));
      paths = [...new Set(paths)].sort();
      if (paths.length === 0) {
        problems.push({
          input,
          error: inputError(FIND_ERROR_CODES.noMatch, `${input}: no file or directory matches this pattern`, [
            `check the pattern from ${cwd}; * does not cross directories, ** does`,
          ]),
        });
        continue;
      }
    }
    for (const path of paths) {
      const shown = displayPath(path, cwd);
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
      if (info instanceof Error) {
        const missing = info.code === 'ENOENT' || info.code === 'ENOTDIR';
        problems.push({
          input: shown,
          error: missing
            ? inputError(FIND_ERROR_CODES.missing, `${shown}: no such file or directory`, [
                'pass a results.json, a run directory or a sweep directory',
              ])
            : info.code === 'ENAMETOOLONG'
              ? nameTooLongError(shown, path, undefined, info)
              : inputError(FIND_ERROR_CODES.unreadable, `${shown}: cannot be read (${info.code ?? info.message})`, [], info),
        });
        continue;
      }
      if (!info.isDirectory()) {
        add(path);
        continue;
      }
      let below: string[];
      try {
        below = await findBelow(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        problems.push({ input: shown, error: inputError(FIND_ERROR_CODES.unreadable, `${shown}: cannot list the directory (${code})`, [], error) });
        continue;
      }
      if (below.length === 0) {
        problems.push({
          input: shown,
          error: inputError(FIND_ERROR_CODES.emptyDir, `${shown}: no ${RESULTS_FILE_NAME} in this directory or below it`, [
            'a run directory holds results.json once the run has finished; a sweep directory holds run directories',
          ]),
        });
        continue;
      }
      for (const file of below) add(file);
    }
  }
  return { files, problems };
};
