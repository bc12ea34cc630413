// The signals a task meets before its end, and what each means. The first SIGTERM (scancel, a
// preemption, scontrol requeue), SIGINT (Ctrl-C) or SIGUSR1 (the walltime warning a job script
// asks for) is a request to stop: the leader stops handing out work, takes the results in flight,
// writes its checkpoint and exits. A second SIGTERM or SIGINT abandons the run at once. SIGUSR1
// is always handled here: Node would otherwise start its inspector on it.
//
// One request often arrives twice within milliseconds: a signal to the whole process group (Ctrl-C,
// `kill -- -PGID`) reaches a task and its launcher, which forwards it; srun and slurmstepd both
// signal a step's tasks. A repeat within DUPLICATE_WINDOW_MS is that same request, not a second one.
import { interruptedError } from '../core/errors.js';

export interface StopSignals {
  /** Aborted by the first signal; its reason is the signal's name. */
  stop: AbortSignal;
  /** Aborted by a second SIGTERM or SIGINT: give up now, write nothing. */
  abort: AbortSignal;
}

const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGUSR1'] as const;
const DUPLICATE_WINDOW_MS = 1000;

interface Request {
  stop: AbortController;
  abort: AbortController;
  stoppedAt: number;
}

// one set of handlers for the process, whatever the number of commands run in it (tests run many)
let current: Request | null = null;
let installed = false;

const onSignal = (name: (typeof STOP_SIGNALS)[number]): void => {
  const request = current;
  if (!request) return;
  if (!request.stop.signal.aborted) {
    request.stoppedAt = performance.now();
    request.stop.abort(name);
  } else if (name !== 'SIGUSR1' && performance.now() - request.stoppedAt >= DUPLICATE_WINDOW_MS) {
    request.abort.abort(interruptedError(`interrupted by a second ${name}; nothing more was written`));
  }
};

/** The signals of the command now running: each call starts afresh. */
export const stopOnSignals = (): StopSignals => {
  current = { stop: new AbortController(), abort: new AbortController(), stoppedAt: 0 };
  if (!installed) {
    installed = true;
    for (const name of STOP_SIGNALS) process.on(name, () => onSignal(name));
  }
  return { stop: current.stop.signal, abort: current.abort.signal };
};
