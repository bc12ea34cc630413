// The bundle's loader and its V8 code cache (src/bundle/code-cache.ts), on a small CommonJS
// script: each load is a fresh Node process, as each start of the CLI is (V8 also keeps
// compiled scripts in memory, which would hide what the cache file does).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'fractal-code-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const bundle = join(dir, 'bundle.cjs');
const cache = join(dir, 'bundle.cjs.cache');
const loader = pathToFileURL(new URL('../../src/bundle/code-cache.ts', import.meta.url).pathname).href;

// what the build makes of an import(): a call of the loader's fractalImport
const script = (operation: string): string =>
  `exports.combine = (a, b) => a ${operation} b;\n` + "exports.platform = () => fractalImport('node:os').then((os) => os.platform());\n";

/** Loads the bundle in a new process: the cache's state, what the bundle computes, and (optionally) writes the cache. */
const load = (options: { write?: boolean } = {}): { state: string; combined: number; platform: string } => {
  const driver = [
    `import { loadWithCodeCache } from ${JSON.stringify(loader)};`,
    `import { writeFileSync } from 'node:fs';`,
    `const loaded = loadWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)}, (s) => import(s));`,
    `const platform = await loaded.exports.platform();`,
    `const combined = loaded.exports.combine(6, 3);`,
    // after the calls, so that the cache holds their functions' bytecode too
    options.write ? `writeFileSync(${JSON.stringify(cache)}, loaded.createCodeCache());` : '',
    `console.log(JSON.stringify({ state: loaded.codeCache, combined, platform }));`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', driver], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { state: string; combined: number; platform: string };
};

test('without a cache file the bundle loads and runs, its import() included', () => {
  writeFileSync(bundle, script('+'));
  rmSync(cache, { force: true });
  assert.deepEqual(load({ write: true }), { state: 'absent', combined: 9, platform: process.platform });
});

test('the next start takes the cache V8 made', () => {
  assert.deepEqual(load(), { state: 'used', combined: 9, platform: process.platform });
});

test('a cache made from another bundle of the same length is never offered to V8', () => {
  // V8 itself compares only the source's length: it would run the old bytecode
  writeFileSync(bundle, script('*'));
  assert.deepEqual(load(), { state: 'stale', combined: 18, platform: process.platform });
});

test('a damaged cache is refused by V8 and the bundle compiles as without one', () => {
  writeFileSync(bundle, script('-'));
  load({ write: true });
  const bytes = readFileSync(cache);
  // past the 32-byte digest: V8's own header and payload
  for (let i = 40; i < bytes.length; i += 7) bytes[i] = bytes[i]! ^ 0x5a;
  writeFileSync(cache, bytes);
  assert.deepEqual(load(), { state: 'rejected', combined: 3, platform: process.platform });
});
