// The local Grid Engine cluster (up.sh / down.sh in this folder) from Node: used by the Grid Engine
// end-to-end test (test/e2e/sge.test.ts). Built like ../slurm-cluster/cluster.ts.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { holdClusterLock } from '../slurm-cluster/cluster.js';

export const SGE_CLUSTER_DIR = fileURLToPath(new URL('.', import.meta.url));
/** Client wrappers made by up.sh: qsub & co. run inside the cluster's head namespace, as host "head". */
export const SGE_CLIENT_BIN = '/run/fractal-sge/bin';
export const SGE_NODE_NAMES = (nodes: number): string[] => Array.from({ length: nodes }, (_, i) => `n${i + 1}`);

/** Why the cluster cannot be brought up here, or null when it can. */
export const sgeClusterUnavailableReason = (): string | null =>
  process.getuid?.() === 0 ? null : 'needs root: it installs Debian\'s gridengine packages and starts their daemons in network namespaces (run as root, as CI does)';

export const sgeClusterEnv = (nodes: number): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: `${SGE_CLIENT_BIN}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
  FRACTAL_SGE_NODES: String(nodes),
});

const run = (script: string, nodes: number, timeout: number): string => {
  try {
    // stdio piped, never inherited: the daemons up.sh starts must not hold this process's pipes
    return execFileSync('bash', [`${SGE_CLUSTER_DIR}${script}`], { env: sgeClusterEnv(nodes), timeout, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${script} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
};

/** Bounded: a fresh machine installs the packages first. */
export const sgeClusterUp = (nodes: number): void => {
  run('up.sh', nodes, 900_000);
};

export const sgeClusterDown = (nodes: number): void => {
  run('down.sh', nodes, 120_000);
};

/** A Grid Engine client command, through the wrappers, bounded. */
export const sge = (nodes: number, command: string, args: string[]): string =>
  execFileSync(command, args, { env: sgeClusterEnv(nodes), timeout: 30_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** Holds the cluster for the life of a test file, as holdClusterLock does for Slurm's (its own lock). */
export const holdSgeClusterLock = (timeoutMs = 900_000): Promise<{ release: () => void }> =>
  holdClusterLock(timeoutMs, '/run/lock/fractal-sge-session.lock');
