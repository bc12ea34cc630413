// Builds RunResults objects for tests and fixture files: deterministic (no clock, no randomness),
// valid against schema/results.schema.json unless a test breaks them on purpose.
import type { ProcessMetrics } from '../../src/core/metrics/process-metrics.js';
import type { NodeMetrics, RunResults, SchedulerName } from '../../src/core/metrics/results.js';

export interface ResultsFixtureOptions {
  /** A run resumed from a checkpoint: its attempt and the units carried over. */
  attempt?: number;
  resumedUnits?: number;
  /** Tasks in the job, leader included (distributed), or 1 for render. */
  nodes?: number;
  threads?: number;
  wallMs?: number;
  mode?: 'render' | 'distributed';
  scheduler?: SchedulerName;
  jobId?: string | null;
  runId?: string;
  sha256?: string;
  width?: number;
  height?: number;
  iters?: number;
  /** Per-worker compute-time factors (1 = an even share); cycles if shorter than the workers. */
  skew?: number[];
  lostRanks?: number[];
  requeuedUnits?: number;
  /** Start time: minutes after 2025-01-01T00:00Z (runs of a sweep start one after another). */
  startMinute?: number;
}

export const SHA_A = 'a3f1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const SHA_B = 'b0b1b2b3b4b5b6b7b8b9babbbcbdbebf000102030405060708090a0b0c0d0e0f';

const processMetrics = (cpuMs: number, rss: number): ProcessMetrics => ({
  cpuUserMs: Math.round(cpuMs * 0.9),
  cpuSystemMs: Math.round(cpuMs * 0.1),
  maxRssBytes: rss,
  heapUsedBytes: 12_582_912,
  heapTotalBytes: 25_165_824,
  gc: {
    minor: { count: 14, pauseMs: 9.5 },
    major: { count: 1, pauseMs: 3.25 },
    incremental: { count: 2, pauseMs: 0.5 },
    weakcb: { count: 0, pauseMs: 0 },
    other: { count: 0, pauseMs: 0 },
  },
  eventLoop: { utilization: 0.12, delayP50Ms: 10.1, delayP99Ms: 12.4, delayMaxMs: 20.75 },
});

const iso = (minute: number, extraMs = 0): string => new Date(Date.UTC(2025, 0, 1, 0, minute) + extraMs).toISOString();

