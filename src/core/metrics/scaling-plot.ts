// The scaling study as a picture: wall time (every run as a dot, the min–max of repeats as a bar,
// the median as a line) and parallel efficiency against the node count, each with its ideal line.
// Vega renders the spec to SVG in Node with no browser and no canvas (renderer 'none' + toSVG);
// resvg (a Rust rasteriser shipped as a prebuilt binary inside its npm package) turns the SVG into
// a PNG. Both are imported lazily by renderScalingPlot, so commands that draw nothing never load
// them. This file is the only importer of vega and @resvg/resvg-js.
import type { Spec } from 'vega';
import type { PlotFormat } from './plot-format.js';
import type { ScalingStudy } from './summarize-runs.js';
import { formatLabels } from './labels.js';

const WIDTH = 560;
const TIME_HEIGHT = 260;
const GAP = 70;
const EFFICIENCY_HEIGHT = 170;
const FONT = 'Helvetica, Arial, DejaVu Sans, Liberation Sans, sans-serif';
/** PNG pixels per SVG unit: crisp on high-density screens and in slides. */
const PNG_ZOOM = 2;
const IDEAL_SAMPLES = 48;

/** Labels that tell studies apart by whatever differs between them. */
const seriesLabels = (studies: readonly ScalingStudy[]): string[] => {
  if (studies.length === 1) return ['median'];
  const workloads = new Set(studies.map((s) => s.workload)).size > 1;
  const modes = new Set(studies.map((s) => s.mode)).size > 1;
  const labelled = new Set(studies.map((s) => formatLabels(s.labels))).size > 1;
  const threads = new Set(studies.map((s) => s.threadsPerNode)).size > 1;
  return studies.map((s, i) => {
    // a labelled study is named by its labels: one series per label, as the study was designed
    const parts = labelled && !threads ? [] : [`${s.threadsPerNode} thr/node`];
    if (labelled) parts.push(formatLabels(s.labels) || 'no labels');
    if (modes) parts.push(s.mode);
    if (workloads) parts.unshift(`workload ${i + 1}: ${s.workload.split(',').slice(0, 2).join(',')}`);
    return parts.join(', ');
  });
};

/** "256×192 px, 800 iters, Hippi/classic, centre (x, y), view r" -> two lines at "centre". */
const splitWorkload = (workload: string): string[] => {
  const at = workload.indexOf(', centre');
  return at === -1 ? [workload] : [workload.slice(0, at), workload.slice(at + 2)];
};

