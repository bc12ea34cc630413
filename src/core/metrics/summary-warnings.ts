// The warnings a summary gives about single runs: what makes a run's time suspect (lost workers,
// re-queued units, rejected results, a resume), said once per run.
import type { RunSummary, SummaryWarning } from './summary-types.js';

/** A resumed run's wall time is one attempt's, not the picture's: not comparable with the others. */
export const isResumed = (run: Pick<RunSummary, 'attempt' | 'work'>): boolean => run.attempt > 1 || run.work.resumedUnits > 0;

export const runWarnings = (runs: readonly RunSummary[]): SummaryWarning[] => {
  const warnings: SummaryWarning[] = [];
  for (const run of runs) {
    if (run.work.lostWorkers > 0) {
      warnings.push({ kind: 'lost-workers', message: `${run.file}: ${run.work.lostWorkers} worker(s) lost during the run; its time includes recovering their work`, files: [run.file] });
    }
    if (run.work.requeuedUnits > 0) {
      warnings.push({ kind: 'requeued-units', message: `${run.file}: ${run.work.requeuedUnits} unit(s) were re-queued and computed twice`, files: [run.file] });
    }
    if (isResumed(run)) {
      warnings.push({
        kind: 'resumed',
        message:
          `${run.file}: resumed from a checkpoint (attempt ${run.attempt}, ${run.work.resumedUnits} unit(s) carried over); ` +
          'its wall time covers only the last attempt, so it is left out of the scaling statistics',
        files: [run.file],
      });
    }
    if (run.work.rejectedResults > 0) {
      warnings.push({ kind: 'rejected-results', message: `${run.file}: the leader rejected ${run.work.rejectedResults} result(s) (duplicate, out of range, malformed or unauthenticated)`, files: [run.file] });
    }
  }
  return warnings;
};

