// A named pipe where fractal expects a file is refused at once (issue 10, defect 10): as a
// --template, a results file, a --token-file, a TLS file. Before, each read blocked forever.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCliBatch } from '../helpers/cli-in-process.js';

const root = mkdtempSync(join(tmpdir(), 'fractal-fifo-'));
after(() => rmSync(root, { recursive: true, force: true }));

const S = ['--width', '64', '--height', '48', '--smoothness', '1'];

const CASES: Array<[string[], RegExp]> = [
  [['submit', '--dry-run', ...S, '--template', 'pipe'], /^Error: the template pipe is a named pipe \(FIFO\), not a regular file/],
  [['metrics', 'summarize', 'pipe'], /^Error: pipe is a named pipe \(FIFO\), not a regular file/],
  [['metrics', 'summarize', '/dev/zero'], /^Error: \/dev\/zero is a character device, not a regular file/],
  [['worker', '--token-file', 'pipe', '--connect-timeout', '1'], /^Error: the token file pipe is a named pipe \(FIFO\)/],
  [['leader', ...S, '--host', '127.0.0.1:0', '--join-timeout', '2', '--tls-cert', 'pipe', '--tls-key', 'pipe'], /^Error: --tls-cert pipe is a named pipe \(FIFO\)/],
];

const dirs = CASES.map((_, i) => join(root, `case-${i}`));
const batch = runCliBatch(
  CASES.map(([args], i) => {
    mkdirSync(dirs[i]!);
    execFileSync('mkfifo', [join(dirs[i]!, 'pipe')]);
    return { args, cwd: dirs[i]! };
  }),
  30_000,
);

CASES.forEach(([args, message], i) => {
  test(`${args.join(' ')}: exit 3 at once, naming the pipe`, async () => {
    const result = (await batch)[i]!;
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr.split('\n')[0]!, message);
    assert.deepEqual(readdirSync(dirs[i]!), ['pipe']);
  });
});
