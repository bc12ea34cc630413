// The rendezvous file: how workers on a shared filesystem find their leader and learn the job's
// token. The leader writes RUN_DIR/rendezvous.json atomically once it listens (readers never see
// half a file) and removes it when it exits; workers poll for it.
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { clusterError } from '../errors.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { readRegularFile } from '../files/read-regular-file.js';
import { parseHostPort } from './leader-address.js';

export const RENDEZVOUS_FILE = 'rendezvous.json';
export const RENDEZVOUS_KIND = 'fractal-rendezvous';

export interface Rendezvous {
  kind: typeof RENDEZVOUS_KIND;
  version: 1;
  /** HOST:PORT workers connect to. */
  address: string;
  token: string;
  jobId: string | null;
  protocol: string;
  host: string;
  pid: number;
  startedAt: string;
}

export type RendezvousReading =
  | { state: 'found'; rendezvous: Rendezvous }
  | { state: 'missing' }
  | { state: 'invalid'; reason: string }
  | { state: 'other-job'; jobId: string | null };

/** A rendezvous file is a few hundred bytes. */
const MAX_RENDEZVOUS_BYTES = 64 * 1024;

export const rendezvousPath = (runDir: string): string => join(runDir, RENDEZVOUS_FILE);

/** Atomic (readers never see half a file) and 0600 from the start: the file holds the job's token. */
export const writeRendezvous = async (runDir: string, rendezvous: Rendezvous): Promise<string> => {
  const path = rendezvousPath(runDir);
  await writeFileAtomic(path, `${JSON.stringify(rendezvous, null, 2)}\n`, 'rendezvous file', 0o600);
  return path;
};

/** Never throws: polling workers treat every problem as "not yet", and report the last one. */
export const readRendezvous = async (runDir: string, jobId: string | null): Promise<RendezvousReading> => {
  let text: string;
  try {
    // a FIFO in its place would block the read past every timeout: regular files only, and small
    text = (await readRegularFile(rendezvousPath(runDir), { maxBytes: MAX_RENDEZVOUS_BYTES, label: RENDEZVOUS_FILE })).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { state: 'missing' } : { state: 'invalid', reason: (error as Error).message };
  }
  const parsed = parseRendezvous(text);
  if (typeof parsed === 'string') return { state: 'invalid', reason: parsed };
  // a leftover of an earlier job in a reused run directory must not capture this job's workers
  if (jobId !== null && parsed.jobId !== null && parsed.jobId !== jobId) return { state: 'other-job', jobId: parsed.jobId };
  return { state: 'found', rendezvous: parsed };
};

/** The rendezvous, or what is wrong with the text. */
export const parseRendezvous = (text: string): Rendezvous | string => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const r = value as Partial<Rendezvous>;
  if (r.kind !== RENDEZVOUS_KIND) return `kind: expected "${RENDEZVOUS_KIND}"`;
  if (r.version !== 1) return 'version: expected 1';
  if (typeof r.address !== 'string' || r.address === '') return 'address: expected HOST:PORT';
  if (typeof r.token !== 'string' || r.token === '') return 'token: expected a non-empty string';
  if (r.jobId !== null && typeof r.jobId !== 'string') return 'jobId: expected a string or null';
  return {
    kind: RENDEZVOUS_KIND,
    version: 1,
    address: r.address,
    token: r.token,
    jobId: r.jobId ?? null,
    protocol: typeof r.protocol === 'string' ? r.protocol : '',
    host: typeof r.host === 'string' ? r.host : '',
    pid: typeof r.pid === 'number' ? r.pid : 0,
    startedAt: typeof r.startedAt === 'string' ? r.startedAt : '',
  };
};

/** Removes the file only if it is still this leader's (a later leader may have replaced it). */
export const removeRendezvous = async (runDir: string, token: string): Promise<void> => {
  const reading = await readRendezvous(runDir, null);
  if (reading.state === 'found' && reading.rendezvous.token === token) await rm(rendezvousPath(runDir), { force: true });
};

const PROBE_TIMEOUT_MS = 1000;

/** Whether something accepts connections at HOST:PORT (within a second). */
const isListening = (address: string): Promise<boolean> =>
  new Promise((resolve) => {
    let target;
    try {
      target = parseHostPort(address, 0);
    } catch {
      resolve(false);
      return;
    }
    const socket = connect({ host: target.host, port: target.port });
    const done = (live: boolean): void => {
      socket.destroy();
      resolve(live);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

/** A leader on this host is alive while its process is; one elsewhere while its address answers. */
const isLeaderAlive = async (rendezvous: Rendezvous, host: string): Promise<boolean> => {
  if (rendezvous.host === host && rendezvous.pid > 0) {
    try {
      process.kill(rendezvous.pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  return isListening(rendezvous.address);
};

/**
 * Before a leader publishes itself: a file left by a leader of another job that still runs is
 * never replaced (its workers would be captured); one of a leader that is gone, or of this job
 * (same token: the job restarted), is.
 */
export const claimRendezvous = async (runDir: string, token: string, host: string): Promise<void> => {
  const reading = await readRendezvous(runDir, null);
  if (reading.state !== 'found' || reading.rendezvous.token === token) return;
  const other = reading.rendezvous;
  if (!(await isLeaderAlive(other, host))) return;
  throw clusterError(
    'E_RUN_DIR_TAKEN',
    `${rendezvousPath(runDir)} belongs to a running leader (job ${other.jobId ?? '(none)'}, pid ${other.pid} on ${other.host || '?'}, at ${other.address}); this leader would capture its workers`,
    ['give each job its own --run-dir (fractal submit does), or wait for that job to end'],
  );
};
