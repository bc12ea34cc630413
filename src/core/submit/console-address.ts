// Where a submitted job's live console will be (fractal run --http on rank 0), told the way a user
// can open it. Only the local scheduler knows the leader's host in advance; under Slurm and Flux it
// is rank 0's node, which the leader names in the run directory's rendezvous.json once it runs.
import { HTTP_DEFAULT_HOST } from '../cluster/leader-options.js';
import type { RunFlags } from '../run-flag-names.js';
import type { SubmitScheduler } from './schedulers.js';

const EVERY_INTERFACE = new Set(['0.0.0.0', '::', '[::]', '']);

/** The console's address as a line for people; null without --http. */
export const consoleAddress = (scheduler: SubmitScheduler, run: RunFlags): string | null => {
  if (run.http === undefined) return null;
  const host = run.httpHost ?? HTTP_DEFAULT_HOST;
  const port = run.http === 0 ? 'PORT' : String(run.http);
  const log = scheduler === 'local' ? 'task-0.log' : 'the job\'s log';
  const portNote = run.http === 0 ? ` (PORT: a free one, named in ${log} as "HTTP on port N")` : '';
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  if (scheduler === 'local') return `http://${EVERY_INTERFACE.has(host) ? 'localhost' : shown}:${port}/${portNote}`;
  if (EVERY_INTERFACE.has(host)) return `http://NODE:${port}/ where NODE is rank 0's node (rendezvous.json's "host" once the job runs)${portNote}`;
  return `http://${shown}:${port}/ on rank 0's node only (ssh -L ${port}:${shown}:${port} NODE, or --http-host 0.0.0.0)${portNote}`;
};
