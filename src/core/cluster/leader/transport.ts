// Between the gRPC server and the leader's state machine: each stream gets an id, each callback
// becomes an input, and the stream effects (send, end, fail) become writes on the right stream.
import { BindError, startWorkServer, type BindReason, type ServerStreamHandle, type TlsFiles } from '../../../protocol/work-server.js';
import { clusterError } from '../../errors.js';
import type { LeaderEffect, LeaderInput, StreamId } from './state.js';

/** What to try next, by why the port could not be had: a bad host name is no busy port. */
const BIND_HINTS: Record<BindReason, string[]> = {
  'in-use': [
    'another process may hold the port: choose another with --host HOST:PORT (or --port)',
    'a port derived from the job id can collide with another job on the node: pass --port',
  ],
  permission: ['choose a port above 1023, or 0 for any free one'],
  'no-address': ['listen on an address of this host, or 0.0.0.0 for every interface'],
  'unknown-host': ['check the host name; 0.0.0.0 listens on every interface'],
  other: ['check the address to listen on (--host, --bind)'],
};

export interface TransportOptions {
  host: string;
  port: number;
  token: string;
  maxMessageBytes: number;
  tls?: TlsFiles;
  /** Every input from the network, in the order it happened. */
  onInput(input: LeaderInput): void;
}

export interface LeaderTransport {
  readonly port: number;
  /** Carries out a stream effect; returns the bytes a send put on the stream (0 otherwise). */
  apply(effect: Extract<LeaderEffect, { type: 'send' | 'end' | 'fail' }>): number;
  shutdown(graceMs: number): Promise<void>;
}

export const startLeaderTransport = async (options: TransportOptions): Promise<LeaderTransport> => {
  const streams = new Map<StreamId, ServerStreamHandle>();
  let nextId = 1;
  let server;
  try {
    server = await startWorkServer({
      host: options.host,
      port: options.port,
      token: options.token,
      maxMessageBytes: options.maxMessageBytes,
      tls: options.tls,
      onStream: (stream) => {
        const id = nextId++;
        streams.set(id, stream);
        options.onInput({ type: 'open', stream: id, peer: stream.peer });
        return {
          message: (message, bytes) => options.onInput({ type: 'message', stream: id, message, bytes }),
          malformed: (bytes, reason, status) => options.onInput({ type: 'malformed', stream: id, bytes, reason, status }),
          close: (failure) => {
            streams.delete(id);
            const reason = failure ? `its stream broke: ${failure.details}` : 'its stream ended before the work was done';
            options.onInput({ type: 'closed', stream: id, reason });
          },
        };
      },
      onUnauthenticated: (peer) => options.onInput({ type: 'unauthenticated', peer }),
    });
  } catch (error) {
    if (error instanceof BindError) throw clusterError('E_LISTEN', error.message, BIND_HINTS[error.reason], error);
    throw error;
  }
  const bound = server;
  return {
    port: bound.port,
    apply(effect) {
      const stream = streams.get(effect.stream);
      if (!stream) return 0;
      switch (effect.type) {
        case 'send':
          return stream.send(effect.message);
        case 'end':
          stream.end();
          return 0;
        case 'fail':
          stream.fail(effect.status, effect.details);
          return 0;
      }
    },
    shutdown: (graceMs) => bound.shutdown(graceMs),
  };
};
