// Talking to the schedulers: submit a script, ask for a job's state, start a local job. The
// programs are started through core/child-process.ts, the one door to other processes.
import { closeSync, openSync } from 'node:fs';
import { CommandError, runCommand, startDetached, type CommandOptions, type CommandOutput, type DetachedProcess } from '../child-process.js';
import type { Environment } from '../environment.js';
import { FractalError } from '../errors.js';
import {
  isLsfUnknownJob,
  isPbsUnknownJob,
  parseLsfJobId,
  parseLsfStatus,
  parsePbsJobId,
  parsePbsStatus,
  parseSgeJobId,
  parseSgeQacct,
  parseSgeQstat,
} from './batch-status.js';
import type { JobState, JobStatus } from './job-status.js';
import { SCHEDULER_INFO, type BatchScheduler } from './schedulers.js';

export interface CommandContext {
  cwd: string;
  env: Environment;
  /** Bounds every scheduler command (sbatch, squeue, flux ...). */
  timeoutMs?: number;
  /** The command's stdin (bsub's script). */
  inputFile?: string;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

export interface BatchSubmission {
  jobId: string;
  /** The command line that submitted it, for submit.json and messages. */
  command: string[];
}

/** sbatch --parsable prints `ID` or `ID;CLUSTER`. */
export const parseSlurmJobId = (stdout: string): string | undefined => /^(\d+)(?:;\S*)?$/.exec(lastLine(stdout))?.[1];

/** flux batch prints the job id: f58 (`ƒ2X3b...`, or `f2X3b...` in ASCII), decimal, hex or words. */
export const parseFluxJobId = (stdout: string): string | undefined => {
  const line = lastLine(stdout);
  return /^[^\s]+$/.test(line) ? line : undefined;
};

const lastLine = (text: string): string => text.trim().split('\n').pop()?.trim() ?? '';

interface SubmitCommand {
  file: string;
  args: (script: string) => string[];
  /** bsub reads the script on its stdin: only then does it read the #BSUB lines. */
  stdin: boolean;
  parse: (stdout: string) => string | undefined;
  /** Where to look whether a job was queued after all. */
  check: string;
}

const SUBMIT_COMMANDS: Readonly<Record<BatchScheduler, SubmitCommand>> = {
  slurm: { file: 'sbatch', args: (script) => ['--parsable', script], stdin: false, parse: parseSlurmJobId, check: 'squeue --me' },
  flux: { file: 'flux', args: (script) => ['batch', script], stdin: false, parse: parseFluxJobId, check: 'flux jobs' },
  pbs: { file: 'qsub', args: (script) => [script], stdin: false, parse: parsePbsJobId, check: 'qstat -u $USER' },
  lsf: { file: 'bsub', args: () => [], stdin: true, parse: parseLsfJobId, check: 'bjobs' },
  sge: { file: 'qsub', args: (script) => ['-terse', script], stdin: false, parse: parseSgeJobId, check: "qstat -u '*'" },
};

/** Hands the script to the scheduler (sbatch, flux batch, qsub, bsub < script) and returns the job id it printed. */
export const submitBatchScript = async (scheduler: BatchScheduler, script: string, context: CommandContext): Promise<BatchSubmission> => {
  const command = SUBMIT_COMMANDS[scheduler];
  const args = command.args(script);
  const shown = [command.file, ...args, ...(command.stdin ? ['<', script] : [])].join(' ');
  const where = command.stdin ? { ...context, inputFile: script } : context;
  const { stdout, stderr } = await runSchedulerCommand(command.file, args, where, script, scheduler);
  const jobId = command.parse(stdout);
  if (jobId === undefined) {
    throw new FractalError(
      `${shown} succeeded but printed no job id I can read: ${JSON.stringify(stdout.slice(0, 200))}${stderr ? ` (stderr: ${stderr.trim().slice(0, 200)})` : ''}`,
      { kind: 'scheduler', code: 'E_SUBMIT_OUTPUT', suggestions: [`check with ${command.check} whether a job was queued`] },
    );
  }
  return { jobId, command: shown.split(' ') };
};

/** Slurm's state words, by what they mean for a job being followed. */
const SLURM_STATES: Readonly<Record<string, JobState>> = {
  PENDING: 'pending',
  CONFIGURING: 'pending',
  REQUEUED: 'pending',
  REQUEUE_HOLD: 'pending',
  REQUEUE_FED: 'pending',
  RESV_DEL_HOLD: 'pending',
  SUSPENDED: 'running',
  RUNNING: 'running',
  COMPLETING: 'running',
  STAGE_OUT: 'running',
  SIGNALING: 'running',
  RESIZING: 'running',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  TIMEOUT: 'timeout',
  DEADLINE: 'timeout',
  FAILED: 'failed',
  NODE_FAIL: 'failed',
  BOOT_FAIL: 'failed',
  OUT_OF_MEMORY: 'failed',
  PREEMPTED: 'failed',
  SPECIAL_EXIT: 'failed',
  REVOKED: 'failed',
};

const FLUX_STATES: Readonly<Record<string, JobState>> = {
  DEPEND: 'pending',
  PRIORITY: 'pending',
  SCHED: 'pending',
  PENDING: 'pending',
  RUN: 'running',
  RUNNING: 'running',
  CLEANUP: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELED: 'cancelled',
  TIMEOUT: 'timeout',
};

/**
 * One look at a job. Slurm: squeue (a finished job stays listed for MinJobAge, 300 s by default),
 * then sacct once squeue has forgotten it; "gone" when neither knows it any more.
 */
export const queryJobStatus = async (scheduler: BatchScheduler, jobId: string, context: CommandContext): Promise<JobStatus> => {
  if (scheduler === 'pbs' || scheduler === 'lsf' || scheduler === 'sge') return queryHpcJobStatus(scheduler, jobId, context);
  if (scheduler === 'flux') {
    const { stdout } = await runSchedulerCommand('flux', ['jobs', '--no-header', '--format={status}', jobId], context);
    const word = lastLine(stdout).toUpperCase();
    return { state: FLUX_STATES[word] ?? (word === '' ? 'gone' : 'running'), detail: word || 'not listed' };
  }
  const squeue = await tryCommand('squeue', ['--noheader', '--jobs', jobId, '--states', 'all', '--format', '%T'], context);
  const fromSqueue = squeue.ok ? lastLine(squeue.stdout).toUpperCase() : '';
  if (fromSqueue !== '') return { state: SLURM_STATES[fromSqueue] ?? 'running', detail: fromSqueue };
  // anything but "I do not know that job" (a controller that does not answer, say) is an error
  // the caller may retry, never a verdict on the job
  const squeueSaid = squeue.error instanceof CommandError ? squeue.error.stderr : '';
  if (!squeue.ok && !/invalid job id/i.test(squeueSaid)) throw commandError('squeue', squeue.error);
  // squeue forgot the job (older than MinJobAge) or never knew it: ask accounting, if there is any
  const sacct = await tryCommand('sacct', ['--noheader', '--allocations', '--parsable2', '--jobs', jobId, '--format', 'State'], context);
  const fromSacct = sacct.ok ? (lastLine(sacct.stdout).split(/\s/)[0] ?? '').toUpperCase() : '';
  if (fromSacct !== '') return { state: SLURM_STATES[fromSacct] ?? 'running', detail: fromSacct };
  return { state: 'gone', detail: 'no longer known to squeue or sacct' };
};

/**
 * PBS: `qstat -x` (with job history, finished jobs stay listed as F). LSF: bjobs (finished jobs stay
 * for CLEAN_PERIOD). Grid Engine: qstat while the job is queued or running, then qacct. "gone" when
 * the scheduler no longer knows the job; any other failure is an error the caller may retry.
 */
const queryHpcJobStatus = async (scheduler: 'pbs' | 'lsf' | 'sge', jobId: string, context: CommandContext): Promise<JobStatus> => {
  const gone: JobStatus = { state: 'gone', detail: `no longer known to ${scheduler === 'sge' ? 'qstat or qacct' : scheduler === 'pbs' ? 'qstat' : 'bjobs'}` };
  if (scheduler === 'pbs') {
    const qstat = await tryCommand('qstat', ['-x', '-f', '-F', 'json', jobId], context);
    if (!qstat.ok && isPbsUnknownJob(stderrOf(qstat.error))) return gone;
    if (!qstat.ok) throw commandError('qstat', qstat.error, undefined, 'pbs');
    return parsePbsStatus(qstat.stdout) ?? gone;
  }
  if (scheduler === 'lsf') {
    const bjobs = await tryCommand('bjobs', ['-noheader', '-o', 'stat exit_code', jobId], context);
    if (!bjobs.ok && isLsfUnknownJob(stderrOf(bjobs.error))) return gone;
    if (!bjobs.ok) throw commandError('bjobs', bjobs.error, undefined, 'lsf');
    return parseLsfStatus(bjobs.stdout) ?? gone;
  }
  const qstat = await runSchedulerCommand('qstat', ['-u', '*'], context, undefined, 'sge');
  const listed = parseSgeQstat(qstat.stdout, jobId);
  if (listed) return listed;
  const qacct = await tryCommand('qacct', ['-j', jobId], context);
  return (qacct.ok ? parseSgeQacct(qacct.stdout) : undefined) ?? gone;
};

const stderrOf = (error: unknown): string => (error instanceof CommandError ? error.stderr : '');

export interface LocalJobHandle {
  jobId: string;
  pid: number;
  /** Resolves when the job script exits. */
  exited: Promise<JobStatus>;
  /** Lets this process exit while the job goes on. */
  detach(): void;
}

/**
 * Starts a local job: `bash SCRIPT` in its own process group (so `kill -- -PID` stops every task),
 * its output appended to the log, detached so it outlives `fractal submit` unless --wait is given.
 */
export const startLocalJob = async (script: string, logFile: string, context: CommandContext): Promise<LocalJobHandle> => {
  let log: number;
  try {
    log = openSync(logFile, 'a', 0o644);
  } catch (error) {
    throw new FractalError(`cannot open the job log ${logFile}: ${(error as Error).message}`, { kind: 'input', code: 'E_RUN_DIR_WRITE', cause: error });
  }
  let child: DetachedProcess;
  try {
    child = await startDetached('bash', [script], { cwd: context.cwd, env: context.env, outputFd: log });
  } finally {
    // the child has its own copy of the descriptor
    closeSync(log);
  }
  const pid = child.pid;
  if (pid === undefined) {
    throw new FractalError('cannot start the local job: bash could not be started', {
      kind: 'scheduler',
      code: 'E_SCHEDULER_NOT_FOUND',
      suggestions: ['install bash, or inspect the script with --dry-run'],
    });
  }
  const exited = child.exited.then((result): JobStatus => {
    // in the words Slurm uses, so every scheduler's jobs read alike
    if (result.exitCode === 0) return { state: 'completed', detail: 'COMPLETED' };
    if (result.signal) return { state: 'cancelled', detail: `CANCELLED (${result.signal})` };
    return { state: 'failed', detail: `FAILED (exit ${result.exitCode ?? 'unknown'})` };
  });
  return {
    jobId: String(pid),
    pid,
    exited,
    detach: () => {
      child.unref();
    },
  };
};

interface TryResult {
  ok: boolean;
  stdout: string;
  error: unknown;
}

const tryCommand = async (file: string, args: string[], context: CommandContext): Promise<TryResult> => {
  try {
    const { stdout } = await runCommand(file, args, commandOptions(context));
    return { ok: true, stdout, error: undefined };
  } catch (error) {
    return { ok: false, stdout: '', error };
  }
};

const commandOptions = (context: CommandContext): CommandOptions => ({
  cwd: context.cwd,
  env: context.env,
  timeoutMs: context.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
  ...(context.inputFile === undefined ? {} : { inputFile: context.inputFile }),
});

const runSchedulerCommand = async (
  file: string,
  args: string[],
  context: CommandContext,
  script?: string,
  scheduler?: BatchScheduler,
): Promise<CommandOutput> => {
  try {
    return await runCommand(file, args, commandOptions(context));
  } catch (error) {
    throw commandError(file, error, script, scheduler);
  }
};

/** How to see whether each scheduler is up, for the message of a command that did not answer. */
const UP_CHECK: Readonly<Record<BatchScheduler, string>> = { slurm: 'sinfo', flux: 'flux resource list', pbs: 'pbsnodes -a', lsf: 'bhosts', sge: 'qhost' };

/** The scheduler's own words, one clear message, and what to do next. */
const commandError = (file: string, error: unknown, script?: string, scheduler: BatchScheduler = file === 'flux' ? 'flux' : 'slurm'): FractalError => {
  if (!(error instanceof CommandError)) return new FractalError(`${file}: ${(error as Error).message}`, { kind: 'bug', code: 'E_BUG', cause: error });
  const inspect = script ? [`inspect the script: ${script} (or rerun with --dry-run to print it without submitting)`] : [];
  if (error.notFound) {
    return new FractalError(`${file} was not found on PATH: this machine has no ${SCHEDULER_INFO[scheduler].title} client`, {
      kind: 'scheduler',
      code: 'E_SCHEDULER_NOT_FOUND',
      suggestions: [
        ...inspect,
        `run where ${file} is available (a login node), or add its directory to PATH`,
        'or run the same job on this machine: --scheduler local',
      ],
      cause: error,
    });
  }
  if (error.timedOut) {
    return new FractalError(`${file} did not answer within ${Math.round(DEFAULT_COMMAND_TIMEOUT_MS / 1000)} s`, {
      kind: 'scheduler',
      code: 'E_SCHEDULER_TIMEOUT',
      suggestions: [`check that the scheduler is up (${UP_CHECK[scheduler]})`, ...inspect],
      cause: error,
    });
  }
  const said = [error.stderr.trim(), error.stdout.trim()].filter((s) => s !== '').join('\n') || error.message;
  return new FractalError(`${file} failed (exit ${error.exitCode ?? 'unknown'}): ${said}`, {
    kind: 'scheduler',
    code: 'E_SCHEDULER_FAILED',
    suggestions: [...inspect, 'the message above is the scheduler\'s own; fix the option it names (--queue, --account, --time, --nodes ...)'],
    cause: error,
  });
};
