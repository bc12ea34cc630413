// The flags fractal submit writes into job scripts are flags `fractal run` has: a flag renamed on
// one side only fails here (and, for code that reads it, in the type check).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Run from '../../src/commands/run.js';
import Submit from '../../src/commands/submit.js';
import { DEFAULT_IMAGE } from '../../src/core/render/image-spec.js';
import { IMAGE_FLAG_NAMES, RUN_FLAG_NAMES } from '../../src/core/run-flag-names.js';
import { fractalRunArgs } from '../../src/core/submit/submit-jobs.js';

test('every flag a job script passes to fractal run is one of its flags, and one submit takes too', () => {
  const run = { threads: 2, chunk: 8, joinTimeout: 30, connectTimeout: 40, metrics: true, checkpointInterval: 10, label: ['rtt=10ms', 'study=a'] };
  const args = fractalRunArgs(DEFAULT_IMAGE, run);
  const given = [...new Set(args.filter((a) => a.startsWith('--')).map((a) => a.slice(2)))];
  assert.deepEqual(given, [...Object.values(IMAGE_FLAG_NAMES), ...Object.values(RUN_FLAG_NAMES)]);
  assert.deepEqual(args.slice(-4), ['--label', 'rtt=10ms', '--label', 'study=a'], 'a repeatable flag once per value');
  for (const name of given) {
    assert.ok(name in Run.flags, `fractal run has --${name}`);
    assert.ok(name in Submit.flags, `fractal submit has --${name}`);
  }
});
