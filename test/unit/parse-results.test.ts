import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FractalError } from '../../src/core/errors.js';
import { parseResults, validateResults } from '../../src/core/metrics/parse-results.js';
import { makeResults } from '../helpers/results-fixture.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/results/', import.meta.url));
const fixture = (name: string): string => readFileSync(`${FIXTURES}${name}`, 'utf8');

const parseError = (text: string, file: string): FractalError => {
  try {
    parseResults(text, file);
  } catch (error) {
    assert.ok(error instanceof FractalError, `expected a FractalError, got ${String(error)}`);
    assert.equal(error.kind, 'input');
    return error;
  }
  assert.fail(`${file} parsed without error`);
};

test('valid fixtures parse back to exactly what was written', () => {
  for (const name of ['valid/single-run/results.json', 'valid/render.json', 'valid/lost-worker/results.json', 'sweep/n3-r2/results.json']) {
    const text = fixture(name);
    assert.deepEqual(parseResults(text, name), JSON.parse(text), name);
  }
});

test('a lost worker without process metrics is valid', () => {
  const results = parseResults(fixture('valid/lost-worker/results.json'), 'lost');
  const lost = results.nodes.find((n) => n.lost);
  assert.ok(lost);
  assert.equal(lost.process, null);
  assert.equal(results.work.lostWorkers.length, 1);
});

test('each invalid fixture fails with its code and a message naming file and field', () => {
  const cases: Array<[string, string, string]> = [
    ['invalid/not-json.json', 'E_RESULTS_NOT_JSON', 'invalid/not-json.json: not JSON (line 14, column 29: Bad control character in string literal)'],
    ['invalid/foreign.json', 'E_RESULTS_FOREIGN', 'invalid/foreign.json: kind: expected "fractal-results", got nothing: this is not a fractal results file'],
    ['invalid/newer-version.json', 'E_RESULTS_NEWER_SCHEMA', 'invalid/newer-version.json: schemaVersion: 2 is newer than this fractal reads (schemaVersion 1)'],
    ['invalid/wrong-type.json', 'E_RESULTS_FIELD', 'invalid/wrong-type.json: nodes[2].rows: expected a non-negative integer, got "12"'],
    ['invalid/missing-field.json', 'E_RESULTS_FIELD', 'invalid/missing-field.json: timings.wallMs: missing, expected a non-negative number'],
    ['invalid/bad-sha.json', 'E_RESULTS_FIELD', 'invalid/bad-sha.json: image.sha256: expected 64 lowercase hex digits, got "XYZ"'],
  ];
  for (const [name, code, message] of cases) {
    const error = parseError(fixture(name), name);
    assert.equal(error.code, code, name);
    assert.equal(error.message, message, name);
    assert.ok(error.suggestions.length > 0, `${name} has a hint`);
  }
});

test('a newer schemaVersion says which version this fractal reads and to upgrade', () => {
  const error = parseError(fixture('invalid/newer-version.json'), 'r.json');
  assert.match(error.message, /schemaVersion 1\)/);
  assert.match(error.suggestions.join('\n'), /upgrade fractal/);
});

