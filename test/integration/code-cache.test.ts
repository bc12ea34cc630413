// The built CLI starts from the code cache the build made for it (scripts/build-code-cache.mjs):
// a build that left it out, or one this Node refuses, would cost every task its start-up again.
// (test/integration/pack-install.test.ts checks the installed tarball's.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeCacheStateOf, REPO_ROOT } from '../helpers/cli.js';

test('the built CLI loads its bundle with the code cache', () => {
  assert.equal(codeCacheStateOf(REPO_ROOT), 'used');
});
