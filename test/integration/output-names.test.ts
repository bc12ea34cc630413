// Output paths at the edges (issue 10, defects 8 and 13): a 240-byte name, the longest most file
// systems allow, is written like any other (the temporary name beside it stays short); a longer
// one is a clear bad input before any work; an empty one is a usage error.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { runCliBatch } from '../helpers/cli-in-process.js';

const root = mkdtempSync(join(tmpdir(), 'fractal-names-'));
after(() => rmSync(root, { recursive: true, force: true }));

const S = ['--width', '64', '--height', '48', '--smoothness', '1'];
const LEADER = [...S, '--host', '127.0.0.1:0', '--join-timeout', '2'];
const long = (bytes: number, ext: string) => `${'n'.repeat(bytes - ext.length)}${ext}`;
let n = 0;
const fresh = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

test('render, palettes and run --local write 240-byte names, and leave no temporary file', async () => {
  const cwd = fresh();
  const png = long(240, '.png');
  const swatch = long(240, '.s.png');
  const runPng = long(240, '.r.png');
  const results = long(240, '.json');
  const rendered = await runCli(['render', '--quiet', ...S, '--outfile', png], { cwd });
  assert.equal(rendered.code, 0, rendered.stderr);
  const palettes = await runCli(['palettes', '--swatch', swatch], { cwd });
  assert.equal(palettes.code, 0, palettes.stderr);
  const run = await runCli(['run', '--local', '1', '--quiet', ...S, '--outfile', runPng, '--results', results], { cwd, timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(cwd).sort(), [png, swatch, runPng, results].sort());
});

const REFUSED: Array<[string[], number, RegExp]> = [
  [['render', ...S, '--outfile', long(300, '.png')], 3, /--outfile: the name "n+\.\.\." is 300 bytes; expected at most 255, what the file system allows for one name/],
  [['render', ...S, '--outfile', `${long(256, '')}/x.png`], 3, /--outfile: the name "n+\.\.\." is 256 bytes/],
  [['palettes', '--swatch', long(256, '.png')], 3, /--swatch: the name "n+\.\.\." is 256 bytes/],
  [['leader', ...LEADER, '--results', long(300, '.json')], 3, /--results: the name "n+\.\.\." is 300 bytes/],
  [['leader', ...LEADER, '--outfile', long(300, '.png')], 3, /--outfile: the name/],
  [['render', ...S, '--outfile', `${'d/'.repeat(2100)}x.png`], 3, /--outfile: the path is 4205 bytes; expected less than 4096/],
  [['palettes', '--swatch', ''], 2, /--swatch: expected a path, got an empty string/],
  [['render', ...S, '--outfile', ''], 2, /--outfile: expected a path, got an empty string/],
  [['leader', ...LEADER, '--results', ''], 2, /--results: expected a path, got an empty string/],
  [['worker', '--run-dir', '', '--connect-timeout', '1'], 2, /--run-dir: expected a path, got an empty string/],
  [['submit', '--dry-run', '--template', ''], 2, /--template: expected a path, got an empty string/],
];

const dirs = REFUSED.map(() => fresh());
const batch = runCliBatch(REFUSED.map(([args], i) => ({ args, cwd: dirs[i]! })));

REFUSED.forEach(([args, code, message], i) => {
  test(`${args.map((a) => (a.length > 30 ? `${a.slice(0, 12)}…(${a.length})` : a)).join(' ')}: exit ${code}, nothing written`, async () => {
    const result = (await batch)[i]!;
    assert.equal(result.code, code, result.stderr);
    assert.match(result.stderr.split('\n')[0]!, new RegExp(`^Error: ${message.source}`));
    assert.deepEqual(readdirSync(dirs[i]!), []);
  });
});

test('the temporary file of an atomic write is a short hidden name in the target\'s directory', async () => {
  const { writeFileAtomic } = await import('../../src/core/files/atomic-file.js');
  const cwd = fresh();
  const target = join(cwd, long(255, '.txt'));
  await writeFileAtomic(target, 'x');
  assert.ok(existsSync(target));
  assert.deepEqual(readdirSync(cwd), [long(255, '.txt')]);
});