export const buildScalingPlotSpec = (studies: readonly ScalingStudy[]): Spec => {
  const labels = seriesLabels(studies);
  const allMs = studies.flatMap((s) => s.groups.flatMap((g) => g.wallTimesMs));
  const seconds = Math.max(0, ...allMs) >= 2000;
  const unit = seconds ? 's' : 'ms';
  const t = (ms: number): number => (seconds ? ms / 1000 : ms);

  const runs: object[] = [];
  const groups: object[] = [];
  const ideal: object[] = [];
  let idealLabel: object[] = [];
  let widest = 0;
  studies.forEach((study, i) => {
    const series = labels[i] ?? String(i);
    const base = study.baseline;
    for (const g of study.groups) {
      const wall = { median: t(g.wallMs.median), min: t(g.wallMs.min), max: t(g.wallMs.max) };
      groups.push({ series, x: g.scale, ...wall, efficiency: g.efficiency, runs: g.runs });
      g.wallTimesMs.forEach((ms, k) => {
        const speedup = ms > 0 ? base.medianMs / ms : 0;
        runs.push({ series, x: g.scale, time: t(ms), efficiency: speedup / (g.scale / base.scale), file: g.files[k] ?? '' });
      });
    }
    const first = study.groups[0]?.scale ?? 1;
    const last = study.groups[study.groups.length - 1]?.scale ?? first;
    for (let k = 0; k <= IDEAL_SAMPLES; k++) {
      const x = first + ((last - first) * k) / IDEAL_SAMPLES;
      ideal.push({ series, x, time: t((base.medianMs * base.scale) / x) });
      if (last === first) break;
    }
    // One "ideal" label, at the end of the study that spans the most node counts.
    if (last / first > widest) {
      widest = last / first;
      idealLabel = ideal.slice(-1);
    }
  });

  const scales = studies.map((s) => s.groups.map((g) => g.scale)).flat();
  const xMin = Math.min(...scales);
  const xMax = Math.max(...scales);
  const logX = xMin > 0 && xMax / xMin >= 8;
  const scaleBy = studies[0]?.scaleBy ?? 'workers';
  const xTitle = scaleBy === 'workers' ? 'workers (nodes − 1: the leader computes no pixels)' : 'nodes (leader included)';
  const maxEfficiency = Math.max(1, ...runs.map((r) => (r as { efficiency: number }).efficiency));
  const xTicks = [...new Set(scales)].sort((a, b) => a - b);

  const xAxis = (title: string | undefined): object => ({
    orient: 'bottom',
    scale: 'x',
    values: xTicks,
    format: 'd',
    grid: true,
    gridOpacity: 0.35,
    ...(title === undefined ? {} : { title }),
  });
  const color = { scale: 'color', field: 'series' };
  const facetLine = (name: string, data: string, y: string, yScale: string, dash: number[] | undefined, stroke: object): object => ({
    type: 'group',
    from: { facet: { name, data, groupby: 'series' } },
    marks: [
      {
        type: 'line',
        from: { data: name },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: yScale, field: y },
            stroke,
            strokeWidth: { value: dash ? 1.5 : 2 },
            ...(dash ? { strokeDash: { value: dash } } : {}),
          },
        },
      },
    ],
  });

  const medianMarks = (yScale: string, field: string): object => ({
    type: 'symbol',
    from: { data: 'groups' },
    encode: {
      enter: {
        x: { scale: 'x', field: 'x' },
        y: { scale: yScale, field },
        shape: { value: 'diamond' },
        size: { value: 90 },
        fill: color,
        stroke: { value: 'white' },
        strokeWidth: { value: 1 },
      },
    },
  });

  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: WIDTH,
    height: TIME_HEIGHT + GAP + EFFICIENCY_HEIGHT,
    padding: 16,
    autosize: 'pad',
    background: 'white',
    config: {
      text: { font: FONT },
      axis: { labelFont: FONT, titleFont: FONT, labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFont: FONT, titleFont: FONT },
      title: { font: FONT, subtitleFont: FONT },
    },
    title: {
      text: 'Strong scaling',
      // Short lines: without a canvas Vega estimates text widths generously and would pad the
      // picture for one long line.
      subtitle: [
        ...(studies.length === 1 ? splitWorkload(studies[0]?.workload ?? '') : [`${studies.length} studies (see the legend)`]),
        'dots: each run · bars: min–max of repeats',
        'diamonds and line: median · dashed: ideal',
      ],
      anchor: 'start',
      fontSize: 16,
      subtitleFontSize: 11,
      offset: 12,
    },
    data: [
      { name: 'runs', values: runs },
      { name: 'groups', values: groups },
      { name: 'ideal', values: ideal },
      { name: 'idealLabel', values: idealLabel },
    ],
    scales: [
      logX
        ? { name: 'x', type: 'log', base: 2, domain: [xMin / 1.15, xMax * 1.15], range: 'width' }
        : { name: 'x', type: 'linear', domain: [0, xMax * 1.08], range: 'width' },
      { name: 'color', type: 'ordinal', domain: labels, range: 'category' },
    ],
    ...(studies.length > 1
      ? {
          legends: [
            { fill: 'color', orient: 'none', legendX: Math.round(WIDTH * 0.55), legendY: 4, title: 'series', symbolType: 'circle', labelLimit: 260 },
          ],
        }
      : {}),
    marks: [
      {
        type: 'group',
        name: 'time',
        encode: { enter: { x: { value: 0 }, y: { value: 0 }, width: { value: WIDTH }, height: { value: TIME_HEIGHT } } },
        scales: [
          {
            name: 'y',
            type: 'linear',
            domain: { fields: [{ data: 'runs', field: 'time' }, { data: 'ideal', field: 'time' }] },
            range: [TIME_HEIGHT, 0],
            zero: true,
            nice: true,
          },
        ],
        axes: [xAxis(undefined), { orient: 'left', scale: 'y', title: `wall time (${unit})`, grid: true, gridOpacity: 0.35 }],
        marks: [
          facetLine('idealTime', 'ideal', 'time', 'y', [6, 4], { value: '#888' }),
          facetLine('medianTime', 'groups', 'median', 'y', undefined, color),
          {
            type: 'rule',
            from: { data: 'groups' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'min' },
                y2: { scale: 'y', field: 'max' },
                stroke: color,
                strokeWidth: { value: 6 },
                strokeOpacity: { value: 0.35 },
              },
            },
          },
          medianMarks('y', 'median'),
          {
            type: 'symbol',
            from: { data: 'runs' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'time' },
                fill: color,
                fillOpacity: { value: 0.75 },
                size: { value: 36 },
                tooltip: { field: 'file' },
              },
            },
          },
          {
            type: 'text',
            from: { data: 'idealLabel' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'time' },
                text: { value: 'ideal' },
                dx: { value: -6 },
                dy: { value: 16 },
                align: { value: 'right' },
                fill: { value: '#666' },
                fontSize: { value: 11 },
              },
            },
          },
        ],
      },
      {
        type: 'group',
        name: 'efficiency',
        encode: {
          enter: { x: { value: 0 }, y: { value: TIME_HEIGHT + GAP }, width: { value: WIDTH }, height: { value: EFFICIENCY_HEIGHT } },
        },
        scales: [{ name: 'e', type: 'linear', domain: [0, Math.ceil(maxEfficiency * 10 + 0.5) / 10], range: [EFFICIENCY_HEIGHT, 0], nice: false }],
        axes: [xAxis(xTitle), { orient: 'left', scale: 'e', title: 'parallel efficiency', format: '.0%', grid: true, gridOpacity: 0.35, tickCount: 5 }],
        marks: [
          {
            type: 'rule',
            encode: {
              enter: {
                x: { value: 0 },
                x2: { value: WIDTH },
                y: { scale: 'e', value: 1 },
                stroke: { value: '#888' },
                strokeDash: { value: [6, 4] },
                strokeWidth: { value: 1.5 },
              },
            },
          },
          {
            type: 'text',
            encode: {
              enter: {
                x: { value: WIDTH - 4 },
                y: { scale: 'e', value: 1 },
                dy: { value: -6 },
                text: { value: 'ideal' },
                align: { value: 'right' },
                fill: { value: '#666' },
                fontSize: { value: 11 },
              },
            },
          },
          facetLine('medianEfficiency', 'groups', 'efficiency', 'e', undefined, color),
          medianMarks('e', 'efficiency'),
          {
            type: 'symbol',
            from: { data: 'runs' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'e', field: 'efficiency' },
                fill: color,
                fillOpacity: { value: 0.75 },
                size: { value: 36 },
              },
            },
          },
        ],
      },
    ],
  } as Spec;
};

/** The plot as SVG text or PNG bytes. */
export const renderScalingPlot = async (studies: readonly ScalingStudy[], format: PlotFormat): Promise<Uint8Array | string> => {
  const vega = await import('vega');
  const view = new vega.View(vega.parse(buildScalingPlotSpec(studies)), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    if (format === 'svg') return svg;
    const { Resvg } = await import('@resvg/resvg-js');
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: PNG_ZOOM },
      background: 'white',
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    });
    return resvg.render().asPng();
  } finally {
    view.finalize();
  }
};
