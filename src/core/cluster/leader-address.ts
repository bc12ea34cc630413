// HOST:PORT addresses and the port a job's leader listens on when nobody says which.
import { isIP } from 'node:net';
import { describeValue, FractalError } from '../errors.js';

export const DEFAULT_PORT = 50051;

/**
 * The port of a job whose leader was given none: 20000 + (n mod 12000), n being the job id read as
 * a decimal number when it is all digits (Slurm), else the FNV-1a 32-bit hash of its text (Flux's
 * f58 ids). 20000–31999 stays clear of well-known ports and below Linux's ephemeral range
 * (32768–60999), so an outgoing connection never holds it.
 */
export const portForJob = (jobId: string | null): number => {
  if (jobId === null || jobId.trim() === '') return DEFAULT_PORT;
  const id = jobId.trim();
  const n = /^\d+$/.test(id) ? Number(BigInt(id) % 12000n) : fnv1a(id) % 12000;
  return 20000 + n;
};

const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

export interface HostPort {
  host: string;
  port: number;
}

/** `host:port`, `[v6]:port`, or a bare host (then defaultPort). */
export const parseHostPort = (text: string, defaultPort?: number, what = '--host'): HostPort => {
  const value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(value);
  const match = bracketed ?? plain;
  const portText = match?.[2];
  const port = portText === undefined ? defaultPort : Number(portText);
  if (!match || port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FractalError(`${what}: expected HOST:PORT such as n01:${DEFAULT_PORT} or 127.0.0.1:${DEFAULT_PORT}, got ${describeValue(text)}`, {
      kind: 'usage',
      code: 'E_ADDRESS',
      suggestions: ['the port is a number from 1 to 65535 (0 lets the leader choose one and publish it in the rendezvous file)'],
    });
  }
  return { host: checkHostName(match[1]!, what), port };
};

/** A DNS name (RFC 1123 labels; `_` too, which clusters use) of at most 253 characters. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/**
 * A host to listen on or connect to: an IPv4 or IPv6 address or a host name. Anything else
 * (`bad host`, a unicode name) is a usage error here, rather than a resolver failure later that
 * reads like a network problem ("is the port in use?").
 */
export const checkHostName = (host: string, what = '--host'): string => {
  const unbracketed = /^\[(.*)\]$/.exec(host)?.[1];
  if (isIP(host) !== 0 || HOST_NAME.test(host) || (unbracketed !== undefined && isIP(unbracketed) === 6)) return host;
  throw new FractalError(`${what}: expected a host name or an IP address, got ${describeValue(host)}`, {
    kind: 'usage',
    code: 'E_ADDRESS',
    suggestions: ['e.g. n01, n01.cluster.example, 127.0.0.1, 0.0.0.0 (every interface) or ::1; a name in another script goes in its punycode form (xn--…)'],
  });
};

export const formatHostPort = ({ host, port }: HostPort): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
