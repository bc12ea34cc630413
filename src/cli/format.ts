// Human formatting shared by the commands: durations, sizes, rates, and the METRICS lines.
import type { ProcessMetrics } from '../core/metrics/process-metrics.js';
import { formatBytes } from '../core/render/image-spec.js';

export { formatBytes };

export const formatMs = (ms: number): string => {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(0)} s`;
};

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
    `cpu/user: ${formatMs(metrics.cpuUserMs)}`,
    `cpu/system: ${formatMs(metrics.cpuSystemMs)}`,
    `memory/max-rss: ${formatBytes(metrics.maxRssBytes)}`,
    `memory/heap-used: ${formatBytes(metrics.heapUsedBytes)}`,
    `memory/heap-total: ${formatBytes(metrics.heapTotalBytes)}`,
  ];
  for (const [kind, gc] of Object.entries(metrics.gc)) {
    if (gc.count > 0) lines.push(`gc/${kind}: ${gc.count} cycles, ${formatMs(gc.pauseMs)} paused`);
  }
  lines.push(
    `event-loop/utilization: ${(metrics.eventLoop.utilization * 100).toFixed(1)}%`,
    `event-loop/delay: p50 ${formatMs(metrics.eventLoop.delayP50Ms)}, p99 ${formatMs(metrics.eventLoop.delayP99Ms)}, max ${formatMs(metrics.eventLoop.delayMaxMs)}`,
  );
  return lines.map((line) => `METRICS ${prefix} ${line}`);
};
