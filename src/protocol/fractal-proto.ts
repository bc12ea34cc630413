// Loads proto/fractal/v1/fractal.proto once, with the one set of loader options, and exposes the
// Work method's codecs. Server and client register the method with pass-through serializers and
// encode/decode here themselves: that is how every stream knows the exact size of each message
// it sends and receives (the results JSON's bytes in/out) without a second encoding.
import { logVerbosity, setLogVerbosity, status as grpcStatus } from '@grpc/grpc-js';
import { loadSync, type MethodDefinition } from '@grpc/proto-loader';
import { timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { LeaderMessage, OutgoingLeaderMessage, OutgoingWorkerMessage, WorkerMessage } from './messages.js';

// grpc-js prints its own errors to stderr ("E No address added ..."); fractal reports every
// failure itself, in its own words. GRPC_VERBOSITY=DEBUG (with GRPC_TRACE) still turns them on.
if (process.env['GRPC_VERBOSITY'] === undefined) setLogVerbosity(logVerbosity.NONE);

/** The one loader-options constant (STYLE.md rule 8). */
export const PROTO_LOADER_OPTIONS = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;

// src/protocol and dist/protocol are both two levels below the package root
export const PROTO_PATH = fileURLToPath(new URL('../../proto/fractal/v1/fractal.proto', import.meta.url));

export const WORK_METHOD_PATH = '/fractal.v1.Fractal/Work';

/** gRPC puts a 5-byte prefix (compressed flag + length) before every message. */
export const GRPC_MESSAGE_PREFIX_BYTES = 5;

type WorkMethod = MethodDefinition<OutgoingWorkerMessage, OutgoingLeaderMessage, WorkerMessage, LeaderMessage>;

let method: WorkMethod | undefined;

const workMethod = (): WorkMethod => {
  if (!method) {
    const definition = loadSync(PROTO_PATH, PROTO_LOADER_OPTIONS);
    const service = definition['fractal.v1.Fractal'] as Record<string, WorkMethod> | undefined;
    const work = service?.['Work'];
    if (!work) throw new Error(`${PROTO_PATH} does not define fractal.v1.Fractal/Work`);
    method = work;
  }
  return method;
};

export const encodeWorkerMessage = (message: OutgoingWorkerMessage): Buffer => workMethod().requestSerialize(message);
export const decodeWorkerMessage = (bytes: Buffer): WorkerMessage => workMethod().requestDeserialize(bytes);
export const encodeLeaderMessage = (message: OutgoingLeaderMessage): Buffer => workMethod().responseSerialize(message);
export const decodeLeaderMessage = (bytes: Buffer): LeaderMessage => workMethod().responseDeserialize(bytes);

let warm = false;

/**
 * Loads the .proto and has protobufjs generate the codec of every message, which it otherwise does
 * on first use: about 20 ms of CPU that would sit between a worker's Hello and its first unit.
 * Callers run this while they wait anyway (the leader for its workers, a worker for its leader or
 * its Welcome); only the first call does anything.
 */
export const warmUpCodecs = (): void => {
  if (warm) return;
  warm = true;
  // partial messages are enough: proto3 gives every missing field its default
  const workerSamples = [
    { hello: {} },
    { credit: {} },
    { results: { results: [{ rgba: new Uint8Array(4) }] } },
    { heartbeat: {} },
    { metrics: { node: { process: { gc: { minor: {} } }, network: {} } } },
  ] as unknown as OutgoingWorkerMessage[];
  const leaderSamples = [
    { welcome: { image: {} } },
    { assign: { units: [0] } },
    { stop: {} },
    { echo: {} },
  ] as unknown as OutgoingLeaderMessage[];
  for (const sample of workerSamples) decodeWorkerMessage(encodeWorkerMessage(sample));
  for (const sample of leaderSamples) decodeLeaderMessage(encodeLeaderMessage(sample));
};

/** The status codes fractal meets, by name, so that core code never sees grpc-js's numbers. */
export const STREAM_STATUSES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;
export type StreamStatus = (typeof STREAM_STATUSES)[number];

export const statusCode = (name: StreamStatus): number => grpcStatus[name];
export const statusName = (code: number): StreamStatus => STREAM_STATUSES[code] ?? 'UNKNOWN';

/** How a stream ended when it did not end cleanly. */
export interface StreamFailure {
  status: StreamStatus;
  details: string;
}

export const AUTHORIZATION_KEY = 'authorization';
export const bearer = (token: string): string => `Bearer ${token}`;

/** Whether an authorization value is `Bearer TOKEN`, compared in constant time. */
export const presentsBearer = (given: unknown, token: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(bearer(token));
  return a.length === b.length && timingSafeEqual(a, b);
};
