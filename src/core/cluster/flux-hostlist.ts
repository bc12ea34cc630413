// Flux does not put a job's hosts in the environment the way Slurm does (SLURM_JOB_NODELIST):
// `flux hostlist local` prints them, as an RFC 29 hostlist (Slurm's syntax), for the job named by
// FLUX_JOB_ID. A worker asks only when neither --host nor the rendezvous file tells it where its
// leader is, and only once: a job's hosts do not change.
import { askCommand, CommandError } from '../child-process.js';
import type { Environment } from '../environment.js';

/** The job's hosts, and where they came from for messages ("flux hostlist", "$PBS_NODEFILE ..."). */
export type HostlistAnswer = { nodeList: string; source?: string } | { problem: string };
export type HostlistLookup = () => Promise<HostlistAnswer>;

const LOOKUP_TIMEOUT_MS = 10_000;

export const fluxJobHostlist = (env: Environment): HostlistLookup => {
  let answer: Promise<HostlistAnswer> | undefined;
  return () =>
    (answer ??= askCommand('flux', ['hostlist', 'local'], { env, timeoutMs: LOOKUP_TIMEOUT_MS }).then(
      ({ stdout }): HostlistAnswer => (stdout.trim() === '' ? { problem: '`flux hostlist local` printed no host' } : { nodeList: stdout.trim(), source: 'flux hostlist' }),
      (error: unknown): HostlistAnswer => {
        if (error instanceof CommandError && error.notFound) return { problem: '`flux` is not on PATH' };
        const said = error instanceof CommandError ? error.stderr.trim() || error.message : String(error);
        return { problem: `\`flux hostlist local\` failed: ${said}` };
      },
    ));
};
