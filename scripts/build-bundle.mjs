#!/usr/bin/env node
// Bundles the CLI (src/fractal.ts) into dist/fractal.js and the compute thread
// (src/core/cluster/unit-thread.ts) into dist/unit-thread.js with esbuild: two files to load
// instead of hundreds, which is most of a task's start-up. Packages that only some commands need
// late, or never, stay outside: vega and resvg (the scaling plot) and TypeScript (oclif's
// development mode). CommonJS dependencies call require(), which an ES module lacks: the banner
// gives each bundle one of its own.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// the two bundles are all of dist/: nothing an earlier build left may be packed with them
rmSync(join(root, 'dist'), { recursive: true, force: true });

await build({
  entryPoints: { fractal: join(root, 'src/fractal.ts'), 'unit-thread': join(root, 'src/core/cluster/unit-thread.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['vega', '@resvg/resvg-js', 'typescript'],
  banner: { js: "import { createRequire as fractalCreateRequire } from 'node:module'; const require = fractalCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
