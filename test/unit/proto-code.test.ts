// The committed message types and codec (src/protocol/generated/) are what @grpc/proto-loader's
// generator and protobufjs's pbjs write today from proto/fractal/v1/fractal.proto: a change to the
// .proto without `npm run proto:generate` fails here, before any code can drift from the wire.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const committed = join(root, 'src/protocol/generated');

const filesUnder = (dir: string): Map<string, string> => {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
};

test('the generated message types and codec are up to date with the .proto', () => {
  const fresh = mkdtempSync(join(tmpdir(), 'fractal-proto-code-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/generate-proto-code.ts'), fresh], { cwd: root, stdio: 'pipe' });
    const want = filesUnder(fresh);
    const have = filesUnder(committed);
    assert.ok(want.size > 10, `the generator wrote only ${want.size} files`);
    assert.ok(want.has('fractal-codec.js'), 'the generator wrote no codec');
    assert.deepEqual([...have.keys()].sort(), [...want.keys()].sort(), 'files differ: run npm run proto:generate');
    for (const [name, text] of want) assert.equal(have.get(name), text, `${name} is stale: run npm run proto:generate`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});
