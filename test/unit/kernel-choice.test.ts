// Which kernel a process uses: the fastest by default, FRACTAL_KERNEL's when forced, the
// WebAssembly one (with the reason) where the native addon is missing, and clear errors for a
// kernel that cannot run here or a name that is none. Also how the addon is found and refused,
// and that its binary holds no fused multiply-add (which would change the bits).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FractalError } from '../../src/core/errors.js';
import { createKernel, KERNEL_CHOICES, parseKernelChoice, selectKernel } from '../../src/core/render/kernel-choice.js';
import { loadNativeAddon, loadNativeAddonFrom, nativeAddonCandidates, type NativeLoad } from '../../src/core/render/native-addon.js';
import { viewJob } from '../helpers/escape-compare.js';

const native = loadNativeAddon();
const missing: NativeLoad = { loaded: false, reason: 'the native addon is not built (no build/Release/fractal_native.node)' };

const fractalError = (code: string, pattern: RegExp) => (error: unknown): boolean => {
  assert.ok(error instanceof FractalError, String(error));
  assert.equal(error.code, code);
  assert.equal(error.kind, 'usage');
  assert.match(error.message, pattern);
  assert.ok(error.suggestions.length > 0);
  return true;
};

test('FRACTAL_KERNEL: unset or empty is "the fastest"; every listed name parses; others are refused', () => {
  assert.equal(parseKernelChoice(undefined), undefined);
  assert.equal(parseKernelChoice(''), undefined);
  for (const choice of KERNEL_CHOICES) assert.equal(parseKernelChoice(choice), choice);
  assert.throws(() => parseKernelChoice('avx512'), fractalError('E_KERNEL_UNKNOWN', /^FRACTAL_KERNEL: expected one of native, native-avx512, .*, got "avx512"$/));
  assert.throws(() => parseKernelChoice('WASM'), (error: FractalError) => error.suggestions[0] === 'did you mean FRACTAL_KERNEL=wasm?');
});

test('by default the fastest native path; forcing picks exactly the one named', () => {
  assert.ok(native.loaded);
  const auto = selectKernel(undefined);
  assert.equal(auto.fallback, null);
  assert.equal(auto.nativeFile, native.file);
  assert.deepEqual(auto.available.slice(-2), ['wasm-simd', 'js-scalar']);
  assert.equal(selectKernel('native').kernel, auto.kernel);
  assert.equal(selectKernel('wasm').kernel, 'wasm-simd');
  assert.equal(selectKernel('js').kernel, 'js-scalar');
  for (const name of auto.available) {
    const choice = name === 'wasm-simd' ? 'wasm' : name === 'js-scalar' ? 'js' : name;
    const selection = selectKernel(parseKernelChoice(choice));
    assert.equal(selection.kernel, name);
    // and the thread builds that one, which computes
    const kernel = createKernel(selection.kernel);
    assert.equal(kernel.name, name);
    assert.equal(kernel.computeRows(viewJob(-0.5, 0, 3, 8, 2, 50)).iters.length, 16);
  }
});

test('a forced path this CPU or build lacks is an error naming what does run', () => {
  const absent = process.arch === 'arm64' ? 'native-avx512' : 'native-neon';
  assert.throws(() => selectKernel(absent), fractalError('E_KERNEL_UNAVAILABLE', new RegExp(`^FRACTAL_KERNEL=${absent}: this build or CPU has no \\w+ path; this machine runs native-`)));
});

test('where the addon is missing: WebAssembly, with the reason; forcing native is an error', () => {
  const selection = selectKernel(undefined, missing);
  assert.equal(selection.kernel, 'wasm-simd');
  assert.equal(selection.nativeFile, null);
  assert.deepEqual(selection.available, ['wasm-simd', 'js-scalar']);
  assert.match(selection.fallback ?? '', /^the native addon is not built/);
  assert.equal(selectKernel('wasm', missing).fallback, null);
  for (const choice of ['native', 'native-sse2', 'native-scalar'] as const) {
    assert.throws(
      () => selectKernel(choice, missing),
      fractalError('E_KERNEL_UNAVAILABLE', new RegExp(`^FRACTAL_KERNEL=${choice}: the native addon is not built .*; this machine runs wasm-simd, js-scalar$`)),
    );
  }
});

test('the loader: the local build first, then prebuilds/<platform>-<arch>; a missing, broken or foreign file is a reason', () => {
  const [local, prebuilt] = nativeAddonCandidates('/pkg', 'linux', 'x64');
  assert.equal(local, '/pkg/build/Release/fractal_native.node');
  assert.equal(prebuilt, '/pkg/prebuilds/linux-x64/fractal_native.node');
  const dir = mkdtempSync(join(tmpdir(), 'fractal-addon-'));
  try {
    const none = loadNativeAddonFrom([join(dir, 'a.node'), join(dir, 'b.node')]);
    assert.equal(none.loaded, false);
    assert.match(none.loaded ? '' : none.reason, /^the native addon is not built \(no .*a\.node nor .*b\.node\)$/);
    writeFileSync(join(dir, 'broken.node'), 'not a shared object');
    writeFileSync(join(dir, 'foreign.js'), 'module.exports = { paths: [] };');
    const broken = loadNativeAddonFrom([join(dir, 'broken.node'), join(dir, 'foreign.js')]);
    assert.match(broken.loaded ? '' : broken.reason, /^the native addon did not load \(.*broken\.node: .*; .*foreign\.js: it lacks supported, best/);
    if (native.loaded) {
      // a broken first candidate does not hide a good second one
      const second = loadNativeAddonFrom([join(dir, 'broken.node'), native.file]);
      assert.equal(second.loaded && second.file, native.file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the addon\'s machine code has no fused multiply-add (it would round x*x - y*y once instead of twice)', (t) => {
  assert.ok(native.loaded);
  let listing: string;
  try {
    listing = execFileSync('objdump', ['-d', '--no-show-raw-insn', native.file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if (process.env['CI'] === 'true') throw error;
    t.skip(`objdump (binutils) is not installed: ${(error as Error).message}`);
    return;
  }
  // x86-64: vfmadd…, vfmsub…, vfnmadd…, vfnmsub…; arm64: fmadd, fmsub, fmla, fmls, fnmadd, fnmsub
  const fused = listing.split('\n').filter((line) => /\s(v?fn?m(add|sub)\w*|fml[as])\s/.test(line));
  assert.ok(listing.includes('vmulpd') || process.arch !== 'x64', 'the listing holds the SIMD code');
  assert.deepEqual(fused, []);
});
