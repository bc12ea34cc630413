// The package's root, found from any module's depth: the source tree (src/core/...), the bundle
// (dist/fractal.js) and an installed copy (node_modules/fractal/dist/) all reach the same files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT, packageRootOf } from '../../src/core/package-root.js';
import { REPO_ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-package-root-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('this checkout\'s root from the source tree', () => {
  assert.equal(PACKAGE_ROOT, REPO_ROOT.replace(/\/$/, ''));
});

test('the nearest package.json above a module, however deep: a bundle, an install, a nested source file', () => {
  const installed = join(dir, 'app', 'node_modules', 'fractal');
  mkdirSync(join(installed, 'dist'), { recursive: true });
  mkdirSync(join(installed, 'src', 'core', 'render'), { recursive: true });
  writeFileSync(join(dir, 'app', 'package.json'), '{}');
  writeFileSync(join(installed, 'package.json'), '{}');
  assert.equal(packageRootOf(pathToFileURL(join(installed, 'dist', 'fractal.js')).href), installed);
  assert.equal(packageRootOf(pathToFileURL(join(installed, 'src', 'core', 'render', 'native-addon.ts')).href), installed);
  assert.equal(packageRootOf(pathToFileURL(join(dir, 'app', 'index.js')).href), join(dir, 'app'));
});

test('no package.json anywhere above: an error naming where it looked from', () => {
  assert.throws(() => packageRootOf('file:///'), /no package\.json at or above \//);
});
