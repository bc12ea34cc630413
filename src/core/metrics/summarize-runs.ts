// From parsed results files to the numbers an HPC engineer asks for: where the time went on each
// node of a run, and how a workload scales with nodes. Pure: no I/O, no clock, same input -> same
// report (golden files depend on it).
//
// How runs are grouped:
// - a *study* is one workload (the resolved image: size, view, iterations, palette, colouring) run
//   with one thread count per node; scaling is only meaningful inside a study. `fractal render`
//   runs (mode render) join the distributed study of their picture and threads as its one-process
//   baseline: one node, counted as one worker (one process computing with the same threads);
// - a *group* is the runs of a study with the same mode and node count (scheduler.size, leader
//   included), the render group first;
// - speedup is the baseline group's median wall time over this group's; the baseline is the
//   group with the fewest nodes; efficiency = speedup ÷ (scale units ÷ baseline scale units).
//   By default the scale unit is the worker count (size − 1): the leader hands out work and
//   assembles the PNG but computes no pixels, so counting it would make 1 → 2 workers look like
//   2 → 3 nodes and understate efficiency. `scaleBy: 'nodes'` counts every task instead.
import { formatDuration } from '../format-duration.js';
import type { NodeMetrics, RunResults } from './results.js';
import type {
  Imbalance,
  LoadedRun,
  NodeSummary,
  RunSummary,
  ScalingGroup,
  ScalingStudy,
  Stats,
  SummarizeRunsOptions,
  SummaryReport,
  SummaryWarning,
} from './summary-types.js';
import { isResumed, runWarnings } from './summary-warnings.js';
import { formatLabels } from './labels.js';
import { summarizeNetwork } from './summarize-network.js';

export * from './summary-types.js';

export const computeStats = (values: readonly number[]): Stats => {
  const n = values.length;
  if (n === 0) return { n: 0, median: 0, mean: 0, stddev: 0, min: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, median, mean, stddev: Math.sqrt(variance), min: sorted[0] ?? 0, max: sorted[n - 1] ?? 0 };
};

/** Workers that compute: size − 1 in a distributed run (the leader does not), 1 for `fractal render`. */
export const workerCount = (results: RunResults): number => {
  if (results.run.mode === 'render') return 1;
  const fromSize = results.scheduler.size - 1;
  if (fromSize >= 1) return fromSize;
  return Math.max(1, results.nodes.filter((n) => n.role === 'worker').length);
};

export const describeWorkload = (results: RunResults): string => {
  const i = results.options.image;
  return `${i.width}×${i.height} px, ${i.iters} iters, ${i.palette}/${i.coloring}, centre (${i.xpos}, ${i.ypos}), view ${i.escapeRadius}`;
};

const summarizeNode = (node: NodeMetrics, renderMs: number): NodeSummary => {
  const p = node.process;
  const gc = p ? Object.values(p.gc) : [];
  return {
    rank: node.rank,
    host: node.host,
    role: node.role,
    lost: node.lost,
    threads: node.threads,
    units: node.units,
    rows: node.rows,
    pixels: node.pixels,
    iterations: node.iterations,
    computeMs: node.computeMs,
    idleMs: node.idleMs,
    busy: node.threads > 0 && renderMs > 0 ? node.computeMs / (node.threads * renderMs) : null,
    bytesSent: node.bytesSent,
    bytesReceived: node.bytesReceived,
    reconnects: node.reconnects,
    cpuMs: p ? p.cpuUserMs + p.cpuSystemMs : null,
    maxRssBytes: p ? p.maxRssBytes : null,
    gcCount: p ? gc.reduce((s, g) => s + g.count, 0) : null,
    gcPauseMs: p ? gc.reduce((s, g) => s + g.pauseMs, 0) : null,
    eventLoopDelayP99Ms: p ? p.eventLoop.delayP99Ms : null,
  };
};

const imbalanceOf = (nodes: readonly NodeSummary[]): Imbalance | null => {
  const workers = nodes.filter((n) => n.role === 'worker' && !n.lost);
  if (workers.length < 2) return null;
  let busiest = workers[0] as NodeSummary;
  let idlest = busiest;
  for (const w of workers) {
    if (w.computeMs > busiest.computeMs) busiest = w;
    if (w.computeMs < idlest.computeMs) idlest = w;
  }
  const mean = workers.reduce((s, w) => s + w.computeMs, 0) / workers.length;
  const rows = workers.map((w) => w.rows);
  return {
    workers: workers.length,
    computeMs: { min: idlest.computeMs, mean, max: busiest.computeMs },
    rows: { min: Math.min(...rows), max: Math.max(...rows) },
    imbalance: mean > 0 ? busiest.computeMs / mean - 1 : 0,
    busiestRank: busiest.rank,
    idlestRank: idlest.rank,
  };
};

