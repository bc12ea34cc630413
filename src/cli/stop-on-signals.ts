// The signals a task meets before its end, and what each means. The first SIGTERM (scancel, a
// preemption, scontrol requeue), SIGINT (Ctrl-C) or SIGUSR1 (the walltime warning a job script
// asks for) is a request to stop: the leader stops handing out work, takes the results in flight,
// writes its checkpoint and exits. A second SIGTERM or SIGINT abandons the run at once. SIGUSR1
// is always handled here: Node would otherwise start its inspector on it.
//
// One request often arrives twice within milliseconds: a signal to the whole process group (Ctrl-C,
// `kill -- -PGID`) reaches a task and its launcher, which forwards it; srun and slurmstepd both
// signal a step's tasks. A repeat within DUPLICATE_WINDOW_MS is that same request, not a second one.
//
// A task started by a launcher (srun's step daemon, mpirun or its orted, the local job's script)
// also stops when that launcher dies without a word: a scheduler that kills the launcher but not
// every process under it (Grid Engine at h_rt, where Open MPI's tasks sit in process groups of
// their own) would otherwise leave the tasks computing in an allocation that is gone, and the
// leader would write a picture nobody waits for. Node cannot ask the kernel for a signal when its
// parent dies (prctl PR_SET_PDEATHSIG), so the task watches its parent process id: it changes
// when the parent dies and the task is handed to init or a subreaper.
import { interruptedError } from '../core/errors.js';

export interface StopSignals {
  /** Aborted by the first signal; its reason is the signal's name. */
  stop: AbortSignal;
  /** Aborted by a second SIGTERM or SIGINT: give up now, write nothing. */
  abort: AbortSignal;
}

const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGUSR1'] as const;
const DUPLICATE_WINDOW_MS = 1000;
/** The stop reason when the task's launcher died: in the leader's messages and the results' interruptions. */
const LAUNCHER_EXIT = 'launcher exit';
/** How often a task looks at its parent process id: well within any scheduler's grace before SIGKILL. */
const LAUNCHER_POLL_MS = 1000;

interface Request {
  stop: AbortController;
  abort: AbortController;
  stoppedAt: number;
  watch?: NodeJS.Timeout;
}

// one set of handlers for the process, whatever the number of commands run in it (tests run many)
let current: Request | null = null;
let installed = false;

/** The first request to stop; false if one came before. */
const requestStop = (request: Request, reason: string): boolean => {
  if (request.stop.signal.aborted) return false;
  request.stoppedAt = performance.now();
  request.stop.abort(reason);
  return true;
};

const onSignal = (name: (typeof STOP_SIGNALS)[number]): void => {
  const request = current;
  if (!request) return;
  if (requestStop(request, name)) return;
  if (name !== 'SIGUSR1' && performance.now() - request.stoppedAt >= DUPLICATE_WINDOW_MS) {
    request.abort.abort(interruptedError(`interrupted by a second ${name}; nothing more was written`));
  }
};

const watchLauncher = (request: Request): void => {
  const launcher = process.ppid;
  request.watch = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(request.watch);
    requestStop(request, LAUNCHER_EXIT);
  }, LAUNCHER_POLL_MS);
  // never what keeps the task alive
  request.watch.unref();
};

/**
 * The signals of the command now running: each call starts afresh. With startedByLauncher, the
 * death of the parent process (the launcher) is a request to stop too, with reason LAUNCHER_EXIT.
 */
export const stopOnSignals = (options: { startedByLauncher?: boolean } = {}): StopSignals => {
  if (current?.watch) clearInterval(current.watch);
  current = { stop: new AbortController(), abort: new AbortController(), stoppedAt: 0 };
  if (!installed) {
    installed = true;
    for (const name of STOP_SIGNALS) process.on(name, () => onSignal(name));
  }
  if (options.startedByLauncher) watchLauncher(current);
  return { stop: current.stop.signal, abort: current.abort.signal };
};
