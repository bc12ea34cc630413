// The one map from error kind to exit code. Documented in docs/exit-codes.md.
import { CHECKPOINTED_EXIT_CODE, type ErrorKind } from '../core/errors.js';

export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  bug: 1,
  usage: 2,
  input: 3,
  scheduler: 4,
  cluster: 5,
  checkpointed: CHECKPOINTED_EXIT_CODE,
  // 128 + SIGINT, what shells report for a process a Ctrl-C ended
  interrupted: 130,
};

export const exitCodeFor = (kind: ErrorKind): number => EXIT_CODES[kind];
