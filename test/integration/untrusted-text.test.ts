// Text that came from outside (flags, file names, results files, peers) reaches the terminal
// only as visible escapes, and a huge value cannot flood it (issue 10, defect 11).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCliBatch } from '../helpers/cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-untrusted-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// every command line of this file in one child process, started once
const CASES = {
  escapedFileName: ['render', '--outfile', '/nonexistent\x1b[2J\x1b]0;owned\x07/x.png'],
  hugeInteger: ['render', '--width', `1${'9'.repeat(10_000)}x`],
};
const names = Object.keys(CASES) as Array<keyof typeof CASES>;
const batch = runCliBatch(names.map((name) => ({ args: CASES[name], cwd: dir })));
const resultOf = async (name: keyof typeof CASES) => (await batch)[names.indexOf(name)]!;

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

test('an error quoting a file name with escapes prints them as \\x1b, never raw', async () => {
  const result = await resultOf('escapedFileName');
  assert.equal(result.code, 3, result.stderr);
  assert.ok(!RAW_CONTROL.test(result.stderr), JSON.stringify(result.stderr));
  assert.ok(result.stderr.includes('\\x1b[2J\\x1b]0;owned\\x07'), result.stderr);
});

test('oclif\'s own parse errors name the flag once and keep a 10 KB value to one short line', async () => {
  const result = await resultOf('hugeInteger');
  assert.equal(result.code, 2, result.stderr);
  const [first] = result.stderr.split('\n');
  assert.match(first!, /^Error: --width: Expected an integer but received: 1999/);
  assert.ok(first!.length < 500, String(first!.length));
});
