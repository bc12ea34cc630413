// The local Slurm cluster (up.sh / down.sh in this folder) from Node: used by the end-to-end test
// (test/e2e/slurm.test.ts) and the Slurm benchmark (bench/submit.bench.ts).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLUSTER_DIR = fileURLToPath(new URL('.', import.meta.url));
/** Client wrappers made by up.sh: sbatch & co. run inside the cluster's head namespace. */
export const CLIENT_BIN = '/run/fractal-slurm/bin';
export const NODE_NAMES = (nodes: number): string[] => Array.from({ length: nodes }, (_, i) => `n${i + 1}`);

export type ClusterMode = 'netns' | 'loopback';

/**
 * Why the cluster cannot be brought up here, or null when it can. Root is the one requirement:
 * network namespaces when the kernel allows them, else the loopback mode.
 */
export const clusterUnavailableReason = (): string | null =>
  process.getuid?.() === 0 ? null : 'needs root: it installs Debian\'s slurmctld/slurmd/munge and starts them in network namespaces (run as root, as CI does)';

/** netns when `ip netns` works here, loopback (several slurmd on 127.0.1.x) otherwise. */
export const chooseClusterMode = (): ClusterMode => {
  if (process.env['FRACTAL_SLURM_MODE'] === 'loopback') return 'loopback';
  const probe = `fractal-probe-${process.pid}`;
  const added = spawnSync('ip', ['netns', 'add', probe], { stdio: 'ignore' }).status === 0;
  if (added) spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore' });
  return added ? 'netns' : 'loopback';
};

export interface ClusterOptions {
  nodes: number;
  mode: ClusterMode;
  /** Bounds up.sh: a fresh machine installs the packages first (about 9 s here). */
  timeoutMs?: number;
  /** netns only: each node's link rate (FRACTAL_SLURM_RATE, e.g. 100mbit) and added round trip (FRACTAL_SLURM_DELAY, e.g. 10ms). */
  rate?: string;
  delay?: string;
}

const run = (script: string, env: NodeJS.ProcessEnv, timeout: number): string => {
  try {
    // stdio piped, never inherited: the daemons up.sh starts must not hold this process's pipes
    return execFileSync('bash', [`${CLUSTER_DIR}${script}`], { env, timeout, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${script} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
};

export const clusterEnv = (options: ClusterOptions): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: `${CLIENT_BIN}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
  FRACTAL_SLURM_NODES: String(options.nodes),
  FRACTAL_SLURM_MODE: options.mode,
  FRACTAL_SLURM_RATE: options.rate ?? '',
  FRACTAL_SLURM_DELAY: options.delay ?? '',
});

export const clusterUp = (options: ClusterOptions): void => {
  run('up.sh', clusterEnv(options), options.timeoutMs ?? 900_000);
};

export const clusterDown = (options: ClusterOptions): void => {
  run('down.sh', clusterEnv(options), 120_000);
};

/** A Slurm client command, through the wrappers, bounded. */
export const slurm = (options: ClusterOptions, command: string, args: string[]): string =>
  execFileSync(command, args, { env: clusterEnv(options), timeout: 30_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * Holds an exclusive lock for the life of a test file or benchmark, so two of them never share the
 * cluster (one's down.sh would end the other's jobs). `flock` holds it as long as its stdin is open:
 * release() closes it, and so does this process dying.
 */
export const holdClusterLock = async (timeoutMs = 900_000, lockFile = '/run/lock/fractal-slurm-session.lock'): Promise<{ release: () => void }> => {
  const child: ChildProcess = spawn('flock', ['-w', String(Math.ceil(timeoutMs / 1000)), lockFile, '-c', 'echo locked; exec cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`could not take the cluster lock (flock exit ${code})`)));
    child.once('error', reject);
  });
  return {
    release: () => {
      child.stdin!.end();
    },
  };
};

/** Processes whose command line mentions `needle` (e.g. a run directory): on any node, in either mode. */
/**
 * The pid of the `fractal run` task of `rank` among the processes mentioning needle (a run
 * directory), by the rank variable its launcher gave it (FRACTAL_RANK, SLURM_PROCID, ...).
 */
export const taskPidOfRank = (needle: string, rankVariable: string, rank: number): number | undefined => {
  for (const line of processesMentioning(needle)) {
    const [pid, ...args] = line.split(' ');
    if (!args.includes('run') || args.includes('outcome')) continue;
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (env.includes(`${rankVariable}=${rank}`)) return Number(pid);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
};

export const processesMentioning = (needle: string): string[] => {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];
      if (cmdline.includes(needle) && state !== 'Z' && Number(pid) !== process.pid) found.push(`${pid} ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
};

/**
 * The processes processesMentioning finds, once they are gone or withinMs has passed (what is left
 * then): a job's tasks stop in the moments after its launcher or scheduler says it ended.
 */
export const processesGone = async (needle: string, withinMs: number): Promise<string[]> => {
  const until = Date.now() + withinMs;
  let left = processesMentioning(needle);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = processesMentioning(needle);
  }
  return left;
};
