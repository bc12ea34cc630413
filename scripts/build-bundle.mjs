#!/usr/bin/env node
// Bundles the CLI with esbuild, so that a task loads a few files instead of hundreds, which is
// most of its start-up:
//   dist/fractal.cjs     src/fractal.ts (oclif and every command) and all it imports;
//   dist/fractal.js      src/bundle/entry.ts: loads fractal.cjs through its V8 code cache;
//   dist/unit-thread.js  a compute thread (src/core/cluster/unit-thread.ts).
// Then scripts/build-code-cache.mjs makes dist/fractal.cjs.cache.
//
// The CLI's bundle is CommonJS because vm.Script, which takes a code cache, runs scripts, not ES
// modules. Its import.meta is one the banner makes from the file's name (only import.meta.url is
// used there), and its import() calls become calls of the loader's fractalImport
// (src/bundle/code-cache.ts says why). Packages that only some commands need late, or never, stay
// outside: vega and resvg (the scaling plot) and TypeScript (oclif's development mode). The ES
// modules' CommonJS dependencies call require(), which an ES module lacks: their banner gives each
// one of its own.
import { parse } from 'acorn';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// the bundles are all of dist/: nothing an earlier build left may be packed with them
rmSync(dist, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: { fractal: join(root, 'src/fractal.ts') },
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  external: ['vega', '@resvg/resvg-js', 'typescript'],
  define: { 'import.meta': 'fractalImportMeta' },
  banner: { js: "var fractalImportMeta = { url: require('node:url').pathToFileURL(__filename).href };" },
});

/** Each `import(` of the code, found by parsing it (a string or a comment may hold the word). */
const importCalls = (code) => {
  const starts = [];
  const visit = (node) => {
    if (Array.isArray(node)) for (const child of node) visit(child);
    else if (node !== null && typeof node === 'object') {
      if (node.type === 'ImportExpression') starts.push(node.start);
      for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
    }
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'script' }));
  return starts;
};

const cliBundle = join(dist, 'fractal.cjs');
let code = readFileSync(cliBundle, 'utf8');
for (const start of importCalls(code).sort((a, b) => b - a)) code = `${code.slice(0, start)}fractalImport${code.slice(start + 'import'.length)}`;
writeFileSync(cliBundle, code);

await build({
  ...common,
  entryPoints: { fractal: join(root, 'src/bundle/entry.ts'), 'unit-thread': join(root, 'src/core/cluster/unit-thread.ts') },
  outdir: dist,
  format: 'esm',
  banner: { js: "import { createRequire as fractalCreateRequire } from 'node:module'; const require = fractalCreateRequire(import.meta.url);" },
});

// the CLI works without its cache, only each start is slower: a failure here warns
const cache = spawnSync(process.execPath, [join(root, 'scripts/build-code-cache.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (cache.status !== 0) console.warn(`warning: no code cache for the CLI's bundle (scripts/build-code-cache.mjs exited ${cache.status ?? cache.signal}); each start compiles it`);
