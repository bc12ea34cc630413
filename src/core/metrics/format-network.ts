// The network parts of a summary as document blocks (format-summary.ts lays them out): a run's
// network table and its verdict, and the one table of a labelled study, where the runs of one
// workload differ by their --label pairs (e.g. workers × round trip).
import { formatDuration } from '../format-duration.js';
import { formatBytes, formatPercent, formatRatio } from './format-units.js';
import { formatLabels } from './labels.js';
import type { Block, Column } from './summary-document.js';
import type { RunSummary, ScalingStudy } from './summary-types.js';

const NETWORK_COLUMNS: Column[] = [
  { header: 'rank', align: 'right' },
  { header: 'RTT p50', align: 'right' },
  { header: 'p99', align: 'right' },
  { header: 'max', align: 'right' },
  { header: 'starved', align: 'right' },
  { header: 'in flight', align: 'right' },
  { header: 'window', align: 'right' },
  { header: 'up/unit', align: 'right' },
  { header: 'down/unit', align: 'right' },
];

const ms = (value: number | null): string => (value === null ? '–' : `${value.toFixed(1)} ms`);
const bytes = (value: number | null): string => (value === null ? '–' : formatBytes(Math.round(value)));

/** The run's network table and one line naming the bottleneck; nothing for a run without figures. */
export const networkBlocks = (run: RunSummary): Block[] => {
  const network = run.network;
  if (!network) return [];
  const wait = network.writeWaitMs;
  const notes = [
    `Network: ${network.verdict}.`,
    network.bytesPerPixel === null ? '' : `Wire: ${network.bytesPerPixel.toFixed(3)} bytes per pixel.`,
    wait === null ? '' : `Results waited ${formatDuration(wait.mean, 'summary')} on average (at most ${formatDuration(wait.max, 'summary')}) to go into the PNG.`,
    'RTT: probe to echo, worker to leader; starved: thread time with no unit ÷ thread time of the render; in flight: mean (max) units held.',
  ];
  return [
    {
      kind: 'table',
      columns: NETWORK_COLUMNS,
      rows: network.workers.map((w) => [
        String(w.rank),
        ms(w.rttMedianMs),
        ms(w.rttP99Ms),
        ms(w.rttMaxMs),
        formatPercent(w.starved),
        w.inFlightMean === null ? '–' : `${w.inFlightMean.toFixed(1)} (${w.inFlightMax ?? 0})`,
        w.window === null ? '–' : String(w.window),
        bytes(w.bytesUpPerUnit),
        bytes(w.bytesDownPerUnit),
      ]),
    },
    { kind: 'text', text: notes.filter((n) => n !== '').join(' ') },
  ];
};

const LABELLED_COLUMNS: Column[] = [
  { header: 'labels', align: 'left', max: 28, cut: 'end' },
  { header: 'workers', align: 'right' },
  { header: 'runs', align: 'right' },
  { header: 'median', align: 'right' },
  { header: 'min – max', align: 'right' },
  { header: 'speedup', align: 'right' },
  { header: 'eff.', align: 'right' },
];

/**
 * Studies of one workload that differ only by their labels, as one table: a row per label set
 * and worker count, speedup and efficiency within its label set (its own baseline).
 */
export const labelledStudyBlocks = (studies: readonly ScalingStudy[]): Block[] => {
  const first = studies[0];
  if (!first) return [];
  const keys = [...new Set(studies.flatMap((s) => Object.keys(s.labels)))].sort();
  const duration = (value: number): string => formatDuration(value, 'summary');
  return [
    { kind: 'heading', text: `Study by ${keys.join(', ')}: ${first.workload}` },
    {
      kind: 'text',
      text:
        `${first.mode}, ${first.threadsPerNode} thread${first.threadsPerNode === 1 ? '' : 's'} per node; one series per label set. ` +
        'Speedup and efficiency are within each series, against its fewest workers.',
    },
    {
      kind: 'table',
      columns: LABELLED_COLUMNS,
      rows: studies.flatMap((s) =>
        s.groups.map((g) => [
          formatLabels(s.labels, keys) || '–',
          String(g.workers),
          String(g.runs),
          duration(g.wallMs.median),
          g.runs > 1 ? `${duration(g.wallMs.min)} – ${duration(g.wallMs.max)}` : '–',
          formatRatio(g.speedup),
          formatPercent(g.efficiency),
        ]),
      ),
    },
  ];
};
