// The packed tarball as a user installs it: `npm pack` puts the compiled addon in
// prebuilds/<platform>-<arch>/ (prepack), the tarball holds no C sources and no binding.gyp (so
// npm finds nothing to compile and runs no install script), and the installed `fractal` computes
// with the native kernel; without the prebuilt binary it falls back to WebAssembly, says so once,
// and writes the same PNG bytes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { codeCacheStateOf, REPO_ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-pack-'));
const app = join(dir, 'app');
const installed = join(app, 'node_modules', 'fractal');
const prebuild = join('prebuilds', `${process.platform}-${process.arch}`, 'fractal_native.node');
let files: string[] = [];
after(() => rmSync(dir, { recursive: true, force: true }));

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

before(() => {
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], REPO_ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed[0]!.files.map((f) => f.path);
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  npm(['install', '--no-audit', '--no-fund', join(dir, packed[0]!.filename)], app);
}, { timeout: 600_000 });

const installedFractal = (args: string[]) =>
  spawnSync(process.execPath, [join(installed, 'bin', 'run.js'), ...args], { cwd: app, encoding: 'utf8', timeout: 60_000 });

test('the tarball carries the addon for this platform and nothing to compile', () => {
  assert.ok(files.includes(prebuild), `no ${prebuild} in ${files.length} files`);
  assert.ok(!files.some((f) => f === 'binding.gyp' || f.startsWith('native/') || f.startsWith('build/')), files.join(' '));
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.gypfile, false);
  assert.equal(manifest.scripts.install, undefined);
  assert.equal(manifest.scripts.preinstall, undefined);
  assert.equal(manifest.scripts.postinstall, undefined);
  // nothing was built on install: the binary is the packed one
  assert.equal(existsSync(join(installed, 'build')), false);
  assert.deepEqual(readdirSync(join(installed, 'prebuilds')), [`${process.platform}-${process.arch}`]);
});

test('the installed fractal reports the native kernel and renders render\'s bytes', async () => {
  const version = installedFractal(['version', '--json']);
  assert.equal(version.status, 0, version.stderr);
  const report = JSON.parse(version.stdout);
  assert.match(report.kernel, /^native-/);
  assert.equal(report.nativeAddon, join(installed, prebuild));
  // the bundle's code cache was packed with it, and this Node takes it
  assert.ok(files.includes('dist/fractal.cjs.cache'), files.join(' '));
  assert.equal(codeCacheStateOf(installed), 'used');
  const args = ['render', '--quiet', '--width', '48', '--height', '36', '--smoothness', '1', '--outfile'];
  const mine = await runCli([...args, join(dir, 'checkout.png')]);
  assert.equal(mine.code, 0, mine.stderr);
  const theirs = installedFractal([...args, join(dir, 'installed.png')]);
  assert.equal(theirs.status, 0, theirs.stderr);
  assert.ok(readFileSync(join(dir, 'installed.png')).equals(readFileSync(join(dir, 'checkout.png'))));
});

test('without a binary for the platform: WebAssembly, one warning line, the same bytes', () => {
  rmSync(join(installed, 'prebuilds'), { recursive: true, force: true });
  const version = installedFractal(['version']);
  assert.equal(version.status, 0, version.stderr);
  assert.match(version.stdout, /, kernel wasm-simd\)\n$/);
  const warnings = version.stderr.trim().split('\n');
  assert.equal(warnings.length, 1, version.stderr);
  const platform = `${process.platform}-${process.arch}`;
  assert.match(
    warnings[0]!,
    new RegExp(
      '^warning: the native addon is not built \\(no .*\\); using the wasm-simd kernel \\(the same pixels, slower\\); ' +
        `to have it, this package has no prebuilt native kernel for ${platform}: build one from a checkout of fractal$`,
    ),
  );
  const render = installedFractal(['render', '--quiet', '--width', '48', '--height', '36', '--smoothness', '1', '--outfile', join(dir, 'wasm.png')]);
  assert.equal(render.status, 0, render.stderr);
  assert.equal(render.stderr.trim().split('\n').length, 1, 'the warning once, however many threads');
  assert.ok(readFileSync(join(dir, 'wasm.png')).equals(readFileSync(join(dir, 'checkout.png'))));
  const forced = spawnSync(process.execPath, [join(installed, 'bin', 'run.js'), 'version'], {
    cwd: app,
    encoding: 'utf8',
    env: { ...process.env, FRACTAL_KERNEL: 'native' },
  });
  assert.equal(forced.status, 2);
  assert.match(forced.stderr, /^Error: FRACTAL_KERNEL=native: the native addon is not built/);
});
