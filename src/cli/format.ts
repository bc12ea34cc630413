// Human formatting shared by the commands: sizes, rates, and the METRICS lines (durations come
// from core/format-duration.ts, in its 'line' style).
import { formatDuration } from '../core/format-duration.js';
import type { ProcessMetrics } from '../core/metrics/process-metrics.js';
import { formatBytes } from '../core/render/image-spec.js';

export { formatBytes };

export const formatRate = (perSecond: number, unit: string): string => {
  const scales: Array<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, prefix] of scales) if (perSecond >= scale) return `${(perSecond / scale).toFixed(2)} ${prefix}${unit}/s`;
  return `${perSecond.toFixed(1)} ${unit}/s`;
};

/** `METRICS <PREFIX> name: value` lines, as the original prints them, for one process. */
export const formatProcessMetrics = (prefix: string, metrics: ProcessMetrics): string[] => {
  const lines = [
    `cpu/user: ${formatDuration(metrics.cpuUserMs, 'line')}`,
    `cpu/system: ${formatDuration(metrics.cpuSystemMs, 'line')}`,
    `memory/max-rss: ${formatBytes(metrics.maxRssBytes)}`,
    `memory/heap-used: ${formatBytes(metrics.heapUsedBytes)}`,
    `memory/heap-total: ${formatBytes(metrics.heapTotalBytes)}`,
  ];
  for (const [kind, gc] of Object.entries(metrics.gc)) {
    if (gc.count > 0) lines.push(`gc/${kind}: ${gc.count} cycles, ${formatDuration(gc.pauseMs, 'line')} paused`);
  }
  lines.push(
    `event-loop/utilization: ${(metrics.eventLoop.utilization * 100).toFixed(1)}%`,
    `event-loop/delay: p50 ${formatDuration(metrics.eventLoop.delayP50Ms, 'line')}, p99 ${formatDuration(metrics.eventLoop.delayP99Ms, 'line')}, ` +
      `max ${formatDuration(metrics.eventLoop.delayMaxMs, 'line')}`,
  );
  return lines.map((line) => `METRICS ${prefix} ${line}`);
};
