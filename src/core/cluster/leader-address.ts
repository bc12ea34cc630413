// HOST:PORT addresses and the port a job's leader listens on when nobody says which.
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
  return { host: match[1]!, port };
};

export const formatHostPort = ({ host, port }: HostPort): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
