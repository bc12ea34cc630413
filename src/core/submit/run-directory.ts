// Run directories: every submission gets a new one, never an earlier one's. It holds the script,
// the resolved options (submit.json), the job's token, the logs, the PNG and the results JSON.
// A sweep gets one directory with a run directory per point and a sweep.json.
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { describeValue, FractalError, inputError } from '../errors.js';
import type { RunPaths } from './build-job-script.js';
import { hasControlCharacter } from './shell-quote.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { writeErrorReason } from '../files/write-error-reason.js';
import { explainMkdirFailure } from '../files/mkdir-failure.js';

export const RUN_FILES = {
  script: 'job.sh',
  log: 'job.log',
  token: 'token',
  submission: 'submit.json',
  results: 'results.json',
  sweep: 'sweep.json',
} as const;

/** Candidates tried after the first name is taken: NAME-2, NAME-3, ... */
const MAX_SUFFIX = 1000;

export const runPathsFor = (runDir: string, outfile: string): RunPaths => ({
  runDir,
  script: join(runDir, RUN_FILES.script),
  log: join(runDir, RUN_FILES.log),
  tokenFile: join(runDir, RUN_FILES.token),
  outfile: resolve(runDir, outfile),
  results: join(runDir, RUN_FILES.results),
});

/** `20261122-101503`: sortable, and readable in `ls`. Local time, like the user's clock. */
export const formatRunStamp = (date: Date): string => {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
};

/** The directory name of one point of a sweep. */
export const sweepPointName = (nodes: number, repeat: number): string => `n${nodes}-r${repeat}`;

/** Refuses paths a job script cannot carry on one line. */
export const checkRunPath = (what: string, path: string): string => {
  if (hasControlCharacter(path)) {
    throw inputError('E_RUN_DIR_PATH', `${what}: a path with a newline or control character cannot go into a job script, got ${describeValue(path)}`, [
      'choose a plain path',
    ]);
  }
  return path;
};

/**
 * The directory a new submission would get under root: root/name, or root/name-2, ... for the
 * first that does not exist yet. Creates nothing (what --dry-run shows).
 */
export const planUniqueDirectory = (root: string, name: string): string => {
  for (let i = 1; i <= MAX_SUFFIX; i++) {
    const candidate = join(root, i === 1 ? name : `${name}-${i}`);
    if (!existsSync(candidate)) return candidate;
  }
  throw tooManyError(root, name);
};

/** Creates root/name (or name-2, ...) with an exclusive mkdir, so two submissions never share one. */
export const createUniqueDirectory = async (root: string, name: string): Promise<string> => {
  await mkdirOrFail(root, true);
  for (let i = 1; i <= MAX_SUFFIX; i++) {
    const candidate = join(root, i === 1 ? name : `${name}-${i}`);
    try {
      await mkdir(candidate);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw directoryError(candidate, error);
    }
  }
  throw tooManyError(root, name);
};

/**
 * A directory the user named with --run-dir: created if missing; used if it exists and is empty;
 * refused if it holds anything, so an earlier run is never overwritten.
 */
export const checkExplicitDirectory = async (dir: string): Promise<'missing' | 'empty'> => {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return 'missing';
  if (!info.isDirectory()) {
    throw inputError('E_RUN_DIR_EXISTS', `--run-dir ${dir}: exists and is not a directory`, ['choose a new directory name']);
  }
  const entries = await readdir(dir);
  if (entries.length > 0) {
    throw inputError('E_RUN_DIR_EXISTS', `--run-dir ${dir}: already holds ${entries.length} file(s) of an earlier run; fractal never overwrites a run`, [
      'choose a new directory, or leave out --run-dir for a fresh one under ./runs/',
    ]);
  }
  return 'empty';
};

export const createExplicitDirectory = async (dir: string): Promise<string> => {
  await checkExplicitDirectory(dir);
  await mkdirOrFail(dir, true);
  return dir;
};

export const createDirectory = async (dir: string): Promise<void> => mkdirOrFail(dir, true);

/** The job's token, readable by its owner only (the tasks read it through --token-file). */
export const writeTokenFile = async (path: string, token: string): Promise<void> => {
  try {
    await writeFile(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw directoryError(path, error);
  }
};

/** Writes text through a temporary file and a rename, with the given mode (0755 for scripts). */
export const writeTextAtomic = (path: string, text: string, mode = 0o644): Promise<void> => writeFileAtomic(path, text, 'file', mode);

export const writeJsonAtomic = (path: string, value: unknown): Promise<void> => writeTextAtomic(path, `${JSON.stringify(value, null, 2)}\n`);

export const absolutePath = (cwd: string, path: string): string => (isAbsolute(path) ? resolve(path) : resolve(cwd, path));

const mkdirOrFail = async (dir: string, recursive: boolean): Promise<void> => {
  try {
    await mkdir(dir, { recursive });
  } catch (error) {
    throw directoryError(dir, recursive ? await explainMkdirFailure(dir, error) : error);
  }
};

const directoryError = (path: string, error: unknown): FractalError =>
  inputError('E_RUN_DIR_WRITE', `cannot write ${path}: ${writeErrorReason(error)}`, ['choose a writable directory with --run-dir'], error);

const tooManyError = (root: string, name: string): FractalError =>
  inputError('E_RUN_DIR_EXISTS', `${root}: ${name} and ${MAX_SUFFIX - 1} numbered variants already exist`, ['choose another --run-dir']);
