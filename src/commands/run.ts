import { readFile } from 'node:fs/promises';
import { hostname, totalmem } from 'node:os';
import { Flags } from '@oclif/core';
import { abortOnSignals } from '../cli/abort-on-signals.js';
import { stopOnSignals } from '../cli/stop-on-signals.js';
import { NetworkCommand } from '../cli/network-command.js';
import {
  checkLeaderFiles,
  chunkFlag,
  defaultThreads,
  describeLeaderEvent,
  describeWorkerEvent,
  leaderFlags,
  leaderMetricsLines,
  leaderSummary,
  resultsPathFor,
  runDirFlag,
  threadsFlag,
  timeoutMs,
  tlsFlags,
  tokenFlags,
  workerFlags,
  workerMetricsLines,
  workerSummary,
} from '../cli/cluster-flags.js';
import { imageFlags, imageInputFromFlags, outputFlags } from '../cli/image-flags.js';
import { kernelFallbackWarning, kernelFromEnvironment } from '../cli/kernel-environment.js';
import { integerFlag } from '../cli/number-flags.js';
import { RANGES } from '../core/limits.js';
import { createProgress } from '../cli/progress.js';
import { resolveToken } from '../core/cluster/job-token.js';
import { checkHostName, DEFAULT_PORT } from '../core/cluster/leader-address.js';
import { RANK_VARIABLES, TASK_ROLES } from '../core/cluster/resolve-task.js';
import type { TaskExit } from '../core/cluster/run-local.js';
import { lostWorkersWarning } from '../cli/lost-workers.js';
import type { RunTaskReport } from '../core/cluster/run-task.js';
import { FractalError } from '../core/errors.js';
import { resolveImageSpec } from '../core/render/image-spec.js';
import { RUN_FLAG_NAMES } from '../core/run-flag-names.js';
import { parseLabelFlags } from '../core/metrics/labels.js';

export interface LocalRunReport {
  jobId: string;
  size: number;
  exits: TaskExit[];
  resultsPath: string;
  /** With --json: the results file the leader wrote. */
  results?: unknown;
}

/** The flags the --local launcher itself looks at. */
interface LocalLauncherFlags {
  rank?: number;
  size?: number;
  role?: string;
  host?: string;
  port?: number;
  bind: string;
  token?: string;
  'token-file'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'tls-ca'?: string;
}

export default class Run extends NetworkCommand {
  static summary = 'Run one task of a distributed render: rank 0 leads, every other rank is a worker.';

  static description = `The rank and the job's size come from the launcher's environment, looked for in this
order: an MPI runtime (OMPI_COMM_WORLD_RANK/SIZE, PMI_RANK/PMI_SIZE, PMIX_RANK, JSM_NAMESPACE_RANK;
first, because mpirun inside an allocation passes the allocation's variables on to its tasks),
Slurm (SLURM_PROCID, SLURM_NTASKS, SLURM_JOB_NODELIST, SLURM_JOB_ID), Flux (FLUX_TASK_RANK,
FLUX_JOB_SIZE, FLUX_JOB_ID), pbsdsh (PBS_VNODENUM), then fractal's own local launcher
(FRACTAL_RANK, FRACTAL_SIZE, FRACTAL_JOB_ID). --rank, --size and --role override them.

Rank 0 listens on every interface (--bind), on the port of --host, else --port, else one derived
from the job id (20000 + job id mod 12000; non-numeric ids are hashed), else ${DEFAULT_PORT}, and writes its
address and the job's token to rendezvous.json in --run-dir. Workers find it by --host, else that
file (polled until --connect-timeout), else the first host of the job's host list when the token
is known (--token, FRACTAL_TOKEN, --token-file): SLURM_JOB_NODELIST under Slurm, what
\`flux hostlist local\` prints under Flux.

--local N starts the leader and N workers on this machine as separate processes with the same
environment a scheduler gives: the distributed job runs anywhere, no scheduler needed.

Exit codes: 0 done (every task); 2 bad flags or no rank in the environment; 3 the PNG or results
cannot be written; 5 cluster failures: workers missing at the join timeout, leader unreachable,
token refused, every worker lost, the leader of a --local job failed. A worker lost on the way
fails nothing once the leader has finished the picture: --local then exits 0 with a warning.`;

