// The leader's side of checkpoints: resume what earlier attempts finished (checked against the
// work split and decoded as any result is; fed to the PNG as the file reaches them, within the
// same window of rows as the work handed out, so a resumed gigapixel picture is held no more than
// a fresh one), append every accepted unit, make the
// log durable every interval, and when the run stops early say so in it. The render never waits
// for it: appends are queued, and a failing disk turns checkpoints off with a warning.
import type { UnitResult } from '../../../protocol/messages.js';
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
  /** The PNG file holds rows [0, rows): resumed units within the window after them go to the PNG. */
  written(rows: number): void;
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
  const { pending, damaged } = resumeUnits(store, machine, output);
  const resumed = pending.length;
  // resumed units go to the PNG in row order, those starting within the window after the file's rows
  let next = 0;
  const feed = (writtenRows: number): void => {
    for (; next < pending.length && pending[next]!.rowStart < writtenRows + machine.rules.pngWindowRows; next++) {
      const { record, rowStart, rowCount } = pending[next]!;
      const decoded = output.decodeUnit(record, rowCount);
      // decoded once already (resumeUnits): the same bytes cannot fail now
      if ('problem' in decoded) throw new FractalError(`resumed unit ${record.unit}: ${decoded.problem}`, { kind: 'bug', code: 'E_BUG' });
      output.addRows(rowStart, decoded.rgba);
    }
    if (next === pending.length) pending.length = 0;
  };
  feed(0);
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
    written: (rows) => {
      if (pending.length > 0) feed(rows);
    },
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

interface PendingUnit {
  record: UnitResult;
  rowStart: number;
  rowCount: number;
}

/**
 * Marks every good unit of the checkpoint done, in row order, for the PNG to take later. A record
 * that does not fit the work split or whose pixels do not decode counts as damaged: its unit is
 * computed again.
 */
const resumeUnits = (store: CheckpointStore, machine: LeaderMachine, output: LeaderOutput): { pending: PendingUnit[]; damaged: number } => {
  const pending: PendingUnit[] = [];
  let damaged = store.damaged;
  const { queue } = machine;
  for (const record of [...store.resumed].sort((a, b) => a.unit - b.unit)) {
    const rows = record.unit < queue.units ? queue.rowsOf(record.unit) : null;
    if (!rows || rows.rowStart !== record.rowStart || rows.rowCount !== record.rowCount) {
      damaged++;
      continue;
    }
    const asResult: UnitResult = { unit: record.unit, rgba: record.payload, encoding: record.encoding, iterations: 0, compute_ns: 0 };
    const decoded = output.decodeUnit(asResult, rows.rowCount);
    if ('problem' in decoded) {
      damaged++;
      continue;
    }
    output.discard(decoded.rgba);
    // the store's rewritten log holds the record already: a second interruption loses nothing
    if (queue.markDone(record.unit)) pending.push({ record: asResult, ...rows });
  }
  return { pending, damaged };
};
