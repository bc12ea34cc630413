// The checkpoint's log of verified records: what earlier attempts finished comes back exactly,
// a torn tail or a flipped byte costs only the records it touches, a damaged header or another
// picture's checkpoint is never resumed into this picture.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  encodeAttempt,
  encodeCheckpointStart,
  encodeInterruption,
  unitRecordPieces,
  NotACheckpointError,
  parseCheckpoint,
  type CheckpointHeader,
} from '../../src/core/cluster/leader/checkpoint-format.js';
import { CHECKPOINT_FILE, openCheckpoint } from '../../src/core/cluster/leader/checkpoint-store.js';
import { startCheckpointing } from '../../src/core/cluster/leader/checkpointing.js';
import type { LeaderOutput } from '../../src/core/cluster/leader/output.js';
import { LeaderMachine } from '../../src/core/cluster/leader/state.js';
import { FractalError } from '../../src/core/errors.js';
import { DEFAULT_IMAGE, resolveImageSpec } from '../../src/core/render/image-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'fractal-checkpoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const spec = resolveImageSpec({ ...DEFAULT_IMAGE, width: 64, height: 32, smoothness: 1 });
const header: CheckpointHeader = { kind: 'fractal-checkpoint', version: 1, spec, chunkRows: 8, units: 4 };
const payload = (unit: number) => Uint8Array.from({ length: 8 * 64 * 4 }, (_, i) => (i * 7 + unit * 13) & 0xff);
const unitRecord = (unit: number) =>
  Buffer.concat(unitRecordPieces({ unit, rowStart: unit * 8, rowCount: 8, encoding: 'RGBA_RAW', payload: payload(unit) }));

const sample = (): Buffer =>
  Buffer.concat([
    encodeCheckpointStart(header),
    encodeAttempt({ attempt: 1, startedAt: '2026-12-02T00:00:00.000Z' }),
    unitRecord(0),
    unitRecord(2),
    encodeInterruption({ attempt: 1, at: '2026-12-02T00:01:00.000Z', reason: 'SIGTERM', unitsDone: 2 }),
    unitRecord(3),
  ]);

test('every record comes back as written: header, attempts, units (bytes exact), interruptions', () => {
  const parsed = parseCheckpoint(sample());
  assert.deepEqual(parsed.header, header);
  assert.deepEqual(parsed.attempts, [{ attempt: 1, startedAt: '2026-12-02T00:00:00.000Z' }]);
  assert.deepEqual(parsed.interruptions.map((i) => i.reason), ['SIGTERM']);
  assert.deepEqual([...parsed.units.keys()], [0, 2, 3]);
  for (const [unit, record] of parsed.units) {
    assert.deepEqual(Buffer.from(record.payload), Buffer.from(payload(unit)));
    assert.deepEqual(Buffer.from(record.bytes), unitRecord(unit), 'the record copies into a new file unchanged');
  }
  assert.equal(parsed.damaged, 0);
});

test('a torn tail (a crash mid-append) loses only the record being written', () => {
  const bytes = sample();
  const parsed = parseCheckpoint(bytes.subarray(0, bytes.length - 100));
  assert.deepEqual([...parsed.units.keys()], [0, 2]);
  assert.equal(parsed.damaged, 1);
});

test('a flipped byte anywhere after the header costs only the record it is in', () => {
  const clean = sample();
  const start = encodeCheckpointStart(header).length + encodeAttempt({ attempt: 1, startedAt: '2026-12-02T00:00:00.000Z' }).length;
  // offset 100 must lie inside unit 0's record for the first flip to hit its pixels
  assert.ok(unitRecord(0).length > 100);
  // in unit 0's pixels, in its length field, in its sync marker: unit 0 is lost, units 2 and 3 stay
  for (const offset of [start + 100, start + 6, start + 1]) {
    const bytes = Buffer.from(clean);
    bytes[offset]! ^= 0x10;
    const parsed = parseCheckpoint(bytes);
    assert.deepEqual([...parsed.units.keys()], [2, 3], `flip at ${offset}`);
    assert.ok(parsed.damaged >= 1);
    assert.equal(parsed.interruptions.length, 1);
  }
});

test('a damaged header or a foreign file is not a checkpoint: nothing in it is used', () => {
  const bytes = sample();
  bytes[CHECKPOINT_MAGIC_LENGTH + 20]! ^= 0x01;
  assert.throws(() => parseCheckpoint(bytes), NotACheckpointError);
  assert.throws(() => parseCheckpoint(Buffer.from('{"hello": "world"}')), NotACheckpointError);
});

const CHECKPOINT_MAGIC_LENGTH = 'FRACTAL-CHECKPOINT-1\n'.length;

