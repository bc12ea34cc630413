// Every size-like flag is bounded with a clear error before any work (issue 10, defects 2 and 12):
// no V8 "invalid size" crash, no leader waiting for a million workers, no 400 threads.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCliBatch } from '../helpers/cli-in-process.js';

const root = mkdtempSync(join(tmpdir(), 'fractal-limits-'));
after(() => rmSync(root, { recursive: true, force: true }));

const S = ['--width', '256', '--height', '192', '--smoothness', '1'];
// a leader that wrongly accepts a value gives up after 2 s instead of waiting a minute
const LEADER = [...S, '--host', '127.0.0.1:0', '--join-timeout', '2'];

const CASES: Array<[string[], number, RegExp, Record<string, string>?]> = [
  [['render', ...S, '--step', '2147483647'], 3, /--step: expected at most 16777216 \(the palette holds/],
  [['render', ...S, '--iters', '200000000'], 3, /--iters: expected at most 16777216/],
  [['palettes', '--swatch', 's.png', '--step', '1000000000'], 3, /--step: expected at most 16777216/],
  [['leader', ...LEADER, '--step', '2147483647'], 3, /--step: expected at most/],
  [['run', '--local', '1', ...LEADER, '--step', '2147483647'], 3, /--step: expected at most/],
  [['submit', '--dry-run', ...S, '--step', '2147483647'], 3, /--step: expected at most/],
  [['render', ...S, '--threads', '400'], 2, /--threads: expected an integer from 1 to 256, got 400/],
  // more than 4 per core, on a machine of fewer than 64 cores
  ...(availableParallelism() < 64
    ? [[['render', ...S, '--threads', String(4 * availableParallelism() + 1)], 2, /--threads: expected an integer from 1 to \d+ \(4 per core on this machine's \d+, 256 at most\)/] as (typeof CASES)[number]]
    : []),
  [['render', ...S, '--chunk', '99999999999999'], 2, /--chunk: expected an integer from 1 to 1000000, got 99999999999999/],
  [['worker', '--threads', '100000', '--connect-timeout', '1'], 2, /--threads: expected an integer from 1 to 256/],
  [['leader', ...LEADER, '--workers', '1000000'], 2, /--workers: expected an integer from 1 to 65536, got 1000000/],
  [['leader', ...LEADER, '--min-workers', '1000000'], 2, /--min-workers: expected an integer from 1 to 65536/],
  [['leader', ...LEADER, '--heartbeat-timeout', '1e400'], 2, /--heartbeat-timeout: expected seconds above 0 and at most a week/],
  [['leader', ...S, '--host', '127.0.0.1:0', '--join-timeout', '0x10'], 2, /--join-timeout: expected seconds above 0/],
  [['run', ...LEADER, '--rank', '0', '--size', '1000000'], 2, /--size: expected an integer from 1 to 65537/],
  [['run', ...LEADER], 2, /size: expected an integer from 1 to 65537 .* got 1000000 \(from SLURM_PROCID\/SLURM_NTASKS\)/, { SLURM_PROCID: '0', SLURM_NTASKS: '1000000' }],
  [['run', ...LEADER, '--local', '100000'], 2, /--local: expected an integer from 1 to 256/],
  [['worker', '--credits', '1000', '--connect-timeout', '1'], 2, /--credits: expected an integer from 1 to 256/],
  [['submit', '--dry-run', ...S, '--threads', '100000'], 2, /--threads: expected an integer from 1 to 256/],
  [['submit', '--dry-run', ...S, '--join-timeout', '1000000000'], 2, /--join-timeout: expected seconds above 0 and at most a week/],
  [['submit', '--dry-run', ...S, '--chunk', '10000000'], 2, /--chunk: expected an integer from 1 to 1000000/],
  [['metrics', 'summarize', 'x', '--outlier-threshold', '99999999999999999999'], 2, /--outlier-threshold: expected an integer from 1 to 10000/],
  [['render', ...S, '--xpos', '0x10'], 2, /--xpos: Expected a number but received: 0x10/],
];

const batch = runCliBatch(
  CASES.map(([args, , , env], i) => {
    const cwd = join(root, `case-${i}`);
    mkdirSync(cwd);
    return { args, cwd, env };
  }),
);

CASES.forEach(([args, code, message, env], i) => {
  test(`${env ? `${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')} ` : ''}${args.join(' ')}: exit ${code}, ${message.source.slice(0, 40)}…`, async () => {
    const result = (await batch)[i]!;
    assert.equal(result.code, code, result.stderr);
    assert.match(result.stderr.split('\n')[0]!, new RegExp(`^Error: ${message.source}`));
    assert.deepEqual(readdirSync(join(root, `case-${i}`)), []);
  });
});
