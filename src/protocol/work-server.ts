// The leader's side of the wire: a gRPC server with the one Work method. Every stream is checked
// for the job's token before its handler sees a message; the handler gets a small typed handle
// (send / end / fail) and returns its callbacks. Sizes are bounded both ways.
import { Server, ServerCredentials, type ServerDuplexStream, type ServiceDefinition } from '@grpc/grpc-js';
import type { Http2Server, Http2Session } from 'node:http2';
import {
  AUTHORIZATION_KEY,
  decodeWorkerMessage,
  encodeLeaderMessage,
  GRPC_MESSAGE_PREFIX_BYTES,
  presentsBearer,
  statusCode,
  WORK_METHOD_PATH,
  type StreamFailure,
  type StreamStatus,
} from './fractal-proto.js';
import type { OutgoingLeaderMessage, WorkerMessage } from './messages.js';

export interface ServerStreamHandle {
  /** The peer's address as gRPC reports it (ipv4:127.0.0.1:53422). */
  readonly peer: string;
  /** Sends one message; returns the bytes it takes on the stream (message + gRPC prefix). */
  send(message: OutgoingLeaderMessage): number;
  /** Ends the stream with OK once what was sent is flushed. */
  end(): void;
  /** Ends the stream with an error status the worker sees. */
  fail(status: StreamStatus, details: string): void;
}

/**
 * gRPC itself turns away a message over its receive limit before any handler sees it, and the
 * stream then only looks cancelled. Its limit is set this many times above maxMessageBytes, so
 * that every message between the two is seen here, refused with RESOURCE_EXHAUSTED and reported;
 * only one beyond that never reaches fractal (and shows as a lost stream).
 */
export const RECEIVE_LIMIT_FACTOR = 4;

/**
 * The bytes a worker may have on their way to the leader before it must wait for the leader's
 * window update: HTTP/2's default of 64 KiB per stream and per connection caps a worker at
 * 64 KiB a round trip (1.3 MB/s at 50 ms), far below what its threads compute. The units in
 * flight (credits) bound what is really sent; this only keeps the window out of the way.
 */
export const RECEIVE_WINDOW_BYTES = 16 * 1024 * 1024;

/**
 * grpc-js has no server option for HTTP/2 windows: its HTTP/2 servers are reached once bound,
 * new connections announce the larger stream window, and each session widens its connection
 * window as it opens.
 */
const widenReceiveWindows = (server: Server): void => {
  const http2Servers = (server as unknown as { http2Servers?: Map<Http2Server, unknown> }).http2Servers;
  for (const http2Server of http2Servers?.keys() ?? []) {
    http2Server.updateSettings({ initialWindowSize: RECEIVE_WINDOW_BYTES });
    http2Server.on('session', (session: Http2Session) => {
      const widen = (): void => {
        try {
          session.setLocalWindowSize(RECEIVE_WINDOW_BYTES);
        } catch {
          // a session closed before it was set up has nothing to receive
        }
      };
      if (session.connecting) session.once('connect', widen);
      else widen();
    });
  }
};

export interface ServerStreamCallbacks {
  /** One decoded message and its size on the stream. */
  message(message: WorkerMessage, bytes: number): void;
  /** A message that does not decode, or is over the size limit; the stream is failed right after. */
  malformed(bytes: number, reason: string, status: 'INVALID_ARGUMENT' | 'RESOURCE_EXHAUSTED'): void;
  /** The stream is over: null when the worker closed its side cleanly. */
  close(failure: StreamFailure | null): void;
}

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** When given, workers must present a certificate signed by it. */
  ca?: Buffer;
}

export interface WorkServerOptions {
  /** Interface to bind: 0.0.0.0, 127.0.0.1, ::, a host name. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** The largest message accepted or sent. */
  maxMessageBytes: number;
  tls?: TlsFiles;
  /** A stream passed the token check. */
  onStream(stream: ServerStreamHandle): ServerStreamCallbacks;
  /** A stream was refused for its token. */
  onUnauthenticated?(peer: string): void;
}

export interface WorkServerHandle {
  readonly port: number;
  /** Graceful: waits for open streams to end, then forces after graceMs. */
  shutdown(graceMs: number): Promise<void>;
}

/** grpc-js reports a failed bind as one string; the operating system's reason is inside it. */
const BIND_REASONS: ReadonlyArray<[RegExp, BindReason, string]> = [
  [/EADDRINUSE/, 'in-use', 'the port is in use'],
  [/EACCES/, 'permission', 'permission denied (ports below 1024 need privileges)'],
  [/EADDRNOTAVAIL/, 'no-address', 'this host has no such address'],
  [/Name resolution failed|ENOTFOUND|EAI_/, 'unknown-host', 'no such host name'],
];

export type BindReason = 'in-use' | 'permission' | 'no-address' | 'unknown-host' | 'other';

