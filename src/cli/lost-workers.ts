// The warning a finished run gives when workers were lost on the way: the picture is complete
// (the leader re-queued their units), so the run succeeds, but the user should know.
import type { LostWorker } from '../core/metrics/results.js';
import { formatRankList } from '../core/cluster/rank-list.js';
import { printable } from './format.js';

export const lostWorkersWarning = (lost: readonly LostWorker[]): string | null => {
  if (lost.length === 0) return null;
  const ranks = [...new Set(lost.map((l) => l.rank))];
  const units = lost.reduce((sum, l) => sum + l.requeuedUnits, 0);
  const reasons = lost.map((l) => `rank ${l.rank}${l.host ? ` on ${l.host}` : ''}: ${l.reason}`).join('; ');
  const who = `${ranks.length === 1 ? 'rank' : 'ranks'} ${formatRankList(ranks)} ${ranks.length === 1 ? 'was' : 'were'}`;
  return printable(
    `warning: the picture is complete, although ${who} lost on the way: ${units} unit${units === 1 ? ' was' : 's were'} re-queued ` +
      `and computed by the others (${reasons})`,
  );
};
