// Directives for PBS (`#PBS`), LSF (`#BSUB`) and Grid Engine (`#$`). None of their submit commands
// reads these lines as a shell does, and their quoting rules differ by product and release (qsub
// of PBS Pro splits on blanks and honours double quotes; bsub keeps quotes in some options and
// not others; Grid Engine's qsub honours neither inside a job name). So a value fractal writes is
// a plain word that every one of them reads back unchanged, or it is refused, never half-quoted:
// see docs/submitting.md, "What each directive accepts".
import { describeValue, FractalError } from '../errors.js';
import type { JobScriptInput } from './job-script-input.js';
import { WALLTIME_SIGNAL } from './launchers.js';
import { SCHEDULER_INFO, type SubmitScheduler } from './schedulers.js';
import { formatHoursMinutesSeconds } from './time-limit.js';

/**
 * A name: a letter, then letters, digits and `_ . + -`. PBS wants a letter first and at most 236
 * characters; Grid Engine forbids `/ : @ \ * ?` and a digit first; LSF reads `name[1-10]` as a
 * job array and `%J` in names of files.
 */
const JOB_NAME = /^[A-Za-z][A-Za-z0-9_.+-]{0,235}$/;
/**
 * Any other value (queue, account, path): no blank, quote, `#` or `$`; no `:` (PBS and Grid Engine
 * read `host:path` in -o), no `,` (Grid Engine reads lists) and no `%` (LSF expands %J, %I).
 */
const PLAIN_VALUE = /^[A-Za-z0-9_./+@-]+$/;

export const DEFAULT_PARALLEL_ENVIRONMENT = 'mpi';

type HpcScheduler = Extract<SubmitScheduler, 'pbs' | 'lsf' | 'sge'>;

const PREFIX: Record<HpcScheduler, string> = { pbs: '#PBS ', lsf: '#BSUB ', sge: '#$ ' };

export const hpcDirectiveLines = (scheduler: HpcScheduler, job: JobScriptInput): string[] => {
  const lines = BUILDERS[scheduler](job);
  return [...lines.map((line) => `${PREFIX[scheduler]}${line}`), ...job.directives.map((line) => userDirective(PREFIX[scheduler], line))];
};

const pbsDirectives = (job: JobScriptInput): string[] => {
  const v = plainValues('pbs', job);
  refuseWarning('pbs', job);
  return [
    `-N ${v.jobName}`,
    // one chunk per node, each with the node's tasks as MPI ranks in $PBS_NODEFILE; scatter: no two chunks share a host
    `-l select=${job.nodes}:ncpus=${job.tasksPerNode}:mpiprocs=${job.tasksPerNode}`,
    '-l place=scatter',
    ...(job.time ? [`-l walltime=${formatHoursMinutesSeconds(job.time.seconds)}`] : []),
    `-r ${job.requeue ? 'y' : 'n'}`,
    ...(v.queue ? [`-q ${v.queue}`] : []),
    ...(v.account ? [`-A ${v.account}`] : []),
    // the template is bash, whatever the user's login shell
    '-S /bin/bash',
    '-j oe',
    // written where it belongs as the job runs (not copied back at its end), like Slurm's --output
    '-k oed',
    `-o ${v.log}`,
  ];
};

const lsfDirectives = (job: JobScriptInput): string[] => {
  const v = plainValues('lsf', job);
  const minutes = job.time ? Math.ceil(job.time.seconds / 60) : null;
  const warning = minutes === null ? null : lsfWarningMinutes(job, minutes);
  return [
    `-J ${v.jobName}`,
    // jsrun places its resource sets on whole nodes (CSM); other launchers get tasks, per host
    ...(job.launcher === 'jsrun' ? [`-nnodes ${job.nodes}`] : [`-n ${job.nodes * job.tasksPerNode}`, `-R "span[ptile=${job.tasksPerNode}]"`]),
    // LSF counts in whole minutes: the limit and the warning are rounded up
    ...(minutes !== null ? [`-W ${minutes}`] : []),
    ...(warning !== null ? [`-wa ${WALLTIME_SIGNAL}`, `-wt ${warning}`] : []),
    job.requeue ? '-r' : '-rn',
    ...(v.queue ? [`-q ${v.queue}`] : []),
    ...(v.account ? [`-P ${v.account}`] : []),
    `-cwd ${v.runDir}`,
    // -o alone takes stderr too, and appends: a rerun's lines follow the earlier attempt's
    `-o ${v.log}`,
  ];
};

/** Minutes before the limit LSF warns, or null when a limit of whole minutes leaves no room for one. */
export const lsfWarningMinutes = (job: Pick<JobScriptInput, 'time' | 'signalBeforeSeconds'>, limitMinutes: number): number | null => {
  const warning = Math.max(1, Math.ceil(job.signalBeforeSeconds / 60));
  return warning < limitMinutes ? warning : limitMinutes > 1 ? limitMinutes - 1 : null;
};

