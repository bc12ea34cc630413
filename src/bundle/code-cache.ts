// Loads the CLI's bundle (dist/fractal.cjs) with a V8 code cache, so that a task spends about
// 90 ms less CPU getting to its leader. Node 20 compiles a module from scratch at every start
// (module.enableCompileCache came with Node 22), but vm.Script takes the code cache an earlier run
// of the same script made, with the bytecode of every function that run compiled. The build makes
// one (scripts/build-code-cache.mjs) and keeps it beside the bundle.
//
// V8 refuses a cache from another V8 version or other V8 flags by itself, and the bundle then
// compiles as it would without one. V8 compares the source's length, not its text, so the cache
// file starts with the bundle's SHA-256: a cache from any other bundle is never offered.
//
// Node 20 loses a vm.Script's import() callback when the script comes from a code cache
// (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so the build turns the bundle's import() calls into
// calls of `fractalImport`, which the caller passes in: an import() in a module beside the bundle.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/** used: V8 took the cache; rejected: V8 refused it; stale: made from another bundle; absent: no file. */
export type CodeCacheState = 'used' | 'rejected' | 'stale' | 'absent';

/** What the bundle's import() calls became. */
export type DynamicImport = (specifier: string) => Promise<unknown>;

export interface LoadedBundle {
  exports: Record<string, unknown>;
  codeCache: CodeCacheState;
  /** The cache file's bytes for this bundle, with what this process has compiled so far. */
  createCodeCache(): Buffer;
}

const DIGEST_BYTES = 32;

type ModuleFunction = (
  exports: Record<string, unknown>,
  require: NodeJS.Require,
  module: { exports: Record<string, unknown> },
  filename: string,
  dirname: string,
  fractalImport: DynamicImport,
) => void;

/** The parameters Node's CommonJS loader gives a module's code, and the bundle's import(). */
const wrap = (source: string): string =>
  `(function (exports, require, module, __filename, __dirname, fractalImport) {${source}\n})`;

export const loadWithCodeCache = (file: string, cacheFile: string, dynamicImport: DynamicImport): LoadedBundle => {
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest();
  const cache = readCache(cacheFile, digest);
  const cachedData = typeof cache === 'string' ? undefined : cache;
  // the build makes the bundle ASCII (scripts/build-bundle.mjs), where latin1 reads the same text
  // as UTF-8, in a quarter of the time
  const script = new vm.Script(wrap(bytes.toString('latin1')), { filename: file, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as ModuleFunction;
  run(module.exports, createRequire(file), module, file, dirname(file), dynamicImport);
  const codeCache = typeof cache === 'string' ? cache : script.cachedDataRejected ? 'rejected' : 'used';
  return { exports: module.exports, codeCache, createCodeCache: () => Buffer.concat([digest, script.createCachedData()]) };
};

/** The V8 data to offer, or why there is none: no file, or a cache made from another bundle. */
const readCache = (cacheFile: string, digest: Buffer): Buffer | 'absent' | 'stale' => {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return 'absent';
  }
  return bytes.subarray(0, DIGEST_BYTES).equals(digest) ? bytes.subarray(DIGEST_BYTES) : 'stale';
};
