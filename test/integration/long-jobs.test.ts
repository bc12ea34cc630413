// Long jobs with real processes, killed as a scheduler kills them: a local job SIGTERMed to its
// whole process group mid-render and then resubmitted with --resume; a leader SIGKILLed and its
// job resumed from the periodic checkpoint; a checkpoint with a flipped byte; a checkpoint of
// another picture. Every finished picture is compared byte for byte with `fractal render`'s.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { processesGone, processesMentioning, taskPidOfRank } from '../../scripts/slurm-cluster/cluster.js';
import { parseCheckpoint } from '../../src/core/cluster/leader/checkpoint-format.js';
import { checkpointPath } from '../../src/core/cluster/leader/checkpoint-store.js';
import { unitsKept, whenKept } from '../helpers/checkpoint-watch.js';
import type { RunResults } from '../../src/core/metrics/results.js';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'fractal-long-'));
after(() => rmSync(work, { recursive: true, force: true }));

// much of the set in view at many iterations: seconds of work even for the fastest kernel, in
// 48 units of 4 rows, so that a kill lands with some units done and many to go
const IMAGE = ['--width', '512', '--height', '192', '--smoothness', '1', '--xpos', '-0.5', '--ypos', '0', '--escape-radius', '3', '--iters', '300000'];
const SPLIT = ['--chunk', '4', '--threads', '1'];
const UNITS = 48;
let reference: Buffer;

before(async () => {
  const out = join(work, 'render.png');
  const render = await runCli(['render', '--quiet', ...IMAGE, '--outfile', out], { cwd: work });
  assert.equal(render.code, 0, render.stderr);
  reference = readFileSync(out);
});

const submitLocal = (runDir: string, extra: string[] = []) =>
  runCli(['submit', '--scheduler', 'local', '--nodes', '3', '--wait', '--run-dir', runDir, ...SPLIT, ...IMAGE, ...extra], { cwd: work });

const resume = (runDir: string) => runCli(['submit', '--resume', runDir, '--wait'], { cwd: work });

const resultsOf = (runDir: string): RunResults => JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;

test('a local job SIGTERMed to its process group mid-render checkpoints; --resume finishes it with render\'s bytes', { timeout: 240_000 }, async () => {
  const runDir = join(work, 'sigterm');
  const job = submitLocal(runDir);
  await whenKept(runDir, 6);
  const pgid = (JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8')) as { job: { id: string } }).job.id;
  process.kill(-Number(pgid), 'SIGTERM');
  const stopped = await job;
  assert.equal(stopped.code, 5, stopped.stderr);
  assert.match(stopped.stderr, /hint: the leader kept what was done in a checkpoint: resume with fractal submit --resume \S+sigterm/);
  assert.match(readFileSync(join(runDir, 'task-0.log'), 'utf8'), /Error: the leader stopped on SIGTERM with \d+ of 48 units done; they are kept in the checkpoint/);
  assert.ok(!existsSync(join(runDir, 'mandelbrot.png')) && !existsSync(join(runDir, 'results.json')), 'nothing half-written where the PNG and results go');
  const kept = unitsKept(runDir);
  assert.ok(kept >= 6 && kept < UNITS, `kept ${kept}`);
  assert.deepEqual(processesMentioning(runDir), [], 'every task stopped');

  const resumed = await resume(runDir);
  assert.equal(resumed.code, 0, `${resumed.stdout}\n${resumed.stderr}`);
  assert.match(resumed.stdout, new RegExp(`resumed: attempt 2 \\(1 earlier attempt stopped early\\), ${kept} units from the checkpoint`));
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(reference), 'render\'s bytes');
  const results = resultsOf(runDir);
  assert.equal(results.run.attempt, 2);
  assert.equal(results.work.resumedUnits, kept);
  assert.deepEqual(results.run.interruptions.map((i) => [i.attempt, i.reason, i.unitsDone]), [[1, 'SIGTERM', kept]]);
  assert.ok(!existsSync(checkpointPath(runDir)), 'a finished run leaves no checkpoint');
  const submission = JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8')) as { job: { id: string }; previousJobs: Array<{ id: string }> };
  assert.deepEqual(submission.previousJobs.map((j) => j.id), [pgid]);
  assert.notEqual(submission.job.id, pgid);

  const again = await resume(runDir);
  assert.equal(again.code, 3, again.stderr);
  assert.match(again.stderr, /holds a finished run: its PNG and results are written, there is nothing to resume/);
});

test('a leader SIGKILLed mid-render: the workers give up, the job fails, --resume continues from the periodic checkpoint', { timeout: 240_000 }, async () => {
  const runDir = join(work, 'sigkill');
  const job = submitLocal(runDir, ['--checkpoint-interval', '1', '--connect-timeout', '3']);
  await whenKept(runDir, 6);
  const leader = taskPidOfRank(runDir, 'FRACTAL_RANK', 0);
  assert.ok(leader);
  process.kill(leader, 'SIGKILL');
  const t0 = Date.now();
  const failed = await job;
  assert.equal(failed.code, 5, failed.stderr);
  assert.ok(Date.now() - t0 < 20_000, 'the workers gave up within --connect-timeout');
  assert.match(readFileSync(join(runDir, 'task-1.log'), 'utf8'), /Error: lost the leader and could not reach it again within 3 s/);
  const kept = unitsKept(runDir);
  assert.ok(kept >= 6, `kept ${kept}`);

  const resumed = await resume(runDir);
  assert.equal(resumed.code, 0, `${resumed.stdout}\n${resumed.stderr}`);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(reference), 'render\'s bytes');
  assert.ok(resultsOf(runDir).work.resumedUnits >= kept);
  assert.deepEqual(resultsOf(runDir).run.interruptions, [], 'a killed leader could not say why it stopped');
});

