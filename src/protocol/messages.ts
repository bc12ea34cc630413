// The messages of proto/fractal/v1/fractal.proto as the rest of fractal uses them, derived from the
// types @grpc/proto-loader generates from the .proto (src/protocol/generated/, `npm run
// proto:generate`; a test fails when they are stale), so nothing here restates a field. Decoded
// messages come as a union tagged by `body`, the oneof member that is set; what a sender writes is
// the oneof member alone, every field given, with bytes as any Uint8Array.
import type { LeaderMessage__Output } from './generated/fractal/v1/LeaderMessage.js';
import type { RgbaEncoding__Output } from './generated/fractal/v1/RgbaEncoding.js';
import type { WorkerMessage__Output } from './generated/fractal/v1/WorkerMessage.js';

export type { Hello__Output as Hello } from './generated/fractal/v1/Hello.js';
export type { Credit__Output as Credit } from './generated/fractal/v1/Credit.js';
export type { Results__Output as Results } from './generated/fractal/v1/Results.js';
export type { Heartbeat__Output as Heartbeat } from './generated/fractal/v1/Heartbeat.js';
export type { FinalMetrics__Output as FinalMetrics } from './generated/fractal/v1/FinalMetrics.js';
export type { NodeReport__Output as NodeReport } from './generated/fractal/v1/NodeReport.js';
export type { ProcessReport__Output as ProcessReport } from './generated/fractal/v1/ProcessReport.js';
export type { GcReport__Output as GcReport } from './generated/fractal/v1/GcReport.js';
export type { ImageSpec__Output as ImageSpecMessage } from './generated/fractal/v1/ImageSpec.js';
export type { Welcome__Output as Welcome } from './generated/fractal/v1/Welcome.js';
export type { Assign__Output as Assign } from './generated/fractal/v1/Assign.js';
export type { Stop__Output as Stop } from './generated/fractal/v1/Stop.js';
export type { Echo__Output as Echo } from './generated/fractal/v1/Echo.js';
export type { NetworkReport__Output as NetworkReport } from './generated/fractal/v1/NetworkReport.js';

export { RgbaEncoding as RGBA_ENCODING } from './generated/fractal/v1/RgbaEncoding.js';
export type RgbaEncoding = RgbaEncoding__Output;

type OneofName<T extends { body?: string }> = NonNullable<T['body']>;

/** A decoded message: `body` names the member that is set, and that member is present. */
type Tagged<T extends { body?: string }> = {
  [K in OneofName<T>]: { body: K } & { [P in K]: NonNullable<T[P & keyof T]> };
}[OneofName<T>];

/** Bytes fields accept any Uint8Array on the way out (protobufjs encodes them alike). */
type Writable<T> = T extends Buffer ? Uint8Array : T extends object ? { [K in keyof T]: Writable<T[K]> } : T;

/** What a sender writes: exactly one oneof member, every field of it given. */
type Sendable<T extends { body?: string }> = {
  [K in OneofName<T>]: { [P in K]: Writable<NonNullable<T[P & keyof T]>> };
}[OneofName<T>];

export type UnitResult = Writable<NonNullable<WorkerMessage__Output['results']>['results'][number]>;
export type WorkerMessage = Tagged<WorkerMessage__Output>;
export type OutgoingWorkerMessage = Sendable<WorkerMessage__Output>;
export type LeaderMessage = Tagged<LeaderMessage__Output>;
export type OutgoingLeaderMessage = Sendable<LeaderMessage__Output>;
