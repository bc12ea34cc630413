// What PBS, LSF and Grid Engine print when a job is submitted or looked at, read into a job id
// and a JobStatus. Pure: submission.ts runs the commands.
import type { JobState, JobStatus } from './job-status.js';

const lastLine = (text: string): string => text.trim().split('\n').pop()?.trim() ?? '';

/** qsub (PBS) prints `1234.server` (`1234[].server` for an array). */
export const parsePbsJobId = (stdout: string): string | undefined => /^(\d+(?:\[\d*\])?(?:\.[\w.-]+)?)$/.exec(lastLine(stdout))?.[1];

/** bsub prints `Job <1234> is submitted to queue <normal>.` (after any lines of its own). */
export const parseLsfJobId = (stdout: string): string | undefined => /^Job <(\d+)> is submitted/m.exec(stdout)?.[1];

/** qsub -terse (Grid Engine) prints the id, or `1234.1-10:1` for an array job. */
export const parseSgeJobId = (stdout: string): string | undefined => /^(\d+)(?:\.\S+)?$/.exec(lastLine(stdout))?.[1];

const PBS_STATES: Readonly<Record<string, JobState>> = {
  Q: 'pending',
  H: 'pending',
  W: 'pending',
  T: 'pending',
  M: 'pending',
  R: 'running',
  E: 'running',
  B: 'running',
  S: 'running',
  U: 'running',
};

/** PBS Pro marks a job killed at its walltime with this exit status (JOB_EXEC_KILL_WALLTIME). */
const PBS_WALLTIME_EXIT = -29;

/** A finished PBS job by its Exit_status: 0, a walltime kill, 256 + a signal (qdel), or a failure. */
const pbsFinished = (exit: number | undefined): JobStatus => {
  if (exit === 0) return { state: 'completed', detail: 'F (Exit_status 0)' };
  if (exit === PBS_WALLTIME_EXIT) return { state: 'timeout', detail: `F (Exit_status ${exit}: walltime)` };
  if (exit !== undefined && exit > 256) return { state: 'cancelled', detail: `F (Exit_status ${exit}: signal ${exit - 256})` };
  return { state: 'failed', detail: `F (Exit_status ${exit ?? 'unknown'})` };
};

/** `qstat -x -f -F json ID` (PBS Pro, OpenPBS), or the plain `qstat -x -f ID` of `key = value` lines. */
export const parsePbsStatus = (stdout: string): JobStatus | undefined => {
  let state: string | undefined;
  let exit: number | undefined;
  try {
    const parsed = JSON.parse(stdout) as { Jobs?: Record<string, { job_state?: unknown; Exit_status?: unknown }> };
    const job = Object.values(parsed.Jobs ?? {})[0];
    if (typeof job?.job_state === 'string') state = job.job_state;
    if (job?.Exit_status !== undefined) exit = Number(job.Exit_status);
  } catch {
    state = /^\s*job_state = (\S+)/m.exec(stdout)?.[1];
    const exitText = /^\s*Exit_status = (-?\d+)/m.exec(stdout)?.[1];
    if (exitText !== undefined) exit = Number(exitText);
  }
  if (state === undefined) return undefined;
  if (state === 'F' || state === 'X') return pbsFinished(exit);
  return { state: PBS_STATES[state] ?? 'running', detail: state };
};

/** `qstat: Unknown Job Id 1234.server`, or `Job has finished` without job history. */
export const isPbsUnknownJob = (stderr: string): boolean => /unknown job id|job has finished/i.test(stderr);

const LSF_STATES: Readonly<Record<string, JobState>> = {
  PEND: 'pending',
  PROV: 'pending',
  WAIT: 'pending',
  RUN: 'running',
  PSUSP: 'running',
  USUSP: 'running',
  SSUSP: 'running',
  UNKWN: 'running',
  DONE: 'completed',
  EXIT: 'failed',
  ZOMBI: 'failed',
};

/** `bjobs -noheader -o "stat exit_code" ID`: `DONE -` or `EXIT 1`. */
export const parseLsfStatus = (stdout: string): JobStatus | undefined => {
  const [word, exit] = lastLine(stdout).split(/\s+/);
  if (word === undefined || word === '') return undefined;
  const state = LSF_STATES[word.toUpperCase()] ?? 'running';
  return { state, detail: state === 'failed' && exit && exit !== '-' ? `${word} (exit ${exit})` : word };
};

/** `Job <1234> is not found`: bjobs forgot it (CLEAN_PERIOD) or never knew it. */
export const isLsfUnknownJob = (stderr: string): boolean => /is not found/i.test(stderr);

/**
 * The state column of `qstat -u '*'` for one job: `qw`, `hqw`, `r`, `t`, `Rr`, `dr`, `s`, `Eqw` ...
 * An E stays in the queue until deleted: the job will not run, so following it ends there.
 */
export const parseSgeQstat = (stdout: string, jobId: string): JobStatus | undefined => {
  for (const line of stdout.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== jobId) continue;
    const word = fields[4] ?? '';
    if (word.includes('E')) return { state: 'failed', detail: `${word} (error state: see qstat -j ${jobId}, then qdel ${jobId})` };
    if (word.includes('d')) return { state: 'running', detail: word };
    if (word.includes('q') || word.startsWith('h')) return { state: 'pending', detail: word };
    return { state: 'running', detail: word };
  }
  return undefined;
};

/**
 * `qacct -j ID`: one record per task of a parallel job, the job's own (its script's) last, since
 * it ends last. `failed` names why Grid Engine ended it (37: an h_rt limit), `exit_status` the script's code.
 */
export const parseSgeQacct = (stdout: string): JobStatus | undefined => {
  const records = stdout.split(/^=+$/m).filter((r) => /^\s*failed\s/m.test(r));
  const record = records[records.length - 1];
  if (record === undefined) return undefined;
  const failed = /^\s*failed\s+(.*)$/m.exec(record)?.[1]?.trim() ?? '';
  const exit = /^\s*exit_status\s+(\S+)/m.exec(record)?.[1] ?? '';
  if (!/^0\b/.test(failed)) return { state: /h_rt|s_rt/.test(failed) ? 'timeout' : 'failed', detail: `failed ${failed} (exit_status ${exit})` };
  if (exit !== '0') return { state: 'failed', detail: `FAILED (exit_status ${exit})` };
  return { state: 'completed', detail: 'COMPLETED (exit_status 0)' };
};
