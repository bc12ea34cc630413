import { hostname, totalmem } from 'node:os';
import { Flags } from '@oclif/core';
import { NetworkCommand } from '../cli/network-command.js';
import {
  checkLeaderFiles,
  chunkFlag,
  describeLeaderEvent,
  leaderFlags,
  leaderMetricsLines,
  leaderSummary,
  resultsPathFor,
  runDirFlag,
  timeoutMs,
  tlsFlags,
  tokenFlags,
} from '../cli/cluster-flags.js';
import { imageFlags, imageInputFromFlags, outputFlags } from '../cli/image-flags.js';
import { integerFlag } from '../cli/number-flags.js';
import { RANGES } from '../core/limits.js';
import { createProgress } from '../cli/progress.js';
import { resolveToken } from '../core/cluster/job-token.js';
import { buildLeaderOptions } from '../core/cluster/leader-options.js';
import { readServerTls } from '../core/cluster/tls-files.js';
import { DEFAULT_PORT, parseHostPort } from '../core/cluster/leader-address.js';
import type { LeaderEvent } from '../core/cluster/leader/index.js';
import type { RunResults } from '../core/metrics/results.js';
import { resolveImageSpec } from '../core/render/image-spec.js';
import { stopOnSignals } from '../cli/stop-on-signals.js';
import { RUN_FLAG_NAMES } from '../core/run-flag-names.js';
import { parseLabelFlags } from '../core/metrics/labels.js';

export default class Leader extends NetworkCommand {
  static summary = 'Start a leader: serve gRPC, wait for the workers, render with them, write the PNG and results JSON.';

  static description = `The leader never computes: it splits the image into units of --chunk rows, hands them to
workers as they ask (each keeps a few in flight), writes each result into the image exactly once,
and re-queues the units of a worker that dies or stalls. When every unit is in it stops the
workers, collects their metrics, writes the PNG and the results JSON atomically, and exits 0.

It starts rendering as soon as --workers workers have joined. With --http PORT it also serves
GET /status (progress as JSON) and POST /start (start now with the workers present, as the
original did); --wait-for-start makes it wait for POST /start instead.

Every job has a token: --token / FRACTAL_TOKEN / --token-file, or a generated one. The leader
writes its address and the token to rendezvous.json in --run-dir, where workers started in the
same directory (or on a shared filesystem) find both.

Exit codes: 0 done; 2 bad flags; 3 the PNG or results cannot be written; 5 the port is in use,
workers did not join in time (the missing ranks are named), or every worker was lost.`;

  static examples = [
    {
      description: 'A leader and two workers on this machine (run the workers in two other terminals, same directory)',
      command: '<%= config.bin %> <%= command.id %> --workers 2 --smoothness 1\n  <%= config.bin %> worker\n  <%= config.bin %> worker',
    },
    { description: 'Listen on every interface, with a status page', command: `<%= config.bin %> <%= command.id %> --host 0.0.0.0:${DEFAULT_PORT} --workers 4 --http 8080` },
    { description: 'Go on with 3 of 4 workers after 30 s', command: '<%= config.bin %> <%= command.id %> --workers 4 --join-timeout 30 --min-workers 3' },
  ];

  static enableJsonFlag = true;

  static flags = {
    ...imageFlags,
    host: Flags.string({ description: 'Address to listen on, HOST:PORT (0.0.0.0 for every interface; port 0 for any free port).', default: `localhost:${DEFAULT_PORT}`, helpGroup: 'CLUSTER' }),
    workers: integerFlag({ description: 'Workers to wait for before rendering.', range: RANGES.workers, default: 1, helpGroup: 'CLUSTER' }),
    chunk: chunkFlag,
    'run-dir': runDirFlag,
    ...leaderFlags,
    ...tokenFlags,
    ...tlsFlags,
    ...outputFlags,
  };

  async run(): Promise<RunResults> {
    const { flags } = await this.parse(Leader);
    const spec = resolveImageSpec(imageInputFromFlags(flags));
    checkLeaderFiles(flags, process.cwd());
    const bind = parseHostPort(flags.host, DEFAULT_PORT, '--host');
    const quiet = flags.quiet || this.jsonEnabled();
    const progress = createProgress('rendering', process.stderr, !quiet);
    const signals = stopOnSignals();
    const options = buildLeaderOptions({
      spec,
      input: { width: flags.width, height: flags.height, smoothness: flags.smoothness },
      chunkRows: flags.chunk,
      workersExpected: flags.workers,
      minWorkers: flags['min-workers'],
      joinTimeoutMs: timeoutMs('join-timeout', flags['join-timeout']),
      heartbeatTimeoutMs: timeoutMs('heartbeat-timeout', flags['heartbeat-timeout']),
      bind,
      token: await resolveToken({ token: flags.token, tokenFile: flags['token-file'] }),
      runDir: flags['run-dir'],
      outfile: flags.outfile,
      resultsPath: resultsPathFor(flags.results, flags.outfile),
      httpPort: flags.http ?? null,
      httpHost: flags['http-host'],
      waitForStart: flags['wait-for-start'],
      job: { scheduler: 'none', jobId: null, nodeList: null, size: flags.workers + 1 },
      rank: 0,
      host: hostname(),
      threadsPerNode: null,
      toolVersion: this.config.version,
      labels: parseLabelFlags(flags.label ?? []),
      memoryBytes: totalmem(),
      tls: await readServerTls({ cert: flags['tls-cert'], key: flags['tls-key'], ca: flags['tls-ca'] }),
      checkpoint: flags[RUN_FLAG_NAMES.checkpointInterval] > 0 ? { intervalMs: flags[RUN_FLAG_NAMES.checkpointInterval] * 1000 } : null,
      signal: signals.abort,
      stopSignal: signals.stop,
      onEvent: (event: LeaderEvent) => {
        if (event.type === 'progress') progress.update(event.rowsDone, event.rowsTotal);
        if (event.type === 'finishing') progress.done();
        const line = quiet ? null : describeLeaderEvent(event);
        if (line) this.logToStderr(line);
      },
    });
    // loaded here, not at the top: every command is in one bundle, and the others need no gRPC
    const { runLeader } = await import('../core/cluster/leader/index.js');
    const report = await runLeader(options);
    progress.done();
    if (!quiet) this.log(leaderSummary(report));
    if (flags.metrics) for (const line of leaderMetricsLines(report)) this.log(line);
    return report.results;
  }
}
