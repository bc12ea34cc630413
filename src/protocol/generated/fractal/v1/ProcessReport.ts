// Original file: proto/fractal/v1/fractal.proto

import type { GcReport as _fractal_v1_GcReport, GcReport__Output as _fractal_v1_GcReport__Output } from '../../fractal/v1/GcReport.js';
import type { Long } from '@grpc/proto-loader';

export interface ProcessReport {
  'cpu_user_ms'?: (number | string);
  'cpu_system_ms'?: (number | string);
  'max_rss_bytes'?: (number | string | Long);
  'heap_used_bytes'?: (number | string | Long);
  'heap_total_bytes'?: (number | string | Long);
  /**
   * Keyed by GC kind: minor, major, incremental, weakcb, other.
   */
  'gc'?: ({[key: string]: _fractal_v1_GcReport});
  'event_loop_utilization'?: (number | string);
  'event_loop_delay_p50_ms'?: (number | string);
  'event_loop_delay_p99_ms'?: (number | string);
  'event_loop_delay_max_ms'?: (number | string);
}

export interface ProcessReport__Output {
  'cpu_user_ms': (number);
  'cpu_system_ms': (number);
  'max_rss_bytes': (number);
  'heap_used_bytes': (number);
  'heap_total_bytes': (number);
  /**
   * Keyed by GC kind: minor, major, incremental, weakcb, other.
   */
  'gc': ({[key: string]: _fractal_v1_GcReport__Output});
  'event_loop_utilization': (number);
  'event_loop_delay_p50_ms': (number);
  'event_loop_delay_p99_ms': (number);
  'event_loop_delay_max_ms': (number);
}
