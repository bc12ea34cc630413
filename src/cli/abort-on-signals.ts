// SIGINT/SIGTERM (Ctrl-C, scancel, a preempting scheduler) abort the running core call, which
// tells its peers and cleans up; a second signal gets the default behaviour and ends the process.
// The abort's reason is an interrupted error, so that a core call that simply rethrows it ends
// the command with exit code 130 for either signal, as the README says.
import { interruptedError } from '../core/errors.js';

export const abortOnSignals = (signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): AbortSignal => {
  const controller = new AbortController();
  for (const name of signals) {
    process.once(name, () => controller.abort(interruptedError(`interrupted by ${name}; nothing more was written`)));
  }
  return controller.signal;
};