test('a local job whose script is SIGKILLed alone: its orphaned tasks notice within seconds, the leader checkpoints, nothing keeps computing', { timeout: 240_000 }, async () => {
  // as Grid Engine's h_rt kill can leave the tasks Open MPI put in process groups of their own
  const runDir = join(work, 'orphaned');
  const job = submitLocal(runDir);
  await whenKept(runDir, 6);
  const script = Number((JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8')) as { job: { id: string } }).job.id);
  process.kill(script, 'SIGKILL');
  await job;
  assert.deepEqual(await processesGone(runDir, 15_000), [], 'every task stopped once its launcher was gone');
  assert.match(readFileSync(join(runDir, 'task-0.log'), 'utf8'), /the leader stopped on launcher exit with \d+ of 48 units done; they are kept in the checkpoint/);
  assert.ok(!existsSync(join(runDir, 'results.json')), 'no picture written for a job that is gone');
  const checkpoint = parseCheckpoint(readFileSync(checkpointPath(runDir)));
  assert.deepEqual(checkpoint.interruptions.map((i) => i.reason), ['launcher exit']);
  assert.ok(checkpoint.units.size >= 6 && checkpoint.units.size < UNITS, `kept ${checkpoint.units.size}`);
});

test('a checkpoint with a flipped byte: the damaged unit is found by its checksum and computed again', { timeout: 240_000 }, async () => {
  const runDir = mkdtempSync(join(work, 'flipped-'));
  const run = (extra: string[] = []) => runCli(['run', '--local', '2', ...SPLIT, ...IMAGE, '--run-dir', runDir, '--outfile', join(runDir, 'out.png'), ...extra], { cwd: runDir });
  const first = run(['--quiet']);
  await whenKept(runDir, 6);
  const launcher = processesMentioning(runDir).map((line) => Number(line.split(' ')[0])).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--local'));
  assert.ok(launcher);
  process.kill(launcher, 'SIGTERM');
  assert.equal((await first).code, 75);
  const bytes = readFileSync(checkpointPath(runDir));
  const before = parseCheckpoint(bytes).units.size;
  bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
  writeFileSync(checkpointPath(runDir), bytes);
  assert.equal(parseCheckpoint(bytes).units.size, before - 1, 'the flip hit exactly one unit');
  const second = await run();
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, new RegExp(`resuming attempt 2 from the checkpoint: ${before - 1} of 48 units already done \\(1 damaged record skipped: recomputed\\)`));
  assert.ok(readFileSync(join(runDir, 'out.png')).equals(reference), 'render\'s bytes, the damaged unit recomputed');
});

test('a checkpoint of another picture is refused, naming the option, and left as it was', { timeout: 120_000 }, async () => {
  const runDir = mkdtempSync(join(work, 'other-'));
  const first = runCli(['run', '--local', '2', ...SPLIT, ...IMAGE, '--run-dir', runDir, '--outfile', join(runDir, 'out.png'), '--quiet'], { cwd: runDir });
  await whenKept(runDir, 2);
  const launcher = processesMentioning(runDir).map((line) => Number(line.split(' ')[0])).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--local'));
  process.kill(launcher!, 'SIGTERM');
  assert.equal((await first).code, 75);
  const saved = readFileSync(checkpointPath(runDir));
  const other = IMAGE.map((v, i) => (IMAGE[i - 1] === '--iters' ? '299999' : v));
  const refused = await runCli(['run', '--local', '2', ...SPLIT, ...other, '--run-dir', runDir, '--outfile', join(runDir, 'out.png')], { cwd: runDir });
  // the leader's exit 3; the --local launcher reports a failed leader as exit 5
  assert.equal(refused.code, 5, refused.stderr);
  assert.match(refused.stderr, /rank 0 \(leader\) exited with code 3/);
  assert.match(refused.stderr, /Error: the run directory holds a checkpoint of another picture \(\S+checkpoint\.fractal\): --iters is 300000 in the checkpoint, 299999 now/);
  assert.match(refused.stderr, /hint: remove the checkpoint \(rm \S+\) or use another --run-dir/);
  assert.ok(readFileSync(checkpointPath(runDir)).equals(saved), 'the checkpoint is untouched');
});

test('--resume takes the run\'s own options: any other is a usage error; a directory without submit.json is named', async () => {
  const mixed = await runCli(['submit', '--resume', work, '--iters', '10'], { cwd: work });
  assert.equal(mixed.code, 2, mixed.stderr);
  assert.match(mixed.stderr, /Error: --resume takes the run's own options from its submit\.json; --iters cannot change them/);
  const none = await runCli(['submit', '--resume', work], { cwd: work });
  assert.equal(none.code, 3, none.stderr);
  assert.match(none.stderr, /Error: --resume \S+: no submit\.json there/);
});
