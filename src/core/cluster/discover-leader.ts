// Where is my leader? In order: --host; the rendezvous file in the run directory (it also carries
// the token); the first host of the job's host list on the job's port, when the token is known
// (Slurm's SLURM_JOB_NODELIST, or under Flux the answer of `flux hostlist local`). Asked again
// before every connection attempt, so a file that appears later is picked up.
import { watch, type FSWatcher } from 'node:fs';
import { FractalError } from '../errors.js';
import type { HostlistLookup } from './flux-hostlist.js';
import { firstHost } from './hostlist.js';
import { formatHostPort, portForJob } from './leader-address.js';
import { readRendezvous, rendezvousPath, RENDEZVOUS_FILE } from './rendezvous.js';
import type { LeaderDiscovery, LeaderTarget, TargetPending } from './worker/index.js';

export interface DiscoveryOptions {
  /** --host HOST:PORT */
  host?: string;
  /** From --token, FRACTAL_TOKEN or the token file. */
  token?: string;
  runDir: string | null;
  jobId: string | null;
  nodeList: string | null;
  /** Asks the scheduler for the host list when the environment has none (Flux). */
  lookupNodeList?: HostlistLookup;
  /** --port; else derived from the job id. 0 means "only the rendezvous file knows". */
  port?: number;
}

export const createLeaderDiscovery = (options: DiscoveryOptions): LeaderDiscovery => {
  if (options.host !== undefined && options.token === undefined && options.runDir === null) {
    throw new FractalError(`no token to present to the leader at ${options.host}`, {
      kind: 'usage',
      code: 'E_NO_TOKEN',
      suggestions: ['pass --token (or FRACTAL_TOKEN, --token-file), or --run-dir where the leader writes its rendezvous file'],
    });
  }
  const find = async (): Promise<LeaderTarget | TargetPending> => {
    const reading = options.runDir === null ? undefined : await readRendezvous(options.runDir, options.jobId);
    const file = options.runDir === null ? '' : rendezvousPath(options.runDir);
    if (options.host !== undefined) {
      if (options.token !== undefined) return { address: options.host, token: options.token, via: '--host' };
      if (reading?.state === 'found') return { address: options.host, token: reading.rendezvous.token, via: `--host, token from ${file}` };
      return { pending: `waiting for ${file} to learn the job's token (${describeReading(reading)})` };
    }
    // a token goes only to the address it came with: a worker with a token of its own follows a
    // rendezvous file only if the file carries that same token (else the file is another job's)
    const foreign = reading?.state === 'found' && options.token !== undefined && reading.rendezvous.token !== options.token;
    if (reading?.state === 'found' && !foreign) {
      return { address: reading.rendezvous.address, token: reading.rendezvous.token, via: `rendezvous file ${file}` };
    }
    const port = options.port ?? portForJob(options.jobId);
    const reasons = [
      options.runDir === null
        ? 'no --run-dir to look for a rendezvous file in'
        : `${file}: ${foreign ? 'written by a leader with another token (another job\'s leader): not followed' : describeReading(reading)}`,
    ];
    let nodeList = options.nodeList;
    let source = '';
    if (nodeList === null && options.lookupNodeList && options.token !== undefined && port !== 0) {
      const answer = await options.lookupNodeList();
      if ('nodeList' in answer) {
        nodeList = answer.nodeList;
        source = answer.source === undefined ? '' : ` (${answer.source})`;
      } else {
        reasons.push(`no host list: ${answer.problem}`);
      }
    }
    let first: string | undefined;
    try {
      first = nodeList === null ? undefined : firstHost(nodeList);
    } catch (error) {
      reasons.push((error as Error).message);
    }
    if (first !== undefined && options.token !== undefined && port !== 0) {
      return { address: formatHostPort({ host: first, port }), token: options.token, via: `first host of ${nodeList}${source}, port ${port}` };
    }
    if (first !== undefined && options.token === undefined) reasons.push(`the host list ${nodeList} names ${first}, but no token is known for it`);
    if (first === undefined && reasons.length === 1) reasons.push('no --host and no host list from the scheduler');
    return { pending: reasons.join('; ') };
  };
  const runDir = options.runDir;
  return runDir === null ? { find } : { find, onChange: (listener) => watchRendezvous(runDir, listener) };
};

/**
 * Wakes a waiting worker the moment the leader renames its rendezvous file into place, instead of
 * at its next poll. Only a hint: inotify does not see other hosts' writes on NFS, where polling
 * (the worker's backoff) still finds the file.
 */
const watchRendezvous = (runDir: string, listener: () => void): (() => void) => {
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(runDir, { persistent: false }, (_event, name) => {
      if (name === null || name === RENDEZVOUS_FILE) listener();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // no such directory yet, or no inotify watches left: polling alone it is
  }
  return () => watcher?.close();
};

const describeReading = (reading: Awaited<ReturnType<typeof readRendezvous>> | undefined): string => {
  switch (reading?.state) {
    case undefined:
      return 'no run directory';
    case 'missing':
      return 'not written yet';
    case 'invalid':
      return `not a rendezvous file (${reading.reason})`;
    case 'other-job':
      return `left by job ${reading.jobId ?? '(none)'}, not this one`;
    case 'found':
      return 'found';
  }
};
