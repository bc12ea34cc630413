// The layering of STYLE.md, checked on every import in src/: arrows point one way
// (commands -> cli -> core -> protocol) and each outside library enters through one place.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const imports = files(SRC).map((file) => ({
  file: relative(SRC, file),
  specifiers: [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!),
}));

const offenders = (where: (file: string) => boolean, forbidden: (spec: string) => boolean): string[] =>
  imports.filter((i) => where(i.file)).flatMap((i) => i.specifiers.filter(forbidden).map((s) => `${i.file} imports ${s}`));

test('core never imports oclif, the cli or the commands', () => {
  assert.deepEqual(offenders((f) => f.startsWith('core/'), (s) => s.startsWith('@oclif/') || /\/(cli|commands)\//.test(s)), []);
});

test('core does not print, exit or read the environment', () => {
  const bad = files(join(SRC, 'core')).flatMap((file) => {
    const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
    return [/console\.(log|error|warn)/, /process\.exit\(/, /process\.env\b/]
      .filter((re) => re.test(text))
      .map((re) => `${relative(SRC, file)}: ${re.source}`);
  });
  assert.deepEqual(bad, []);
});

test('protocol never imports core, cli or commands', () => {
  assert.deepEqual(offenders((f) => f.startsWith('protocol/'), (s) => /\/(core|cli|commands)\//.test(s)), []);
});

test('each outside library enters through its one place', () => {
  const owners: Array<[RegExp, (file: string) => boolean]> = [
    [/^pngjs$/, (f) => f === 'core/image/write-png.ts'],
    // every child process starts through one door
    [/^(execa|(node:)?child_process)$/, (f) => f === 'core/child-process.ts'],
    [/^@grpc\//, (f) => f.startsWith('protocol/')],
  ];
  for (const [library, allowed] of owners) {
    assert.deepEqual(offenders((f) => !allowed(f), (s) => library.test(s)), [], String(library));
  }
});