export const summarizeRun = (run: LoadedRun): RunSummary => {
  const r = run.results;
  const renderMs = r.timings.renderMs > 0 ? r.timings.renderMs : r.timings.wallMs;
  const nodeMetrics = [...r.nodes].sort((a, b) => a.rank - b.rank).map((n) => summarizeNode(n, renderMs));
  const rejected = r.work.rejectedResults;
  return {
    file: run.file,
    id: r.run.id,
    mode: r.run.mode,
    startedAt: r.run.startedAt,
    attempt: r.run.attempt,
    scheduler: { name: r.scheduler.name, jobId: r.scheduler.jobId, nodeList: r.scheduler.nodeList },
    nodes: r.scheduler.size,
    workers: workerCount(r),
    threadsPerNode: r.options.threadsPerNode,
    workload: describeWorkload(r),
    image: {
      width: r.image.width,
      height: r.image.height,
      iters: r.options.image.iters,
      palette: r.options.image.palette,
      coloring: r.options.image.coloring,
      path: r.image.path,
      bytes: r.image.bytes,
      sha256: r.image.sha256,
    },
    timings: { ...r.timings },
    work: {
      units: r.work.units,
      rows: r.work.rows,
      pixels: r.work.pixels,
      iterations: r.work.iterations,
      requeuedUnits: r.work.requeuedUnits,
      resumedUnits: r.work.resumedUnits,
      lostWorkers: r.work.lostWorkers.length,
      rejectedResults: rejected.duplicate + rejected.outOfRange + rejected.malformed + rejected.unauthenticated,
    },
    nodeMetrics,
    imbalance: imbalanceOf(nodeMetrics),
    labels: r.labels ?? {},
    network: summarizeNetwork(r),
  };
};

const percent = (share: number): string => `${(share * 100).toFixed(0)}%`;

/** Locale-free ordering: the same input gives the same report on every machine. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const workloadKey = (r: RunResults): string => {
  const i = r.options.image;
  return JSON.stringify([i.width, i.height, i.xpos, i.ypos, i.escapeRadius, i.iters, i.step, i.palette, i.coloring]);
};

const groupBy = <T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> => {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
};

const buildStudy = (runs: readonly LoadedRun[], options: SummarizeRunsOptions, warnings: SummaryWarning[]): ScalingStudy => {
  const first = (runs[0] as LoadedRun).results;
  const mode = runs.some((r) => r.results.run.mode === 'distributed') ? 'distributed' : 'render';
  const byNodes = groupBy(runs, (r) => `${r.results.run.mode === 'render' ? 0 : 1} ${r.results.scheduler.size}`);
  const groups: ScalingGroup[] = [...byNodes.values()]
    .map((members) => {
      const { run, scheduler } = (members[0] as LoadedRun).results;
      const wallTimesMs = members.map((m) => m.results.timings.wallMs);
      const workers = workerCount((members[0] as LoadedRun).results);
      return {
        mode: run.mode,
        nodes: scheduler.size,
        workers,
        scale: options.scaleBy === 'workers' ? workers : scheduler.size,
        runs: members.length,
        files: members.map((m) => m.file),
        wallMs: computeStats(wallTimesMs),
        wallTimesMs,
        speedup: 1,
        efficiency: 1,
        sha256: [...new Set(members.map((m) => m.results.image.sha256))].sort(),
      };
    })
    .sort((a, b) => a.nodes - b.nodes || (a.mode === 'render' ? -1 : 1));
  const base = groups[0] as ScalingGroup;
  for (const g of groups) {
    g.speedup = g.wallMs.median > 0 ? base.wallMs.median / g.wallMs.median : 0;
    g.efficiency = g.speedup / (g.scale / base.scale);
  }
  const labels = formatLabels(first.labels);
  const threads = `${first.options.threadsPerNode} thread${first.options.threadsPerNode === 1 ? '' : 's'} per node${labels ? `, ${labels}` : ''}`;
  for (const g of groups) {
    const label = `${g.nodes} node${g.nodes === 1 ? '' : 's'} (${g.mode}, ${threads})`;
    if (g.runs === 1) {
      warnings.push({ kind: 'single-run', message: `${label}: 1 run only, so no spread is known; repeat it (fractal submit --repeat 3)`, files: g.files });
    } else if (g.runs === 2) {
      const [a, b] = g.wallTimesMs as [number, number];
      const spread = Math.abs(a - b) / Math.min(a, b);
      if (spread > options.outlierThreshold) {
        warnings.push({
          kind: 'spread',
          message: `${label}: the 2 runs differ by ${percent(spread)} (${formatDuration(a, 'brief')} vs ${formatDuration(b, 'brief')}); a third run would tell which is the outlier`,
          files: g.files,
        });
      }
    } else {
      g.wallTimesMs.forEach((t, i) => {
        const off = g.wallMs.median > 0 ? (t - g.wallMs.median) / g.wallMs.median : 0;
        if (Math.abs(off) > options.outlierThreshold) {
          const file = g.files[i] ?? '';
          warnings.push({
            kind: 'outlier',
            message: `${file}: wall time ${formatDuration(t, 'brief')} is ${percent(Math.abs(off))} ${off > 0 ? 'above' : 'below'} the median ${formatDuration(g.wallMs.median, 'brief')} of its group, ${label}`,
            files: [file],
          });
        }
      });
    }
  }
  return {
    labels: first.labels ?? {},
    workload: describeWorkload(first),
    mode,
    threadsPerNode: first.options.threadsPerNode,
    scaleBy: options.scaleBy,
    baseline: { mode: base.mode, nodes: base.nodes, workers: base.workers, scale: base.scale, medianMs: base.wallMs.median },
    groups,
  };
};



/** Studies by label: numbers in values compare as numbers, so rtt=2ms comes before rtt=10ms. */
const compareLabels = (a: Record<string, string>, b: Record<string, string>): number =>
  formatLabels(a).localeCompare(formatLabels(b), 'en', { numeric: true });

