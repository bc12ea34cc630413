// The shapes of a summary (summarize-runs.ts builds them; format-summary.ts, the CLI and the
// tests read them), apart so that the modules that build parts of it can name them too.
import type { Labels } from './labels.js';
import type { NodeMetrics, RunResults, SchedulerName } from './results.js';
import type { RunNetworkSummary } from './summarize-network.js';

export const SCALE_BY = ['workers', 'nodes'] as const;
export type ScaleBy = (typeof SCALE_BY)[number];

export const WARNING_KINDS = ['hash-mismatch', 'outlier', 'spread', 'single-run', 'lost-workers', 'requeued-units', 'rejected-results', 'resumed'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export interface LoadedRun {
  /** How reports name the file (relative to the working directory when below it). */
  file: string;
  results: RunResults;
}

export interface SummarizeRunsOptions {
  scaleBy: ScaleBy;
  /** A run is an outlier when its wall time is further than this share from its group's median (0.25 = 25 %). */
  outlierThreshold: number;
}

export const DEFAULT_OUTLIER_THRESHOLD = 0.25;

export interface Stats {
  n: number;
  median: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one value. */
  stddev: number;
  min: number;
  max: number;
}

/** A node's figures as the results file has them, plus what the summary derives from them. */
export interface NodeSummary
  extends Pick<
    NodeMetrics,
    'rank' | 'host' | 'role' | 'lost' | 'threads' | 'units' | 'rows' | 'pixels' | 'iterations' | 'computeMs' | 'idleMs' | 'bytesSent' | 'bytesReceived' | 'reconnects'
  > {
  /** computeMs ÷ (threads × the run's render time): how busy the node's threads were; null without threads. */
  busy: number | null;
  /** The rest is null when the node sent no process metrics (e.g. a lost worker). */
  cpuMs: number | null;
  maxRssBytes: number | null;
  gcCount: number | null;
  gcPauseMs: number | null;
  eventLoopDelayP99Ms: number | null;
}

export interface Imbalance {
  /** Workers (not lost) compared. */
  workers: number;
  computeMs: { min: number; mean: number; max: number };
  rows: { min: number; max: number };
  /** max ÷ mean of compute time − 1: 0 is perfect balance, 0.1 means the busiest worker did 10 % more than average. */
  imbalance: number;
  busiestRank: number;
  idlestRank: number;
}

export interface RunSummary {
  file: string;
  id: string;
  mode: RunResults['run']['mode'];
  startedAt: string;
  /** 1, or more for a run resumed from a checkpoint (then its wall time covers only the last attempt). */
  attempt: number;
  scheduler: { name: SchedulerName; jobId: string | null; nodeList: string | null };
  /** Tasks in the job, the leader included (scheduler.size). */
  nodes: number;
  workers: number;
  threadsPerNode: number;
  workload: string;
  image: { width: number; height: number; iters: number; palette: string; coloring: string; path: string; bytes: number; sha256: string };
  timings: RunResults['timings'];
  /** The results' work figures, with the lost workers and rejected results counted. */
  work: Omit<RunResults['work'], 'lostWorkers' | 'rejectedResults'> & { lostWorkers: number; rejectedResults: number };
  nodeMetrics: NodeSummary[];
  imbalance: Imbalance | null;
  /** The run's --label pairs ({} for none). */
  labels: Labels;
  /** What the network cost the run; null without network figures. */
  network: RunNetworkSummary | null;
}

export interface ScalingGroup {
  /** 'render': the one-process baseline; else distributed runs of `nodes` tasks. */
  mode: RunResults['run']['mode'];
  nodes: number;
  workers: number;
  /** The count efficiency divides by: workers or nodes (see scaleBy). */
  scale: number;
  runs: number;
  files: string[];
  wallMs: Stats;
  /** Every run's wall time, in the order of files. */
  wallTimesMs: number[];
  speedup: number;
  efficiency: number;
  sha256: string[];
}

export interface ScalingStudy {
  /** The labels every run of the study shares: runs with other labels are another study. */
  labels: Labels;
  workload: string;
  /** 'distributed' when any of its runs is (a render group is then its baseline), else 'render'. */
  mode: RunResults['run']['mode'];
  threadsPerNode: number;
  scaleBy: ScaleBy;
  baseline: { mode: RunResults['run']['mode']; nodes: number; workers: number; scale: number; medianMs: number };
  groups: ScalingGroup[];
}

export interface SummaryWarning {
  kind: WarningKind;
  message: string;
  files: string[];
}

export interface SummaryReport {
  scaleBy: ScaleBy;
  outlierThreshold: number;
  runs: RunSummary[];
  studies: ScalingStudy[];
  warnings: SummaryWarning[];
}
