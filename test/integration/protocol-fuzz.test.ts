// A protocol fuzzer: clients of our own drive real leaders over gRPC on loopback with generated
// streams of messages (reordered, repeated, truncated, oversized, out of range, garbage bytes,
// with and without the token). After each round of cases a real worker joins, and the leader must
// finish the render with `fractal render`'s exact PNG and a results file that validates: whatever
// a client sends, the leader refuses it cleanly or takes only what is right.
//
// The seed is printed; FRACTAL_FUZZ_SEED=N repeats a run, FRACTAL_FUZZ_CASES=N changes its size.
import assert from 'node:assert/strict';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { after, before, test } from 'node:test';
import { encodeUnitRuns } from '../../src/core/cluster/unit-rgba.js';
import { PROTOCOL_VERSION } from '../../src/core/version.js';
import { encodeWorkerMessage, WORK_METHOD_PATH } from '../../src/protocol/fractal-proto.js';
import type { OutgoingWorkerMessage, UnitResult, Welcome } from '../../src/protocol/messages.js';
import { checkRun, rawClient, setUpHarness, spec, startLeader, tearDownHarness, TOKEN, unitRgba, worker } from '../helpers/leader-harness.js';

const SEED = Number(process.env['FRACTAL_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const CASES = Number(process.env['FRACTAL_FUZZ_CASES'] ?? 1000);
const CASES_PER_ROUND = 40;
const IN_PARALLEL = 4;
const JOB_ID = '4242';
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
const createRandom = (seed: number) => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (below: number): number => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (length: number): Buffer => Buffer.from(Array.from({ length }, () => int(256)));
  return { next, int, pick, bytes };
};
type Random = ReturnType<typeof createRandom>;

const HOSTS = ['n01', '', 'a\nb', '\u001b[31mred\u001b[0m', 'x'.repeat(300), 'ünïcødé', '\u0000'];
const HUGE = 2 ** 64 - 1;

/** One unit's result: the real pixels in some encoding, or something wrong. */
const unitResult = (r: Random, welcome: Welcome): UnitResult => {
  const unit = r.pick([r.int(welcome.units), r.int(welcome.units), welcome.units, 2 ** 32 - 1]);
  const real = unit < welcome.units ? unitRgba(welcome, unit) : new Uint8Array(16);
  const choice = r.int(6);
  const encoded =
    choice === 0 ? { rgba: real, encoding: 'RGBA_RAW' as const }
    : choice === 1 ? { rgba: encodeUnitRuns(real, { bytes: new Uint8Array(0) }).slice(), encoding: 'RGBA_RUNS' as const }
    : choice === 2 ? { rgba: encodeUnitRuns(real, { bytes: new Uint8Array(0) }).slice(0, -1), encoding: 'RGBA_RUNS' as const }
    : choice === 3 ? { rgba: r.bytes(r.int(64) * 4 + 4), encoding: 'RGBA_RAW' as const }
    : choice === 4 ? { rgba: new Uint8Array(0), encoding: r.pick(['RGBA_RAW', 'RGBA_RUNS'] as const) }
    : { rgba: real, encoding: r.pick([1, 7]) as unknown as 'RGBA_RAW' };
  // a garbage RAW block of the right length would be taken as pixels, which no leader can check
  if (choice === 3 && encoded.rgba.length === real.length) encoded.rgba = encoded.rgba.subarray(4);
  return { unit, ...encoded, iterations: r.pick([0, 1, HUGE]), compute_ns: r.pick([0, HUGE]) };
};

const message = (r: Random, welcome: Welcome): OutgoingWorkerMessage => {
  switch (r.int(6)) {
    case 0:
      return {
        hello: {
          protocol_version: r.next() < 0.85 ? PROTOCOL_VERSION : r.pick(['', 'fractal.v0/9', 'x'.repeat(500)]),
          rank: r.pick([-1, -1, 1, 2, 3, 0, 2 ** 31 - 1, -7]),
          host: r.pick(HOSTS),
          threads: r.pick([0, 1, 8, 2 ** 32 - 1]),
          pid: r.int(100_000),
          reconnects: r.pick([0, 1, 2 ** 32 - 1]),
          job_id: r.pick(['', JOB_ID, JOB_ID, 'another-job']),
        },
      };
    case 1:
      return { credit: { units: r.pick([0, 1, 4, 256, 2 ** 32 - 1]), window: 0 } };
    case 2:
      return { results: { results: Array.from({ length: 1 + r.int(4) }, () => unitResult(r, welcome)) } };
    case 3:
      return { heartbeat: { units_in_progress: r.int(10), probe: 0, rtt_ms: 0 } };
    default: {
      const n = (): number => r.pick([0, 1, 1e300, HUGE, -5]);
      return {
        metrics: {
          node: r.next() < 0.2 ? null : {
            host: r.pick(HOSTS), threads: r.int(9), units: r.int(9), rows: r.int(9),
            pixels: n(), iterations: n(), compute_ms: n(), idle_ms: n(),
            bytes_sent: n(), bytes_received: n(), reconnects: r.int(3), kernel: r.pick(['wasm', '\u001b]0;x\u0007']), process: null, network: null,
          },
        },
      };
    }
  }
};

/** The bytes of one frame: mostly real messages, some cut short, some garbage, rarely a huge one. */
const frame = (r: Random, welcome: Welcome): Buffer => {
  const roll = r.next();
  if (roll < 0.005) return Buffer.alloc(MAX_MESSAGE_BYTES + 100);
  if (roll < 0.08) return r.bytes(1 + r.int(64));
  const encoded = encodeWorkerMessage(message(r, welcome));
  if (roll < 0.15 && encoded.length > 1) return encoded.subarray(0, r.int(encoded.length));
  return encoded;
};

/** One case: a stream with a token (or not), a few frames, a moment to hear back, then gone. */
const runCase = async (r: Random, port: number, welcome: Welcome): Promise<void> => {
  const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure(), { 'grpc.max_send_message_length': -1, 'grpc.enable_retries': 0 });
  const metadata = new Metadata();
  const tokenRoll = r.next();
  if (tokenRoll < 0.9) metadata.set('authorization', `Bearer ${tokenRoll < 0.85 ? TOKEN : 'wrong-token'}`);
  const passThrough = (value: Buffer): Buffer => value;
  const call = client.makeBidiStreamRequest(WORK_METHOD_PATH, passThrough, passThrough, metadata, {});
  const ended = new Promise<void>((resolve) => {
    call.on('status', () => resolve());
    call.on('error', () => resolve());
  });
  call.on('data', () => {});
  const frames = 1 + r.int(10);
  for (let i = 0; i < frames; i++) call.write(frame(r, welcome));
  if (r.next() < 0.3) call.end();
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 30))]);
  call.cancel();
  client.close();
};