export class BindError extends Error {
  /** Why, as far as the operating system's words tell: the caller's hints depend on it. */
  readonly reason: BindReason;

  constructor(readonly address: string, cause: unknown) {
    const text = (cause as Error).message ?? String(cause);
    const known = BIND_REASONS.find(([re]) => re.test(text));
    super(`cannot listen on ${address}: ${known?.[2] ?? text}`, { cause });
    this.reason = known?.[1] ?? 'other';
  }
}

const passThrough = (value: Buffer): Buffer => value;

const SERVICE: ServiceDefinition = {
  Work: {
    path: WORK_METHOD_PATH,
    requestStream: true,
    responseStream: true,
    requestSerialize: passThrough,
    requestDeserialize: passThrough,
    responseSerialize: passThrough,
    responseDeserialize: passThrough,
  },
};

export const startWorkServer = async (options: WorkServerOptions): Promise<WorkServerHandle> => {
  const server = new Server({
    'grpc.max_receive_message_length': options.maxMessageBytes * RECEIVE_LIMIT_FACTOR,
    'grpc.max_send_message_length': options.maxMessageBytes,
    // notices a worker whose host vanished without closing its TCP connection
    'grpc.keepalive_time_ms': 10_000,
    'grpc.keepalive_timeout_ms': 10_000,
  });
  server.addService(SERVICE, {
    Work: (call: ServerDuplexStream<Buffer, Buffer>) => handleWork(call, options),
  });
  const credentials = options.tls
    ? ServerCredentials.createSsl(
        options.tls.ca ?? null,
        [{ cert_chain: options.tls.cert, private_key: options.tls.key }],
        options.tls.ca !== undefined,
      )
    : ServerCredentials.createInsecure();
  const address = options.host.includes(':') ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentials, (error, bound) => {
      if (error) {
        reject(new BindError(address, error));
        return;
      }
      resolve(bound);
    });
  });
  widenReceiveWindows(server);
  return {
    port,
    shutdown: (graceMs) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
};

const handleWork = (call: ServerDuplexStream<Buffer, Buffer>, options: WorkServerOptions): void => {
  const peer = call.getPeer();
  call.on('error', () => {
    // the status goes to the worker; nothing else to do here
  });
  if (!presentsBearer(call.metadata.get(AUTHORIZATION_KEY)[0], options.token)) {
    options.onUnauthenticated?.(peer);
    call.emit('error', { code: statusCode('UNAUTHENTICATED'), details: 'missing or wrong job token: this leader serves another job (pass the job\'s --token, or let the worker read the rendezvous file)' });
    return;
  }
  let finished = false;
  const handle: ServerStreamHandle = {
    peer,
    send(message) {
      const bytes = encodeLeaderMessage(message);
      if (!finished) call.write(bytes);
      return bytes.length + GRPC_MESSAGE_PREFIX_BYTES;
    },
    end() {
      if (finished) return;
      finished = true;
      call.end();
    },
    fail(status, details) {
      if (finished) return;
      finished = true;
      call.emit('error', { code: statusCode(status), details });
    },
  };
  const callbacks = options.onStream(handle);
  let closed = false;
  const close = (failure: StreamFailure | null): void => {
    if (closed) return;
    closed = true;
    callbacks.close(failure);
  };
  call.on('data', (bytes: Buffer) => {
    if (closed) return;
    if (bytes.length > options.maxMessageBytes) {
      const reason = `a message of ${bytes.length} bytes is over this leader's limit of ${options.maxMessageBytes}`;
      callbacks.malformed(bytes.length + GRPC_MESSAGE_PREFIX_BYTES, reason, 'RESOURCE_EXHAUSTED');
      handle.fail('RESOURCE_EXHAUSTED', reason);
      close({ status: 'RESOURCE_EXHAUSTED', details: 'oversized message' });
      return;
    }
    let message: WorkerMessage;
    try {
      message = decodeWorkerMessage(bytes);
    } catch (error) {
      callbacks.malformed(bytes.length + GRPC_MESSAGE_PREFIX_BYTES, (error as Error).message, 'INVALID_ARGUMENT');
      handle.fail('INVALID_ARGUMENT', `a message did not decode as fractal.v1.WorkerMessage: ${(error as Error).message}`);
      close({ status: 'INVALID_ARGUMENT', details: 'malformed message' });
      return;
    }
    callbacks.message(message, bytes.length + GRPC_MESSAGE_PREFIX_BYTES);
  });
  // a peer that dies shows as 'end' followed by 'cancelled': give the cancellation its chance to
  // be the reason before taking the end for a clean half-close
  call.on('end', () => setImmediate(() => close(null)));
  call.on('cancelled', () => close({ status: 'CANCELLED', details: 'the worker\'s stream was cancelled or its connection dropped' }));
  call.on('close', () => close({ status: 'CANCELLED', details: 'the stream closed' }));
};
