// The worker's side of the wire: one Work stream to the leader with the job's token in the
// metadata. A fresh channel per attempt: grpc-js's own reconnect backoff grows to minutes, while
// a worker that starts before its leader wants to see it the moment it listens.
import { Client, credentials as grpcCredentials, Metadata, status as grpcStatus, type ClientDuplexStream, type StatusObject } from '@grpc/grpc-js';
import {
  AUTHORIZATION_KEY,
  bearer,
  decodeLeaderMessage,
  encodeWorkerMessage,
  GRPC_MESSAGE_PREFIX_BYTES,
  statusName,
  WORK_METHOD_PATH,
  type StreamFailure,
} from './fractal-proto.js';
import type { LeaderMessage, OutgoingWorkerMessage } from './messages.js';

/** Leader -> worker messages are small (the job, unit numbers); this bounds a hostile leader. */
export const MAX_LEADER_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface ClientTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface WorkStreamOptions {
  /** HOST:PORT */
  address: string;
  token: string;
  /** The largest message this side will send (the leader's limit, once known). */
  maxSendBytes: number;
  tls?: ClientTls;
  /** One decoded message from the leader and its size on the stream. */
  onMessage(message: LeaderMessage, bytes: number): void;
  /** The stream is over: null for OK. Called once, after every message. */
  onClose(failure: StreamFailure | null): void;
}

export interface WorkStreamHandle {
  /** Sends one message; returns its size on the stream (message + gRPC prefix). */
  send(message: OutgoingWorkerMessage): number;
  /** Closes this side of the stream cleanly. */
  end(): void;
  /** Abandons the stream and the channel. */
  cancel(): void;
  /** Closes the channel once the stream is over. */
  close(): void;
}

const passThrough = (value: Buffer): Buffer => value;

export const openWorkStream = (options: WorkStreamOptions): WorkStreamHandle => {
  const channelCredentials = options.tls
    ? grpcCredentials.createSsl(options.tls.ca ?? null, options.tls.key ?? null, options.tls.cert ?? null)
    : grpcCredentials.createInsecure();
  const client = new Client(options.address, channelCredentials, {
    'grpc.max_receive_message_length': MAX_LEADER_MESSAGE_BYTES,
    'grpc.max_send_message_length': options.maxSendBytes,
    // notices a leader whose host vanished without closing the TCP connection
    'grpc.keepalive_time_ms': 10_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.enable_retries': 0,
  });
  const metadata = new Metadata();
  metadata.set(AUTHORIZATION_KEY, bearer(options.token));
  const call: ClientDuplexStream<Buffer, Buffer> = client.makeBidiStreamRequest(WORK_METHOD_PATH, passThrough, passThrough, metadata, {});
  let closed = false;
  let ended = false;
  call.on('data', (bytes: Buffer) => {
    if (closed) return;
    let message: LeaderMessage;
    try {
      message = decodeLeaderMessage(bytes);
    } catch (error) {
      closed = true;
      call.cancel();
      options.onClose({ status: 'INTERNAL', details: `the leader sent a message that does not decode: ${(error as Error).message}` });
      return;
    }
    options.onMessage(message, bytes.length + GRPC_MESSAGE_PREFIX_BYTES);
  });
  call.on('error', () => {
    // reported through 'status'
  });
  call.on('status', (status: StatusObject) => {
    // let messages still buffered in the stream be delivered first
    setImmediate(() => {
      if (closed) return;
      closed = true;
      options.onClose(status.code === grpcStatus.OK ? null : { status: statusName(status.code), details: status.details });
    });
  });
  return {
    send(message) {
      const bytes = encodeWorkerMessage(message);
      if (!ended && !closed) call.write(bytes);
      return bytes.length + GRPC_MESSAGE_PREFIX_BYTES;
    },
    end() {
      if (ended) return;
      ended = true;
      call.end();
    },
    cancel() {
      closed = true;
      call.cancel();
      client.close();
    },
    close() {
      client.close();
    },
  };
};
