// Real MPI launchers for the task-side tests: Debian's Open MPI (mpirun.openmpi) and MPICH
// (mpirun.mpich, Hydra), and what a job run under them must leave behind: one leader, its workers
// and `fractal render`'s exact PNG, with no process left over.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { processesMentioning } from '../../scripts/slurm-cluster/cluster.js';
import { runCli } from './cli.js';

export const SMALL = ['--width', '256', '--height', '192', '--smoothness', '1'];

export const MPI_IMPLEMENTATIONS = {
  'Open MPI': { mpirun: '/usr/bin/mpirun.openmpi', rankVariable: 'OMPI_COMM_WORLD_RANK' },
  MPICH: { mpirun: '/usr/bin/mpirun.mpich', rankVariable: 'PMI_RANK' },
} as const;
export type MpiName = keyof typeof MPI_IMPLEMENTATIONS;

/** Why the MPI tests cannot run here, or null (.ci/run installs openmpi-bin and mpich). */
export const mpiMissing = (name: MpiName): string | null =>
  existsSync(MPI_IMPLEMENTATIONS[name].mpirun) ? null : `${MPI_IMPLEMENTATIONS[name].mpirun} is missing: apt-get install openmpi-bin mpich`;

/**
 * This environment without any launcher's or scheduler's variables, and with what Open MPI needs
 * to run as root (as CI does) on more ranks than cores: the environment form of
 * --allow-run-as-root and --oversubscribe, so the job scripts stay as a user would submit them.
 */
export const cleanMpiEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^(SLURM_|FLUX_|FRACTAL_|OMPI_|PMI|PMIX_|PBS_|LSB_|LSF_|SGE_|JOB_ID$|PE_)/.test(name)) delete env[name];
  return {
    ...env,
    OMPI_ALLOW_RUN_AS_ROOT: '1',
    OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
    OMPI_MCA_rmaps_base_oversubscribe: '1',
    ...extra,
  };
};

export const runBash = async (script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 150_000): Promise<string> => {
  try {
    const { stdout, stderr } = await promisify(execFile)('bash', [script], { cwd, env, timeout: timeoutMs });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return assert.fail(`${script} failed: ${String(error)}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
};

/** The leader's results name every rank once, the PNG is render's, and nothing of the job still runs. */
export const assertRenderedLikeRender = async (runDir: string, work: string, tasks: number): Promise<Record<string, unknown>> => {
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  assert.equal(results.scheduler.size, tasks);
  assert.deepEqual(
    results.nodes.map((n: { rank: number; role: string }) => [n.rank, n.role]).sort((a: number[], b: number[]) => a[0]! - b[0]!),
    Array.from({ length: tasks }, (_, rank) => [rank, rank === 0 ? 'leader' : 'worker']),
  );
  const reference = join(work, 'render.png');
  if (!existsSync(reference)) {
    const render = await runCli(['render', '--quiet', ...SMALL, '--outfile', reference], { cwd: work });
    assert.equal(render.code, 0, render.stderr);
  }
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(readFileSync(reference)), 'the PNG differs from fractal render\'s');
  assert.deepEqual(processesMentioning(runDir), []);
  return results;
};
