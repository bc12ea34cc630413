// Watching a running job's checkpoint from a test: faults are injected once some units are kept,
// whatever the speed of this machine's kernel, instead of after a guessed number of seconds.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCheckpoint } from '../../src/core/cluster/leader/checkpoint-format.js';

import { checkpointPath } from '../../src/core/cluster/leader/checkpoint-store.js';

/** Units in the run's checkpoint now (0 while there is none). */
export const unitsKept = (runDir: string): number => {
  try {
    return parseCheckpoint(readFileSync(checkpointPath(runDir))).units.size;
  } catch {
    return 0;
  }
};

/** Waits until the checkpoint holds at least `units` units; fails if the render ended first. */
export const whenKept = async (runDir: string, units: number, timeoutMs = 90_000): Promise<number> => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(25)) {
    const kept = unitsKept(runDir);
    assert.ok(!existsSync(join(runDir, 'results.json')), 'the render ended before the fault: make the image slower');
    if (kept >= units) return kept;
  }
  throw new Error(`the checkpoint never held ${units} units`);
};
