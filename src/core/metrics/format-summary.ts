// Renders a summary report as text for a terminal (80 columns), Markdown, CSV or JSON. Table and
// Markdown are two renderings (summary-document.ts) of the one document built here (headings,
// fields, tables, notes), so they always carry the same facts. CSV (summary-csv.ts) holds one
// table (runs, nodes or scaling) with raw numbers and the unit in the column name; JSON is the
// report itself.
import { formatDuration } from '../format-duration.js';
import { formatBytes, formatCount, formatPercent, formatRatio } from './format-units.js';
import { formatNodesCsv, formatRunsCsv, formatScalingCsv } from './summary-csv.js';
import { labelledStudyBlocks, networkBlocks } from './format-network.js';
import { formatLabels } from './labels.js';
import { renderMarkdown, renderText, type Block, type Column } from './summary-document.js';
import type { SummarizeResultsReport } from './summarize-results.js';
import type { NodeSummary, RunSummary, ScalingStudy } from './summarize-runs.js';

export const SUMMARY_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

export const SUMMARY_TABLES = ['runs', 'nodes', 'scaling'] as const;
export type SummaryTable = (typeof SUMMARY_TABLES)[number];

export interface FormatSummaryOptions {
  format: SummaryFormat;
  /** Only this table (table/markdown), or which table CSV holds (default: nodes for one run, else scaling). */
  table?: SummaryTable | undefined;
  /** Terminal width for the table format. */
  width?: number;
  /**
   * Applied to every piece of text of the table and Markdown formats before it is laid out: the
   * cli escapes control characters a results file may hold (a host name with ESC or a newline),
   * so that columns are measured on what is printed and no value can start a line of its own.
   */
  escape?: (text: string) => string;
}

export const DEFAULT_WIDTH = 80;

// ---------------------------------------------------------------------------------------------
// The document

/** Every duration of the summary reads the same way. */
const duration = (ms: number): string => formatDuration(ms, 'summary');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** runs/n3-r1/results.json -> runs/n3-r1: the run directory names a run best. */
export const runLabel = (file: string): string => file.replace(/[/\\]results\.json$/, '');

const describeNodes = (run: RunSummary): string =>
  run.mode === 'render'
    ? `1 (fractal render, ${plural(run.threadsPerNode, 'thread')})`
    : `${run.nodes} (1 leader + ${plural(run.workers, 'worker')}), ${plural(run.threadsPerNode, 'thread')} per node`;

const runHeader = (run: RunSummary): Block[] => {
  const t = run.timings;
  const w = run.work;
  const scheduler = [run.scheduler.name, run.scheduler.jobId === null ? null : `job ${run.scheduler.jobId}`, run.scheduler.nodeList]
    .filter((s) => s !== null)
    .join(', ');
  const phases =
    run.mode === 'render'
      ? `render ${duration(t.renderMs)}, encode ${duration(t.encodeMs)}, write ${duration(t.writeMs)}`
      : `join ${duration(t.joinMs)}, first unit ${duration(t.timeToFirstUnitMs)}, render ${duration(t.renderMs)}, ` +
        `encode ${duration(t.encodeMs)}, write ${duration(t.writeMs)}`;
  const trouble = [
    `${w.requeuedUnits} re-queued`,
    `${plural(w.lostWorkers, 'lost worker')}`,
    `${w.rejectedResults} rejected result${w.rejectedResults === 1 ? '' : 's'}`,
  ].join(', ');
  return [
    { kind: 'heading', text: `Run ${runLabel(run.file)}` },
    {
      kind: 'fields',
      entries: [
        ['run id', `${run.id} (${run.mode}, started ${run.startedAt})`],
        ['image', `${run.image.width}×${run.image.height} px, ${run.image.iters} iters, ${run.image.palette}/${run.image.coloring}`],
        ['png', `${run.image.path} (${formatBytes(run.image.bytes)})`],
        ['png sha256', run.image.sha256],
        ['scheduler', scheduler],
        ['nodes', describeNodes(run)],
        ['wall time', duration(t.wallMs)],
        ['phases', phases],
        ['work', `${plural(w.units, 'unit')}, ${plural(w.rows, 'row')}, ${formatCount(w.pixels)} pixels, ${formatCount(w.iterations)} iterations`],
        ['trouble', trouble],
        ...(Object.keys(run.labels).length > 0 ? [['labels', formatLabels(run.labels)] as [string, string]] : []),
      ],
    },
  ];
};

const NODE_WORK_COLUMNS: Column[] = [
  { header: 'rank', align: 'right' },
  { header: 'host', align: 'left', max: 16, cut: 'end' },
  { header: 'role', align: 'left' },
  { header: 'thr', align: 'right' },
  { header: 'units', align: 'right' },
  { header: 'rows', align: 'right' },
  { header: 'compute', align: 'right' },
  { header: 'idle', align: 'right' },
  { header: 'busy', align: 'right' },
];

