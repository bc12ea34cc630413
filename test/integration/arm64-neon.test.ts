// The arm64 build checked on this x86-64 machine: the kernel's C files (they do not depend on
// Node) cross-compiled with Debian's gcc-aarch64-linux-gnu into a static driver
// (test/native/cross-check.c) and run under qemu-aarch64: NEON against scalar, both against the
// JavaScript definition, the log against Math.log, and no fused multiply-add in the machine code.
// Needs gcc-aarch64-linux-gnu and qemu-user(-static) (.ci/run installs them). Without them the
// tests are skipped with the reason; in CI (CI=true) they fail instead.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createScalarKernel } from '../../src/core/render/kernel.js';
import { classicRowJob, type RowJob } from '../../src/core/render/view.js';
import { copyResult, firstDifference, image, seededRandom, viewJob } from '../helpers/escape-compare.js';
import { REPO_ROOT } from '../helpers/cli.js';

const COMPILER = 'aarch64-linux-gnu-gcc';
const OBJDUMP = 'aarch64-linux-gnu-objdump';
const QEMU = ['qemu-aarch64-static', 'qemu-aarch64'];
const SOURCES = ['escape-neon', 'escape-scalar', 'dispatch', 'fk-log', 'classic-color'].map((name) => join(REPO_ROOT, 'native', `${name}.c`));
// the flags binding.gyp gives every file
const CFLAGS = ['-O3', '-ffp-contract=off', '-fno-fast-math', '-std=gnu11', '-Wall', '-Wextra', '-Werror'];

const found = (command: string): boolean => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
const qemu = QEMU.find(found);
const missing = [...(found(COMPILER) ? [] : [COMPILER]), ...(qemu ? [] : [QEMU.join(' or ')]), ...(found(OBJDUMP) ? [] : [OBJDUMP])];
const unavailable = missing.length > 0 ? `${missing.join(', ')} not installed (apt-get install gcc-aarch64-linux-gnu qemu-user-static)` : '';
const inCI = process.env['CI'] === 'true';
if (unavailable && !inCI) process.stderr.write(`arm64 cross-check tests skipped: ${unavailable}\n`);
const skip = unavailable && !inCI ? unavailable : false;

const dir = mkdtempSync(join(tmpdir(), 'fractal-arm64-'));
const driver = join(dir, 'cross-check');
after(() => rmSync(dir, { recursive: true, force: true }));

const compile = (output: string, flags: string[]): void => {
  execFileSync(COMPILER, [...flags, '-static', '-o', output, ...SOURCES, join(REPO_ROOT, 'test', 'native', 'cross-check.c'), '-lm'], { stdio: 'pipe' });
};

const runDriver = (binary: string, args: string[]) => spawnSync(qemu!, [binary, ...args], { encoding: 'utf8', timeout: 120_000 });

before(() => {
  if (skip) return;
  // in CI missing tools are a broken CI, not a reason to skip
  if (unavailable) throw new Error(`CI=true but the arm64 cross-check cannot run: ${unavailable}`);
  compile(driver, CFLAGS);
});

test('NEON against scalar on every built-in view: counts, norm bits and RGBA', { skip }, () => {
  const result = runDriver(driver, ['views']);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.length, 9);
  for (const line of lines) assert.match(line, /^same .*: neon and scalar, \d+ pixels/);
  assert.match(result.stdout, /deep view, 20000 iterations: neon and scalar, 1200 pixels, [1-9]\d{6,} iterations/);
});

test('NEON under qemu gives the JavaScript definition\'s counts and norms, bit for bit', { skip }, () => {
  const scalar = createScalarKernel();
  const jobs: RowJob[] = [
    classicRowJob(image({ width: 1024, height: 768 }), 380, 4),
    viewJob(0.2501, 0, 1e-5, 40, 30, 20_000),
    viewJob(-0.2, 0, 0.2, 37, 9, 1000),
    viewJob(0, 0, 8, 37, 29, 100),
    viewJob(-0.75, 0.1, 0.5, 1, 1, 800),
    { xmin: -4, xspan: 8, ymin: 0, yspan: 1, denom: 4, width: 5, maxIter: 50, rowStart: 0, rowCount: 1 },
  ];
  for (const [k, job] of jobs.entries()) {
    const out = join(dir, `escape-${k}.bin`);
    const numbers = [job.xmin, job.xspan, job.ymin, job.yspan, job.denom, job.width, job.maxIter, job.rowStart, job.rowCount];
    // %.17g round-trips: JavaScript's shortest form does too, and strtod reads either exactly
    const result = runDriver(driver, ['escape', 'neon', ...numbers.map(String), out]);
    assert.equal(result.status, 0, result.stderr);
    const bytes = readFileSync(out);
    const count = job.width * job.rowCount;
    const got = {
      iters: new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + count * 4)),
      norms: new Float64Array(bytes.buffer.slice(bytes.byteOffset + count * 4, bytes.byteOffset + count * 12)),
    };
    const want = copyResult(scalar.computeRows(job));
    // A one-pixel image divides 0 by 0 (denom = width − 1): an arm64 CPU's NaN has the sign bit
    // clear, an x86-64 one's set; NaN is NaN to the colouring, so compare NaNs as one.
    for (const norms of [got.norms, want.norms]) norms.forEach((norm, p) => Number.isNaN(norm) && (norms[p] = NaN));
    assert.equal(firstDifference(got, want), undefined, `job ${k}: ${JSON.stringify(job)}`);
  }
});

test('the arm64 build\'s log is Math.log, bit for bit, where the colouring meets it', { skip }, () => {
  const random = seededRandom(99);
  const xs = new Float64Array(300_000);
  for (let p = 0; p < xs.length; p++) {
    const r = random() + random() / 2 ** 32;
    xs[p] = p % 3 === 0 ? 2 * r : p % 3 === 1 ? 4 + 12 * r : 2 ** (200 * r - 100);
  }
  xs.set([0, 1, 2, 4, Math.SQRT2, Number.MIN_VALUE, Infinity], 0);
  const input = join(dir, 'log-in.bin');
  const output = join(dir, 'log-out.bin');
  writeFileSync(input, xs);
  const result = runDriver(driver, ['log', input, output]);
  assert.equal(result.status, 0, result.stderr);
  const bytes = readFileSync(output);
  const got = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  assert.equal(got.length, xs.length);
  for (let p = 0; p < xs.length; p++) {
    if (!Object.is(got[p], Math.log(xs[p]!))) assert.fail(`log(${xs[p]}) = ${got[p]} under qemu, Math.log says ${Math.log(xs[p]!)}`);
  }
});

test('no fused multiply-add in the arm64 machine code, and the check would see one', { skip }, () => {
  const fused = (binary: string): string[] =>
    execFileSync(OBJDUMP, ['-d', '--no-show-raw-insn', binary], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      .split('\n')
      .filter((line) => /\s(fn?m(add|sub)|fml[as])\s/.test(line));
  assert.deepEqual(fused(driver), []);
  // GCC's default for arm64 is to fuse: the same sources so compiled differ from the scalar definition
  const contracted = join(dir, 'contracted');
  compile(contracted, CFLAGS.map((flag) => (flag === '-ffp-contract=off' ? '-ffp-contract=fast' : flag)));
  assert.ok(fused(contracted).length > 0, 'fused instructions in a -ffp-contract=fast build');
  const result = runDriver(contracted, ['views']);
  assert.equal(result.status, 1, 'a fused build is caught by the views');
  assert.match(result.stdout, /^DIFFERENT /m);
});
