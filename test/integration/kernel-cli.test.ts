// The kernel as a user meets it: FRACTAL_KERNEL forces one, the PNG bytes never depend on which,
// `fractal version`, --metrics and the results JSON name it, and a kernel this machine cannot run
// (or a name that is none) is a usage error with one clear line, before any work.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { selectKernel } from '../../src/core/render/kernel-choice.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-kernel-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const best = selectKernel(undefined);
const IMAGE = ['--width', '61', '--height', '45', '--smoothness', '1', '--iters', '400'];

test('the native kernel here: fractal version names it, as text and JSON', async () => {
  assert.match(best.kernel, /^native-/, 'the addon is built (npm run build:native)');
  const text = await runCli(['version']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`, kernel ${best.kernel}\\)\\n$`));
  assert.equal(text.stderr, '');
  const json = await runCli(['version', '--json']);
  const report = JSON.parse(json.stdout);
  assert.equal(report.kernel, best.kernel);
  assert.deepEqual(report.kernels, best.available);
  assert.match(report.nativeAddon, /fractal_native\.node$/);
  assert.equal(report.kernelFallback, null);
  const forced = JSON.parse((await runCli(['version', '--json'], { env: { FRACTAL_KERNEL: 'js' } })).stdout);
  assert.equal(forced.kernel, 'js-scalar');
});

test('fractal render: the same PNG bytes with every kernel, each named in --metrics', async () => {
  const pngs = new Map<string, Buffer>();
  for (const choice of ['native', ...best.available.filter((k) => k.startsWith('native-')), 'wasm', 'js']) {
    const outfile = join(dir, `${choice}.png`);
    const result = await runCli(['render', '--quiet', '--metrics', ...IMAGE, '--outfile', outfile], { env: { FRACTAL_KERNEL: choice } });
    assert.equal(result.code, 0, result.stderr);
    const kernel = /kernel ([\w-]+)\)/.exec(result.stdout)?.[1];
    const expected = choice === 'native' ? best.kernel : choice === 'wasm' ? 'wasm-simd' : choice === 'js' ? 'js-scalar' : choice;
    assert.equal(kernel, expected, result.stdout);
    pngs.set(choice, readFileSync(outfile));
  }
  const reference = pngs.get('js')!;
  assert.ok(reference.length > 1000);
  for (const [choice, png] of pngs) assert.ok(png.equals(reference), `${choice} wrote other bytes than js`);
});

test('a distributed run names each node\'s kernel in the results JSON', async () => {
  const runDir = mkdtempSync(join(dir, 'run-'));
  const results = join(runDir, 'results.json');
  const run = await runCli(['run', '--local', '1', ...IMAGE, '--threads', '1', '--outfile', join(runDir, 'r.png'), '--results', results, '--metrics'], {
    cwd: runDir,
    env: { FRACTAL_KERNEL: 'wasm' },
    timeoutMs: 60_000,
  });
  assert.equal(run.code, 0, run.stderr);
  const nodes = JSON.parse(readFileSync(results, 'utf8')).nodes as Array<{ role: string; kernel: string }>;
  assert.deepEqual(nodes.map((n) => [n.role, n.kernel]), [['leader', 'none'], ['worker', 'wasm-simd']]);
  assert.match(run.stdout + run.stderr, /METRICS WORKER compute: .*\(wasm-simd\)/);
  // and the leader's line for that worker, in the same run's output
  assert.match(run.stdout, /^METRICS WORKER 1 .*, kernel wasm-simd$/m);
});

test('a kernel this machine cannot run, or no kernel at all, is a usage error before any work', async () => {
  const absent = process.arch === 'arm64' ? 'native-avx512' : 'native-neon';
  for (const [value, pattern] of [
    [absent, new RegExp(`^Error: FRACTAL_KERNEL=${absent}: this build or CPU has no \\w+ path; this machine runs ${best.available.join(', ')}\\n {2}hint: `)],
    ['avx2', /^Error: FRACTAL_KERNEL: expected one of native, native-avx512, .* got "avx2"\n {2}hint: unset FRACTAL_KERNEL/],
  ] as const) {
    for (const args of [['render', ...IMAGE, '--outfile', join(dir, 'never.png')], ['version'], ['run', '--local', '1', ...IMAGE]]) {
      const result = await runCli(args, { env: { FRACTAL_KERNEL: value }, cwd: dir });
      assert.equal(result.code, 2, `${args[0]}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
      assert.equal(result.stdout, '');
    }
  }
  assert.throws(() => readFileSync(join(dir, 'never.png')));
});