  static examples = [
    { description: 'One leader and 3 workers on this machine, small image', command: '<%= config.bin %> <%= command.id %> --local 3 --width 256 --height 192 --smoothness 1' },
    { description: 'Inside a Slurm allocation (every task runs the same line)', command: 'srun <%= config.bin %> <%= command.id %> --run-dir "$PWD" --outfile mandelbrot.png' },
    { description: 'Inside a Flux allocation', command: 'flux run -N 4 <%= config.bin %> <%= command.id %> --run-dir "$PWD"' },
    { description: 'By hand, without any launcher', command: '<%= config.bin %> <%= command.id %> --rank 0 --size 3 &\n  <%= config.bin %> <%= command.id %> --rank 1 --size 3 &\n  <%= config.bin %> <%= command.id %> --rank 2 --size 3' },
  ];

  static enableJsonFlag = true;

  static flags = {
    ...imageFlags,
    [RUN_FLAG_NAMES.threads]: threadsFlag,
    [RUN_FLAG_NAMES.chunk]: chunkFlag,
    host: Flags.string({ description: 'The leader\'s address HOST:PORT (workers connect to it; the leader listens on its port).', helpGroup: 'CLUSTER' }),
    port: integerFlag({ description: 'The leader\'s port when --host is not given (default: derived from the job id; 0: any, published in the rendezvous file).', range: RANGES.port, helpGroup: 'CLUSTER' }),
    bind: Flags.string({ description: 'The interface the leader listens on.', default: '0.0.0.0', helpGroup: 'CLUSTER' }),
    'run-dir': runDirFlag,
    ...tokenFlags,
    rank: integerFlag({ description: 'This task\'s rank (overrides the environment).', range: RANGES.rank, helpGroup: 'CLUSTER' }),
    size: integerFlag({ description: 'Tasks in the job, leader included (overrides the environment).', range: RANGES.size, helpGroup: 'CLUSTER' }),
    role: Flags.option({ options: TASK_ROLES, description: 'Force the role (default: rank 0 leads).', helpGroup: 'CLUSTER' })(),
    local: integerFlag({ description: 'Start a leader and this many workers on this machine, as separate processes.', range: RANGES.local, helpGroup: 'CLUSTER' }),
    ...leaderFlags,
    ...workerFlags,
    ...tlsFlags,
    ...outputFlags,
  };

  async run(): Promise<RunTaskReport | LocalRunReport> {
    const { flags } = await this.parse(Run);
    const spec = resolveImageSpec(imageInputFromFlags(flags));
    const quiet = flags.quiet || this.jsonEnabled();
    const resultsPath = resultsPathFor(flags.results, flags.outfile);
    checkLeaderFiles(flags, process.cwd());
    checkHostName(flags.bind, '--bind');
    // checked before any role starts, so a bad FRACTAL_KERNEL fails every task alike; only a
    // worker computes, so only a worker warns that it falls back
    const selection = kernelFromEnvironment(process.env, null);
    if (flags.local !== undefined) return this.runLocal(flags.local, quiet, resultsPath, flags);
    const progress = createProgress('rendering', process.stderr, !quiet);
    // loaded here, not at the top: the --local launcher never needs gRPC, and its start-up time
    // is part of every local run's wall time
    const { runTask } = await import('../core/cluster/run-task.js');
    // a task of some launcher stops when that launcher dies; one started by hand does not
    const signals = stopOnSignals({ startedByLauncher: RANK_VARIABLES.some((name) => process.env[name] !== undefined) });
    const report = await runTask({
      env: process.env,
      overrides: { rank: flags.rank, size: flags.size, role: flags.role },
      spec,
      input: { width: flags.width, height: flags.height, smoothness: flags.smoothness },
      outfile: flags.outfile,
      resultsPath,
      runDir: flags['run-dir'],
      threads: defaultThreads(flags.threads, { rows: spec.height, chunk: flags.chunk }),
      credits: flags.credits,
      compress: flags.compress,
      kernel: selection.kernel,
      chunkRows: flags.chunk,
      host: flags.host,
      port: flags.port,
      bind: flags.bind,
      token: flags.token,
      tokenFile: flags['token-file'],
      joinTimeoutMs: timeoutMs('join-timeout', flags['join-timeout']),
      connectTimeoutMs: timeoutMs('connect-timeout', flags['connect-timeout']),
      minWorkers: flags['min-workers'],
      heartbeatTimeoutMs: timeoutMs('heartbeat-timeout', flags['heartbeat-timeout']),
      httpPort: flags.http ?? null,
      httpHost: flags['http-host'],
      waitForStart: flags['wait-for-start'],
      hostname: hostname(),
      toolVersion: this.config.version,
      labels: parseLabelFlags(flags.label ?? []),
      memoryBytes: totalmem(),
      tls: { cert: flags['tls-cert'], key: flags['tls-key'], ca: flags['tls-ca'] },
      checkpointIntervalMs: flags[RUN_FLAG_NAMES.checkpointInterval] * 1000,
      signal: signals.abort,
      stopSignal: signals.stop,
      onIdentity: (identity) => {
        const warning = kernelFallbackWarning(selection);
        if (identity.role === 'worker' && warning !== null && !quiet) this.logToStderr(warning);
      },
      onLeaderEvent: (event) => {
        if (event.type === 'progress') progress.update(event.rowsDone, event.rowsTotal);
        if (event.type === 'finishing') progress.done();
        const line = quiet ? null : describeLeaderEvent(event);
        if (line) this.logToStderr(line);
      },
      onWorkerEvent: (event) => {
        const line = quiet ? null : describeWorkerEvent(event);
        if (line) this.logToStderr(line);
      },
    });
    progress.done();
    if (report.role === 'leader') {
      if (!quiet) this.log(leaderSummary(report.leader));
      if (flags.metrics) for (const line of leaderMetricsLines(report.leader)) this.log(line);
    } else {
      if (!quiet) this.log(workerSummary(report.worker));
      if (flags.metrics) for (const line of workerMetricsLines(report.worker)) this.log(line);
    }
    return report;
  }

