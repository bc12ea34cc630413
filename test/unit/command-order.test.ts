// The built CLI's start-up never sets up ICU's collator (its first localeCompare costs a process
// ~10 ms of CPU, and a `run --local 2` starts four). oclif sorts a plugin's commands with
// localeCompare as it loads it; the bundle sorts them by code unit instead (scripts/build-bundle.mjs),
// which must order fractal's command ids exactly as the collator would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, REPO_ROOT } from '../helpers/cli.js';

// counts every collation the CLI does, and says how many as the process exits
const COUNT_COLLATIONS = `data:text/javascript,${encodeURIComponent(`
let calls = 0;
const localeCompare = String.prototype.localeCompare;
String.prototype.localeCompare = function (...args) { calls++; return localeCompare.apply(this, args); };
process.on('exit', () => process.stderr.write('collations: ' + calls + '\\n'));
`)}`;

const collationsOf = (args: string[]): { stdout: string; collations: number } => {
  const child = spawnSync(process.execPath, ['--import', COUNT_COLLATIONS, CLI, ...args], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const count = /collations: (\d+)/.exec(child.stderr);
  assert.ok(count, `no count in: ${child.stderr}`);
  return { stdout: child.stdout, collations: Number(count[1]) };
};

const commandIds = (): string[] => Object.keys((JSON.parse(readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')) as { commands: object }).commands);

test('the ids of the commands sort the same by code unit as by the collator', () => {
  const ids = commandIds();
  assert.ok(ids.length >= 8, `the manifest lists ${ids.length} commands`);
  const byCodeUnit = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const byCollator = [...ids].sort((a, b) => a.localeCompare(b));
  assert.deepEqual(byCodeUnit, byCollator);
});

test('a task and `fractal version` start without a single collation', () => {
  assert.equal(collationsOf(['version']).collations, 0);
  assert.equal(collationsOf(['run', '--help']).collations, 0);
});

test('`fractal --help` still lists the commands in the collator\'s order', () => {
  const { stdout } = collationsOf(['--help']);
  const commands = stdout.slice(stdout.indexOf('\nCOMMANDS\n'));
  const listed = [...commands.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!);
  const topLevel = commandIds().filter((id) => !id.includes(':'));
  assert.deepEqual(listed, [...topLevel].sort((a, b) => a.localeCompare(b)));
});
