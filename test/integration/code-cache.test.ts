// The built CLI starts from the code cache the build made for it (scripts/build-code-cache.mjs):
// a build that left it out, or one this Node refuses, would cost every task its start-up again.
// (test/integration/pack-install.test.ts checks the installed tarball's.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeCacheStateOf, REPO_ROOT } from '../helpers/cli.js';

test('the built CLI loads its bundle with the code cache', () => {
  assert.equal(codeCacheStateOf(REPO_ROOT), 'used');
});

test('the bundle is ASCII, which its loader reads as latin1', () => {
  const bytes = readFileSync(join(REPO_ROOT, 'dist', 'fractal.cjs'));
  const outside = bytes.findIndex((byte) => byte >= 0x80);
  assert.equal(outside, -1, `a byte outside ASCII at offset ${outside}: ${bytes.subarray(Math.max(0, outside - 40), outside + 40).toString('utf8')}`);
  // the one regular expression with a character outside ASCII (ansis's, which strips colours)
  // still matches what it matched, escaped
  assert.ok(bytes.toString('latin1').includes('/[\x1b\\u009b][[()#;?]*'), 'ansis\'s regular expression, escaped');
});
