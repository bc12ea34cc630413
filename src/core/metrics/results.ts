// The results JSON: one file per run, written by the leader, read by `fractal metrics summarize`
// and `fractal submit --wait`. schema/results.schema.json is its JSON Schema; a test keeps the two
// in step. Bump RESULTS_SCHEMA_VERSION on any incompatible change. The schema also describes a
// one-process run (mode 'render', one node of role 'render'), which `fractal render --results`
// writes and summaries put beside distributed ones as their baseline.
import type { ImageSpec } from '../render/image-spec.js';
import type { ProcessMetrics } from './process-metrics.js';

export const RESULTS_SCHEMA_VERSION = 1;
export const RESULTS_KIND = 'fractal-results';

export const SCHEDULERS = ['slurm', 'flux', 'mpi', 'local', 'none'] as const;
export type SchedulerName = (typeof SCHEDULERS)[number];

export const NODE_ROLES = ['leader', 'worker', 'render'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

export interface NodeMetrics {
  rank: number;
  host: string;
  role: NodeRole;
  threads: number;
  units: number;
  rows: number;
  pixels: number;
  /** Escape iterations computed (sum of per-pixel counts). */
  iterations: number;
  /** Time the node's threads spent computing and colouring, summed over threads. */
  computeMs: number;
  /** Wall time the node spent waiting for work (workers) or for results (leader). */
  idleMs: number;
  bytesSent: number;
  bytesReceived: number;
  reconnects: number;
  /** True for a worker the leader lost (its metrics are what the leader knew of it). */
  lost: boolean;
  /**
   * The kernel the node computed with, kind and instruction set ('native-avx512', 'wasm-simd',
   * 'js-scalar', …); 'none' for a leader, which computes nothing. Absent in files written before
   * fractal recorded it (still schemaVersion 1: the field is optional to read, always written).
   */
  kernel?: string;
  process: ProcessMetrics | null;
  /** What the network cost the node (absent in files written before fractal measured it). */
  network?: NodeNetwork;
}

/**
 * A worker's view of its link to the leader while it rendered, and the leader's wait to write
 * what arrived. Every member is optional: a worker lost before its report has none, the leader
 * has only writeWaitMs.
 */
export interface NodeNetwork {
  /** Round trips to the leader (a probing heartbeat to its echo), in ms. */
  rttMs?: { median: number; p99: number; max: number; samples: number };
  /** Thread time spent with no unit to compute, from the first assignment to Stop. */
  starvedMs?: number;
  /** Units assigned to the worker and not yet sent back, over time. */
  inFlight?: { mean: number; max: number };
  /** The credit window the worker asked for: at the end, and at its largest. */
  window?: { final: number; max: number };
  /** Leader: how long accepted results waited for their turn to go into the PNG, in ms. */
  writeWaitMs?: { mean: number; max: number };
}

export interface RunInterruption {
  attempt: number;
  at: string;
  /** SIGTERM, SIGINT, SIGUSR1 (the walltime warning). */
  reason: string;
  unitsDone: number;
}

export interface LostWorker {
  rank: number;
  host: string;
  reason: string;
  requeuedUnits: number;
}

export interface RunResults {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  kind: typeof RESULTS_KIND;
  /** The study's own KEY=VALUE labels (--label), by key (absent: none). */
  labels?: Record<string, string>;
  tool: { name: 'fractal'; version: string; node: string; protocol: string };
  run: {
    id: string;
    mode: 'render' | 'distributed';
    /** This attempt's start: a resumed run started earlier (see interruptions). */
    startedAt: string;
    finishedAt: string;
    /** 1, or one more for every earlier attempt a checkpoint carried over (absent in older files: 1). */
    attempt: number;
    /** How each earlier attempt ended (absent in older files: none). */
    interruptions: RunInterruption[];
  };
  scheduler: {
    name: SchedulerName;
    jobId: string | null;
    nodeList: string | null;
    /** Tasks in the job: leader + workers (1 for `fractal render`). */
    size: number;
  };
  options: {
    image: ImageSpec;
    /** The image flags as given: width and height before smoothness. */
    input: { width: number; height: number; smoothness: number };
    chunkRows: number;
    workersExpected: number;
    threadsPerNode: number;
  };
  image: { path: string; width: number; height: number; bytes: number; sha256: string };
  timings: {
    wallMs: number;
    /** From start to all expected workers present (0 for `fractal render`). */
    joinMs: number;
    timeToFirstUnitMs: number;
    renderMs: number;
    encodeMs: number;
    writeMs: number;
  };
  work: {
    units: number;
    rows: number;
    pixels: number;
    iterations: number;
    requeuedUnits: number;
    /** Units taken from a checkpoint instead of computed in this attempt (absent in older files: 0). */
    resumedUnits: number;
    rejectedResults: { duplicate: number; outOfRange: number; malformed: number; unauthenticated: number };
    lostWorkers: LostWorker[];
  };
  nodes: NodeMetrics[];
}
