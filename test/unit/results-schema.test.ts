// The results contract three ways: schema/results.schema.json (ajv), the hand-written parser
// (parse-results.ts) and the fixture files. Valid fixtures pass both; invalid ones fail both; and
// for every field of a results file, a wrong value is rejected (or accepted) by both alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { validateResults } from '../../src/core/metrics/parse-results.js';
import { buildResultsFixtures, makeResults } from '../helpers/results-fixture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/results');

const loadSchema = async () => {
  const schema = JSON.parse(await readFile(join(ROOT, 'schema/results.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  // RFC 3339 date-time, as ajv-formats checks it (ajv-formats is not a dependency).
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
  return ajv.compile(schema);
};

const parserAccepts = (value: unknown): boolean => {
  try {
    validateResults(value, 'x.json');
    return true;
  } catch {
    return false;
  }
};

const listFiles = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(relative(FIXTURES, path));
  }
  return out.sort();
};

test('the fixture files are what the fixture builder makes (UPDATE_GOLDEN=1 rewrites them)', async () => {
  const expected = buildResultsFixtures();
  if (process.env['UPDATE_GOLDEN'] === '1') {
    await rm(FIXTURES, { recursive: true, force: true });
    for (const [path, content] of expected) {
      await mkdir(dirname(join(FIXTURES, path)), { recursive: true });
      await writeFile(join(FIXTURES, path), content);
    }
  }
  assert.deepEqual(await listFiles(FIXTURES), [...expected.keys()].sort());
  for (const [path, content] of expected) assert.equal(await readFile(join(FIXTURES, path), 'utf8'), content, path);
});

test('valid fixtures pass the JSON Schema and the parser', async () => {
  const validate = await loadSchema();
  const valid = (await listFiles(FIXTURES)).filter((f) => f.endsWith('results.json') || f === 'valid/render.json');
  assert.ok(valid.length >= 10, `found ${valid.length} valid fixtures`);
  for (const file of valid) {
    const value = JSON.parse(await readFile(join(FIXTURES, file), 'utf8')) as unknown;
    assert.equal(validate(value), true, `${file}: ${JSON.stringify(validate.errors)}`);
    assert.equal(parserAccepts(value), true, file);
  }
});

test('invalid fixtures that are JSON fail the JSON Schema and the parser', async () => {
  const validate = await loadSchema();
  for (const file of ['foreign.json', 'newer-version.json', 'wrong-type.json', 'missing-field.json', 'bad-sha.json']) {
    const value = JSON.parse(await readFile(join(FIXTURES, 'invalid', file), 'utf8')) as unknown;
    assert.equal(validate(value), false, `${file} passed the schema`);
    assert.equal(parserAccepts(value), false, `${file} passed the parser`);
  }
});

type Leaf = { path: Array<string | number>; value: unknown };

const leaves = (value: unknown, path: Array<string | number> = []): Leaf[] => {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
  }
  return [{ path, value }];
};

const setAt = (root: unknown, path: ReadonlyArray<string | number>, value: unknown, remove = false): void => {
  let current = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) current = current[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete current[last];
  else current[last] = value;
};

test('schema and parser agree on every field: wrong types, missing fields, edge numbers', async () => {
  const validate = await loadSchema();
  const bases = [makeResults(), makeResults({ mode: 'render' }), makeResults({ nodes: 3, lostRanks: [2], requeuedUnits: 2 })];
  let checked = 0;
  for (const base of bases) {
    for (const leaf of leaves(base)) {
      const mutations: Array<[string, unknown, boolean]> = [
        ['wrong type', typeof leaf.value === 'string' ? 12 : 'x', false],
        ['missing', undefined, true],
      ];
      if (typeof leaf.value === 'number') mutations.push(['-1', -1, false], ['0', 0, false], ['1.5', 1.5, false], ['2', 2, false]);
      if (typeof leaf.value === 'string') mutations.push(['empty', '', false]);
      if (leaf.value === null) mutations.push(['string', 'x', false]);
      for (const [what, value, remove] of mutations) {
        const copy = structuredClone(base);
        setAt(copy, leaf.path, value, remove);
        const schemaSays = validate(copy);
        assert.equal(parserAccepts(copy), schemaSays, `${leaf.path.join('.')} = ${what}: the schema says ${schemaSays ? 'valid' : 'invalid'}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 500, `checked ${checked} mutations`);
});

test('a node\'s kernel: optional to read (files from before it was recorded), a label of at most 64 characters', async () => {
  const validate = await loadSchema();
  const base = makeResults({ nodes: 3 });
  assert.deepEqual(base.nodes.map((n) => n.kernel), ['none', 'native-avx512', 'native-avx512']);
  const older = structuredClone(base);
  for (const node of older.nodes) delete node.kernel;
  assert.equal(validate(older), true);
  assert.equal(parserAccepts(older), true);
  const long = structuredClone(base);
  long.nodes[1]!.kernel = 'k'.repeat(65);
  assert.equal(validate(long), false);
  assert.equal(parserAccepts(long), false);
  long.nodes[1]!.kernel = 'k'.repeat(64);
  assert.equal(validate(long), true);
  assert.equal(parserAccepts(long), true);
});
