// The message types (derived in src/protocol/messages.ts from the generated ones) against the real .proto: every field
// of every message survives a round trip, so a name that drifts from the file fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeLeaderMessage,
  decodeWorkerMessage,
  encodeLeaderMessage,
  encodeWorkerMessage,
  GRPC_MESSAGE_PREFIX_BYTES,
  statusCode,
  statusName,
  STREAM_STATUSES,
} from '../../src/protocol/fractal-proto.js';
import type { OutgoingLeaderMessage, OutgoingWorkerMessage } from '../../src/protocol/messages.js';

const workerMessages: OutgoingWorkerMessage[] = [
  { hello: { protocol_version: 'fractal.v1/1', rank: -1, host: 'n01', threads: 8, pid: 4242, reconnects: 2, job_id: '1234' } },
  { credit: { units: 16, window: 0 } },
  {
    results: {
      results: [
        { unit: 7, rgba: new Uint8Array([1, 2, 3, 255, 0, 0, 0, 0]), iterations: 2 ** 40 + 3, compute_ns: 123456789, encoding: 'RGBA_RUNS' },
        { unit: 8, rgba: new Uint8Array([9, 9, 9, 255]), iterations: 1, compute_ns: 2, encoding: 'RGBA_RAW' },
      ],
    },
  },
  { heartbeat: { units_in_progress: 3, probe: 0, rtt_ms: 0 } },
  { heartbeat: { units_in_progress: 1, probe: 12, rtt_ms: 10.5 } },
  { credit: { units: 0, window: 24 } },
  {
    metrics: {
      node: {
        host: 'n02',
        threads: 4,
        units: 10,
        rows: 80,
        pixels: 655360,
        iterations: 2 ** 35,
        compute_ms: 1234.5,
        idle_ms: 6.25,
        bytes_sent: 2 ** 33,
        bytes_received: 4096,
        reconnects: 1,
        kernel: 'wasm-simd',
        process: {
          cpu_user_ms: 10.5,
          cpu_system_ms: 1.25,
          max_rss_bytes: 2 ** 31,
          heap_used_bytes: 123,
          heap_total_bytes: 456,
          gc: { minor: { count: 3, pause_ms: 1.5 }, major: { count: 1, pause_ms: 4 } },
          event_loop_utilization: 0.25,
          event_loop_delay_p50_ms: 1,
          event_loop_delay_p99_ms: 2,
          event_loop_delay_max_ms: 3,
        },
        network: {
          rtt_median_ms: 10.25, rtt_p99_ms: 12.5, rtt_max_ms: 14, rtt_samples: 40, starved_ms: 3.5,
          in_flight_mean: 12.5, in_flight_max: 16, window_final: 16, window_max: 20,
        },
      },
    },
  },
];

const leaderMessages: OutgoingLeaderMessage[] = [
  {
    welcome: {
      protocol_version: 'fractal.v1/1',
      rank: 3,
      job_id: 'ƒ2mWKyTqTF',
      image: {
        width: 8192, height: 6144, xpos: -0.00275, ypos: 0.78912, escape_radius: 0.125689, iters: 800, step: 6000, palette: 'Hippi', coloring: 'classic',
      },
      chunk_rows: 8,
      units: 768,
      heartbeat_interval_ms: 1000,
      max_message_bytes: 4259840,
    },
  },
  { assign: { units: [0, 1, 300, 70000] } },
  { stop: { reason: 'done' } },
  { echo: { probe: 7 } },
];

const plain = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Uint8Array ? [...v] : (v as { type?: string; data?: number[] })?.type === 'Buffer' ? (v as { data: number[] }).data : v,
    ),
  );

test('every worker message round-trips field by field', () => {
  for (const message of workerMessages) {
    const [body] = Object.keys(message);
    const decoded = decodeWorkerMessage(encodeWorkerMessage(message));
    assert.equal(decoded.body, body);
    assert.deepEqual(plain((decoded as Record<string, unknown>)[body!]), plain((message as Record<string, unknown>)[body!]), body);
  }
});

test('every leader message round-trips field by field', () => {
  for (const message of leaderMessages) {
    const [body] = Object.keys(message);
    const decoded = decodeLeaderMessage(encodeLeaderMessage(message));
    assert.equal(decoded.body, body);
    assert.deepEqual(plain((decoded as Record<string, unknown>)[body!]), plain((message as Record<string, unknown>)[body!]), body);
  }
});

test('results are compact: a unit costs its RGBA plus a few bytes, not a double per pixel', () => {
  const rgba = new Uint8Array(8 * 8192 * 4);
  const result = { unit: 767, rgba, iterations: 2 ** 33, compute_ns: 25_000_000, encoding: 'RGBA_RAW' } as const;
  const bytes = encodeWorkerMessage({ results: { results: [result] } }).length;
  const overhead = bytes + GRPC_MESSAGE_PREFIX_BYTES - rgba.length;
  assert.ok(overhead < 40, `overhead ${overhead} bytes`);
  // assignments are packed varints: three units in a handful of bytes
  assert.ok(encodeLeaderMessage({ assign: { units: [1, 2, 3] } }).length <= 8);
});

test('decoded RGBA is a view of the received bytes, not a copy', () => {
  const result = { unit: 0, rgba: new Uint8Array(1024).fill(7), iterations: 0, compute_ns: 0, encoding: 'RGBA_RAW' } as const;
  const bytes = encodeWorkerMessage({ results: { results: [result] } });
  const decoded = decodeWorkerMessage(bytes);
  assert.equal(decoded.body, 'results');
  if (decoded.body === 'results') assert.equal(decoded.results.results[0]!.rgba.buffer, bytes.buffer);
});

test('garbage does not decode quietly into a message', () => {
  assert.throws(() => decodeWorkerMessage(Buffer.from([0x1a, 0xff, 0xff, 0xff, 0x0f, 1])));
});

test('status names map to gRPC\'s codes both ways', () => {
  assert.equal(statusCode('UNAUTHENTICATED'), 16);
  assert.equal(statusCode('FAILED_PRECONDITION'), 9);
  for (const name of STREAM_STATUSES) assert.equal(statusName(statusCode(name)), name);
  assert.equal(statusName(99), 'UNKNOWN');
});