const NODE_PROCESS_COLUMNS: Column[] = [
  { header: 'rank', align: 'right' },
  { header: 'in', align: 'right' },
  { header: 'out', align: 'right' },
  { header: 'CPU', align: 'right' },
  { header: 'max RSS', align: 'right' },
  { header: 'GC pause (n)', align: 'right' },
  { header: 'loop p99', align: 'right' },
];

const orDash = (value: number | null, format: (v: number) => string): string => (value === null ? '–' : format(value));

const nodeBlocks = (run: RunSummary): Block[] => {
  const nodes = run.nodeMetrics;
  const role = (n: NodeSummary): string => (n.lost ? `${n.role}*` : n.role);
  const blocks: Block[] = [];
  blocks.push({
    kind: 'table',
    columns: NODE_WORK_COLUMNS,
    rows: nodes.map((n) => [
      String(n.rank),
      n.host,
      role(n),
      String(n.threads),
      String(n.units),
      String(n.rows),
      duration(n.computeMs),
      duration(n.idleMs),
      formatPercent(n.busy),
    ]),
  });
  blocks.push({
    kind: 'table',
    columns: NODE_PROCESS_COLUMNS,
    rows: nodes.map((n) => [
      String(n.rank),
      formatBytes(n.bytesReceived),
      formatBytes(n.bytesSent),
      orDash(n.cpuMs, duration),
      orDash(n.maxRssBytes, formatBytes),
      n.gcPauseMs === null ? '–' : `${duration(n.gcPauseMs)} (${n.gcCount ?? 0})`,
      orDash(n.eventLoopDelayP99Ms, duration),
    ]),
  });
  const renderMs = run.timings.renderMs > 0 ? run.timings.renderMs : run.timings.wallMs;
  const notes = [
    `compute: thread time computing and colouring, summed over threads; busy = compute ÷ (threads × render time ${duration(renderMs)}); ` +
      'in/out: bytes received/sent; CPU: user + system; loop p99: event-loop delay.',
  ];
  if (nodes.some((n) => n.lost)) notes.push('* lost during the run: its figures are what the leader knew of it.');
  blocks.push({ kind: 'text', text: notes.join(' ') });
  const imb = run.imbalance;
  if (imb) {
    blocks.push({
      kind: 'text',
      text:
        `Imbalance between the ${imb.workers} workers: ${formatPercent(imb.imbalance)} (busiest rank ${imb.busiestRank} computed ` +
        `${duration(imb.computeMs.max)} against a mean of ${duration(imb.computeMs.mean)}; least busy rank ${imb.idlestRank}, ` +
        `${duration(imb.computeMs.min)}); rows per worker ${imb.rows.min}–${imb.rows.max}.`,
    });
  } else if (run.mode === 'distributed') {
    const active = nodes.filter((n) => n.role === 'worker' && !n.lost).length;
    blocks.push({ kind: 'text', text: `Imbalance: ${active === 1 ? 'one worker' : `${active} workers`} finished, so there is nothing to compare.` });
  }
  return blocks;
};

const RUN_COLUMNS: Column[] = [
  { header: 'run', align: 'left', max: 30, cut: 'start' },
  { header: 'sched', align: 'left' },
  { header: 'job', align: 'left', max: 10, cut: 'start' },
  { header: 'nodes', align: 'right' },
  { header: 'thr', align: 'right' },
  { header: 'wall', align: 'right' },
  { header: 'png', align: 'left' },
];

const runsTable = (runs: readonly RunSummary[]): Block[] => [
  { kind: 'heading', text: `Runs (${runs.length})` },
  {
    kind: 'table',
    columns: RUN_COLUMNS,
    rows: runs.map((r) => [
      runLabel(r.file),
      r.scheduler.name,
      r.scheduler.jobId ?? '–',
      String(r.nodes),
      String(r.threadsPerNode),
      duration(r.timings.wallMs),
      r.image.sha256.slice(0, 8),
    ]),
  },
];

const SCALING_COLUMNS: Column[] = [
  { header: 'nodes', align: 'right' },
  { header: 'workers', align: 'right' },
  { header: 'runs', align: 'right' },
  { header: 'median', align: 'right' },
  { header: 'mean ± σ', align: 'right' },
  { header: 'min – max', align: 'right' },
  { header: 'speedup', align: 'right' },
  { header: 'eff.', align: 'right' },
];

export const describeEfficiency = (study: ScalingStudy): string => {
  const base = study.baseline;
  const unit = study.scaleBy === 'workers' ? 'workers' : 'nodes';
  const distributed =
    study.scaleBy === 'workers'
      ? 'workers = nodes − 1: the leader hands out work but computes no pixels (--scale-by nodes counts it)'
      : 'nodes include the leader (--scale-by workers leaves it out)';
  const againstRender = study.mode === 'distributed' && base.mode === 'render';
  const why =
    study.mode === 'render'
      ? 'fractal render is one process on one node'
      : againstRender
      ? `fractal render counts as one ${unit === 'workers' ? 'worker' : 'node'} (one process, the same threads), and ${distributed}`
      : distributed;
  const baseline = base.mode === 'render' ? `fractal render's median` : `the ${base.nodes}-node median`;
  return (
    `${study.mode}, ${plural(study.threadsPerNode, 'thread')} per node${againstRender ? ', against fractal render' : ''}. Speedup: ${baseline} ` +
    `(${duration(base.medianMs)}) ÷ each median; efficiency = speedup ÷ ${base.scale === 1 ? unit : `(${unit} ÷ ${base.scale})`}; ${why}.`
  );
};

