// Two outputs on one file are a usage error naming both (issue 10, defect 3): compared as resolved
// paths, with the run directory's own files and the rendezvous file among them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCliBatch } from '../helpers/cli-in-process.js';

const root = mkdtempSync(join(tmpdir(), 'fractal-collide-'));
after(() => rmSync(root, { recursive: true, force: true }));

const S = ['--width', '64', '--height', '48', '--smoothness', '1', '--host', '127.0.0.1:0', '--join-timeout', '2'];

const CASES: Array<[string[], RegExp, string[]?]> = [
  [['run', '--local', '1', ...S, '--outfile', 'same.out', '--results', './same.out'], /^Error: --outfile same\.out and --results \.\/same\.out are the same file \(.*\/same\.out\): one would overwrite the other$/],
  [['leader', ...S, '--outfile', 'sub/../p.png', '--results', 'p.png'], /^Error: --outfile sub\/\.\.\/p\.png and --results p\.png are the same file/],
  [['leader', ...S, '--outfile', 'results.json'], /^Error: --outfile results\.json and results\.json beside --outfile \(the default --results\) are the same file/],
  [['leader', ...S, '--outfile', './rendezvous.json'], /^Error: --outfile \.\/rendezvous\.json and the rendezvous file in --run-dir \. are the same file/],
  [['run', ...S, '--rank', '0', '--size', '2', '--results', 'tok', '--token-file', './tok'], /^Error: --results tok and --token-file \.\/tok are the same file .*: the output would overwrite the input$/, ['tok']],
  [['submit', '--scheduler', 'local', '--nodes', '2', '--wait', ...S.slice(0, 6), '--outfile', './results.json'], /^Error: --outfile \.\/results\.json and the run directory's results\.json \(the leader's results JSON\) are the same file/],
  [['submit', '--dry-run', ...S.slice(0, 6), '--outfile', './token'], /^Error: --outfile \.\/token and the run directory's token are the same file/],
  [['submit', '--dry-run', ...S.slice(0, 6), '--outfile', 'sub/../job.sh'], /^Error: --outfile sub\/\.\.\/job\.sh and the run directory's job\.sh are the same file/],
  [['submit', '--dry-run', '--scheduler', 'local', '--nodes', '3', ...S.slice(0, 6), '--outfile', 'task-2.log'], /^Error: --outfile task-2\.log and the run directory's task-2\.log are the same file/],
  [['submit', '--dry-run', '--nodes', '2,3', ...S.slice(0, 6), '--outfile', '../sweep.json'], /^Error: --outfile \.\.\/sweep\.json and the sweep's sweep\.json are the same file/],
  [['submit', '--dry-run', ...S.slice(0, 6), '--outfile', '.'], /^Error: --outfile \. and the run directory itself are the same file/],
];

const dirs = CASES.map((_, i) => join(root, `case-${i}`));
const batch = runCliBatch(
  CASES.map(([args, , files], i) => {
    mkdirSync(dirs[i]!);
    for (const file of files ?? []) writeFileSync(join(dirs[i]!, file), 'a-token-of-the-job\n');
    return { args, cwd: dirs[i]! };
  }),
);

CASES.forEach(([args, message, files], i) => {
  test(`${args.join(' ')}: exit 2 naming both, nothing written`, async () => {
    const result = (await batch)[i]!;
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr.split('\n')[0]!, message);
    assert.deepEqual(readdirSync(dirs[i]!), files ?? []);
  });
});