test('the store: attempt 1 fresh, attempt 2 resumes the units appended before, with the history', async () => {
  const runDir = mkdtempSync(join(dir, 'store-'));
  const first = await openCheckpoint({ runDir, header, startedAt: new Date('2026-12-02T00:00:00Z') });
  assert.equal(first.attempt, 1);
  assert.deepEqual(first.resumed, []);
  first.appendUnit({ unit: 1, rowStart: 8, rowCount: 8, encoding: 'RGBA_RAW', payload: payload(1) });
  first.appendUnit({ unit: 3, rowStart: 24, rowCount: 8, encoding: 'RGBA_RAW', payload: payload(3) });
  await first.interrupted({ at: '2026-12-02T00:05:00.000Z', reason: 'SIGUSR1', unitsDone: 2 });
  await first.close();

  const second = await openCheckpoint({ runDir, header, startedAt: new Date('2026-12-02T00:10:00Z') });
  assert.equal(second.attempt, 2);
  assert.deepEqual(second.resumed.map((u) => u.unit).sort(), [1, 3]);
  assert.deepEqual(Buffer.from(second.resumed.find((u) => u.unit === 3)!.payload), Buffer.from(payload(3)));
  assert.deepEqual(second.interruptions.map((i) => [i.attempt, i.reason, i.unitsDone]), [[1, 'SIGUSR1', 2]]);
  assert.deepEqual(second.attempts.map((a) => a.attempt), [1]);
  await second.remove();
  assert.ok(!existsSync(join(runDir, CHECKPOINT_FILE)));
  assert.deepEqual(readdirSync(runDir), [], 'no temporary file left');
});

test('a checkpoint of another picture is refused, naming the option; an unreadable one is set aside', async () => {
  const runDir = mkdtempSync(join(dir, 'other-'));
  await (await openCheckpoint({ runDir, header, startedAt: new Date() })).close();
  const other = { ...header, spec: { ...spec, iters: 2000 } };
  await assert.rejects(
    openCheckpoint({ runDir, header: other, startedAt: new Date() }),
    (e: unknown) => e instanceof FractalError && e.kind === 'input' && e.code === 'E_CHECKPOINT_OTHER_PICTURE' && /--iters is 800 in the checkpoint, 2000 now/.test(e.message),
  );
  await assert.rejects(
    openCheckpoint({ runDir, header: { ...header, chunkRows: 16 }, startedAt: new Date() }),
    (e: unknown) => e instanceof FractalError && /--chunk is 8 in the checkpoint, 16 now/.test(e.message),
  );
  writeFileSync(join(runDir, CHECKPOINT_FILE), 'not a checkpoint');
  const fresh = await openCheckpoint({ runDir, header, startedAt: new Date() });
  assert.equal(fresh.attempt, 1);
  assert.ok(fresh.setAside && readFileSync(fresh.setAside, 'utf8') === 'not a checkpoint', 'kept for a look, not deleted');
  await fresh.close();
});

test('resumed units reach the PNG as the file reaches them, within the window, in row order, once', async () => {
  const runDir = mkdtempSync(join(dir, 'lazy-'));
  const first = await openCheckpoint({ runDir, header, startedAt: new Date('2026-12-02T00:00:00Z') });
  for (const unit of [3, 0, 1]) first.appendUnit({ unit, rowStart: unit * 8, rowCount: 8, encoding: 'RGBA_RAW', payload: payload(unit) });
  await first.close();
  // a window of 8 rows: the unit starting at the file's row, and none beyond
  const machine = new LeaderMachine(
    {
      spec,
      chunkRows: 8,
      workersExpected: 1,
      minWorkers: 1,
      joinTimeoutMs: 10_000,
      heartbeatIntervalMs: 1000,
      heartbeatTimeoutMs: 5000,
      finalMetricsTimeoutMs: 3000,
      waitForStart: false,
      jobId: null,
      nodeList: null,
      leaderRank: 0,
      jobSize: 2,
      maxMessageBytes: 1 << 20,
      pngWindowRows: 8,
      decodeUnit: () => ({ problem: 'unused' }),
    },
    0,
  );
  const fed: Array<[number, number]> = [];
  const output = {
    decodeUnit: (result: { rgba: Uint8Array }) => ({ rgba: Uint8Array.from(result.rgba) }),
    addRows: (rowStart: number, rgba: Uint8Array) => void fed.push([rowStart, rgba[0]!]),
    discard: () => {},
  } as unknown as LeaderOutput;
  const checkpointing = await startCheckpointing({ runDir, intervalMs: 60_000 }, machine, output, new Date(), () => {});
  assert.equal(checkpointing.facts.resumedUnits, 3);
  assert.equal(machine.queue.done, 3, 'every resumed unit is done at once: none is handed out');
  assert.deepEqual(fed, [[0, payload(0)[0]!]], 'only the unit at the top of the file went to the PNG');
  checkpointing.written(8);
  assert.deepEqual(fed.map(([row]) => row), [0, 8]);
  checkpointing.written(16);
  assert.deepEqual(fed.map(([row]) => row), [0, 8], 'unit 2 is not resumed: unit 3 waits for its rows');
  checkpointing.written(24);
  checkpointing.written(32);
  assert.deepEqual(fed, [0, 1, 3].map((u) => [u * 8, payload(u)[0]!]));
  await checkpointing.close();
});
