// A batch of results checked against the work queue, one verdict each: accepted (the decoded rows,
// now marked done), rejected (and why), or malformed (the sender is to be dropped; the verdicts
// stop there, as the leader stops reading that stream).
import type { UnitResult } from '../../../protocol/messages.js';
import type { WorkQueue } from '../work-queue.js';
import type { RejectionKind } from './events.js';
import type { LeaderRules } from './machine-types.js';

export type Verdict =
  | { kind: 'accepted'; unit: number; rowStart: number; rowCount: number; rgba: Uint8Array; iterations: number; result: UnitResult }
  /** `rgba`: a decoded block nobody needs, to hand back. */
  | { kind: 'rejected'; reason: RejectionKind; detail: string; rgba?: Uint8Array }
  | { kind: 'malformed'; unit: number; problem: string };

export const judgeResults = (queue: WorkQueue, owner: number, results: UnitResult[], decodeUnit: LeaderRules['decodeUnit']): Verdict[] => {
  const verdicts: Verdict[] = [];
  for (const result of results) {
    const { unit } = result;
    if (!Number.isInteger(unit) || unit < 0 || unit >= queue.units) {
      verdicts.push({ kind: 'rejected', reason: 'outOfRange', detail: `unit ${unit} is outside the image's ${queue.units} units` });
      continue;
    }
    const { rowStart, rowCount } = queue.rowsOf(unit);
    // decoded before it is marked done: a unit whose pixels do not decode stays to be computed
    const decoded = decodeUnit(result, rowCount);
    if ('problem' in decoded) {
      verdicts.push({ kind: 'malformed', unit, problem: decoded.problem });
      break;
    }
    const outcome = queue.complete(owner, unit);
    if (outcome === 'accepted') {
      verdicts.push({ kind: 'accepted', unit, rowStart, rowCount, rgba: decoded.rgba, iterations: result.iterations, result });
    } else {
      const held = outcome === 'duplicate' ? 'already written' : 'not one this worker holds';
      verdicts.push({ kind: 'rejected', reason: outcome === 'duplicate' ? 'duplicate' : 'outOfRange', detail: `unit ${unit} is ${held}`, rgba: decoded.rgba });
    }
  }
  return verdicts;
};
