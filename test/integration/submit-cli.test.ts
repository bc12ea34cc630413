// `fractal submit` as a user runs it, up to the scheduler's door: --dry-run prints exactly the pinned
// scripts and creates nothing; bad options and templates fail before anything is created; a missing
// or failing scheduler is reported with its own words, a documented exit code and a hint. The fake
// sbatch/flux here only ever fail: that submission really works is shown on a real Slurm cluster
// (test/e2e/slurm.test.ts) and by the local scheduler (submit-local.test.ts).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, runCli } from '../helpers/cli.js';
import { GOLDEN_CASES, GOLDEN_DIR, GOLDEN_FRACTAL, GOLDEN_NODE, GOLDEN_RUN_DIR, type GoldenCase } from '../helpers/submit-golden.js';

const work = mkdtempSync(join(tmpdir(), 'fractal-submit-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

const SMALL = ['--width', '256', '--height', '192', '--smoothness', '1'];
let n = 0;
/** A fresh working directory per test, and a bin/ directory that is the whole PATH. */
const sandbox = (fakes: Record<string, string> = {}) => {
  const cwd = join(work, `case-${++n}`);
  const bin = join(cwd, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries(fakes)) {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const submit = (args: string[]) => runCli(['submit', ...args], { cwd, env: { PATH: bin, FRACTAL_SCHEDULER: '' }, timeoutMs: 30_000 });
  return { cwd, bin, submit };
};

for (const name of Object.keys(GOLDEN_CASES) as GoldenCase[]) {
  test(`--dry-run prints exactly the pinned ${name} script and creates nothing`, async () => {
    const { cwd, submit } = sandbox();
    const runDir = join(cwd, 'the-run');
    const result = await submit(['--dry-run', '--run-dir', runDir, ...SMALL, ...GOLDEN_CASES[name].flags]);
    assert.equal(result.code, 0, result.stderr);
    const expected = readFileSync(`${GOLDEN_DIR}${name}.sh`, 'utf8')
      .replaceAll(GOLDEN_NODE, process.execPath)
      .replaceAll(GOLDEN_FRACTAL, CLI)
      .replaceAll(GOLDEN_RUN_DIR, runDir);
    assert.equal(result.stdout, expected);
    assert.deepEqual(readdirSync(cwd), ['bin']);
  });
}

test('a run directory with spaces and quotes is quoted for bash and for sbatch', async () => {
  const { cwd, submit } = sandbox();
  const runDir = join(cwd, "it's a run");
  const result = await submit(['--dry-run', '--run-dir', runDir, ...SMALL]);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(result.stdout.includes(`#SBATCH --chdir="${runDir}"\n`), result.stdout);
  assert.ok(result.stdout.includes(`cd '${runDir.replace("'", "'\\''")}'\n`), result.stdout);
  // bash, running the script up to srun, lands in the run directory
  mkdirSync(runDir);
  const head = result.stdout.slice(0, result.stdout.indexOf('\nsrun ') + 1);
  assert.equal(execFileSync('bash', ['-c', `${head}pwd`], { encoding: 'utf8' }), `${runDir}\n`);
});

test('--dry-run of a sweep prints each point\'s script under a comment naming its file, and creates nothing', async () => {
  const { cwd, submit } = sandbox();
  const result = await submit(['--dry-run', '--scheduler', 'slurm', '--nodes', '2,3', '--repeat', '2', ...SMALL]);
  assert.equal(result.code, 0, result.stderr);
  const headers = [...result.stdout.matchAll(/^# ==> (.*) <==$/gm)].map((m) => m[1]!);
  assert.equal(headers.length, 4);
  assert.match(headers[0]!, new RegExp(`^${cwd}/runs/\\d{8}-\\d{6}-slurm-sweep/n2-r1/job\\.sh$`));
  assert.deepEqual(headers.map((h) => h.split('/').at(-2)), ['n2-r1', 'n2-r2', 'n3-r1', 'n3-r2']);
  assert.deepEqual([...result.stdout.matchAll(/^#SBATCH --nodes=(\d+)$/gm)].map((m) => m[1]), ['2', '2', '3', '3']);
  assert.deepEqual(readdirSync(cwd), ['bin']);
});

test('sbatch missing: exit 4, says so, hints at --dry-run and --scheduler local, keeps the script', async () => {
  const { cwd, submit } = sandbox();
  const result = await submit(['--scheduler', 'slurm', '--nodes', '2', ...SMALL]);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /^Error: sbatch was not found on PATH: this machine has no Slurm client$/m);
  assert.match(result.stderr, /hint: inspect the script: .*job\.sh \(or rerun with --dry-run/);
  assert.match(result.stderr, /hint: or run the same job on this machine: --scheduler local/);
  assert.match(result.stderr, /hint: nothing was submitted; the script and options stay in /);
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace');
  const [dir] = readdirSync(join(cwd, 'runs'));
  const submission = JSON.parse(readFileSync(join(cwd, 'runs', dir!, 'submit.json'), 'utf8'));
  assert.equal(submission.job, null);
  assert.ok(existsSync(join(cwd, 'runs', dir!, 'job.sh')));
  assert.equal(statSync(join(cwd, 'runs', dir!, 'token')).mode & 0o777, 0o600);
});

test('sbatch refusing the job: exit 4 with sbatch\'s own message', async () => {
  const { submit } = sandbox({ sbatch: 'echo "sbatch: error: Batch job submission failed: Invalid partition name specified" >&2; exit 1' });
  const result = await submit(['--scheduler', 'slurm', '--nodes', '2', '--partition', 'nope', ...SMALL]);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /^Error: sbatch failed \(exit 1\): sbatch: error: Batch job submission failed: Invalid partition name specified$/m);
  assert.match(result.stderr, /hint: .*--dry-run/);
});

test('sbatch printing no job id: exit 4, nothing guessed', async () => {
  const { submit } = sandbox({ sbatch: 'echo "Submitted batch job"' });
  const result = await submit(['--scheduler', 'slurm', '--nodes', '2', ...SMALL]);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /printed no job id I can read: "Submitted batch job"/);
});

test('sbatch is given the script and --parsable; its job id is printed with the run directory', async () => {
  // a fake that records its arguments and answers like sbatch --parsable, to check the call itself
  const { cwd, submit } = sandbox({ sbatch: 'printf "%s\\n" "$@" > "$PWD/sbatch-args"; echo "4242;fractal"' });
  const result = await submit(['--scheduler', 'slurm', '--nodes', '2', '--run-dir', 'r1', ...SMALL]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^submitted job 4242: 2 node\(s\), 2 tasks \(rank 0 leads, 1 worker\(s\)\) -> r1$/m);
  assert.match(result.stdout, /squeue -j 4242/);
  assert.deepEqual(readFileSync(join(cwd, 'r1', 'sbatch-args'), 'utf8').split('\n'), ['--parsable', join(cwd, 'r1', 'job.sh'), '']);
  const submission = JSON.parse(readFileSync(join(cwd, 'r1', 'submit.json'), 'utf8'));
  assert.equal(submission.job.id, '4242');
  assert.equal(submission.nodes, 2);
  assert.equal(submission.image.width, 256);
});

test('flux missing: exit 4 naming Flux', async () => {
  const { submit } = sandbox();
  const result = await submit(['--scheduler', 'flux', '--nodes', '2', ...SMALL]);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /^Error: flux was not found on PATH: this machine has no Flux client$/m);
});

test('flux batch refusing the job: exit 4 with Flux\'s own message', async () => {
  const { submit } = sandbox({ flux: 'echo "flux-batch: ERROR: [Errno 2] unsatisfiable request" >&2; exit 1' });
  const result = await submit(['--scheduler', 'flux', '--nodes', '2', ...SMALL]);
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /flux failed \(exit 1\): flux-batch: ERROR: \[Errno 2\] unsatisfiable request/);
});

const nothingCreated = (cwd: string) => assert.deepEqual(readdirSync(cwd).sort(), ['bin']);

test('options a scheduler has no equivalent for are refused (exit 2), before anything is created', async () => {
  const { cwd, submit } = sandbox();
  const flux = await submit(['--scheduler', 'flux', '--account', 'proj', ...SMALL]);
  assert.equal(flux.code, 2, flux.stderr);
  assert.match(flux.stderr, /--account has no equivalent for --scheduler flux/);
  const local = await submit(['--scheduler', 'local', '--directive', '--exclusive', ...SMALL]);
  assert.equal(local.code, 2, local.stderr);
  nothingCreated(cwd);
});

test('bad flags: exit 2 with what was expected, nothing created', async () => {
  const { cwd, submit } = sandbox();
  for (const [args, message] of [
    [['--nodes', '1'], /a job needs at least 2 tasks/],
    [['--nodes', '2,x'], /--nodes: expected a node count/],
    [['--time', 'soon'], /--time: expected a time limit/],
    [['--scheduler', 'moab'], /Expected --scheduler=moab to be one of: slurm, flux, pbs, lsf, sge, local/],
    [['--scheduler', 'pbs', '--launcher', 'srun'], /--launcher srun does not fit --scheduler pbs/],
  ] as const) {
    const result = await submit([...args, ...SMALL]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
  nothingCreated(cwd);
});

test('a job name with a newline is refused (exit 3): it would end the directive and start a command', async () => {
  const { cwd, submit } = sandbox();
  const result = await submit(['--job-name', 'x\ntouch /tmp/pwned', '--dry-run', ...SMALL]);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /--job-name: expected one line/);
  nothingCreated(cwd);
});

test('a template with an unknown placeholder: exit 3 with file:line:column, nothing created', async () => {
  const { cwd, submit } = sandbox();
  writeFileSync(join(cwd, 'bin', 'my.sh'), '#!/bin/bash\n{{directives}}\nsrun {{node}} {{fractal}} run {{run_option}}\n');
  const result = await submit(['--template', 'bin/my.sh', ...SMALL]);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /^Error: bin\/my\.sh:3:31: unknown placeholder \{\{run_option\}\}$/m);
  assert.match(result.stderr, /hint: known placeholders: directives, setup, job_name/);
  assert.deepEqual(readdirSync(join(cwd, 'bin')), ['my.sh']);
  assert.ok(!existsSync(join(cwd, 'runs')));
});

test('a user template is used as given', async () => {
  const { cwd, submit } = sandbox();
  writeFileSync(join(cwd, 'mine.sh'), '#!/bin/bash\n{{directives}}\n# mine\nsrun {{node}} {{fractal}} run --run-dir {{run_dir}} {{run_options}}\n');
  const result = await submit(['--dry-run', '--template', 'mine.sh', '--nodes', '2', '--run-dir', '/x', ...SMALL]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    `#!/bin/bash\n#SBATCH --job-name=fractal\n#SBATCH --nodes=2\n#SBATCH --ntasks-per-node=1\n#SBATCH --requeue\n#SBATCH --open-mode=append\n#SBATCH --chdir=/x\n#SBATCH --output=/x/job.log\n# mine\nsrun ${process.execPath} ${CLI} run --run-dir /x --width 256 --height 192 --smoothness 1 --xpos -0.00275 --ypos 0.78912 --escape-radius 0.125689 --iters 800 --step 6000 --palette Hippi --coloring classic\n`,
  );
});

test('a missing template or a used --run-dir: exit 3', async () => {
  const { cwd, submit } = sandbox();
  const missing = await submit(['--template', 'nope.sh', ...SMALL]);
  assert.equal(missing.code, 3, missing.stderr);
  assert.match(missing.stderr, /cannot read the template nope\.sh: no such file/);
  mkdirSync(join(cwd, 'old'));
  writeFileSync(join(cwd, 'old', 'results.json'), '{}');
  const used = await submit(['--run-dir', 'old', '--dry-run', ...SMALL]);
  assert.equal(used.code, 3, used.stderr);
  assert.match(used.stderr, /already holds 1 file\(s\) of an earlier run; fractal never overwrites a run/);
  assert.equal(readFileSync(join(cwd, 'old', 'results.json'), 'utf8'), '{}');
});

test('bad image flags are refused before submitting (exit 3)', async () => {
  const { cwd, submit } = sandbox();
  const result = await submit(['--palette', 'Nope', '--dry-run', ...SMALL]);
  assert.equal(result.code, 3, result.stderr);
  nothingCreated(cwd);
});
