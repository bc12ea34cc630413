// How far ahead of the PNG file units may be handed out. The leader holds every unit that arrives
// before the rows above it, and every row waiting for zlib; without a window a slow or lost worker
// at the head of the image would let the others fill the leader's memory with the rest of it.
import type { WorkQueue } from '../work-queue.js';
import type { Session } from './machine-types.js';

/** Units below this may be handed out: those starting within the window after the rows written. */
export const unitLimit = (queue: WorkQueue, windowRows: number, writtenRows: number, live: ReadonlyMap<number, Session>): number => {
  let credits = 0;
  for (const session of live.values()) credits += session.credits;
  const rows = Math.max(windowRows, 2 * credits * queue.chunkRows);
  return Math.min(queue.units, Math.ceil((writtenRows + rows) / queue.chunkRows));
};
