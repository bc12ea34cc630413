// How `fractal submit` reports PBS, LSF and Grid Engine when they are missing or refuse a job (a
// stand-in qsub/bsub on PATH is fine for that, and only for that), and the options refused before
// anything is created. That submission and following really work is the Grid Engine end-to-end test.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'fractal-submit-hpc-'));
after(() => rmSync(work, { recursive: true, force: true }));
const SMALL = ['--width', '256', '--height', '192', '--smoothness', '1'];

let n = 0;
const sandbox = (fakes: Record<string, string> = {}) => {
  const cwd = join(work, `case-${++n}`);
  const bin = join(cwd, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries(fakes)) {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const submit = (args: string[]) => runCli(['submit', ...args, ...SMALL], { cwd, env: { PATH: `${bin}:/usr/bin:/bin`, FRACTAL_SCHEDULER: '' }, timeoutMs: 30_000 });
  return { cwd, submit };
};

test('no qsub on PATH: exit 4, "no PBS client", and the script stays in its run directory', async () => {
  const { cwd } = sandbox();
  // PATH is the empty bin/ alone: bash and node are found by their absolute paths
  const result = await runCli(['submit', '--scheduler', 'pbs', '--nodes', '2', '--run-dir', 'r', ...SMALL], { cwd, env: { PATH: join(cwd, 'bin'), FRACTAL_SCHEDULER: '' } });
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /^Error: qsub was not found on PATH: this machine has no PBS client$/m);
  assert.match(result.stderr, /hint: nothing was submitted; the script and options stay in .*\/r$/m);
  assert.deepEqual(readdirSync(join(cwd, 'r')).sort(), ['job.sh', 'submit.json', 'token']);
});

test('bsub refusing the job it read on its stdin: exit 4 with bsub\'s own words', async () => {
  // a stand-in that refuses, saying what it was given: the script on stdin, no argument
  const { submit } = sandbox({ bsub: 'echo "args: $# directives: $(grep -c "^#BSUB")" >&2; echo "Bad resource requirement syntax. Job not submitted." >&2; exit 255' });
  const result = await submit(['--scheduler', 'lsf', '--nodes', '2']);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /^Error: bsub failed \(exit 255\): args: 0 directives: 6\nBad resource requirement syntax\. Job not submitted\.$/m);
});

test('Grid Engine\'s qsub printing no job id: exit 4, and where to look whether a job was queued', async () => {
  const { submit } = sandbox({ qsub: 'echo "Your job is being processed"' });
  const result = await submit(['--scheduler', 'sge', '--nodes', '2']);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /^Error: qsub -terse \S+job\.sh succeeded but printed no job id I can read/m);
  assert.match(result.stderr, /hint: check with qstat -u '\*' whether a job was queued/);
});

test('values and options PBS, LSF and Grid Engine cannot carry: exit 2, nothing created', async () => {
  const { cwd, submit } = sandbox();
  for (const [args, message] of [
    [['--scheduler', 'pbs', '--job-name', 'x; rm -rf ~'], /--job-name "x; rm -rf ~": PBS reads its directive lines itself/],
    [['--scheduler', 'lsf', '--job-name', 'fractal[1-4]'], /--job-name "fractal\[1-4\]": LSF reads/],
    [['--scheduler', 'sge', '--queue', 'a,b'], /--queue "a,b" cannot stand on a #\$ line safely/],
    [['--scheduler', 'sge', '--run-dir', 'my runs'], /the run directory ".*my runs" cannot stand on a #\$ line safely/],
    [['--scheduler', 'pbs', '--time', '10', '--signal-before', '60'], /--signal-before has no equivalent for --scheduler pbs/],
    [['--scheduler', 'slurm', '--parallel-environment', 'mpi'], /--parallel-environment has no equivalent for --scheduler slurm/],
    [['--scheduler', 'lsf', '--launcher', 'pbsdsh'], /--launcher pbsdsh does not fit --scheduler lsf/],
  ] as const) {
    const result = await submit(['--dry-run', ...args]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
  assert.deepEqual(readdirSync(cwd), ['bin']);
});

test('PBS with a time limit: the script is written, with a warning that PBS gives no warning signal', async () => {
  const { submit } = sandbox();
  const result = await submit(['--dry-run', '--scheduler', 'pbs', '--time', '1:00:00']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /PBS sends no warning before the walltime limit/);
  assert.match(result.stdout, /^#PBS -l walltime=01:00:00$/m);
});
