// The checkpoint's bytes: an append-only log of verified records, so that a crash at any instant
// leaves every record written before it readable, and a damaged record is found, skipped and its
// unit recomputed, never written into the picture.
//
//   file    = MAGIC, header record, then any records (attempt, unit, interruption) in any order
//   record  = SYNC (4 bytes), type (1 byte), body length (u32), body, CRC-32 of type+length+body
//   header  = JSON: the picture (every option that decides a pixel) and the split into units
//   unit    = unit (u32), first row (u32), rows (u32), encoding (u8), the unit's RGBA as it came
//             over the wire (raw or runs, see unit-rgba.ts): compact, and already verified
//   attempt, interruption = JSON
//
// Every record starts with SYNC so that a reader that meets a damaged length can find the next
// record by searching for it, instead of losing the rest of the file.
import { crc32 } from 'node:zlib';
import type { RgbaEncoding } from '../../../protocol/messages.js';
import type { ImageSpec } from '../../render/image-spec.js';

export const CHECKPOINT_MAGIC = Buffer.from('FRACTAL-CHECKPOINT-1\n', 'latin1');
const SYNC = Buffer.from([0xf7, 0x46, 0x52, 0x43]);
const HEAD_BYTES = SYNC.length + 1 + 4;
const CRC_BYTES = 4;
const UNIT_FIELDS_BYTES = 13;
/** Far above any record fractal writes (a unit is at most 512 MiB of RGBA): a larger length is damage. */
const MAX_BODY_BYTES = 2 ** 31;

export const RECORD_TYPES = { header: 0x48, attempt: 0x41, unit: 0x55, interruption: 0x49 } as const;
const ENCODINGS: readonly RgbaEncoding[] = ['RGBA_RAW', 'RGBA_RUNS'];

/** What decides the checkpoint's pixels: a checkpoint is only ever resumed into the same picture. */
export interface CheckpointHeader {
  kind: 'fractal-checkpoint';
  version: 1;
  spec: ImageSpec;
  chunkRows: number;
  units: number;
}

export interface AttemptRecord {
  attempt: number;
  startedAt: string;
}

export interface InterruptionRecord {
  attempt: number;
  at: string;
  /** SIGTERM, SIGUSR1 (the walltime warning), SIGINT. */
  reason: string;
  unitsDone: number;
}

export interface UnitRecord {
  unit: number;
  rowStart: number;
  rowCount: number;
  encoding: RgbaEncoding;
  payload: Uint8Array;
  /** The whole record's bytes, to copy into a rewritten checkpoint unchanged. */
  bytes: Uint8Array;
}

export interface ParsedCheckpoint {
  header: CheckpointHeader;
  attempts: AttemptRecord[];
  interruptions: InterruptionRecord[];
  /** The first good record of each unit, by unit. */
  units: Map<number, UnitRecord>;
  /** Records (or stretches of bytes) that failed their checks: their units are recomputed. */
  damaged: number;
}

/**
 * A record as the pieces to write: its head and the body's pieces as given (not copied: a unit's
 * pixels go to the file from the message they came in), then the CRC, computed across them.
 */
const recordPieces = (type: number, body: Uint8Array[]): Uint8Array[] => {
  const length = body.reduce((sum, piece) => sum + piece.length, 0);
  const head = Buffer.alloc(HEAD_BYTES);
  SYNC.copy(head, 0);
  head[SYNC.length] = type;
  head.writeUInt32BE(length, SYNC.length + 1);
  let crc = crc32(head.subarray(SYNC.length));
  for (const piece of body) crc = crc32(piece, crc);
  const tail = Buffer.alloc(CRC_BYTES);
  tail.writeUInt32BE(crc, 0);
  return [head, ...body, tail];
};

const jsonRecord = (type: number, value: unknown): Buffer => Buffer.concat(recordPieces(type, [Buffer.from(JSON.stringify(value), 'utf8')]));

/** The start of a new checkpoint file: the magic and the header. */
export const encodeCheckpointStart = (header: CheckpointHeader): Buffer =>
  Buffer.concat([CHECKPOINT_MAGIC, jsonRecord(RECORD_TYPES.header, header)]);
export const encodeAttempt = (attempt: AttemptRecord): Buffer => jsonRecord(RECORD_TYPES.attempt, attempt);
export const encodeInterruption = (interruption: InterruptionRecord): Buffer => jsonRecord(RECORD_TYPES.interruption, interruption);

