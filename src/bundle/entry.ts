// dist/fractal.js: what bin/run.js and oclif's command list (package.json) import in the built
// package. It loads the CLI's bundle, dist/fractal.cjs (src/fractal.ts and all it imports, made by
// scripts/build-bundle.mjs), through the code cache beside it. In development oclif maps
// dist/fractal.js to src/fractal.ts instead, and this module is not used.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache } from './code-cache.js';
import type * as Cli from '../fractal.js';

const BUNDLE = fileURLToPath(new URL('./fractal.cjs', import.meta.url));
const CACHE = `${BUNDLE}.cache`;

// this module sits beside the bundle, so its import() resolves what the bundle's would
const bundle = loadWithCodeCache(BUNDLE, CACHE, (specifier) => import(specifier));
const cli = bundle.exports as unknown as typeof Cli;

export const { COMMANDS, execute } = cli;
/** Whether this start used the code cache (test/integration/code-cache.test.ts). */
export const CODE_CACHE = bundle.codeCache;
/** For the build (scripts/build-code-cache.mjs): keeps what this process compiled for the next starts. */
export const writeCodeCache = (): void => writeFileSync(CACHE, bundle.createCodeCache());
