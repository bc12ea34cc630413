// `fractal submit --scheduler local`: the README's "try it now" path, for real: the script starts
// the tasks on this machine, rank 0 leads, the PNG is `fractal render`'s, every process exits.
// Also: submitting without --wait returns at once and the job finishes on its own; a failing job
// makes --wait exit 5; a sweep runs its points one after another into one directory.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { processesGone, processesMentioning, taskPidOfRank } from '../../scripts/slurm-cluster/cluster.js';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'fractal-submit-local-'));
after(() => rmSync(work, { recursive: true, force: true }));

const SMALL = ['--width', '256', '--height', '192', '--smoothness', '1'];
const submit = (args: string[], timeoutMs = 120_000) => runCli(['submit', '--scheduler', 'local', ...args], { cwd: work, timeoutMs });
let reference: Buffer;

before(async () => {
  const out = join(work, 'render.png');
  const render = await runCli(['render', '--quiet', ...SMALL, '--outfile', out], { cwd: work });
  assert.equal(render.code, 0, render.stderr);
  reference = readFileSync(out);
});

test('--scheduler local --nodes 4 --wait: four tasks, rank 0 leads, render\'s PNG, nothing left running', { timeout: 120_000 }, async () => {
  const result = await submit(['--nodes', '4', '--wait', ...SMALL]);
  const [runName] = readdirSync(join(work, 'runs'));
  const runDir = join(work, 'runs', runName!);
  const logs = readdirSync(runDir).filter((f) => f.endsWith('.log')).map((f) => `--- ${f}\n${readFileSync(join(runDir, f), 'utf8')}`).join('\n');
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}\n${logs}`);
  assert.match(runName!, /^\d{8}-\d{6}-local-4n$/);
  assert.match(result.stdout, /^submitted job \d+: 4 node\(s\), 4 tasks \(rank 0 leads, 3 worker\(s\)\)/m);
  assert.match(result.stdout, /image +runs\/.*\/mandelbrot\.png \(256×192/);
  assert.match(result.stdout, /results +runs\/.*\/results\.json/);

  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  assert.equal(results.scheduler.name, 'local');
  assert.equal(results.scheduler.size, 4);
  assert.equal(results.nodes.length, 4);
  assert.deepEqual(results.nodes.map((n: { rank: number }) => n.rank).sort(), [0, 1, 2, 3]);
  assert.equal(results.nodes.find((n: { rank: number }) => n.rank === 0).role, 'leader');
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(reference), 'the PNG differs from fractal render\'s');
  for (const rank of [0, 1, 2, 3]) assert.ok(existsSync(join(runDir, `task-${rank}.log`)), `task-${rank}.log`);
  const submission = JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8'));
  assert.equal(submission.outcome.state, 'completed');
  assert.equal(results.scheduler.jobId, submission.job.id);
  assert.deepEqual(processesMentioning(runDir), []);
});

test('without --wait: returns at once with the job id; the job finishes by itself', { timeout: 120_000 }, async () => {
  const runDir = join(work, 'detached');
  const result = await submit(['--nodes', '3', '--run-dir', runDir, ...SMALL]);
  assert.equal(result.code, 0, result.stderr);
  const jobId: string = JSON.parse(readFileSync(join(runDir, 'submit.json'), 'utf8')).job.id;
  assert.match(result.stdout, new RegExp(`kill -- -${jobId}`));
  for (const deadline = Date.now() + 90_000; !existsSync(join(runDir, 'results.json')) && Date.now() < deadline; ) await sleep(100);
  const left = await processesGone(runDir, 10_000);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(reference));
  assert.deepEqual(left, []);
});

test('a failing local job: --wait exits 5 and shows the end of the failing log', { timeout: 60_000 }, async () => {
  const result = await submit(['--nodes', '2', '--wait', '--setup', 'echo "no module here" >&2; exit 7', '--run-dir', join(work, 'failing'), ...SMALL]);
  assert.equal(result.code, 5, result.stderr);
  assert.match(result.stderr, /^Error: job \d+ \(.*failing\) ended FAILED \(exit 7\)$/m);
  assert.match(result.stderr, /\| no module here/);
  assert.match(result.stderr, /hint: each task logs to task-RANK\.log/);
});

test('a local sweep runs its points one after another into one directory, with sweep.json', { timeout: 180_000 }, async () => {
  const sweepDir = join(work, 'sweep');
  const result = await submit(['--nodes', '2,3', '--repeat', '2', '--run-dir', sweepDir, ...SMALL]);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.deepEqual(readdirSync(sweepDir).sort(), ['n2-r1', 'n2-r2', 'n3-r1', 'n3-r2', 'sweep.json']);
  const sweep = JSON.parse(readFileSync(join(sweepDir, 'sweep.json'), 'utf8'));
  assert.equal(sweep.kind, 'fractal-sweep');
  const points = sweep.points.map((p: { nodes: number; repeat: number; ok: boolean }) => [p.nodes, p.repeat, p.ok]);
  assert.deepEqual(points, [[2, 1, true], [2, 2, true], [3, 1, true], [3, 2, true]]);
  // one after another: each started after the one before had finished
  const spans = sweep.points.map((p: { runDir: string }) => JSON.parse(readFileSync(join(sweepDir, p.runDir, 'results.json'), 'utf8')).run);
  for (let i = 1; i < spans.length; i++) assert.ok(Date.parse(spans[i].startedAt) >= Date.parse(spans[i - 1].finishedAt), `point ${i} overlapped the one before`);
  assert.match(result.stdout, /summarize: fractal metrics summarize sweep$/m);
});

test('a worker SIGKILLed mid-render does not fail the job: --wait exits 0 with a warning naming it', { timeout: 120_000 }, async () => {
  const runDir = join(work, 'lost-worker');
  // slow enough (a few seconds on two cores) for rank 2 to be hit while the render runs
  const image = ['--width', '512', '--height', '192', '--smoothness', '1', '--xpos', '-0.5', '--ypos', '0', '--escape-radius', '3', '--iters', '200000'];
  const job = runCli(['submit', '--scheduler', 'local', '--nodes', '4', '--wait', '--run-dir', runDir, '--threads', '1', '--chunk', '4', ...image], { cwd: work });
  for (const deadline = Date.now() + 60_000; !/joined the leader/.test(readIfThere(join(runDir, 'task-2.log'))) && Date.now() < deadline; ) await sleep(50);
  await sleep(500);
  const pid = taskPidOfRank(runDir, 'FRACTAL_RANK', 2);
  assert.ok(pid, 'rank 2 is running');
  assert.ok(!existsSync(join(runDir, 'results.json')), 'the render ended before the fault: make the image slower');
  process.kill(pid, 'SIGKILL');
  const result = await job;
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^job \d+ done: COMPLETED/m);
  assert.match(result.stderr, /warning: the picture is complete, although rank 2 was lost on the way: \d+ units? (was|were) re-queued/);
  const render = await runCli(['render', '--quiet', ...image, '--outfile', join(work, 'lost-worker.png')], { cwd: work });
  assert.equal(render.code, 0, render.stderr);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(readFileSync(join(work, 'lost-worker.png'))), 'render\'s bytes');
  assert.match(readFileSync(join(runDir, 'task-0.log'), 'utf8'), /warning: lost worker rank 2/);
  assert.deepEqual(processesMentioning(runDir), []);
});

test('`fractal outcome`: 0 for a finished run, 5 naming what is missing when the leader did not finish', { timeout: 60_000 }, async () => {
  const runDir = join(work, 'outcome');
  const done = await submit(['--nodes', '2', '--wait', '--run-dir', runDir, ...SMALL]);
  assert.equal(done.code, 0, done.stderr);
  const results = join(runDir, 'results.json');
  const ok = await runCli(['outcome', '--results', results], { cwd: work });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^the run is complete: \S+mandelbrot\.png \(256×192\) and \S+results\.json$/m);
  assert.equal(ok.stderr, '', 'no lost workers, no warning');

  const png = join(runDir, 'mandelbrot.png');
  writeFileSync(png, readFileSync(png).subarray(0, 100));
  const torn = await runCli(['outcome', '--results', results], { cwd: work });
  assert.equal(torn.code, 5, torn.stderr);
  assert.match(torn.stderr, /^Error: the results describe \S+mandelbrot\.png of \d+ bytes, but there is 100 bytes$/m);

  rmSync(results);
  const missing = await runCli(['outcome', '--results', results], { cwd: work });
  assert.equal(missing.code, 5, missing.stderr);
  assert.match(missing.stderr, /^Error: the leader did not finish the run: \S+results\.json was not written$/m);
  assert.match(missing.stderr, /hint: the leader's lines in the job's log/);
});

const readIfThere = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');