/** A unit's record as pieces to write, its payload among them as it is. */
export const unitRecordPieces = (unit: Omit<UnitRecord, 'bytes'>): Uint8Array[] => {
  const fields = Buffer.alloc(UNIT_FIELDS_BYTES);
  fields.writeUInt32BE(unit.unit, 0);
  fields.writeUInt32BE(unit.rowStart, 4);
  fields.writeUInt32BE(unit.rowCount, 8);
  fields[12] = ENCODINGS.indexOf(unit.encoding);
  return recordPieces(RECORD_TYPES.unit, [fields, unit.payload]);
};

/** Why a file is not a checkpoint at all (then nothing in it is used). */
export class NotACheckpointError extends Error {}

/**
 * Reads every record that passes its checks. The header must be intact (without it nothing says
 * which picture the pixels belong to); any other damage costs only the records it touches.
 */
export const parseCheckpoint = (bytes: Uint8Array): ParsedCheckpoint => {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!file.subarray(0, CHECKPOINT_MAGIC.length).equals(CHECKPOINT_MAGIC)) throw new NotACheckpointError('it does not start as a fractal checkpoint');
  const first = readRecord(file, CHECKPOINT_MAGIC.length);
  if (!first || first.type !== RECORD_TYPES.header) throw new NotACheckpointError('its header record is damaged');
  const header = parseJson(first.body) as CheckpointHeader | undefined;
  if (header?.kind !== 'fractal-checkpoint' || header.version !== 1) throw new NotACheckpointError('its header is not one this version reads');
  const parsed: ParsedCheckpoint = { header, attempts: [], interruptions: [], units: new Map(), damaged: 0 };
  let at = first.end;
  while (at < file.length) {
    const next = readRecord(file, at);
    if (!next) {
      // damaged or torn: count it once and look for the next record's start
      parsed.damaged++;
      const sync = file.indexOf(SYNC, at + 1);
      if (sync < 0) break;
      at = sync;
      continue;
    }
    at = next.end;
    if (!takeRecord(parsed, next)) parsed.damaged++;
  }
  return parsed;
};

interface RawRecord {
  type: number;
  body: Buffer;
  start: number;
  end: number;
}

const readRecord = (file: Buffer, at: number): RawRecord | null => {
  if (at + HEAD_BYTES + CRC_BYTES > file.length || !file.subarray(at, at + SYNC.length).equals(SYNC)) return null;
  const length = file.readUInt32BE(at + SYNC.length + 1);
  const end = at + HEAD_BYTES + length + CRC_BYTES;
  if (length > MAX_BODY_BYTES || end > file.length) return null;
  const crc = file.readUInt32BE(end - CRC_BYTES);
  if (crc32(file.subarray(at + SYNC.length, end - CRC_BYTES)) !== crc) return null;
  return { type: file[at + SYNC.length]!, body: file.subarray(at + HEAD_BYTES, end - CRC_BYTES), start: at, end };
};

/** False when a record that passed its CRC still makes no sense (then it is damage, not data). */
const takeRecord = (parsed: ParsedCheckpoint, raw: RawRecord): boolean => {
  switch (raw.type) {
    case RECORD_TYPES.unit: {
      if (raw.body.length < UNIT_FIELDS_BYTES) return false;
      const encoding = ENCODINGS[raw.body[12]!];
      if (encoding === undefined) return false;
      const unit = raw.body.readUInt32BE(0);
      if (!parsed.units.has(unit)) {
        parsed.units.set(unit, {
          unit,
          rowStart: raw.body.readUInt32BE(4),
          rowCount: raw.body.readUInt32BE(8),
          encoding,
          payload: raw.body.subarray(UNIT_FIELDS_BYTES),
          bytes: new Uint8Array(raw.body.buffer, raw.body.byteOffset - HEAD_BYTES, raw.end - raw.start),
        });
      }
      return true;
    }
    case RECORD_TYPES.attempt: {
      const value = parseJson(raw.body) as AttemptRecord | undefined;
      if (!Number.isSafeInteger(value?.attempt)) return false;
      parsed.attempts.push(value!);
      return true;
    }
    case RECORD_TYPES.interruption: {
      const value = parseJson(raw.body) as InterruptionRecord | undefined;
      if (typeof value?.reason !== 'string') return false;
      parsed.interruptions.push(value);
      return true;
    }
    default:
      return false;
  }
};

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};
