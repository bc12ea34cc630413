// What the network costs one worker, as it sees it: round trips to the leader (a probing
// Heartbeat to its Echo), the thread time spent with nothing to compute (starvation), the units
// in flight over time and the credit window it asked for. Time comes in as a parameter; the
// figures cover the render: from the first assignment to Stop.
import type { NodeNetwork } from '../../metrics/results.js';

/** Round trips kept for the figures at the end: enough for hours of probes, bounded memory. */
const MAX_SAMPLES = 20_000;
/** Recent round trips: their worst sizes the window, their median is what /status shows. */
const RECENT_SAMPLES = 8;
/** Probes waiting for their echo; older ones are forgotten (their echo was lost with a stream). */
const MAX_OUTSTANDING_PROBES = 64;
/** Weight of the newest unit in the running time per unit. */
const UNIT_TIME_WEIGHT = 0.2;

/** The q-quantile of sorted values (nearest rank), 0 for none. */
const quantile = (sorted: number[], q: number): number => {
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
};

export class NetworkGauge {
  private readonly samples: number[] = [];
  private readonly recent: number[] = [];
  private readonly probes = new Map<number, number>();
  private nextProbe = 1;
  private unitTimeMs: number | null = null;
  private inFlight = 0;
  private inFlightMax = 0;
  /** Integral of the units in flight over time (unit·ms), from the first assignment. */
  private inFlightArea = 0;
  private since: number | null = null;
  private last = 0;
  private idleAtStart = 0;
  private starved: number | null = null;
  private until: number | null = null;
  private windowNow = 0;
  private windowMax = 0;

  /** A probe to send now: its number, remembered with the time. */
  probe(now: number): number {
    const probe = this.nextProbe++;
    this.probes.set(probe, now);
    if (this.probes.size > MAX_OUTSTANDING_PROBES) this.probes.delete(this.probes.keys().next().value!);
    return probe;
  }

  /** The leader echoed a probe: one round trip. Returns it, or null for a probe it never sent. */
  echo(probe: number, now: number): number | null {
    const sent = this.probes.get(probe);
    if (sent === undefined) return null;
    this.probes.delete(probe);
    const rtt = Math.max(0, now - sent);
    if (this.samples.length < MAX_SAMPLES) this.samples.push(rtt);
    this.recent.push(rtt);
    if (this.recent.length > RECENT_SAMPLES) this.recent.shift();
    return rtt;
  }

  /**
   * The worst of the recent round trips, or null before the first; from four on, the second
   * worst: one probe stuck behind a start-up pause would otherwise size the window for long.
   */
  get recentRttMs(): number | null {
    if (this.recent.length === 0) return null;
    const sorted = [...this.recent].sort((a, b) => b - a);
    return sorted[sorted.length >= 4 ? 1 : 0]!;
  }

  /** The median of the recent round trips, or null before the first. */
  get currentRttMs(): number | null {
    return this.recent.length === 0 ? null : quantile([...this.recent].sort((a, b) => a - b), 0.5);
  }

  /** A unit took this much thread time. */
  unitDone(computeMs: number): void {
    this.unitTimeMs = this.unitTimeMs === null ? computeMs : this.unitTimeMs + UNIT_TIME_WEIGHT * (computeMs - this.unitTimeMs);
  }

  get unitMs(): number | null {
    return this.unitTimeMs;
  }

  /** Units arrived; idleMs is the pool's idle thread time so far. */
  assigned(units: number, now: number, idleMs: number): void {
    if (this.since === null) {
      this.since = now;
      this.last = now;
      this.idleAtStart = idleMs;
    }
    this.move(units, now);
  }

  /** Units went back to the leader. */
  returned(units: number, now: number): void {
    if (this.since !== null) this.move(-units, now);
  }

  window(units: number): void {
    this.windowNow = units;
    this.windowMax = Math.max(this.windowMax, units);
  }

  get currentWindow(): number {
    return this.windowNow;
  }

  /** Stop arrived: the render is over for this worker. */
  stopped(now: number, idleMs: number): void {
    if (this.since === null || this.until !== null) return;
    this.move(0, now);
    this.until = now;
    this.starved = Math.max(0, idleMs - this.idleAtStart);
  }

  report(now: number, idleMs: number): NodeNetwork {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const end = this.until ?? now;
    const span = this.since === null ? 0 : end - this.since;
    const area = this.inFlightArea + (this.until === null && this.since !== null ? this.inFlight * (now - this.last) : 0);
    return {
      rttMs: { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? 0, samples: sorted.length },
      starvedMs: this.starved ?? (this.since === null ? 0 : Math.max(0, idleMs - this.idleAtStart)),
      inFlight: { mean: span > 0 ? area / span : 0, max: this.inFlightMax },
      window: { final: this.windowNow, max: this.windowMax },
    };
  }

  private move(delta: number, now: number): void {
    if (this.until !== null) return;
    this.inFlightArea += this.inFlight * (now - this.last);
    this.last = now;
    this.inFlight = Math.max(0, this.inFlight + delta);
    this.inFlightMax = Math.max(this.inFlightMax, this.inFlight);
  }
}
