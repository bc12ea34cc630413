// How long before its time limit a job is warned (SIGUSR1 to its tasks), so that the leader can
// checkpoint and stop cleanly instead of being killed mid-render.
import { FractalError } from '../errors.js';
import { checkIntegerInRange, RANGES } from '../limits.js';
import type { TimeLimit } from './time-limit.js';

/**
 * The default margin. The leader needs a few seconds (its grace for results in flight, then the
 * checkpoint), and Slurm may deliver the signal up to a minute early or late: 90 s covers both.
 */
export const DEFAULT_SIGNAL_BEFORE_SECONDS = 90;

/**
 * The margin the script asks for. A given margin must be shorter than the time limit; the default
 * shrinks to half of a short limit rather than make `--time 1` an error.
 */
export const walltimeWarningSeconds = (time: TimeLimit | null, given: number | null): number => {
  if (given !== null) checkIntegerInRange('--signal-before', given, RANGES.signalBefore);
  if (time === null) {
    if (given === null) return DEFAULT_SIGNAL_BEFORE_SECONDS;
    throw new FractalError('--signal-before needs --time: the warning is counted back from the time limit', {
      kind: 'usage',
      code: 'E_SUBMIT_SIGNAL_BEFORE',
      suggestions: ['add --time, e.g. --time 1:00:00 --signal-before 120', 'or drop --signal-before'],
    });
  }
  if (given === null) return Math.max(1, Math.min(DEFAULT_SIGNAL_BEFORE_SECONDS, Math.floor(time.seconds / 2)));
  if (given >= time.seconds) {
    throw new FractalError(`--signal-before ${given}: the warning must come before the time limit (--time ${time.text} is ${time.seconds} s)`, {
      kind: 'usage',
      code: 'E_SUBMIT_SIGNAL_BEFORE',
      suggestions: [`pass fewer seconds than ${time.seconds}, e.g. --signal-before ${Math.max(1, Math.floor(time.seconds / 2))}`, 'or a longer --time'],
    });
  }
  return given;
};
