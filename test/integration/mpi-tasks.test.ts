// Real MPI launchers start fractal's tasks: Open MPI's and MPICH's mpirun run `fractal run` on
// four ranks, which read their rank and size from the runtime's variables (OMPI_COMM_WORLD_RANK,
// PMI_RANK) and make render's PNG. Then the task side of PBS and LSF, which cannot be installed
// here: the scripts `fractal submit --scheduler pbs|lsf` writes are run by bash with the
// environment those schedulers give a job (PBS_JOBID, PBS_NODEFILE, LSB_JOBID, LSB_DJOB_HOSTFILE,
// LSB_MCPU_HOSTS ...) and a real mpirun or mpiexec on PATH.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, runCli } from '../helpers/cli.js';
import { assertRenderedLikeRender, cleanMpiEnv, MPI_IMPLEMENTATIONS, mpiMissing, runBash, SMALL, type MpiName } from '../helpers/mpi-job.js';

const work = mkdtempSync(join(tmpdir(), 'fractal-mpi-'));
after(() => rmSync(work, { recursive: true, force: true }));
const TOKEN = 'b'.repeat(64);

const newRunDir = (name: string): string => {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'token'), TOKEN, { mode: 0o600 });
  return dir;
};

for (const name of Object.keys(MPI_IMPLEMENTATIONS) as MpiName[]) {
  test(`${name}: mpirun -n 4 fractal run makes one leader, three workers and render's PNG`, { timeout: 150_000 }, async () => {
    assert.equal(mpiMissing(name), null);
    const runDir = newRunDir(`plain-${name.replace(' ', '-')}`);
    const script = join(runDir, 'mpi.sh');
    const runArgs = ['--run-dir', runDir, '--token-file', join(runDir, 'token'), '--outfile', join(runDir, 'mandelbrot.png'), '--results', join(runDir, 'results.json')];
    writeFileSync(script, `exec ${MPI_IMPLEMENTATIONS[name].mpirun} -n 4 ${process.execPath} ${CLI} run ${[...runArgs, ...SMALL].join(' ')}\n`);
    await runBash(script, runDir, cleanMpiEnv());
    const results = await assertRenderedLikeRender(runDir, work, 4);
    assert.equal((results['scheduler'] as { name: string }).name, 'mpi');
  });
}

/**
 * A directory for PATH with `mpirun` and `mpiexec` of one MPI implementation, as a site's module
 * would give. Each execs the real one under its own name: Hydra finds its proxy beside argv[0].
 */
const mpiBin = (name: MpiName): string => {
  const bin = join(work, `bin-${name.replace(' ', '-')}`);
  mkdirSync(bin, { recursive: true });
  for (const command of ['mpirun', 'mpiexec']) {
    writeFileSync(join(bin, command), `#!/bin/sh\nexec ${MPI_IMPLEMENTATIONS[name].mpirun} "$@"\n`, { mode: 0o755 });
  }
  return bin;
};

/** The script `fractal submit` would submit, written into a fresh run directory with its token. */
const writeJobScript = async (dirName: string, flags: string[]): Promise<{ runDir: string; text: string }> => {
  const runDir = join(work, dirName);
  const result = await runCli(['submit', '--dry-run', '--run-dir', runDir, ...flags, ...SMALL], { cwd: work });
  assert.equal(result.code, 0, result.stderr);
  newRunDir(dirName);
  writeFileSync(join(runDir, 'job.sh'), result.stdout);
  return { runDir, text: result.stdout };
};

const PBS_CASES: Array<{ launcher: 'mpirun' | 'mpiexec'; mpi: MpiName }> = [
  { launcher: 'mpirun', mpi: 'Open MPI' },
  // PBS's default launcher; MPICH's mpiexec finds the hosts in $PBS_NODEFILE itself
  { launcher: 'mpiexec', mpi: 'MPICH' },
];

for (const { launcher, mpi } of PBS_CASES) {
  test(`PBS task side: the job script with --launcher ${launcher} (${mpi}) on a PBS job's environment`, { timeout: 150_000 }, async () => {
    assert.equal(mpiMissing(mpi), null);
    const { runDir, text } = await writeJobScript(`pbs-${launcher}`, ['--scheduler', 'pbs', '--launcher', launcher, '--nodes', '4']);
    assert.match(text, new RegExp(`^${launcher} -n 4 `, 'm'));
    const nodeFile = join(runDir, 'nodefile');
    writeFileSync(nodeFile, 'localhost\n'.repeat(4));
    const env = cleanMpiEnv({
      PATH: `${mpiBin(mpi)}:${process.env['PATH']}`,
      PBS_JOBID: '4242.pbs-server',
      PBS_JOBNAME: 'fractal',
      PBS_NODEFILE: nodeFile,
      PBS_ENVIRONMENT: 'PBS_BATCH',
      PBS_O_WORKDIR: runDir,
      PBS_QUEUE: 'workq',
    });
    await runBash(join(runDir, 'job.sh'), runDir, env);
    const results = await assertRenderedLikeRender(runDir, work, 4);
    assert.deepEqual(results['scheduler'], { ...(results['scheduler'] as object), name: 'mpi', jobId: '4242.pbs-server' });
  });
}

test('LSF task side: the job script (mpirun on $LSB_DJOB_HOSTFILE, MPICH) on an LSF job\'s environment', { timeout: 150_000 }, async () => {
  assert.equal(mpiMissing('MPICH'), null);
  const { runDir, text } = await writeJobScript('lsf-mpirun', ['--scheduler', 'lsf', '--nodes', '2', '--tasks-per-node', '2', '--time', '10']);
  assert.match(text, /^#BSUB -n 4\n#BSUB -R "span\[ptile=2\]"$/m);
  assert.match(text, /^mpirun -n 4 -machinefile "\$LSB_DJOB_HOSTFILE" \\$/m);
  const hostFile = join(runDir, 'hostfile');
  writeFileSync(hostFile, 'localhost\n'.repeat(4));
  const env = cleanMpiEnv({
    PATH: `${mpiBin('MPICH')}:${process.env['PATH']}`,
    LSB_JOBID: '777',
    LSB_JOBNAME: 'fractal',
    LSB_DJOB_HOSTFILE: hostFile,
    LSB_MCPU_HOSTS: 'localhost 4',
    LSB_HOSTS: 'localhost localhost localhost localhost',
    LSB_QUEUE: 'normal',
  });
  await runBash(join(runDir, 'job.sh'), runDir, env);
  const results = await assertRenderedLikeRender(runDir, work, 4);
  assert.equal((results['scheduler'] as { jobId: string }).jobId, '777');
  assert.ok(readFileSync(join(runDir, 'job.sh'), 'utf8').includes('#BSUB -wa USR1\n#BSUB -wt 2\n'));
});