const sgeDirectives = (job: JobScriptInput): string[] => {
  const v = plainValues('sge', job);
  const pe = plain('sge', '--parallel-environment', job.parallelEnvironment ?? DEFAULT_PARALLEL_ENVIRONMENT);
  refuseWarning('sge', job);
  // no s_rt: its SIGUSR1 is no warning a parallel job survives (see NO_WARNING)
  const limits = job.time ? [`-l h_rt=${formatHoursMinutesSeconds(job.time.seconds)}`] : [];
  return [
    `-N ${v.jobName}`,
    // the parallel environment's allocation_rule decides how the slots spread over hosts
    `-pe ${pe} ${job.nodes * job.tasksPerNode}`,
    ...limits,
    `-r ${job.requeue ? 'y' : 'n'}`,
    ...(v.queue ? [`-q ${v.queue}`] : []),
    ...(v.account ? [`-A ${v.account}`] : []),
    '-S /bin/bash',
    `-wd ${v.runDir}`,
    '-j y',
    `-o ${v.log}`,
  ];
};

const BUILDERS: Record<HpcScheduler, (job: JobScriptInput) => string[]> = { pbs: pbsDirectives, lsf: lsfDirectives, sge: sgeDirectives };

/**
 * The schedulers that give a job no warning before its time limit, and what happens at the limit.
 * Grid Engine's soft limit (s_rt) would send SIGUSR1, but on a tightly integrated parallel job it
 * is no warning: on the test cluster (8.1.9) the master task was killed at the soft limit and the
 * other hosts' Open MPI daemons exited on the signal.
 */
const NO_WARNING: Partial<Record<HpcScheduler, string>> = {
  pbs: 'PBS sends no warning before the walltime limit: at the limit it sends SIGTERM, on which the leader checkpoints and stops (then SIGKILL after kill_delay)',
  sge:
    'Grid Engine sends no warning fractal can use before h_rt, and SIGKILL at it: what the leader\'s periodic checkpoints kept ' +
    '(--checkpoint-interval, 30 s by default) is what fractal submit --resume starts from',
};

const refuseWarning = (scheduler: HpcScheduler, job: JobScriptInput): void => {
  if (job.signalBeforeGiven) throw unsupported(scheduler, '--signal-before', `${NO_WARNING[scheduler]}; drop the flag`);
};

/** What a PBS, LSF or Grid Engine job asked for that the scheduler only partly honours. */
export const hpcWarnings = (scheduler: HpcScheduler, job: JobScriptInput): string[] => {
  const warnings: string[] = [];
  const none = NO_WARNING[scheduler];
  if (none !== undefined && job.time && !job.signalBeforeGiven) warnings.push(none);
  if (scheduler === 'lsf' && job.time && lsfWarningMinutes(job, Math.ceil(job.time.seconds / 60)) === null) {
    warnings.push('LSF counts time in whole minutes: a one-minute limit leaves no room for the walltime warning (-wa/-wt), so none is asked for');
  }
  return warnings;
};

interface PlainValues {
  jobName: string;
  queue: string | null;
  account: string | null;
  runDir: string;
  log: string;
}

const plainValues = (scheduler: HpcScheduler, job: JobScriptInput): PlainValues => {
  const title = SCHEDULER_INFO[scheduler].title;
  if (!JOB_NAME.test(job.jobName)) {
    throw new FractalError(
      `--job-name ${describeValue(job.jobName)}: ${title} reads its directive lines itself, with no quoting a name can rely on; ` +
        'expected a letter, then letters, digits, _ . + - (up to 236 characters)',
      { kind: 'usage', code: 'E_SUBMIT_DIRECTIVE_VALUE', suggestions: ['pass e.g. --job-name fractal-4n'] },
    );
  }
  return {
    jobName: job.jobName,
    queue: job.queue === null ? null : plain(scheduler, '--queue', job.queue),
    account: job.account === null ? null : plain(scheduler, '--account', job.account),
    runDir: plain(scheduler, 'the run directory', job.paths.runDir),
    log: plain(scheduler, 'the job log', job.paths.log),
  };
};

const plain = (scheduler: HpcScheduler, what: string, value: string): string => {
  if (PLAIN_VALUE.test(value)) return value;
  const path = what.startsWith('the ');
  throw new FractalError(
    `${what} ${describeValue(value)} cannot stand on a ${PREFIX[scheduler].trim()} line safely: ` +
      `${SCHEDULER_INFO[scheduler].title} directives take letters, digits and _ . / + @ - only (no blanks, quotes, : , % # or $)`,
    {
      kind: 'usage',
      code: 'E_SUBMIT_DIRECTIVE_VALUE',
      suggestions: [path ? 'pass --run-dir with a path of plain characters (and submit from such a directory)' : `pass a plain ${what.replace(/^--/, '')} name`],
    },
  );
};

/** A user's --directive line: the scheduler's prefix added, unless the line starts with # of its own. */
export const userDirective = (prefix: string, line: string): string => (line.trimStart().startsWith('#') ? line : `${prefix}${line.trim()}`);

export const unsupported = (scheduler: SubmitScheduler, flag: string, hint: string): FractalError =>
  new FractalError(`${flag} has no equivalent for --scheduler ${scheduler}, and would be ignored`, {
    kind: 'usage',
    code: 'E_SUBMIT_UNSUPPORTED',
    suggestions: [hint],
  });
