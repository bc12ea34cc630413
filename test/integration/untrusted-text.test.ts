// Text that came from outside (flags, file names, results files, peers) reaches the terminal
// only as visible escapes, and a huge value cannot flood it (issue 10, defect 11).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { describeLeaderEvent, describeWorkerEvent, leaderMetricsLines } from '../../src/cli/cluster-flags.js';
import type { LeaderReport } from '../../src/core/cluster/leader/index.js';
import { runCliBatch } from '../helpers/cli-in-process.js';
import { hasRawControl } from '../helpers/control-characters.js';
import { makeResults } from '../helpers/results-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-untrusted-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = 'n01\x1b[2J\x1b]0;owned\x07\nMETRICS LEADER forged: 1';

// a results file whose host names hold escapes and a newline, as a hostile worker's Hello can make them
const hostile = makeResults({ nodes: 3, runId: 'hostile-run' });
for (const node of hostile.nodes) node.host = HOSTILE;
mkdirSync(join(dir, 'run'));
writeFileSync(join(dir, 'run', 'results.json'), JSON.stringify(hostile));

// every command line of this file in one child process, started once
const CASES = {
  escapedFileName: ['render', '--outfile', '/nonexistent\x1b[2J\x1b]0;owned\x07/x.png'],
  hugeInteger: ['render', '--width', `1${'9'.repeat(10_000)}x`],
  summaryTable: ['metrics', 'summarize', 'run'],
  summaryMarkdown: ['metrics', 'summarize', 'run', '--format', 'markdown'],
};
const names = Object.keys(CASES) as Array<keyof typeof CASES>;
const batch = runCliBatch(names.map((name) => ({ args: CASES[name], cwd: dir })));
const resultOf = async (name: keyof typeof CASES) => (await batch)[names.indexOf(name)]!;


test('an error quoting a file name with escapes prints them as \\x1b, never raw', async () => {
  const result = await resultOf('escapedFileName');
  assert.equal(result.code, 3, result.stderr);
  assert.ok(!hasRawControl(result.stderr), JSON.stringify(result.stderr));
  assert.ok(result.stderr.includes('\\x1b[2J\\x1b]0;owned\\x07'), result.stderr);
});

test('oclif\'s own parse errors name the flag once and keep a 10 KB value to one short line', async () => {
  const result = await resultOf('hugeInteger');
  assert.equal(result.code, 2, result.stderr);
  const [first] = result.stderr.split('\n');
  assert.match(first!, /^Error: --width: Expected an integer but received: 1999/);
  assert.ok(first!.length < 500, String(first!.length));
});

for (const name of ['summaryTable', 'summaryMarkdown'] as const) {
  test(`metrics summarize (${name === 'summaryTable' ? 'table' : 'markdown'}) prints a results file's host names escaped, on their own rows`, async () => {
    const result = await resultOf(name);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!hasRawControl(result.stdout), JSON.stringify(result.stdout.slice(0, 2000)));
    // the table cuts long host names; Markdown escapes the backslash itself (\\x1b renders as \x1b)
    assert.match(result.stdout, /n01\\{1,2}x1b\[2J\\{1,2}x1b\]/);
    assert.ok(!/^\s*METRICS LEADER forged/m.test(result.stdout), 'a host name started a line of its own');
  });
}

test('leader and worker event lines and METRICS lines show peers\' text escaped', () => {
  const lines = [
    describeLeaderEvent({ type: 'joined', rank: 1, host: HOSTILE, threads: 2, joined: 1, expected: 1 }),
    describeLeaderEvent({ type: 'lost', rank: 1, host: HOSTILE, reason: `stream error: ${HOSTILE}`, requeued: 3 }),
    describeLeaderEvent({ type: 'rejected', kind: 'malformed', peer: HOSTILE, detail: HOSTILE, count: 1 }),
    describeLeaderEvent({ type: 'refused', peer: HOSTILE, reason: HOSTILE }),
    describeLeaderEvent({ type: 'left', rank: 2, reason: HOSTILE }),
    describeWorkerEvent({ type: 'lost-leader', reason: HOSTILE }),
    describeWorkerEvent({ type: 'joined', address: HOSTILE, rank: 1, width: 2, height: 2, units: 1 }),
    ...leaderMetricsLines({ results: hostile, resultsPath: 'results.json' } as unknown as LeaderReport),
  ];
  for (const line of lines) {
    assert.ok(line !== null);
    assert.ok(!hasRawControl(line) && !line.includes('\n'), JSON.stringify(line));
  }
  assert.ok(lines[0]!.includes('n01\\x1b[2J'), lines[0]!);
});

test('a connection refused for its token is logged as a refused connection, not a rejected result', () => {
  assert.equal(
    describeLeaderEvent({ type: 'rejected', kind: 'unauthenticated', peer: 'ipv4:10.0.0.9:5123', detail: 'missing or wrong token', count: 1 }),
    'warning: refused a connection from ipv4:10.0.0.9:5123: missing or wrong token',
  );
  assert.match(describeLeaderEvent({ type: 'rejected', kind: 'duplicate', peer: 'p', detail: 'unit 3 is in already', count: 1 })!, /^warning: rejected a result \(duplicate\) from p/);
});
