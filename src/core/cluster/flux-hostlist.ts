// Flux does not put a job's hosts in the environment the way Slurm does (SLURM_JOB_NODELIST):
// `flux hostlist local` prints them, as an RFC 29 hostlist (Slurm's syntax), for the job named by
// FLUX_JOB_ID. A worker asks only when neither --host nor the rendezvous file tells it where its
// leader is, and only once: a job's hosts do not change.
import { execFile } from 'node:child_process';
import type { Environment } from '../environment.js';

export type HostlistAnswer = { nodeList: string } | { problem: string };
export type HostlistLookup = () => Promise<HostlistAnswer>;

const LOOKUP_TIMEOUT_MS = 10_000;

export const fluxJobHostlist = (env: Environment): HostlistLookup => {
  let answer: Promise<HostlistAnswer> | undefined;
  return () =>
    (answer ??= new Promise((resolve) => {
      execFile('flux', ['hostlist', 'local'], { env: env as NodeJS.ProcessEnv, timeout: LOOKUP_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') resolve({ problem: '`flux` is not on PATH' });
        else if (error) resolve({ problem: `\`flux hostlist local\` failed: ${stderr.trim() || error.message}` });
        else if (stdout.trim() === '') resolve({ problem: '`flux hostlist local` printed no host' });
        else resolve({ nodeList: stdout.trim() });
      });
    }));
};
