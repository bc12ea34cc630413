// The messages of proto/fractal/v1/fractal.proto as TypeScript sees them after @grpc/proto-loader
// (keepCase: field names stay snake_case; 64-bit integers become numbers; `body` names the oneof
// member that is set). Written by hand; test/unit/protocol-codec.test.ts round-trips every field
// through the real .proto, so a name that drifts from the file fails there.

export interface Hello {
  protocol_version: string;
  rank: number;
  host: string;
  threads: number;
  pid: number;
  reconnects: number;
  job_id: string;
}

export interface Credit {
  units: number;
}

export const RGBA_ENCODINGS = ['RGBA_RAW', 'RGBA_RUNS'] as const;
export type RgbaEncoding = (typeof RGBA_ENCODINGS)[number];

export interface UnitResult {
  unit: number;
  rgba: Uint8Array;
  iterations: number;
  compute_ns: number;
  encoding: RgbaEncoding;
}

export interface Results {
  results: UnitResult[];
}

export interface Heartbeat {
  units_in_progress: number;
}

export interface GcReport {
  count: number;
  pause_ms: number;
}

export interface ProcessReport {
  cpu_user_ms: number;
  cpu_system_ms: number;
  max_rss_bytes: number;
  heap_used_bytes: number;
  heap_total_bytes: number;
  gc: Record<string, GcReport>;
  event_loop_utilization: number;
  event_loop_delay_p50_ms: number;
  event_loop_delay_p99_ms: number;
  event_loop_delay_max_ms: number;
}

export interface NodeReport {
  host: string;
  threads: number;
  units: number;
  rows: number;
  pixels: number;
  iterations: number;
  compute_ms: number;
  idle_ms: number;
  bytes_sent: number;
  bytes_received: number;
  reconnects: number;
  kernel: string;
  process: ProcessReport | null;
}

export interface FinalMetrics {
  node: NodeReport;
}

export type WorkerMessage =
  | { body: 'hello'; hello: Hello }
  | { body: 'credit'; credit: Credit }
  | { body: 'results'; results: Results }
  | { body: 'heartbeat'; heartbeat: Heartbeat }
  | { body: 'metrics'; metrics: FinalMetrics };

/** What a sender writes: the oneof member alone (the `body` tag is derived on decoding). */
export type OutgoingWorkerMessage =
  | { hello: Hello }
  | { credit: Credit }
  | { results: Results }
  | { heartbeat: Heartbeat }
  | { metrics: FinalMetrics };

export interface ImageSpecMessage {
  width: number;
  height: number;
  xpos: number;
  ypos: number;
  escape_radius: number;
  iters: number;
  step: number;
  palette: string;
  coloring: string;
}

export interface Welcome {
  protocol_version: string;
  rank: number;
  job_id: string;
  image: ImageSpecMessage;
  chunk_rows: number;
  units: number;
  heartbeat_interval_ms: number;
  max_message_bytes: number;
}

export interface Assign {
  units: number[];
}

export interface Stop {
  reason: string;
}

export type LeaderMessage =
  | { body: 'welcome'; welcome: Welcome }
  | { body: 'assign'; assign: Assign }
  | { body: 'stop'; stop: Stop };

export type OutgoingLeaderMessage = { welcome: Welcome } | { assign: Assign } | { stop: Stop };
