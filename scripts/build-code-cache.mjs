#!/usr/bin/env node
// Makes dist/fractal.cjs.cache, the V8 code cache the CLI's bundle starts from
// (src/bundle/code-cache.ts): it runs, in this one process, what a distributed run's tasks and
// `fractal render` run, on a 64×48 picture, then keeps the bytecode of every function they
// compiled. A leader and a worker share the process; the worker finds the leader through the
// rendezvous file in the run directory, as under a scheduler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, writeCodeCache } from '../dist/fractal.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-code-cache-'));
const root = new URL('..', import.meta.url);
const picture = ['--width', '64', '--height', '48', '--smoothness', '1', '--quiet'];
const run = (args) => execute({ args, dir: root.href });
try {
  await run(['version']);
  await run(['render', ...picture, '--outfile', join(dir, 'render.png')]);
  const task = ['--size', '2', '--run-dir', dir, '--token', 'code-cache', ...picture];
  await Promise.all([
    run(['run', '--rank', '0', ...task, '--port', '0', '--bind', '127.0.0.1', '--outfile', join(dir, 'run.png')]),
    run(['run', '--rank', '1', ...task]),
  ]);
  writeCodeCache();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
