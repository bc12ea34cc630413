// The leader's checkpoint in the run directory (checkpoint-format.ts says its bytes). Opening it
// reads what earlier attempts finished, refuses one of another picture, and rewrites it with only
// its good records (atomically: a crash leaves the old file or the new one); then every accepted
// unit is appended as it lands, and sync() makes the appended records durable, which the leader
// does every --checkpoint-interval and at once when it is told to stop.
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FractalError, inputError } from '../../errors.js';
import {
  encodeAttempt,
  encodeCheckpointStart,
  encodeInterruption,
  unitRecordPieces,
  NotACheckpointError,
  parseCheckpoint,
  type AttemptRecord,
  type CheckpointHeader,
  type InterruptionRecord,
  type UnitRecord,
} from './checkpoint-format.js';
import { pictureDifference } from './checkpoint-match.js';

export const CHECKPOINT_FILE = 'checkpoint.fractal';

export const checkpointPath = (runDir: string): string => join(runDir, CHECKPOINT_FILE);

/** Whether a run directory holds a checkpoint: a run stopped early that can be resumed. */
export const hasCheckpoint = (runDir: string): Promise<boolean> =>
  stat(checkpointPath(runDir)).then(
    (info) => info.isFile(),
    () => false,
  );

export interface CheckpointStore {
  readonly path: string;
  /** 1 for a fresh run, one more for every earlier attempt the checkpoint remembers. */
  readonly attempt: number;
  /** Good units of earlier attempts, to be checked against the work split and decoded. */
  readonly resumed: readonly UnitRecord[];
  readonly attempts: readonly AttemptRecord[];
  readonly interruptions: readonly InterruptionRecord[];
  /** Records that failed their checks; their units are computed again. */
  readonly damaged: number;
  /** A checkpoint that was not readable at all, moved aside to this path (its units are computed again). */
  readonly setAside: string | null;
  appendUnit(unit: Omit<UnitRecord, 'bytes'>): void;
  /** Waits for every append so far and makes it durable. */
  sync(): Promise<void>;
  interrupted(interruption: Omit<InterruptionRecord, 'attempt'>): Promise<void>;
  /** The run is complete: the checkpoint has served its purpose. */
  remove(): Promise<void>;
  close(): Promise<void>;
  /** Set once a write failed: checkpoints are then off for the rest of the run. */
  readonly failure: Error | null;
}

export interface OpenCheckpointOptions {
  runDir: string;
  header: CheckpointHeader;
  startedAt: Date;
}

export const openCheckpoint = async (options: OpenCheckpointOptions): Promise<CheckpointStore> => {
  const path = checkpointPath(options.runDir);
  const existing = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw inputError('E_CHECKPOINT_UNREADABLE', `cannot read the checkpoint ${path}: ${error.code ?? error.message}`, [
      `make it readable, or remove it to start afresh (rm ${path})`,
    ], error);
  });
  let previous: ReturnType<typeof parseCheckpoint> | null = null;
  let setAside: string | null = null;
  if (existing) {
    try {
      previous = parseCheckpoint(existing);
    } catch (error) {
      if (!(error instanceof NotACheckpointError)) throw error;
      // nothing in it can be trusted to belong to this picture; keep it for a look, start afresh
      setAside = `${path}.unreadable-${randomBytes(3).toString('hex')}`;
      await rename(path, setAside);
    }
  }
  if (previous) {
    const difference = pictureDifference(previous.header, options.header);
    if (difference) throw otherPictureError(path, difference);
  }
  const attempts = previous?.attempts ?? [];
  const attempt = Math.max(0, ...attempts.map((a) => a.attempt)) + 1;
  const resumed = previous ? [...previous.units.values()] : [];
  // the new file holds the good records only, then this attempt's start
  const interruptions = previous?.interruptions ?? [];
  const start = [encodeCheckpointStart(options.header), ...attempts.map(encodeAttempt), ...interruptions.map(encodeInterruption)];
  const temp = join(options.runDir, `.checkpoint-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writev([...start, ...resumed.map((u) => u.bytes), encodeAttempt({ attempt, startedAt: options.startedAt.toISOString() })]);
    await handle.sync();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    const suggestions = ['free some space, or run with --checkpoint-interval 0'];
    throw inputError('E_CHECKPOINT_WRITE', `cannot write the checkpoint ${path}: ${(error as Error).message}`, suggestions, error);
  }
  return createStore(path, handle, { attempt, resumed, attempts, interruptions, damaged: previous?.damaged ?? 0, setAside });
};

interface Opened {
  attempt: number;
  resumed: UnitRecord[];
  attempts: AttemptRecord[];
  interruptions: InterruptionRecord[];
  damaged: number;
  setAside: string | null;
}

const createStore = (path: string, handle: FileHandle, opened: Opened): CheckpointStore => {
  // appends go out in order, those made while a write is under way together in the next one (one
  // system call for many units, not one each: a unit lands every few milliseconds); a failure
  // turns checkpoints off, never the render
  let pending: Uint8Array[] = [];
  let writing: Promise<void> | null = null;
  let failure: Error | null = null;
  let closed = false;
  const drain = async (): Promise<void> => {
    while (pending.length > 0 && !failure) {
      const batch = pending;
      pending = [];
      await handle.writev(batch).catch((error: Error) => {
        failure = error;
      });
    }
    writing = null;
  };
  const append = (pieces: Uint8Array[]): void => {
    if (failure || closed) return;
    pending.push(...pieces);
    writing ??= drain();
  };
  const written = async (): Promise<void> => {
    while (writing) await writing;
  };
  const sync = async (): Promise<void> => {
    await written();
    if (!failure && !closed) await handle.sync().catch((error: Error) => (failure = error));
  };
  const close = async (): Promise<void> => {
    if (closed) return;
    await written();
    closed = true;
    await handle.close().catch(() => {});
  };
  return {
    path,
    ...opened,
    get failure() {
      return failure;
    },
    appendUnit: (unit) => append(unitRecordPieces(unit)),
    sync,
    async interrupted(interruption) {
      append([encodeInterruption({ attempt: opened.attempt, ...interruption })]);
      await sync();
    },
    async remove() {
      await close();
      await rm(path, { force: true });
    },
    close,
  };
};

const otherPictureError = (path: string, difference: string): FractalError =>
  inputError('E_CHECKPOINT_OTHER_PICTURE', `the run directory holds a checkpoint of another picture (${path}): ${difference}`, [
    'resume with the options of the interrupted run (its submit.json holds them), or start afresh:',
    `remove the checkpoint (rm ${path}) or use another --run-dir`,
  ]);
