// The two launchers that are not MPI: pbsdsh (PBS's own, not installable here) and ssh (no sshd
// between hosts here). As for Flux's task side, the job script `fractal submit` writes is run by
// bash with a stand-in that starts the tasks as the real one does, with the environment the real
// one gives them and nothing more (env -i): pbsdsh a TM task per line of $PBS_NODEFILE with the
// job's PBS variables and PBS_VNODENUM; ssh the remote user's shell running the words it was
// given joined by blanks, as sshd does. The real `fractal run` must make render's PNG.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { assertRenderedLikeRender, cleanMpiEnv, runBash, SMALL } from '../helpers/mpi-job.js';

const work = mkdtempSync(join(tmpdir(), 'fractal-launchers-'));
after(() => rmSync(work, { recursive: true, force: true }));

const PBSDSH = `#!/bin/bash
[ "$1" = -- ] || { echo "pbsdsh stand-in: expected -- then the program, got: $*" >&2; exit 64; }
shift
vnode=0 pids=()
while read -r host; do
  env -i PATH="$PATH" HOME="$HOME" PBS_JOBID="$PBS_JOBID" PBS_NODEFILE="$PBS_NODEFILE" PBS_ENVIRONMENT=PBS_BATCH \\
    PBS_VNODENUM=$vnode PBS_NODENUM=$vnode PBS_TASKNUM=$((vnode + 1)) "$@" &
  pids+=("$!")
  vnode=$((vnode + 1))
done < "$PBS_NODEFILE"
status=0
for pid in "\${pids[@]}"; do wait "$pid" || status=1; done
exit $status
`;

const SSH = `#!/bin/bash
while [ $# -gt 0 ]; do
  case $1 in
    -n) shift ;;
    -o) shift 2 ;;
    -*) echo "ssh stand-in: unexpected option $1" >&2; exit 64 ;;
    *) break ;;
  esac
done
host=$1; shift
echo "$host" >> "$SSH_LOG"
# sshd runs the words joined by blanks with the user's shell, in a login environment of its own
exec env -i PATH="$PATH" HOME="$HOME" bash -c "$*"
`;

const standIns = (): string => {
  const bin = join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'pbsdsh'), PBSDSH, { mode: 0o755 });
  writeFileSync(join(bin, 'ssh'), SSH, { mode: 0o755 });
  return bin;
};

const jobScript = async (dirName: string, flags: string[]): Promise<string> => {
  const runDir = join(work, dirName);
  const result = await runCli(['submit', '--dry-run', '--run-dir', runDir, ...flags, ...SMALL], { cwd: work });
  assert.equal(result.code, 0, result.stderr);
  mkdirSync(runDir);
  writeFileSync(join(runDir, 'job.sh'), result.stdout);
  writeFileSync(join(runDir, 'token'), 'c'.repeat(64), { mode: 0o600 });
  return runDir;
};

test('PBS --launcher pbsdsh: a task per line of $PBS_NODEFILE, ranked by PBS_VNODENUM, render\'s PNG', { timeout: 150_000 }, async () => {
  const runDir = await jobScript('pbsdsh', ['--scheduler', 'pbs', '--launcher', 'pbsdsh', '--nodes', '4']);
  writeFileSync(join(runDir, 'nodefile'), 'localhost\n'.repeat(4));
  const env = cleanMpiEnv({ PATH: `${standIns()}:${process.env['PATH']}`, PBS_JOBID: '99.srv', PBS_NODEFILE: join(runDir, 'nodefile') });
  await runBash(join(runDir, 'job.sh'), runDir, env);
  const results = await assertRenderedLikeRender(runDir, work, 4);
  assert.equal((results['scheduler'] as { jobId: string }).jobId, '99.srv');
});

test('Grid Engine --launcher ssh: a task per slot of $PE_HOSTFILE, each command read again by a remote shell, render\'s PNG', { timeout: 150_000 }, async () => {
  // a run directory with characters the remote shell must not read as its own
  const runDir = await jobScript('ssh-run+dir.x', ['--scheduler', 'sge', '--launcher', 'ssh', '--nodes', '2', '--tasks-per-node', '2']);
  writeFileSync(join(runDir, 'pe_hostfile'), 'localhost 2 all.q@localhost UNDEFINED\n127.0.0.1 2 all.q@127.0.0.1 UNDEFINED\n');
  const sshLog = join(runDir, 'ssh.log');
  const env = cleanMpiEnv({ PATH: `${standIns()}:${process.env['PATH']}`, JOB_ID: '31', PE_HOSTFILE: join(runDir, 'pe_hostfile'), SSH_LOG: sshLog });
  await runBash(join(runDir, 'job.sh'), runDir, env);
  const results = await assertRenderedLikeRender(runDir, work, 4);
  assert.deepEqual(results['scheduler'], { ...(results['scheduler'] as object), name: 'local', jobId: '31' });
  // every slot once (the tasks start in the background, in any order)
  assert.deepEqual(readFileSync(sshLog, 'utf8').split('\n').filter(Boolean).sort(), ['127.0.0.1', '127.0.0.1', 'localhost', 'localhost']);
});
