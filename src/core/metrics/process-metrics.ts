// What one process measures about itself: CPU, memory, garbage collection by kind and the event
// loop. Started once at the beginning of a run and read at the end; the readings go into the
// results JSON (every node) and the METRICS lines of --metrics.
import { constants, monitorEventLoopDelay, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export const GC_KINDS = ['minor', 'major', 'incremental', 'weakcb', 'other'] as const;
export type GcKind = (typeof GC_KINDS)[number];

export interface GcStats {
  count: number;
  pauseMs: number;
}

export interface ProcessMetrics {
  cpuUserMs: number;
  cpuSystemMs: number;
  maxRssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  gc: Record<GcKind, GcStats>;
  eventLoop: {
    /** Share of the time the event loop was busy, 0..1. */
    utilization: number;
    delayP50Ms: number;
    delayP99Ms: number;
    delayMaxMs: number;
  };
}

export interface ProcessMetricsHandle {
  /** Readings since start; may be called several times. */
  read(): ProcessMetrics;
  stop(): void;
}

const gcKindOf = (kind: number | undefined): GcKind => {
  switch (kind) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
      return 'minor';
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return 'major';
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental';
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weakcb';
    default:
      return 'other';
  }
};

export const startProcessMetrics = (): ProcessMetricsHandle => {
  const cpuStart = process.cpuUsage();
  const eluStart = performance.eventLoopUtilization();
  const gc = Object.fromEntries(GC_KINDS.map((k) => [k, { count: 0, pauseMs: 0 }])) as Record<GcKind, GcStats>;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
      const stats = gc[gcKindOf(detail?.kind)];
      stats.count++;
      stats.pauseMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ns = (value: number): number => (Number.isFinite(value) ? value / 1e6 : 0);
  return {
    read() {
      const cpu = process.cpuUsage(cpuStart);
      const memory = process.memoryUsage();
      return {
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        gc: structuredClone(gc),
        eventLoop: {
          utilization: performance.eventLoopUtilization(eluStart).utilization,
          delayP50Ms: delay.count > 0 ? ns(delay.percentile(50)) : 0,
          delayP99Ms: delay.count > 0 ? ns(delay.percentile(99)) : 0,
          delayMaxMs: delay.count > 0 ? ns(delay.max) : 0,
        },
      };
    },
    stop() {
      observer.disconnect();
      delay.disable();
    },
  };
};
