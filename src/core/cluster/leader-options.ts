// A leader's options, built in one place for both ways to start one (`fractal leader`, and rank 0
// of `fractal run`), so their defaults and checks cannot drift apart.
import { FractalError } from '../errors.js';
import { generateToken } from './job-token.js';
import { checkHostName } from './leader-address.js';
import type { LeaderOptions } from './leader/index.js';

/** LeaderOptions with what the builder decides left open. */
export interface LeaderSettings extends Omit<LeaderOptions, 'minWorkers' | 'token' | 'advertiseHost' | 'http'> {
  /** --min-workers; default: every expected worker. */
  minWorkers?: number;
  /** The job's token when one was given; else a new one is generated (and published in the rendezvous file). */
  token?: string;
  /** The host name workers are told to use; default: the bound host, or this host's name when bound to every interface. */
  advertiseHost?: string;
  /** --http: GET /status and POST /start on this port; null for none. */
  httpPort: number | null;
  /** --http-host: the interface it listens on (default HTTP_DEFAULT_HOST: this host only). */
  httpHost?: string;
}

/**
 * The HTTP port answers anyone who reaches it (only POST /start needs the token), and /status names
 * hosts, ranks and the job: it listens on loopback unless the user names an interface.
 */
export const HTTP_DEFAULT_HOST = '127.0.0.1';

/** Hosts that mean "every interface": workers cannot connect to them, so the leader names itself by its host name. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);

export const buildLeaderOptions = (settings: LeaderSettings): LeaderOptions => {
  const { minWorkers: given, token, advertiseHost, httpPort, httpHost, ...rest } = settings;
  const minWorkers = given ?? settings.workersExpected;
  if (!Number.isInteger(minWorkers) || minWorkers < 1 || minWorkers > settings.workersExpected) {
    throw new FractalError(`--min-workers: expected 1 to ${settings.workersExpected} (the job's workers), got ${minWorkers}`, {
      kind: 'usage',
      code: 'E_MIN_WORKERS',
      suggestions: ['leave --min-workers out to wait for every worker'],
    });
  }
  return {
    ...rest,
    minWorkers,
    token: token ?? generateToken(),
    advertiseHost: advertiseHost ?? (WILDCARD_HOSTS.has(settings.bind.host) ? settings.host : settings.bind.host),
    http: httpPort === null ? null : { host: checkHostName(httpHost ?? HTTP_DEFAULT_HOST, '--http-host'), port: httpPort },
  };
};