export const makeResults = (options: ResultsFixtureOptions = {}): RunResults => {
  const mode = options.mode ?? 'distributed';
  const size = mode === 'render' ? 1 : (options.nodes ?? 3);
  const threads = options.threads ?? 2;
  const width = options.width ?? 256;
  const height = options.height ?? 192;
  const wallMs = options.wallMs ?? 1500;
  const chunkRows = 8;
  const units = Math.ceil(height / chunkRows);
  const pixels = width * height;
  const iterations = pixels * 97;
  const renderMs = Math.round(wallMs * 0.9);
  const workers = mode === 'render' ? 1 : size - 1;
  const lost = new Set(options.lostRanks ?? []);
  const skew = options.skew ?? [1];
  const nodes: NodeMetrics[] = [];
  if (mode === 'render') {
    nodes.push({
      rank: 0, host: 'node-a', role: 'render', threads, units, rows: height, pixels, iterations,
      computeMs: renderMs * threads * 0.95, idleMs: 0, bytesSent: 0, bytesReceived: 0, reconnects: 0, lost: false,
      kernel: 'native-avx512', process: processMetrics(renderMs * threads, 96 * 1024 * 1024),
    });
  } else {
    nodes.push({
      rank: 0, host: 'node-a', role: 'leader', threads: 0, units: 0, rows: 0, pixels: 0, iterations: 0,
      computeMs: 0, idleMs: Math.round(renderMs * 0.97), bytesSent: units * 64, bytesReceived: pixels * 4 + units * 96, reconnects: 0,
      lost: false, kernel: 'none',
      process: processMetrics(wallMs * 0.3, 80 * 1024 * 1024),
    });
    const weights = Array.from({ length: workers }, (_, i) => skew[i % skew.length] ?? 1);
    const total = weights.reduce((s, w) => s + w, 0);
    const heaviest = Math.max(...weights);
    let rowsLeft = height;
    for (let i = 0; i < workers; i++) {
      const rank = i + 1;
      const share = (weights[i] ?? 1) / total;
      const rows = i === workers - 1 ? rowsLeft : Math.round((height * share) / chunkRows) * chunkRows;
      rowsLeft -= rows;
      const isLost = lost.has(rank);
      nodes.push({
        rank, host: `node-${String.fromCharCode(97 + (rank % 26))}${rank >= 26 ? rank : ''}`, role: 'worker', threads,
        units: rows / chunkRows, rows, pixels: rows * width, iterations: Math.round(iterations * share),
        computeMs: Math.round(renderMs * threads * 0.93 * ((weights[i] ?? 1) / heaviest) * 100) / 100,
        idleMs: Math.round(renderMs * 0.05), bytesSent: rows * width * 4 + (rows / chunkRows) * 96, bytesReceived: (rows / chunkRows) * 64,
        reconnects: 0, lost: isLost, kernel: isLost ? 'unknown' : 'native-avx512',
        process: isLost ? null : processMetrics(renderMs * threads, 64 * 1024 * 1024 + rank * 1_048_576),
      });
    }
  }
  const started = options.startMinute ?? 0;
  return {
    schemaVersion: 1,
    kind: 'fractal-results',
    tool: { name: 'fractal', version: '0.1.0', node: 'v20.20.2', protocol: 'fractal.v1/1' },
    run: {
      id: options.runId ?? `run-${size}-${wallMs}`,
      mode,
      startedAt: iso(started),
      finishedAt: iso(started, wallMs),
      attempt: options.attempt ?? 1,
      interruptions: [],
    },
    scheduler: {
      name: options.scheduler ?? (mode === 'render' ? 'none' : 'local'),
      jobId: options.jobId === undefined ? (mode === 'render' ? null : `${4000 + size}`) : options.jobId,
      nodeList: mode === 'render' ? null : `node-[a-${String.fromCharCode(96 + size)}]`,
      size,
    },
    options: {
      image: {
        width, height, xpos: -0.00275, ypos: 0.78912, escapeRadius: 0.125689, iters: options.iters ?? 800, step: 6000,
        palette: 'Hippi', coloring: 'classic',
      },
      input: { width, height, smoothness: 1 },
      chunkRows,
      workersExpected: mode === 'render' ? 0 : workers,
      threadsPerNode: threads,
    },
    image: { path: 'mandelbrot.png', width, height, bytes: 48_213, sha256: options.sha256 ?? SHA_A },
    timings: {
      wallMs,
      joinMs: mode === 'render' ? 0 : 120,
      timeToFirstUnitMs: mode === 'render' ? 0 : 135,
      renderMs,
      encodeMs: 42,
      writeMs: 3,
    },
    work: {
      units,
      resumedUnits: options.resumedUnits ?? 0,
      rows: height,
      pixels,
      iterations,
      requeuedUnits: options.requeuedUnits ?? 0,
      rejectedResults: { duplicate: 0, outOfRange: 0, malformed: 0, unauthenticated: 0 },
      lostWorkers: [...lost].map((rank) => ({
        rank,
        host: `node-${String.fromCharCode(97 + rank)}`,
        reason: 'stream closed: connection reset',
        requeuedUnits: options.requeuedUnits ?? 0,
      })),
    },
    nodes,
  };
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The files of test/fixtures/results, by path below it. A test compares them with the files on
 * disk (UPDATE_GOLDEN=1 rewrites them), so the fixtures and this builder cannot drift apart.
 */
export const buildResultsFixtures = (): Map<string, string> => {
  const files = new Map<string, string>();
  files.set('valid/single-run/results.json', json(makeResults({ nodes: 4, threads: 2, wallMs: 1834, skew: [1, 1.2, 0.85], runId: 'single-4n', jobId: '4242' })));
  files.set('valid/render.json', json(makeResults({ mode: 'render', threads: 2, wallMs: 2950, runId: 'render-2t' })));
  files.set('valid/lost-worker/results.json', json(makeResults({ nodes: 3, threads: 2, wallMs: 2650, lostRanks: [2], requeuedUnits: 3, runId: 'lost-3n' })));

  // A sweep of 1, 2 and 4 workers, 3 repeats each; n3-r3 is an outlier (a slow run).
  const times: Array<[number, number[]]> = [[2, [2400, 2452, 2381]], [3, [1302, 1261, 1904]], [5, [722, 701, 705]]];
  let minute = 0;
  for (const [nodes, walls] of times) {
    walls.forEach((wallMs, i) => {
      const name = `n${nodes}-r${i + 1}`;
      const results = makeResults({ nodes, threads: 2, wallMs, runId: `sweep-${name}`, jobId: `${5000 + minute}`, startMinute: minute, skew: [1, 1.05] });
      files.set(`sweep/${name}/results.json`, json(results));
      minute++;
    });
  }
  files.set('sweep/sweep.json', json({ kind: 'fractal-sweep', nodes: [2, 3, 5], repeat: 3, runs: times.flatMap(([n, walls]) => walls.map((_, i) => `n${n}-r${i + 1}`)) }));

  // Two repeats far apart, and two runs of the same picture with different PNG bytes.
  files.set('sweep-mismatch/n2-r1/results.json', json(makeResults({ nodes: 2, wallMs: 2400, runId: 'mm-n2-r1', startMinute: 0 })));
  files.set('sweep-mismatch/n2-r2/results.json', json(makeResults({ nodes: 2, wallMs: 3900, runId: 'mm-n2-r2', startMinute: 1 })));
  files.set('sweep-mismatch/n3-r1/results.json', json(makeResults({ nodes: 3, wallMs: 1290, runId: 'mm-n3-r1', startMinute: 2 })));
  files.set('sweep-mismatch/n3-r2/results.json', json(makeResults({ nodes: 3, wallMs: 1310, runId: 'mm-n3-r2', sha256: SHA_B, startMinute: 3 })));

  const good = makeResults({ nodes: 3, runId: 'bad' });
  const broken = (change: (r: Record<string, any>) => void): string => {
    const copy = structuredClone(good) as unknown as Record<string, any>;
    change(copy);
    return json(copy);
  };
  files.set('invalid/not-json.json', `${json(good).slice(0, 300)}\n`);
  files.set('invalid/foreign.json', json({ name: 'some-package', version: '1.0.0', dependencies: {} }));
  files.set('invalid/newer-version.json', broken((r) => (r['schemaVersion'] = 2)));
  files.set('invalid/wrong-type.json', broken((r) => (r['nodes'][2].rows = '12')));
  files.set('invalid/missing-field.json', broken((r) => delete r['timings'].wallMs));
  files.set('invalid/bad-sha.json', broken((r) => (r['image'].sha256 = 'XYZ')));
  return files;
};