  private async runLocal(workers: number, quiet: boolean, resultsPath: string, flags: LocalLauncherFlags): Promise<LocalRunReport> {
    if (flags.rank !== undefined || flags.size !== undefined || flags.role !== undefined) {
      throw new FractalError('--local starts every rank itself: it cannot be combined with --rank, --size or --role', { kind: 'usage', code: 'E_USAGE' });
    }
    const args = childArgs(this.argv);
    // nothing else on the machine is in the way: any free port, only on loopback
    if (flags.host === undefined && flags.port === undefined) args.push('--port', '0');
    if (flags.host === undefined && !this.argv.some((a) => a === '--bind' || a.startsWith('--bind='))) args.push('--bind', '127.0.0.1');
    const token = await resolveToken({ token: flags.token, tokenFile: flags['token-file'] });
    const { runLocal, describeTaskExit } = await import('../core/cluster/run-local.js');
    const report = await runLocal({
      workers,
      command: [process.execPath, ...process.execArgv, process.argv[1]!, 'run'],
      args,
      env: process.env,
      token,
      tls: flags['tls-cert'] !== undefined || flags['tls-key'] !== undefined || flags['tls-ca'] !== undefined,
      signal: abortOnSignals(),
      onOutput: (rank, stream, line) => {
        if (rank === 0 && stream === 'stdout' && !this.jsonEnabled()) this.log(line);
        else if (rank === 0) this.logToStderr(line);
        else if (!quiet || stream === 'stderr') this.logToStderr(`[rank ${rank}] ${line}`);
      },
    });
    const out: LocalRunReport = { jobId: report.jobId, size: report.size, exits: report.exits, resultsPath };
    if (this.jsonEnabled()) out.results = JSON.parse(await readFile(resultsPath, 'utf8'));
    if (report.lostTasks.length > 0) {
      // the leader's results say what it did about them; the exits say how they ended
      const { readResultsFile } = await import('../core/metrics/read-results-file.js');
      const results = await readResultsFile(resultsPath);
      const exits = report.lostTasks.map(describeTaskExit).join('; ');
      this.logToStderr(lostWorkersWarning(results.work.lostWorkers) ?? `warning: the picture is complete, although ${exits}`);
      if (results.work.lostWorkers.length > 0) this.logToStderr(`  (${exits})`);
    }
    return out;
  }
}

/** The launcher's own flags minus --local and --json: what each task gets. */
const childArgs = (argv: string[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--local') {
      i++;
      continue;
    }
    if (arg.startsWith('--local=') || arg === '--json') continue;
    out.push(arg);
  }
  return out;
};