before(setUpHarness);
after(tearDownHarness);

test(`protocol fuzzer: ${CASES} generated streams against real leaders, seed ${SEED}`, { timeout: 600_000 }, async (t) => {
  t.diagnostic(`fuzz seed ${SEED}: FRACTAL_FUZZ_SEED=${SEED} repeats this run`);
  console.log(`protocol fuzzer: seed ${SEED} (FRACTAL_FUZZ_SEED=${SEED} repeats it), ${CASES} cases`);
  const r = createRandom(SEED);
  let done = 0;
  for (let round = 0; done < CASES; round++) {
    const job = { scheduler: 'local' as const, jobId: JOB_ID, nodeList: null, size: 4 };
    const leader = startLeader({ workersExpected: 1, minWorkers: 1, heartbeatTimeoutMs: 400, joinTimeoutMs: 30_000, job });
    const port = await leader.port;
    // the geometry every case's results refer to, learned as a worker would
    const probe = rawClient(port);
    probe.send({ hello: { protocol_version: PROTOCOL_VERSION, rank: -1, host: 'probe', threads: 1, pid: 1, reconnects: 0, job_id: JOB_ID } });
    const welcome = await probe.welcome();
    probe.cancel();
    const cases = Math.min(CASES_PER_ROUND, CASES - done);
    const firstCase = done;
    for (let i = 0; i < cases; i += IN_PARALLEL) {
      await Promise.all(Array.from({ length: Math.min(IN_PARALLEL, cases - i) }, () => runCase(r, port, welcome)));
    }
    done += cases;
    const [report] = await Promise.all([leader.report, worker(port, null, { jobId: JOB_ID })]).catch((error: unknown) => {
      throw new Error(`round ${round} (cases ${firstCase}–${done - 1}) of seed ${SEED}: ${(error as Error).message}`, { cause: error });
    });
    await checkRun(report).catch((error: unknown) => {
      throw new Error(`round ${round} (cases ${firstCase}–${done - 1}) of seed ${SEED}: ${(error as Error).message}`, { cause: error });
    });
    assert.equal(report.results.work.rows, spec.height);
  }
  assert.equal(done, CASES);
});
