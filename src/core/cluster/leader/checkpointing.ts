// The leader's side of checkpoints: resume what earlier attempts finished (checked against the
// work split, decoded as any result is, then fed to the PNG), append every accepted unit, make the
// log durable every interval, and when the run stops early say so in it. The render never waits
// for it: appends are queued, and a failing disk turns checkpoints off with a warning.
import { FractalError } from '../../errors.js';
import type { UnitRecord } from './checkpoint-format.js';
import { openCheckpoint, type CheckpointStore } from './checkpoint-store.js';
import type { LeaderEvent } from './events.js';
import type { LeaderOutput } from './output.js';
import type { LeaderMachine } from './state.js';

export interface CheckpointSettings {
  runDir: string;
  /** How often appended units are made durable (fsync). */
  intervalMs: number;
}

/** What the results file says about earlier attempts. */
export interface ResumeFacts {
  attempt: number;
  resumedUnits: number;
  interruptions: Array<{ attempt: number; at: string; reason: string; unitsDone: number }>;
}

export interface LeaderCheckpointing {
  readonly path: string;
  readonly facts: ResumeFacts;
  /** An accepted unit, as it came over the wire. */
  record(unit: Omit<UnitRecord, 'bytes'>): void;
  /** The run stopped early: the interruption goes into the log, which is made durable. */
  interrupted(reason: string, unitsDone: number, at: Date): Promise<void>;
  /** The PNG and the results are written (or nothing at all was done): the checkpoint is no longer needed. */
  completed(): Promise<void>;
  /** The run failed or stopped: keep what is there for a resume. */
  close(): Promise<void>;
}

export const startCheckpointing = async (
  settings: CheckpointSettings,
  machine: LeaderMachine,
  output: LeaderOutput,
  startedAt: Date,
  emit: (event: LeaderEvent) => void,
): Promise<LeaderCheckpointing> => {
  const { spec, chunkRows } = machine.rules;
  const store = await openCheckpoint({
    runDir: settings.runDir,
    header: { kind: 'fractal-checkpoint', version: 1, spec, chunkRows, units: machine.queue.units },
    startedAt,
  });
  if (store.setAside) emit({ type: 'checkpoint-set-aside', path: store.setAside });
  const { resumed, damaged } = resumeUnits(store, machine, output);
  if (store.attempt > 1 || resumed > 0) emit({ type: 'resumed', units: resumed, of: machine.queue.units, damaged, attempt: store.attempt });
  let warned = false;
  const warnOnce = (): void => {
    if (!store.failure || warned) return;
    warned = true;
    emit({ type: 'checkpoint-failed', path: store.path, reason: store.failure.message });
  };
  const timer = setInterval(() => void store.sync().then(warnOnce), settings.intervalMs);
  timer.unref();
  return {
    path: store.path,
    facts: { attempt: store.attempt, resumedUnits: resumed, interruptions: [...store.interruptions] },
    record: (unit) => store.appendUnit(unit),
    async interrupted(reason, unitsDone, at) {
      clearInterval(timer);
      await store.interrupted({ at: at.toISOString(), reason, unitsDone });
      warnOnce();
      await store.close();
      if (store.failure) throw new FractalError(`the checkpoint ${store.path} could not be written: ${store.failure.message}`, { kind: 'input', code: 'E_CHECKPOINT_WRITE' });
    },
    async completed() {
      clearInterval(timer);
      await store.remove();
    },
    async close() {
      clearInterval(timer);
      await store.sync();
      await store.close();
    },
  };
};

/**
 * Marks every good unit of the checkpoint done and feeds its rows to the PNG. A record that does
 * not fit the work split or whose pixels do not decode counts as damaged: its unit is computed again.
 */
const resumeUnits = (store: CheckpointStore, machine: LeaderMachine, output: LeaderOutput): { resumed: number; damaged: number } => {
  let resumed = 0;
  let damaged = store.damaged;
  const { queue } = machine;
  for (const record of [...store.resumed].sort((a, b) => a.unit - b.unit)) {
    const rows = record.unit < queue.units ? queue.rowsOf(record.unit) : null;
    if (!rows || rows.rowStart !== record.rowStart || rows.rowCount !== record.rowCount) {
      damaged++;
      continue;
    }
    const asResult = { unit: record.unit, rgba: record.payload, encoding: record.encoding, iterations: 0, compute_ns: 0 };
    const decoded = output.decodeUnit(asResult, rows.rowCount);
    if ('problem' in decoded) {
      damaged++;
      continue;
    }
    if (!queue.markDone(record.unit)) {
      output.discard(decoded.rgba);
      continue;
    }
    // the store's rewritten log holds the record already: a second interruption loses nothing
    output.addRows(rows.rowStart, decoded.rgba);
    resumed++;
  }
  return { resumed, damaged };
};
