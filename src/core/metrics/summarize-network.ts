// What the network cost a run, from its results: per worker the round trip to the leader, the
// thread time it starved, the units it had in flight and the bytes per unit; for the run the
// share of the render the workers starved, the median round trip, the leader's wait to write,
// and which part held the run up when it was not the workers' own threads. Pure.
import type { NodeMetrics, RunResults } from './results.js';

/** Below this share of their thread time starved, nothing held the workers up worth naming. */
export const STARVED_SHARE_NOTABLE = 0.05;
/** A leader busy for this share of the render hands out work as fast as it can. */
const LEADER_SATURATED = 0.9;

export interface WorkerNetworkSummary {
  rank: number;
  rttMedianMs: number | null;
  rttP99Ms: number | null;
  rttMaxMs: number | null;
  /** Thread time with no unit ÷ (threads × render time). */
  starved: number | null;
  inFlightMean: number | null;
  inFlightMax: number | null;
  window: number | null;
  /** Bytes each way per unit computed. */
  bytesUpPerUnit: number | null;
  bytesDownPerUnit: number | null;
}

export type Bottleneck = 'none' | 'network' | 'leader';

export interface RunNetworkSummary {
  workers: WorkerNetworkSummary[];
  /** Over every worker that reported: thread time starved ÷ thread time of the render. */
  starved: number | null;
  /** The median of the workers' median round trips. */
  rttMedianMs: number | null;
  /** Bytes on the wire (both ways, as the workers counted them) per pixel. */
  bytesPerPixel: number | null;
  writeWaitMs: { mean: number; max: number } | null;
  bottleneck: Bottleneck;
  /** One sentence: "the network held the workers up: they starved 18% of the render; median RTT 10.2 ms". */
  verdict: string;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const perUnit = (bytes: number, units: number): number | null => (units > 0 ? bytes / units : null);

const workerSummary = (node: NodeMetrics, renderMs: number): WorkerNetworkSummary => {
  const n = node.network;
  const threadMs = node.threads * renderMs;
  return {
    rank: node.rank,
    rttMedianMs: n?.rttMs && n.rttMs.samples > 0 ? n.rttMs.median : null,
    rttP99Ms: n?.rttMs && n.rttMs.samples > 0 ? n.rttMs.p99 : null,
    rttMaxMs: n?.rttMs && n.rttMs.samples > 0 ? n.rttMs.max : null,
    starved: n?.starvedMs !== undefined && threadMs > 0 ? Math.min(1, n.starvedMs / threadMs) : null,
    inFlightMean: n?.inFlight?.mean ?? null,
    inFlightMax: n?.inFlight?.max ?? null,
    window: n?.window?.final ?? null,
    bytesUpPerUnit: perUnit(node.bytesSent, node.units),
    bytesDownPerUnit: perUnit(node.bytesReceived, node.units),
  };
};

const percent = (share: number): string => `${(share * 100).toFixed(0)}%`;

/** Null for a run without network figures (`fractal render`, files from before they existed). */
export const summarizeNetwork = (results: RunResults): RunNetworkSummary | null => {
  const nodes = results.nodes.filter((n) => n.role === 'worker');
  if (results.run.mode !== 'distributed' || !nodes.some((n) => n.network !== undefined)) return null;
  const renderMs = results.timings.renderMs;
  const workers = nodes.sort((a, b) => a.rank - b.rank).map((n) => workerSummary(n, renderMs));
  const reporting = nodes.filter((n) => n.network?.starvedMs !== undefined);
  const threadMs = reporting.reduce((sum, n) => sum + n.threads * renderMs, 0);
  const starved = threadMs > 0 ? Math.min(1, reporting.reduce((sum, n) => sum + (n.network?.starvedMs ?? 0), 0) / threadMs) : null;
  const rttMedianMs = median(workers.flatMap((w) => (w.rttMedianMs === null ? [] : [w.rttMedianMs])));
  const leader = results.nodes.find((n) => n.role === 'leader');
  const leaderBusy = leader && renderMs > 0 ? 1 - leader.idleMs / renderMs : 0;
  const wire = nodes.reduce((sum, n) => sum + n.bytesSent + n.bytesReceived, 0);
  const bottleneck: Bottleneck =
    starved === null || starved < STARVED_SHARE_NOTABLE ? 'none' : leaderBusy >= LEADER_SATURATED ? 'leader' : 'network';
  const rtt = rttMedianMs === null ? 'no round trip measured' : `median RTT ${rttMedianMs.toFixed(1)} ms`;
  const starvedText = starved === null ? 'starvation not measured' : `workers starved ${percent(starved)} of the render`;
  const verdict =
    bottleneck === 'network'
      ? `the network is the bottleneck: ${starvedText}; ${rtt}`
      : bottleneck === 'leader'
        ? `the leader is the bottleneck: busy ${percent(leaderBusy)} of the render; ${starvedText}; ${rtt}`
        : `the network is not the bottleneck: ${starvedText}; ${rtt}`;
  return {
    workers,
    starved,
    rttMedianMs,
    bytesPerPixel: results.work.pixels > 0 ? wire / results.work.pixels : null,
    writeWaitMs: leader?.network?.writeWaitMs ?? null,
    bottleneck,
    verdict,
  };
};
