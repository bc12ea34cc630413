// Renders a summary report as text for a terminal (80 columns), Markdown, CSV or JSON. Table and
// Markdown are two renderings of one document model (headings, fields, tables, notes), so they
// always carry the same facts. CSV holds one table (runs, nodes or scaling) with raw numbers and
// the unit in the column name; JSON is the report itself.
import { formatBytes, formatCount, formatDuration, formatPercent, formatRatio } from './format-units.js';
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

interface Column {
  header: string;
  align: 'left' | 'right';
  /** Longer cells are shortened with an ellipsis (table format only). */
  max?: number;
  /** Which end to cut: paths keep their distinguishing end. */
  cut?: 'start' | 'end';
}

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'fields'; entries: Array<[string, string]> }
  | { kind: 'table'; columns: Column[]; rows: string[][] }
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[] };

// ---------------------------------------------------------------------------------------------
// The document

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
      ? `render ${formatDuration(t.renderMs)}, encode ${formatDuration(t.encodeMs)}, write ${formatDuration(t.writeMs)}`
      : `join ${formatDuration(t.joinMs)}, first unit ${formatDuration(t.timeToFirstUnitMs)}, render ${formatDuration(t.renderMs)}, ` +
        `encode ${formatDuration(t.encodeMs)}, write ${formatDuration(t.writeMs)}`;
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
        ['wall time', formatDuration(t.wallMs)],
        ['phases', phases],
        ['work', `${plural(w.units, 'unit')}, ${plural(w.rows, 'row')}, ${formatCount(w.pixels)} pixels, ${formatCount(w.iterations)} iterations`],
        ['trouble', trouble],
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
      formatDuration(n.computeMs),
      formatDuration(n.idleMs),
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
      orDash(n.cpuMs, formatDuration),
      orDash(n.maxRssBytes, formatBytes),
      n.gcPauseMs === null ? '–' : `${formatDuration(n.gcPauseMs)} (${n.gcCount ?? 0})`,
      orDash(n.eventLoopDelayP99Ms, formatDuration),
    ]),
  });
  const renderMs = run.timings.renderMs > 0 ? run.timings.renderMs : run.timings.wallMs;
  const notes = [
    `compute: thread time computing and colouring, summed over threads; busy = compute ÷ (threads × render time ${formatDuration(renderMs)}); ` +
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
        `${formatDuration(imb.computeMs.max)} against a mean of ${formatDuration(imb.computeMs.mean)}; least busy rank ${imb.idlestRank}, ` +
        `${formatDuration(imb.computeMs.min)}); rows per worker ${imb.rows.min}–${imb.rows.max}.`,
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
      formatDuration(r.timings.wallMs),
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
  const why =
    study.mode === 'render'
      ? 'fractal render is one process on one node'
      : study.scaleBy === 'workers'
      ? 'workers = nodes − 1: the leader hands out work but computes no pixels (--scale-by nodes counts it)'
      : 'nodes include the leader (--scale-by workers leaves it out)';
  return (
    `${study.mode}, ${plural(study.threadsPerNode, 'thread')} per node. Speedup: the ${base.nodes}-node median ` +
    `(${formatDuration(base.medianMs)}) ÷ each median; efficiency = speedup ÷ ${base.scale === 1 ? unit : `(${unit} ÷ ${base.scale})`}; ${why}.`
  );
};

const scalingBlocks = (study: ScalingStudy): Block[] => [
  { kind: 'heading', text: `Strong scaling: ${study.workload}` },
  { kind: 'text', text: describeEfficiency(study) },
  {
    kind: 'table',
    columns: SCALING_COLUMNS,
    rows: study.groups.map((g) => [
      String(g.nodes),
      String(g.workers),
      String(g.runs),
      formatDuration(g.wallMs.median),
      g.runs > 1 ? `${formatDuration(g.wallMs.mean)} ± ${formatDuration(g.wallMs.stddev)}` : formatDuration(g.wallMs.mean),
      g.runs > 1 ? `${formatDuration(g.wallMs.min)} – ${formatDuration(g.wallMs.max)}` : '–',
      formatRatio(g.speedup),
      formatPercent(g.efficiency),
    ]),
  },
];

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
      blocks.push(...nodeBlocks(run));
    }
  }
  if (show('scaling')) {
    if (report.studies.length === 0) blocks.push({ kind: 'text', text: 'One run: no scaling study (pass several runs, e.g. a sweep directory).' });
    for (const study of report.studies) blocks.push(...scalingBlocks(study));
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
// Text for a terminal

const cut = (text: string, max: number | undefined, end: 'start' | 'end' = 'end'): string => {
  const chars = [...text];
  if (max === undefined || chars.length <= max) return text;
  return end === 'start' ? `…${chars.slice(chars.length - max + 1).join('')}` : `${chars.slice(0, max - 1).join('')}…`;
};

const length = (text: string): number => [...text].length;

const pad = (text: string, width: number, align: 'left' | 'right'): string => {
  const fill = ' '.repeat(Math.max(0, width - length(text)));
  return align === 'left' ? text + fill : fill + text;
};

export const wrap = (text: string, width: number, indent = '', firstIndent = indent): string[] => {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && length(line) + 1 + length(word) > width) {
      lines.push(line);
      line = indent + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
};

const textTable = (columns: readonly Column[], rows: readonly string[][]): string[] => {
  const cells = rows.map((row) => columns.map((c, i) => cut(row[i] ?? '', c.max, c.cut)));
  const widths = columns.map((c, i) => Math.max(length(c.header), ...cells.map((row) => length(row[i] ?? ''))));
  const line = (row: readonly string[]): string => columns.map((c, i) => pad(row[i] ?? '', widths[i] ?? 0, c.align)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)];
};

