#!/usr/bin/env node
// Builds the native kernel (binding.gyp, native/*.c) with node-gyp: npm's own copy, which npm puts
// on PATH (and in npm_config_node_gyp) for its scripts, with npm's settings (nodedir).
//   node scripts/build-native.mjs             part of `npm run build` (so of `npm ci`'s prepare):
//                                             a failure is one warning, and fractal falls back to
//                                             its WebAssembly kernel
//   node scripts/build-native.mjs --required  `npm run build:native` and prepack: a failure fails
//   node scripts/build-native.mjs --prebuild  also copies the addon to prebuilds/<platform>-<arch>/,
//                                             which a packed tarball carries (see package.json files)
// package.json says "gypfile": false, so npm adds no implicit `node-gyp rebuild` install step: a
// machine without a compiler still installs, and a tarball has nothing to compile.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const required = process.argv.includes('--required') || process.argv.includes('--prebuild');
const built = join(root, 'build', 'Release', 'fractal_native.node');

// Only where binding.gyp is: an installed tarball has no sources, and needs none.
if (!existsSync(join(root, 'binding.gyp'))) process.exit(0);

const nodeGyp = process.env.npm_config_node_gyp;
const run = (args) => {
  const [command, argv] = nodeGyp ? [process.execPath, [nodeGyp, ...args]] : ['node-gyp', args];
  // the build's output goes to stderr: stdout is npm pack's (its --json answer)
  const stdio = required ? ['ignore', 2, 2] : ['ignore', 'ignore', 'pipe'];
  return spawnSync(command, argv, { cwd: root, stdio, encoding: 'utf8' });
};

// configure once; make rebuilds what changed (and re-configures when binding.gyp does)
const configured = existsSync(join(root, 'build', 'Makefile')) || existsSync(join(root, 'build', 'binding.sln'));
const result = configured ? run(['build']) : run(['rebuild']);
if (result.status !== 0 || !existsSync(built)) {
  const why = result.error ? result.error.message : `node-gyp exited with ${result.status}`;
  const detail = (result.stderr ?? '').split('\n').find((line) => /error/i.test(line))?.trim();
  const message = `native kernel not built (${why}${detail ? `: ${detail}` : ''})`;
  if (required) {
    console.error(`build-native: ${message}`);
    process.exit(1);
  }
  console.error(`warning: ${message}; fractal will use its WebAssembly kernel. With a C compiler, \`npm run build:native\` builds it.`);
  process.exit(0);
}

if (process.argv.includes('--prebuild')) {
  const target = join(root, 'prebuilds', `${process.platform}-${process.arch}`);
  mkdirSync(target, { recursive: true });
  copyFileSync(built, join(target, 'fractal_native.node'));
}
