// The one map from error kind to exit code. Documented in the README ("Exit codes").
import type { ErrorKind } from '../core/errors.js';

export const EXIT_CODES: Readonly<Record<ErrorKind | 'interrupted', number>> = {
  bug: 1,
  usage: 2,
  input: 3,
  scheduler: 4,
  cluster: 5,
  interrupted: 130,
};

export const exitCodeFor = (kind: ErrorKind): number => EXIT_CODES[kind];
