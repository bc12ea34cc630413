// PBS, LSF and Grid Engine put a job's hosts in a file (or, for LSF, a variable) rather than in a
// host list expression: $PBS_NODEFILE and $LSB_DJOB_HOSTFILE (one line per task slot),
// $PE_HOSTFILE (`host slots queue processors` per line), $LSB_MCPU_HOSTS (`hostA 4 hostB 4`).
// The batch script and rank 0 run on the first host, so a worker that finds no rendezvous file
// looks for its leader there. Read once: a job's hosts do not change.
import { readFile } from 'node:fs/promises';
import type { Environment } from '../environment.js';
import type { HostlistAnswer, HostlistLookup } from './flux-hostlist.js';

/** The variables, in the order they are tried. */
export const HOST_FILE_VARIABLES = ['PBS_NODEFILE', 'LSB_DJOB_HOSTFILE', 'PE_HOSTFILE'] as const;

/** The hosts of a host file, in order, each once: the first word of every non-blank line. */
export const parseHostFile = (text: string): string[] => [
  ...new Set(
    text
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0] ?? '')
      .filter((host) => host !== '' && !host.startsWith('#')),
  ),
];

/** `$LSB_MCPU_HOSTS`: host, slot count, host, slot count ... */
export const parseLsfHostPairs = (text: string): string[] => {
  const words = text.trim() === '' ? [] : text.trim().split(/\s+/);
  return [...new Set(words.filter((_, i) => i % 2 === 0))];
};

/** A lookup of the job's hosts as a comma-separated host list, or undefined when no such variable is set. */
export const jobHostFileLookup = (env: Environment): HostlistLookup | undefined => {
  const variable = HOST_FILE_VARIABLES.find((name) => (env[name] ?? '').trim() !== '');
  const pairs = (env['LSB_MCPU_HOSTS'] ?? '').trim();
  if (variable === undefined && pairs === '') return undefined;
  let answer: Promise<HostlistAnswer> | undefined;
  const read = async (): Promise<HostlistAnswer> => {
    if (variable === undefined) return listed(parseLsfHostPairs(pairs), '$LSB_MCPU_HOSTS');
    const path = env[variable]!.trim();
    try {
      return listed(parseHostFile(await readFile(path, 'utf8')), `$${variable} (${path})`);
    } catch (error) {
      return { problem: `cannot read $${variable} (${path}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
  };
  return () => (answer ??= read());
};

const listed = (hosts: string[], from: string): HostlistAnswer =>
  hosts.length > 0 ? { nodeList: hosts.join(','), source: from } : { problem: `${from} names no host` };
