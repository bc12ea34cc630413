// `fractal leader` and rank 0 of `fractal run` build their leader through one function: the same
// --min-workers check, the same generated token, the same name published for a wildcard bind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLeaderOptions, type LeaderSettings } from '../../src/core/cluster/leader-options.js';
import { FractalError } from '../../src/core/errors.js';
import { resolveImageSpec } from '../../src/core/render/image-spec.js';

const settings = (overrides: Partial<LeaderSettings> = {}): LeaderSettings => ({
  spec: resolveImageSpec({
    width: 32,
    height: 24,
    smoothness: 1,
    xpos: 0,
    ypos: 0,
    escapeRadius: 1,
    iters: 50,
    step: 100,
    palette: 'Hippi',
    coloring: 'classic',
  }),
  input: { width: 32, height: 24, smoothness: 1 },
  chunkRows: 4,
  workersExpected: 3,
  joinTimeoutMs: 1000,
  bind: { host: '0.0.0.0', port: 0 },
  runDir: null,
  outfile: 'out.png',
  resultsPath: 'results.json',
  httpPort: null,
  waitForStart: false,
  job: { scheduler: 'none', jobId: null, nodeList: null, size: 4 },
  rank: 0,
  host: 'n01',
  threadsPerNode: null,
  toolVersion: '0.0.0',
  memoryBytes: 2 ** 30,
  ...overrides,
});

test('defaults: every worker, a generated token, this host\'s name for a wildcard bind, no HTTP', () => {
  const options = buildLeaderOptions(settings());
  assert.equal(options.minWorkers, 3);
  assert.match(options.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(options.advertiseHost, 'n01');
  assert.equal(options.http, null);
  assert.notEqual(buildLeaderOptions(settings()).token, options.token);
});

test('what was given is kept: token, advertised host, a bound host, the HTTP port on it', () => {
  const options = buildLeaderOptions(settings({ minWorkers: 2, token: 'tok', bind: { host: '127.0.0.1', port: 5 }, httpPort: 8080 }));
  assert.deepEqual([options.minWorkers, options.token, options.advertiseHost, options.http], [2, 'tok', '127.0.0.1', { host: '127.0.0.1', port: 8080 }]);
  assert.equal(buildLeaderOptions(settings({ advertiseHost: 'login1' })).advertiseHost, 'login1');
  for (const host of ['::', '[::]']) assert.equal(buildLeaderOptions(settings({ bind: { host, port: 0 } })).advertiseHost, 'n01');
});

test('--min-workers outside 1..workers is a usage error saying what was expected and what was given', () => {
  for (const minWorkers of [0, 4, 1.5]) {
    assert.throws(
      () => buildLeaderOptions(settings({ minWorkers })),
      (e: unknown) => e instanceof FractalError && e.kind === 'usage' && e.code === 'E_MIN_WORKERS' && e.message === `--min-workers: expected 1 to 3 (the job's workers), got ${minWorkers}`,
    );
  }
});

test('the HTTP port listens on loopback, even when the gRPC port listens everywhere, unless an interface is named', () => {
  assert.deepEqual(buildLeaderOptions(settings({ httpPort: 8080 })).http, { host: '127.0.0.1', port: 8080 });
  assert.deepEqual(buildLeaderOptions(settings({ httpPort: 8080, httpHost: '0.0.0.0' })).http, { host: '0.0.0.0', port: 8080 });
});
