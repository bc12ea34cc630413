// SIGINT/SIGTERM (Ctrl-C, scancel, a preempting scheduler) abort the running core call, which
// tells its peers and cleans up; a second signal gets the default behaviour and ends the process.
export const abortOnSignals = (signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): AbortSignal => {
  const controller = new AbortController();
  for (const name of signals) {
    process.once(name, () => controller.abort(new Error(`interrupted by ${name}`)));
  }
  return controller.signal;
};
