// Keeps a flood of rejected results from a peer from becoming a flood of log lines: the first of
// each kind is reported at once, the rest at most once a second, each report saying how many
// rejections it stands for. The counters in the results file still count every one.

const REPORT_INTERVAL_MS = 1000;

export interface RejectionLog {
  /** A rejection of `kind` at `now`: how many to report now (0: stay quiet for the moment). */
  note(kind: string, now: number): number;
}

export const createRejectionLog = (): RejectionLog => {
  const byKind = new Map<string, { reportedAt: number; pending: number }>();
  return {
    note(kind, now) {
      const entry = byKind.get(kind);
      if (!entry) {
        byKind.set(kind, { reportedAt: now, pending: 0 });
        return 1;
      }
      entry.pending++;
      if (now - entry.reportedAt < REPORT_INTERVAL_MS) return 0;
      const count = entry.pending;
      entry.pending = 0;
      entry.reportedAt = now;
      return count;
    },
  };
};
