// What `submit --wait` reports of a finished job reads the leader's results.json exactly as
// `metrics summarize` does: a file summarize would refuse is no success.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readJobOutcome } from '../../src/core/submit/job-outcome.js';
import { makeResults } from '../helpers/results-fixture.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fractal-outcome-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const completed = { state: 'completed', detail: 'COMPLETED' } as const;

test('a completed job with valid results: ok, with what the summary shows of them', async () => {
  const results = makeResults({ nodes: 3 });
  const path = join(dir, 'valid.json');
  await writeFile(path, JSON.stringify(results));
  const outcome = await readJobOutcome(completed, 1500, path, []);
  assert.equal(outcome.ok, true);
  assert.equal(outcome.resultsProblem, null);
  assert.deepEqual(outcome.results, {
    path,
    image: results.image,
    wallMs: results.timings.wallMs,
    timeToFirstUnitMs: results.timings.timeToFirstUnitMs,
    startedAt: results.run.startedAt,
    finishedAt: results.run.finishedAt,
    jobId: results.scheduler.jobId,
    nodes: results.nodes.map((n) => ({ rank: n.rank, host: n.host, role: n.role })),
    attempt: 1,
    resumedUnits: 0,
    lostWorkers: [],
  });
});

test('missing, not JSON, or not a valid results file: not ok, and the problem says which', async () => {
  const log = join(dir, 'job.log');
  await writeFile(log, 'line 1\nthe last line\n');
  const missing = await readJobOutcome(completed, 0, join(dir, 'none.json'), [log]);
  assert.deepEqual([missing.ok, missing.resultsProblem], [false, `${join(dir, 'none.json')} was not written`]);
  assert.deepEqual(missing.logTail, ['line 1', 'the last line']);

  const truncated = join(dir, 'truncated.json');
  await writeFile(truncated, '{"kind": "fractal-results", ');
  assert.match((await readJobOutcome(completed, 0, truncated, [])).resultsProblem ?? '', /truncated\.json: not JSON/);

  const broken = makeResults() as unknown as { timings: Record<string, unknown> };
  broken.timings['wallMs'] = '12';
  const wrong = join(dir, 'wrong.json');
  await writeFile(wrong, JSON.stringify(broken));
  const outcome = await readJobOutcome(completed, 0, wrong, []);
  assert.equal(outcome.ok, false);
  assert.match(outcome.resultsProblem ?? '', /wrong\.json: timings\.wallMs: expected a non-negative number, got "12"/);
});
