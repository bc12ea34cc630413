import { hostname } from 'node:os';
import { Flags } from '@oclif/core';
import { abortOnSignals } from '../cli/abort-on-signals.js';
import { NetworkCommand } from '../cli/network-command.js';
import {
  defaultThreads,
  describeWorkerEvent,
  runDirFlag,
  threadsFlag,
  timeoutMs,
  tlsFlags,
  tokenFlags,
  workerFlags,
  workerMetricsLines,
  workerSummary,
} from '../cli/cluster-flags.js';
import { outputFlags } from '../cli/image-flags.js';
import { kernelFromEnvironment } from '../cli/kernel-environment.js';
import { integerFlag } from '../cli/number-flags.js';
import { MAX_WORKERS } from '../core/limits.js';
import { createLeaderDiscovery } from '../core/cluster/discover-leader.js';
import { resolveToken } from '../core/cluster/job-token.js';
import { readClientTls } from '../core/cluster/tls-files.js';
import { DEFAULT_PORT, formatHostPort, parseHostPort } from '../core/cluster/leader-address.js';
import type { WorkerReport } from '../core/cluster/worker/index.js';

export default class Worker extends NetworkCommand {
  static summary = 'Start a worker: connect to the leader, compute the units it hands out, exit 0 when it says done.';

  static description = `The worker opens one gRPC stream to the leader, retrying with backoff until
--connect-timeout while the leader is not up yet. It computes on --threads threads (the same
renderer as \`fractal render\`, so the same bytes), keeps a few units in flight to hide the network,
sends heartbeats, and sends its metrics when the leader stops it.

Without --host it reads the leader's address from rendezvous.json in --run-dir (the current
directory by default); the token comes from --token / FRACTAL_TOKEN / --token-file, else from that
file.

Exit codes: 0 the leader said the work is done; 2 bad flags; 5 the leader could not be reached
within --connect-timeout, went away and did not come back, or refused this worker (wrong token,
another protocol version, an abandoned run).`;

  static examples = [
    { description: 'Join the leader started in this directory', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Join a leader on another host with the job\'s token, on 8 threads', command: `FRACTAL_TOKEN=… <%= config.bin %> <%= command.id %> --host n01:${DEFAULT_PORT} --threads 8` },
  ];

  static enableJsonFlag = true;

  static flags = {
    host: Flags.string({ description: 'The leader\'s address HOST:PORT (default: from the rendezvous file in --run-dir).', helpGroup: 'CLUSTER' }),
    threads: threadsFlag,
    rank: integerFlag({ description: 'This worker\'s rank (default: the leader picks one).', range: { min: 1, max: MAX_WORKERS }, helpGroup: 'CLUSTER' }),
    'run-dir': runDirFlag,
    ...workerFlags,
    ...tokenFlags,
    ...tlsFlags,
    metrics: outputFlags.metrics,
    quiet: outputFlags.quiet,
    'force-exit': outputFlags['force-exit'],
  };

  async run(): Promise<WorkerReport> {
    const { flags } = await this.parse(Worker);
    const quiet = flags.quiet || this.jsonEnabled();
    const { kernel } = kernelFromEnvironment(process.env, quiet ? null : (line) => this.logToStderr(line));
    const host = flags.host === undefined ? undefined : formatHostPort(parseHostPort(flags.host, DEFAULT_PORT, '--host'));
    const token = await resolveToken({ token: flags.token, tokenFile: flags['token-file'] });
    // loaded here, not at the top: every command is in one bundle, and the others need no gRPC
    const { runWorker } = await import('../core/cluster/worker/index.js');
    const report = await runWorker({
      discovery: createLeaderDiscovery({ host, token, runDir: flags['run-dir'], jobId: null, nodeList: null }),
      rank: flags.rank ?? null,
      jobId: null,
      host: hostname(),
      threads: defaultThreads(flags.threads),
      credits: flags.credits,
      compress: flags.compress,
      kernel,
      connectTimeoutMs: timeoutMs('connect-timeout', flags['connect-timeout']),
      tls: await readClientTls({ cert: flags['tls-cert'], key: flags['tls-key'], ca: flags['tls-ca'] }),
      signal: abortOnSignals(),
      onEvent: (event) => {
        const line = quiet ? null : describeWorkerEvent(event);
        if (line) this.logToStderr(line);
      },
    });
    if (!quiet) this.log(workerSummary(report));
    if (flags.metrics) for (const line of workerMetricsLines(report)) this.log(line);
    return report;
  }
}