/** At most a few names: a warning about 1,000 runs must stay readable. */
const listFiles = (files: readonly string[], max = 3): string => {
  const names = files.map((f) => f.replace(/[/\\]results\.json$/, ''));
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${files.length} runs (${shown}, …)` : shown;
};

const hashWarnings = (runs: readonly LoadedRun[]): SummaryWarning[] => {
  const warnings: SummaryWarning[] = [];
  for (const members of groupBy(runs, (r) => workloadKey(r.results)).values()) {
    const byHash = groupBy(members, (m) => m.results.image.sha256);
    if (byHash.size < 2) continue;
    const parts = [...byHash.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([hash, list]) => `${hash.slice(0, 12)}… from ${listFiles(list.map((l) => l.file))}`);
    warnings.push({
      kind: 'hash-mismatch',
      message:
        `CORRECTNESS: ${byHash.size} different PNGs from the same image options (${describeWorkload((members[0] as LoadedRun).results)}): ` +
        `${parts.join('; ')}. Any split of rows must give identical bytes, so at least one run is wrong, whatever its speed`,
      files: members.map((m) => m.file),
    });
  }
  return warnings;
};

export const summarizeRuns = (runs: readonly LoadedRun[], options: SummarizeRunsOptions): SummaryReport => {
  const summaries = runs.map(summarizeRun);
  const warnings: SummaryWarning[] = [...hashWarnings(runs), ...runWarnings(summaries)];
  // a resumed run's wall time is one attempt's, not the picture's: not comparable with the others
  const timed = runs.filter((_, i) => !isResumed(summaries[i]!));
  // runs with other labels are another study (a render run, unlabelled, is the baseline of the unlabelled one)
  const studyRuns = groupBy(timed, (r) =>
    JSON.stringify([workloadKey(r.results), r.results.options.threadsPerNode, formatLabels(r.results.labels)]),
  );
  const studies: ScalingStudy[] = [];
  const studyWarnings: SummaryWarning[] = [];
  if (timed.length > 1) {
    for (const members of studyRuns.values()) studies.push(buildStudy(members, options, studyWarnings));
    studies.sort(
      (a, b) =>
        compareText(a.workload, b.workload) ||
        compareText(a.mode, b.mode) ||
        a.threadsPerNode - b.threadsPerNode ||
        compareLabels(a.labels, b.labels),
    );
  }
  return {
    scaleBy: options.scaleBy,
    outlierThreshold: options.outlierThreshold,
    runs: summaries,
    studies,
    warnings: [...warnings, ...studyWarnings],
  };
};