test('not JSON: empty file, a truncated file and a non-object', () => {
  assert.equal(parseError('', 'a.json').message, 'a.json: not JSON (the file is empty)');
  assert.match(parseError('{"schemaVersion": 1,', 'b.json').message, /^b\.json: not JSON \(/);
  const array = parseError('[1, 2]', 'c.json');
  assert.equal(array.code, 'E_RESULTS_FOREIGN');
  assert.equal(array.message, 'c.json: expected a JSON object (a fractal results file), got an array');
  assert.match(parseError('{\n  "a": 1,\n  oops\n}', 'd.json').message, /^d\.json: not JSON \(line 3, column 3: /);
});

test('another fractal file (a sweep manifest) gets a hint to pass its directory', () => {
  const error = parseError(JSON.stringify({ kind: 'fractal-sweep', runs: [] }), 'sweep.json');
  assert.equal(error.code, 'E_RESULTS_FOREIGN');
  assert.match(error.suggestions.join(' '), /pass the directory/);
});

test('field checks: every kind of wrong value is named by its path', () => {
  const cases: Array<[(r: Record<string, any>) => void, string]> = [
    [(r) => (r['nodes'] = []), 'nodes: expected an array of at least 1 item, got []'],
    [(r) => (r['nodes'][1].role = 'boss'), 'nodes[1].role: expected one of "leader", "worker", "render", got "boss"'],
    [(r) => (r['nodes'][1].lost = 'no'), 'nodes[1].lost: expected true or false, got "no"'],
    [(r) => (r['nodes'][1].computeMs = -1), 'nodes[1].computeMs: expected a non-negative number, got -1'],
    [(r) => (r['nodes'][1].process.eventLoop.utilization = 1.5), 'nodes[1].process.eventLoop.utilization: expected a number from 0 to 1, got 1.5'],
    [(r) => delete r['nodes'][1].process.gc.weakcb, 'nodes[1].process.gc.weakcb: missing, expected an object'],
    [(r) => (r['scheduler'].size = 0), 'scheduler.size: expected an integer >= 1, got 0'],
    [(r) => (r['scheduler'].jobId = 42), 'scheduler.jobId: expected a string or null, got 42'],
    [(r) => (r['run'].startedAt = 'yesterday'), 'run.startedAt: expected an ISO 8601 date-time such as "2025-01-31T12:00:00.000Z", got "yesterday"'],
    [(r) => (r['run'].id = ''), 'run.id: expected a non-empty string, got ""'],
    [(r) => (r['options'].image.escapeRadius = 0), 'options.image.escapeRadius: expected a number > 0, got 0'],
    [(r) => (r['options'].image.palette = 'Rainbow'), 'options.image.palette: expected one of "AfternoonBlue", "SummerBeach", "Biochemist", "Fiesta", "Hippi", "Vivid", "Plan9", got "Rainbow"'],
    [(r) => (r['options'].threadsPerNode = 1.5), 'options.threadsPerNode: expected an integer >= 1, got 1.5'],
    [(r) => (r['work'].lostWorkers = [{ rank: 1 }]), 'work.lostWorkers[0].host: missing, expected a string'],
    [(r) => (r['tool'] = null), 'tool: expected an object, got null'],
    [(r) => (r['tool'].name = 'other'), 'tool.name: expected "fractal", got "other"'],
    [(r) => (r['schemaVersion'] = '1'), 'schemaVersion: expected a positive integer, got "1"'],
  ];
  for (const [change, message] of cases) {
    const results = structuredClone(makeResults()) as unknown as Record<string, any>;
    change(results);
    assert.throws(() => validateResults(results, 'x.json'), (error: unknown) => {
      assert.ok(error instanceof FractalError);
      assert.equal(error.message, `x.json: ${message}`);
      return true;
    });
  }
});

test('unknown properties are ignored (a newer leader may add fields within schemaVersion 1)', () => {
  const results = { ...makeResults(), extra: { anything: true } } as unknown;
  const parsed = validateResults(results, 'x.json');
  assert.equal('extra' in parsed, false);
  assert.deepEqual(parsed, makeResults());
});

test('a results file from before checkpoints (no attempt, interruptions or resumedUnits) reads as a first attempt', () => {
  const written = JSON.parse(JSON.stringify(makeResults({ nodes: 3 }))) as Record<string, Record<string, unknown>>;
  delete written['run']!['attempt'];
  delete written['run']!['interruptions'];
  delete written['work']!['resumedUnits'];
  const read = validateResults(written, 'old.json');
  assert.equal(read.run.attempt, 1);
  assert.deepEqual(read.run.interruptions, []);
  assert.equal(read.work.resumedUnits, 0);
  const wrong = JSON.parse(JSON.stringify(makeResults({ nodes: 3 }))) as Record<string, Record<string, unknown>>;
  wrong['run']!['interruptions'] = [{ attempt: 1, at: 'yesterday', reason: 'SIGTERM', unitsDone: 3 }];
  assert.throws(() => validateResults(wrong, 'bad.json'), (e: unknown) => e instanceof FractalError && /run\.interruptions\[0\]\.at/.test(e.message));
});
