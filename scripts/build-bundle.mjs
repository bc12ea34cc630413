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
// used there), its import() calls become calls of the loader's fractalImport
// (src/bundle/code-cache.ts says why), and it is all ASCII (rewriteBundle). Packages that only some
// commands need late, or never, stay outside: vega and resvg (the scaling plot) and TypeScript
// (oclif's development mode). The ES modules' CommonJS dependencies call require(), which an ES
// module lacks: their banner gives each one of its own.
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

/**
 * oclif sorts the commands of a plugin with localeCompare as it loads it, in every process: the
 * first localeCompare of a process sets up ICU's collator, ~10 ms of CPU, four times over in a
 * `run --local 2`. Command ids are ASCII (letters, digits, `-` and `:`), and an ordinal comparison
 * orders fractal's ids as the collator does (test/unit/command-order.test.ts holds it to that). The
 * build fails if an oclif release changes the line, rather than bundling it unchanged.
 */
const LOCALE_SORT = '.sort((a, b) => a.id.localeCompare(b.id));';
const ORDINAL_SORT = '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));';
const ordinalCommandSort = {
  name: 'ordinal-command-sort',
  setup(bundler) {
    bundler.onLoad({ filter: /@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(LOCALE_SORT)) throw new Error(`${args.path} no longer sorts its commands with "${LOCALE_SORT}": review build-bundle.mjs`);
      return { contents: source.replace(LOCALE_SORT, ORDINAL_SORT), loader: 'js' };
    });
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };
await build({
  ...common,
  plugins: [ordinalCommandSort],
  entryPoints: { fractal: join(root, 'src/fractal.ts') },
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  external: ['vega', '@resvg/resvg-js', 'typescript'],
  define: { 'import.meta': 'fractalImportMeta' },
  banner: { js: "var fractalImportMeta = { url: require('node:url').pathToFileURL(__filename).href };" },
});

/**
 * The bundle as it is written, from one parse of it (about a second for its 2.6 MB):
 * - each `import(` a call of the loader's fractalImport (found by parsing: a string or a comment
 *   may hold the word);
 * - every character outside ASCII escaped (\\uXXXX means the same in a string, a template, a
 *   regular expression and a name), or, in a comment, replaced by `?`. V8 keeps an ASCII source as
 *   one byte a character, and the loader reads it as latin1: 1 ms instead of 5 ms of UTF-8
 *   decoding at every start, and half the memory. esbuild escapes strings but leaves regular
 *   expressions and the comments it keeps as they are.
 */
const rewriteBundle = (code) => {
  const edits = [];
  const comments = [];
  const visit = (node) => {
    if (Array.isArray(node)) for (const child of node) visit(child);
    else if (node !== null && typeof node === 'object') {
      if (node.type === 'ImportExpression') edits.push({ start: node.start, end: node.start + 'import'.length, text: 'fractalImport' });
      for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
    }
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'script', onComment: (_block, _text, start, end) => comments.push([start, end]) }));
  const inComment = (index) => comments.some(([start, end]) => index >= start && index < end);
  for (let i = 0; i < code.length; i++) {
    const unit = code.charCodeAt(i);
    if (unit >= 0x80) edits.push({ start: i, end: i + 1, text: inComment(i) ? '?' : `\\u${unit.toString(16).padStart(4, '0')}` });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += code.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  return out + code.slice(last);
};

const cliBundle = join(dist, 'fractal.cjs');
writeFileSync(cliBundle, rewriteBundle(readFileSync(cliBundle, 'utf8')));

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
