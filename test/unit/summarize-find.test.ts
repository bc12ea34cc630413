import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FractalError } from '../../src/core/errors.js';
import { expandBraces, findResultsFiles, MAX_BRACE_EXPANSIONS, segmentToRegExp } from '../../src/core/metrics/find-results-files.js';

test('segmentToRegExp: * ? [..] within one segment, no leading dot, literal regex characters', () => {
  const re = (s: string) => segmentToRegExp(s);
  assert.ok(re('n*-r?').test('n12-r3'));
  assert.ok(!re('n*-r?').test('n12-r34'));
  assert.ok(!re('*').test('.hidden'));
  assert.ok(re('.*').test('.hidden'));
  assert.ok(re('run[0-9]').test('run7'));
  assert.ok(!re('run[!0-9]').test('run7'));
  assert.ok(re('a.b+(c)').test('a.b+(c)'));
  assert.ok(!re('a.b').test('axb'));
  assert.ok(re('x[').test('x['));
});

test('expandBraces: alternatives, several groups, none', () => {
  assert.deepEqual(expandBraces('s/{n2,n3}-r{1,2}'), ['s/n2-r1', 's/n2-r2', 's/n3-r1', 's/n3-r2']);
  assert.deepEqual(expandBraces('plain'), ['plain']);
  assert.deepEqual(expandBraces('a{b}c'), ['a{b}c']);
});

const tree = async (): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'fractal-find-'));
  const files = [
    'sweep-1/n2-r1/results.json',
    'sweep-1/n2-r2/results.json',
    'sweep-1/n3-r1/results.json',
    'sweep-1/sweep.json',
    'sweep-2/n2-r1/results.json',
    'sweep-2/n2-r1/mandelbrot.png',
    'loose.json',
    '.hidden/results.json',
  ];
  for (const f of files) {
    await mkdir(join(root, f, '..'), { recursive: true });
    await writeFile(join(root, f), '{}');
  }
  await mkdir(join(root, 'empty'));
  await symlink(root, join(root, 'sweep-1', 'loop'));
  return root;
};

test('directories, files and globs (quoted patterns reach us unexpanded)', async (t) => {
  const root = await tree();
  t.after(() => rm(root, { recursive: true, force: true }));
  const find = async (...inputs: string[]) => findResultsFiles(inputs, { cwd: root });

  const dir = await find('sweep-1');
  assert.deepEqual(dir.files.map((f) => f.display), ['sweep-1/n2-r1/results.json', 'sweep-1/n2-r2/results.json', 'sweep-1/n3-r1/results.json']);
  assert.deepEqual(dir.problems, [], 'the symbolic link loop is not followed');
  assert.equal(dir.files[0]!.path, join(root, 'sweep-1/n2-r1/results.json'));

  assert.deepEqual((await find('sweep-*')).files.map((f) => f.display), [
    'sweep-1/n2-r1/results.json', 'sweep-1/n2-r2/results.json', 'sweep-1/n3-r1/results.json', 'sweep-2/n2-r1/results.json',
  ]);
  assert.deepEqual((await find('sweep-*/n2-*/results.json')).files.map((f) => f.display), [
    'sweep-1/n2-r1/results.json', 'sweep-1/n2-r2/results.json', 'sweep-2/n2-r1/results.json',
  ]);
  assert.deepEqual((await find('**/n3-*')).files.map((f) => f.display), ['sweep-1/n3-r1/results.json']);
  assert.deepEqual((await find('sweep-1/{n2-r2,n3-r1}')).files.map((f) => f.display), ['sweep-1/n2-r2/results.json', 'sweep-1/n3-r1/results.json']);
  assert.deepEqual((await find(`${root}/sweep-2/*`)).files.map((f) => f.display), ['sweep-2/n2-r1/results.json'], 'absolute pattern');
  assert.deepEqual((await find('loose.json')).files.map((f) => f.display), ['loose.json'], 'a file of any name is read');
  assert.deepEqual((await find('.hidden')).files.map((f) => f.display), ['.hidden/results.json'], 'named explicitly, a dot directory is searched');

  const twice = await find('sweep-1', 'sweep-1/n2-r1/results.json', 'sweep-1/n2-r1');
  assert.equal(twice.files.length, 3, 'a file named twice is summarised once');
});

test('missing paths, patterns that match nothing and empty directories are problems naming the input', async (t) => {
  const root = await tree();
  t.after(() => rm(root, { recursive: true, force: true }));
  const { files, problems } = await findResultsFiles(['nope.json', 'sweep-9*', 'empty', 'sweep-2'], { cwd: root });
  assert.deepEqual(files.map((f) => f.display), ['sweep-2/n2-r1/results.json']);
  assert.deepEqual(problems.map((p) => [p.input, p.error.code, p.error.kind]), [
    ['nope.json', 'E_RESULTS_MISSING', 'input'],
    ['sweep-9*', 'E_RESULTS_NO_MATCH', 'input'],
    ['empty', 'E_RESULTS_EMPTY_DIR', 'input'],
  ]);
  assert.equal(problems[0]!.error.message, 'nope.json: no such file or directory');
  assert.equal(problems[1]!.error.message, 'sweep-9*: no file or directory matches this pattern');
  assert.equal(problems[2]!.error.message, 'empty: no results.json in this directory or below it');
});

// issue 10, defect 9: patterns fractal cannot use are usage errors, and bounded
const patternRefused = (fragment: string) => (e: unknown) =>
  e instanceof FractalError && e.kind === 'usage' && e.code === 'E_RESULTS_PATTERN' && e.message.includes(fragment);

test('a character class whose range runs backwards is a usage error, not "Invalid regular expression"', () => {
  assert.throws(() => segmentToRegExp('run[z-a]'), patternRefused('[z-a] is not a range: a range goes from the lower character to the higher'));
  assert.ok(segmentToRegExp('run[a-z]').test('runq'));
});

test('brace expansion is bounded in count and in nesting, and checked as it grows', () => {
  assert.deepEqual(expandBraces('{a,{b,c}}'), ['a', 'b', 'a', 'c']);
  assert.equal(expandBraces('{a,b}'.repeat(10)).length, MAX_BRACE_EXPANSIONS);
  const started = performance.now();
  assert.throws(() => expandBraces('{a,b}'.repeat(20)), patternRefused(`its braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns`));
  assert.ok(performance.now() - started < 1000, 'refused without expanding a million patterns');
  assert.throws(() => expandBraces(`${'{a,'.repeat(9)}b${'}'.repeat(9)}`), patternRefused('nested more than 8 deep'));
});

test('an empty argument is a usage error, not the working directory', async () => {
  await assert.rejects(findResultsFiles([''], { cwd: tmpdir() }), patternRefused('got an empty string'));
});
