// The Work method's codecs, from protobufjs's static code for proto/fractal/v1/fractal.proto
// (src/protocol/generated/fractal-codec.js, `npm run proto:generate`). Server and client register
// the method with pass-through serializers and encode/decode here themselves: that is how every
// stream knows the exact size of each message it sends and receives (the results JSON's bytes
// in/out) without a second encoding.
import { logVerbosity, setLogVerbosity, status as grpcStatus } from '@grpc/grpc-js';
import { timingSafeEqual } from 'node:crypto';
import { PROTO_DECODE_OPTIONS } from './decode-options.js';
import { fractal } from './generated/fractal-codec.js';
import type { LeaderMessage, OutgoingLeaderMessage, OutgoingWorkerMessage, WorkerMessage } from './messages.js';

// grpc-js prints its own errors to stderr ("E No address added ..."); fractal reports every
// failure itself, in its own words. GRPC_VERBOSITY=DEBUG (with GRPC_TRACE) still turns them on.
if (process.env['GRPC_VERBOSITY'] === undefined) setLogVerbosity(logVerbosity.NONE);

export const WORK_METHOD_PATH = '/fractal.v1.Fractal/Work';

/** gRPC puts a 5-byte prefix (compressed flag + length) before every message. */
export const GRPC_MESSAGE_PREFIX_BYTES = 5;

/** What the static code of one message type offers (the generated JavaScript carries no types). */
interface MessageCodec<Out, In> {
  fromObject(object: Out): object;
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
  toObject(message: object, options: typeof PROTO_DECODE_OPTIONS): In;
}

const workerCodec = fractal.v1.WorkerMessage as unknown as MessageCodec<OutgoingWorkerMessage, WorkerMessage>;
const leaderCodec = fractal.v1.LeaderMessage as unknown as MessageCodec<OutgoingLeaderMessage, LeaderMessage>;

// as @grpc/proto-loader's serializers do: the plain object to a message, then to bytes (a Buffer
// in Node.js, which protobufjs's writer uses when it is there)
const encode = <Out, In>(codec: MessageCodec<Out, In>, message: Out): Buffer => codec.encode(codec.fromObject(message)).finish() as Buffer;
const decode = <Out, In>(codec: MessageCodec<Out, In>, bytes: Buffer): In => codec.toObject(codec.decode(bytes), PROTO_DECODE_OPTIONS);

export const encodeWorkerMessage = (message: OutgoingWorkerMessage): Buffer => encode(workerCodec, message);
export const decodeWorkerMessage = (bytes: Buffer): WorkerMessage => decode(workerCodec, bytes);
export const encodeLeaderMessage = (message: OutgoingLeaderMessage): Buffer => encode(leaderCodec, message);
export const decodeLeaderMessage = (bytes: Buffer): LeaderMessage => decode(leaderCodec, bytes);

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
