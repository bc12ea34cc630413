// The batch scripts, pinned byte for byte (test/golden/submit/, UPDATE_GOLDEN=1 rewrites them), and
// the pieces that build them: directives per scheduler, time limits, node lists, job ids.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FractalError } from '../../src/core/errors.js';
import { buildJobScript, directiveLines } from '../../src/core/submit/build-job-script.js';
import { parseNodeCounts } from '../../src/core/submit/node-counts.js';
import { parseFluxJobId, parseSlurmJobId } from '../../src/core/submit/submission.js';
import { formatFluxTime, formatSlurmTime, parseTimeLimit } from '../../src/core/submit/time-limit.js';
import { DEFAULT_SIGNAL_BEFORE_SECONDS, walltimeWarningSeconds } from '../../src/core/submit/walltime-signal.js';
import { GOLDEN_CASES, golden, goldenInput, templateFor, type GoldenCase } from '../helpers/submit-golden.js';

for (const name of Object.keys(GOLDEN_CASES) as GoldenCase[]) {
  test(`golden: the ${name} script, byte for byte`, () => {
    const script = buildJobScript(goldenInput(name), templateFor(name));
    assert.equal(script, golden(`${name}.sh`, script));
  });
}

test('every golden script is valid bash (bash -n)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fractal-golden-'));
  try {
    for (const name of Object.keys(GOLDEN_CASES) as GoldenCase[]) {
      const file = join(dir, `${name}.sh`);
      writeFileSync(file, buildJobScript(goldenInput(name), templateFor(name)));
      execFileSync('bash', ['-n', file]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Slurm: the directives sbatch reads, a user directive verbatim when it starts with #', () => {
  const lines = directiveLines(goldenInput('slurm'));
  assert.deepEqual(lines, [
    '#SBATCH --job-name="x; rm -rf ~"',
    '#SBATCH --nodes=4',
    '#SBATCH --ntasks-per-node=2',
    '#SBATCH --time=01:30:00',
    '#SBATCH --signal=USR1@120',
    '#SBATCH --requeue',
    '#SBATCH --open-mode=append',
    '#SBATCH --partition=debug',
    '#SBATCH --account=proj-42',
    '#SBATCH --chdir=/scratch/alice/runs/golden',
    '#SBATCH --output=/scratch/alice/runs/golden/job.log',
    '#SBATCH --exclusive',
    '#SBATCH --mail-type=NONE',
  ]);
});

test('the walltime warning: a margin before the limit, the default shrunk for a short limit, refused when impossible', () => {
  const limit = (seconds: number) => ({ text: `${seconds}s`, seconds });
  assert.equal(walltimeWarningSeconds(limit(3600), null), DEFAULT_SIGNAL_BEFORE_SECONDS);
  assert.equal(walltimeWarningSeconds(limit(60), null), 30);
  assert.equal(walltimeWarningSeconds(limit(1), null), 1);
  assert.equal(walltimeWarningSeconds(limit(600), 300), 300);
  const refused = (code: string) => (e: unknown) => e instanceof FractalError && e.kind === 'usage' && e.code === code;
  assert.throws(() => walltimeWarningSeconds(limit(600), 600), refused('E_SUBMIT_SIGNAL_BEFORE'));
  assert.throws(() => walltimeWarningSeconds(null, 60), refused('E_SUBMIT_SIGNAL_BEFORE'));
  assert.throws(() => walltimeWarningSeconds(limit(100_000), 70_000), refused('E_FLAG_RANGE'));
  // no limit, no warning asked for
  assert.ok(!directiveLines(goldenInput('slurm-minimal')).some((line) => line.includes('--signal')));
});

test('--no-requeue: Slurm writes it; Flux and local have no equivalent and refuse it, not drop it', () => {
  assert.ok(directiveLines(goldenInput('slurm-minimal')).includes('#SBATCH --no-requeue'));
  assert.ok(!directiveLines(goldenInput('slurm-minimal')).includes('#SBATCH --open-mode=append'));
  for (const name of ['flux', 'local'] as const) {
    assert.throws(
      () => directiveLines({ ...goldenInput(name), requeue: false }),
      (e: unknown) => e instanceof FractalError && e.code === 'E_SUBMIT_UNSUPPORTED' && e.message.includes('--no-requeue'),
    );
  }
});

test('Slurm: a % in the run directory is doubled in --output (sbatch expands %j and friends)', () => {
  const input = goldenInput('slurm-minimal');
  const lines = directiveLines({ ...input, paths: { ...input.paths, log: '/runs/100%/job.log' } });
  assert.ok(lines.includes('#SBATCH --output=/runs/100%%/job.log'));
});

test('Flux: --account has no equivalent and is refused, not dropped', () => {
  assert.throws(
    () => directiveLines({ ...goldenInput('flux'), account: 'proj-42' }),
    (e: unknown) =>
      e instanceof FractalError &&
      e.kind === 'usage' &&
      e.code === 'E_SUBMIT_UNSUPPORTED' &&
      /--account/.test(e.message) &&
      e.suggestions.some((s) => s.includes('system.bank')),
  );
});

test('local: directives, queues and accounts are refused, not dropped', () => {
  const local = goldenInput('local');
  for (const extra of [{ directives: ['--exclusive'] }, { queue: 'debug' }, { account: 'a' }]) {
    assert.throws(() => directiveLines({ ...local, ...extra }), (e: unknown) => e instanceof FractalError && e.code === 'E_SUBMIT_UNSUPPORTED');
  }
});

test('a directive with a newline is refused (it would start a shell command)', () => {
  assert.throws(() => directiveLines({ ...goldenInput('slurm-minimal'), directives: ['--exclusive\nrm -rf ~'] }), (e: unknown) => e instanceof FractalError && e.code === 'E_SUBMIT_CONTROL_CHAR');
});

test('time limits: Slurm forms and Flux durations in, each scheduler\'s form out', () => {
  const cases: Array<[string, number, string, string]> = [
    ['10', 600, '00:10:00', '10m'],
    ['1:30', 90, '00:01:30', '90s'],
    ['1:30:00', 5400, '01:30:00', '90m'],
    ['2-0', 172800, '2-00:00:00', '2880m'],
    ['1-12:30', 131400, '1-12:30:00', '2190m'],
    ['0-00:00:45', 45, '00:00:45', '45s'],
    ['90s', 90, '00:01:30', '90s'],
    ['1.5h', 5400, '01:30:00', '90m'],
    ['2d', 172800, '2-00:00:00', '2880m'],
  ];
  for (const [text, seconds, slurm, flux] of cases) {
    const limit = parseTimeLimit(text);
    assert.equal(limit.seconds, seconds, text);
    assert.equal(formatSlurmTime(limit.seconds), slurm, text);
    assert.equal(formatFluxTime(limit.seconds), flux, text);
  }
  for (const bad of ['', '0', 'ten', '1:2:3:4', '-5', '5x', '400d', '00:00']) {
    assert.throws(() => parseTimeLimit(bad), (e: unknown) => e instanceof FractalError && e.kind === 'usage' && e.code === 'E_SUBMIT_TIME', bad);
  }
});

test('node counts: one or a list, each at least 1, none twice', () => {
  assert.deepEqual(parseNodeCounts('4'), [4]);
  assert.deepEqual(parseNodeCounts('1, 2,4,8'), [1, 2, 4, 8]);
  for (const bad of ['', '0', '2,,4', 'four', '1.5', '-2', '4,4']) {
    assert.throws(() => parseNodeCounts(bad), (e: unknown) => e instanceof FractalError && e.kind === 'usage' && e.code === 'E_SUBMIT_NODES', bad);
  }
});

test('job ids: sbatch --parsable and flux batch output', () => {
  assert.equal(parseSlurmJobId('42\n'), '42');
  assert.equal(parseSlurmJobId('42;cluster-a\n'), '42');
  assert.equal(parseSlurmJobId('sbatch: warning: x\n43\n'), '43');
  assert.equal(parseSlurmJobId('Submitted batch job 42\n'), undefined);
  assert.equal(parseSlurmJobId(''), undefined);
  assert.equal(parseFluxJobId('ƒM7Zq9AKHno\n'), 'ƒM7Zq9AKHno');
  assert.equal(parseFluxJobId('fM7Zq9AKHno'), 'fM7Zq9AKHno');
  assert.equal(parseFluxJobId('two words'), undefined);
});