const scalingBlocks = (study: ScalingStudy): Block[] => [
  { kind: 'heading', text: `Strong scaling: ${study.workload}` },
  { kind: 'text', text: describeEfficiency(study) },
  {
    kind: 'table',
    columns: SCALING_COLUMNS,
    rows: study.groups.map((g) => [
      g.mode === 'render' ? 'render' : String(g.nodes),
      String(g.workers),
      String(g.runs),
      duration(g.wallMs.median),
      g.runs > 1 ? `${duration(g.wallMs.mean)} ± ${duration(g.wallMs.stddev)}` : duration(g.wallMs.mean),
      g.runs > 1 ? `${duration(g.wallMs.min)} – ${duration(g.wallMs.max)}` : '–',
      formatRatio(g.speedup),
      formatPercent(g.efficiency),
    ]),
  },
];

/** Studies that differ only by labels make one table; every other study has its own. */
const studyBlocks = (studies: readonly ScalingStudy[]): Block[] => {
  const families = new Map<string, ScalingStudy[]>();
  for (const study of studies) {
    const key = JSON.stringify([study.workload, study.mode, study.threadsPerNode]);
    families.set(key, [...(families.get(key) ?? []), study]);
  }
  return [...families.values()].flatMap((family) =>
    family.length > 1 && family.some((s) => Object.keys(s.labels).length > 0) ? labelledStudyBlocks(family) : family.flatMap(scalingBlocks),
  );
};

const buildDocument = (report: SummarizeResultsReport, table: SummaryTable | undefined): Block[] => {
  const blocks: Block[] = [];
  const single = report.runs.length === 1;
  // By default: one run -> its header and node tables; several -> the runs and the scaling study.
  const show = (t: SummaryTable): boolean => (table !== undefined ? table === t : t === 'runs' || (t === 'nodes') === single);
  if (show('runs')) {
    if (single) blocks.push(...runHeader(report.runs[0] as RunSummary));
    else blocks.push(...runsTable(report.runs));
  }
  if (show('nodes')) {
    for (const run of report.runs) {
      if (!single || table === 'nodes') blocks.push({ kind: 'heading', text: `Nodes of ${runLabel(run.file)}` });
      else blocks.push({ kind: 'heading', text: 'Nodes' });
      blocks.push(...nodeBlocks(run), ...networkBlocks(run));
    }
  }
  if (show('scaling')) {
    if (report.studies.length === 0) blocks.push({ kind: 'text', text: 'One run: no scaling study (pass several runs, e.g. a sweep directory).' });
    blocks.push(...studyBlocks(report.studies));
  }
  if (report.warnings.length > 0) {
    blocks.push({ kind: 'heading', text: `Warnings (${report.warnings.length})` }, { kind: 'list', items: report.warnings.map((w) => w.message) });
  }
  if (report.skipped.length > 0) {
    blocks.push({ kind: 'text', text: `Not summarised: ${plural(report.skipped.length, 'input')} (listed on stderr).` });
  }
  return blocks;
};

// ---------------------------------------------------------------------------------------------

const escapeDocument = (blocks: readonly Block[], escape: ((text: string) => string) | undefined): Block[] => {
  if (!escape) return [...blocks];
  return blocks.map((block): Block => {
    switch (block.kind) {
      case 'heading':
      case 'text':
        return { ...block, text: escape(block.text) };
      case 'fields':
        return { ...block, entries: block.entries.map(([label, value]) => [escape(label), escape(value)]) };
      case 'table':
        return { ...block, rows: block.rows.map((row) => row.map(escape)) };
      case 'list':
        return { ...block, items: block.items.map(escape) };
    }
  });
};

export const defaultCsvTable = (report: SummarizeResultsReport): SummaryTable => (report.runs.length === 1 ? 'nodes' : 'scaling');

export const formatSummary = (report: SummarizeResultsReport, options: FormatSummaryOptions): string => {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv': {
      const table = options.table ?? defaultCsvTable(report);
      switch (table) {
        case 'runs':
          return formatRunsCsv(report.runs);
        case 'nodes':
          return formatNodesCsv(report.runs);
        case 'scaling':
          return formatScalingCsv(report.studies);
      }
      break;
    }
    case 'markdown':
      return renderMarkdown(escapeDocument(buildDocument(report, options.table), options.escape));
    case 'table':
      return renderText(escapeDocument(buildDocument(report, options.table), options.escape), options.width ?? DEFAULT_WIDTH);
  }
  return '';
};