const renderText = (blocks: readonly Block[], width: number): string => {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        if (out.length > 0) out.push('');
        out.push(...wrap(block.text, width, '', ''));
        break;
      case 'fields': {
        const labelWidth = Math.max(...block.entries.map(([label]) => length(label)));
        for (const [label, value] of block.entries) out.push(...wrap(value, width, ' '.repeat(labelWidth + 4), `  ${pad(label, labelWidth, 'left')}  `));
        break;
      }
      case 'table':
        out.push('', ...textTable(block.columns, block.rows).map((l) => `  ${l}`));
        break;
      case 'text':
        out.push('', ...wrap(block.text, width, '  '));
        break;
      case 'list':
        for (const item of block.items) out.push(...wrap(item, width, '    ', '  ! '));
        break;
    }
  }
  return `${out.join('\n')}\n`;
};

// ---------------------------------------------------------------------------------------------
// Markdown

const mdCell = (text: string): string => text.replace(/[\\|*_<>`]/g, '\\$&');

const renderMarkdown = (blocks: readonly Block[]): string => {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`## ${block.text}`, '');
        break;
      case 'fields':
        for (const [label, value] of block.entries) out.push(`- **${label}**: ${label.includes('sha256') ? `\`${value}\`` : mdCell(value)}`);
        out.push('');
        break;
      case 'table':
        out.push(
          `| ${block.columns.map((c) => mdCell(c.header)).join(' | ')} |`,
          `| ${block.columns.map((c) => (c.align === 'right' ? '---:' : ':---')).join(' | ')} |`,
          ...block.rows.map((row) => `| ${block.columns.map((_, i) => mdCell(row[i] ?? '')).join(' | ')} |`),
          '',
        );
        break;
      case 'text':
        out.push(block.text, '');
        break;
      case 'list':
        out.push(...block.items.map((item) => `- ${item}`), '');
        break;
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
};

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180 quoting, LF line ends as Unix tools expect)

const csvField = (value: string | number | boolean | null): string => {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1e4) / 1e4) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csv = (header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string =>
  [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';

const csvRuns = (runs: readonly RunSummary[]): string =>
  csv(
    ['file', 'run_id', 'mode', 'started_at', 'scheduler', 'job_id', 'node_list', 'nodes', 'workers', 'threads_per_node', 'width', 'height', 'iters',
      'palette', 'coloring', 'wall_ms', 'join_ms', 'time_to_first_unit_ms', 'render_ms', 'encode_ms', 'write_ms', 'units', 'rows', 'pixels',
      'iterations', 'requeued_units', 'lost_workers', 'rejected_results', 'png_path', 'png_bytes', 'png_sha256'],
    runs.map((r) => [
      r.file, r.id, r.mode, r.startedAt, r.scheduler.name, r.scheduler.jobId, r.scheduler.nodeList, r.nodes, r.workers, r.threadsPerNode,
      r.image.width, r.image.height, r.image.iters, r.image.palette, r.image.coloring, r.timings.wallMs, r.timings.joinMs,
      r.timings.timeToFirstUnitMs, r.timings.renderMs, r.timings.encodeMs, r.timings.writeMs, r.work.units, r.work.rows, r.work.pixels,
      r.work.iterations, r.work.requeuedUnits, r.work.lostWorkers, r.work.rejectedResults, r.image.path, r.image.bytes, r.image.sha256,
    ]),
  );

const csvNodes = (runs: readonly RunSummary[]): string =>
  csv(
    ['file', 'rank', 'host', 'role', 'lost', 'threads', 'units', 'rows', 'pixels', 'iterations', 'compute_ms', 'idle_ms', 'busy_ratio', 'bytes_received',
      'bytes_sent', 'reconnects', 'cpu_ms', 'max_rss_bytes', 'gc_count', 'gc_pause_ms', 'event_loop_delay_p99_ms'],
    runs.flatMap((r) =>
      r.nodeMetrics.map((n) => [
        r.file, n.rank, n.host, n.role, n.lost, n.threads, n.units, n.rows, n.pixels, n.iterations, n.computeMs, n.idleMs, n.busy, n.bytesReceived,
        n.bytesSent, n.reconnects, n.cpuMs, n.maxRssBytes, n.gcCount, n.gcPauseMs, n.eventLoopDelayP99Ms,
      ]),
    ),
  );

const csvScaling = (studies: readonly ScalingStudy[]): string =>
  csv(
    ['workload', 'mode', 'threads_per_node', 'scale_by', 'nodes', 'workers', 'runs', 'median_ms', 'mean_ms', 'stddev_ms', 'min_ms', 'max_ms', 'speedup',
      'efficiency', 'png_sha256s'],
    studies.flatMap((s) =>
      s.groups.map((g) => [
        s.workload, s.mode, s.threadsPerNode, s.scaleBy, g.nodes, g.workers, g.runs, g.wallMs.median, g.wallMs.mean, g.wallMs.stddev, g.wallMs.min,
        g.wallMs.max, g.speedup, g.efficiency, g.sha256.join(' '),
      ]),
    ),
  );

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
          return csvRuns(report.runs);
        case 'nodes':
          return csvNodes(report.runs);
        case 'scaling':
          return csvScaling(report.studies);
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
