// How long accepted rows wait in the leader before they go into the PNG: the assembler takes rows
// in order, so a unit that arrives before the rows above it waits for them. The leader's own share
// of a result's trip, in the results as the leader node's network.writeWaitMs.

export interface WriteWait {
  /** A decoded block went to the assembler. */
  arrived(rgba: Uint8Array): void;
  /** The assembler is done with a block (its rows are filtered into the PNG). */
  written(rgba: Uint8Array): void;
  /** Mean and max so far, in ms to the microsecond. */
  figures(): { mean: number; max: number };
}

const toMicroseconds = (ms: number): number => Math.round(ms * 1000) / 1000;

export const createWriteWait = (now: () => number): WriteWait => {
  const arrivals = new Map<Uint8Array, number>();
  let totalMs = 0;
  let maxMs = 0;
  let blocks = 0;
  return {
    arrived: (rgba) => void arrivals.set(rgba, now()),
    written(rgba) {
      const at = arrivals.get(rgba);
      if (at === undefined) return;
      arrivals.delete(rgba);
      const waited = now() - at;
      totalMs += waited;
      maxMs = Math.max(maxMs, waited);
      blocks++;
    },
    figures: () => ({ mean: toMicroseconds(blocks > 0 ? totalMs / blocks : 0), max: toMicroseconds(maxMs) }),
  };
};
