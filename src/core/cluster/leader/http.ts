// The leader's optional HTTP port: a small route table, "METHOD /path" -> handler. GET / is the live
// console (a page and its two files, console/), GET /events its Server-Sent Events, GET /status
// the progress as JSON (LeaderStatus), GET /metrics the same in Prometheus text format; POST /start
// starts the render now, as the original's /start did, and only for a caller that presents the
// job's token (`Authorization: Bearer TOKEN`): reading is for anyone who can reach the port (it
// listens on loopback unless told otherwise), changing the run is for the job. No reply carries
// the token.
//
// The port is safe to open: request heads, bodies, connections and event streams are bounded, an
// idle or trickling client is timed out, and a client that does not read is disconnected
// (console/event-stream.ts): nothing a client does makes the leader wait.
import { presentsBearer } from '../../../protocol/fractal-proto.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FractalError } from '../../errors.js';
import { formatPrometheus, PROMETHEUS_CONTENT_TYPE } from '../../metrics/prometheus.js';
import type { ConsoleAsset } from './console/console-assets.js';
import type { LiveConsole } from './console/live-console.js';
import type { LeaderStatus, StartOutcome } from './status.js';

/** The bounds of the HTTP port, one place for the code, the tests and the docs. */
export const HTTP_LIMITS = {
  /** Request line and headers together (Node answers 431 above it). */
  maxHeaderBytes: 8 * 1024,
  /** No route reads a body: a longer one is refused with 413, one of unstated length with 411. */
  maxBodyBytes: 1024,
  /** Open TCP connections; above it new ones are closed at once. */
  maxConnections: 64,
  /** A request's head must arrive within this. */
  headersTimeoutMs: 5000,
  /** A whole request (head and body) must arrive within this. */
  requestTimeoutMs: 10_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 5000,
} as const;

const CLOSE_GRACE_MS = 200;

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
  headers?: Readonly<Record<string, string>>;
}

/** A reply that takes the response over and keeps it open (the console's event stream). */
export interface HttpStream {
  stream(response: ServerResponse): void;
}

/** What a route may look at of its request. */
export interface HttpRequestInfo {
  authorization: string | undefined;
}

export type HttpRoute = (request: HttpRequestInfo) => HttpReply | HttpStream;
/** Keyed "GET /status". */
export type HttpRoutes = Readonly<Record<string, HttpRoute>>;

export const jsonReply = (status: number, value: unknown): HttpReply => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: `${JSON.stringify(value, null, 2)}\n`,
});

export const textReply = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): HttpReply => ({ status, contentType, body });

/** The page may load its own files and open its own event stream, nothing else, and no one may frame it. */
const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'";

/** What a running leader lets its HTTP port see and do. */
export interface LeaderControl {
  status(): LeaderStatus;
  start(): StartOutcome;
  /** The job's token: state-changing requests must present it. */
  token: string;
  /** The live console; null serves no page. */
  console: { live: LiveConsole; assets: readonly ConsoleAsset[] } | null;
}

export const leaderRoutes = (leader: LeaderControl): HttpRoutes => {
  const routes: Record<string, HttpRoute> = {
    'GET /status': () => jsonReply(200, leader.status()),
    'GET /metrics': () => textReply(200, formatPrometheus(leader.status()), PROMETHEUS_CONTENT_TYPE),
    'POST /start': (request) => {
      if (!presentsBearer(request.authorization, leader.token)) {
        return jsonReply(401, { error: 'POST /start needs the job\'s token: send the header "Authorization: Bearer TOKEN" (the token is in the run directory\'s token file or rendezvous.json)' });
      }
      const outcome = leader.start();
      return jsonReply(outcome.started ? 200 : 409, outcome);
    },
  };
  const live = leader.console;
  if (live) {
    for (const asset of live.assets) {
      const headers = asset.path === '/' ? { 'content-security-policy': PAGE_POLICY } : undefined;
      routes[`GET ${asset.path}`] = () => ({ status: 200, contentType: asset.contentType, body: asset.body, headers });
    }
    routes['GET /events'] = () => ({ stream: (response) => live.live.attach(response) });
  }
  return routes;
};

export interface LeaderHttpHandle {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Why a request's body is refused, or null. No route reads a body: one must say its length up
 * front (a chunked one could go on for ever) and stay within the limit.
 */
const bodyRefusal = (request: IncomingMessage): HttpReply | null => {
  if (request.headers['transfer-encoding'] !== undefined) {
    return jsonReply(411, { error: 'request bodies must say their length (Content-Length); no endpoint reads one' });
  }
  if (Number(request.headers['content-length'] ?? 0) > HTTP_LIMITS.maxBodyBytes) {
    return jsonReply(413, { error: `request bodies are limited to ${HTTP_LIMITS.maxBodyBytes} bytes; no endpoint reads one` });
  }
  return null;
};

const send = (response: ServerResponse, reply: HttpReply): void => {
  if (response.headersSent) return;
  response.writeHead(reply.status, {
    'content-type': reply.contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...reply.headers,
  });
  response.end(reply.body);
};

const routeReply = (routes: HttpRoutes, request: IncomingMessage, path: string, response: ServerResponse): HttpReply | HttpStream => {
  const route = routes[`${request.method ?? 'GET'} ${path}`];
  if (route) {
    try {
      return route({ authorization: request.headers.authorization });
    } catch (error) {
      return jsonReply(500, { error: (error as Error).message });
    }
  }
  const allowed = Object.keys(routes)
    .filter((key) => key.endsWith(` ${path}`))
    .map((key) => key.split(' ')[0]);
  if (allowed.length === 0) return jsonReply(404, { error: `no such endpoint ${path}`, endpoints: Object.keys(routes) });
  response.setHeader('allow', allowed.join(', '));
  return jsonReply(405, { error: `${request.method} ${path} is not supported; use ${allowed.join(' or ')}` });
};

export const startLeaderHttp = async (options: { host: string; port: number; routes: HttpRoutes }): Promise<LeaderHttpHandle> => {
  const server = createServer(
    {
      maxHeaderSize: HTTP_LIMITS.maxHeaderBytes,
      headersTimeout: HTTP_LIMITS.headersTimeoutMs,
      requestTimeout: HTTP_LIMITS.requestTimeoutMs,
      keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
      // how often the timeouts above are checked (Node's default: every 30 s)
      connectionsCheckingInterval: 1000,
    },
    (request: IncomingMessage, response: ServerResponse) => {
      const refusal = bodyRefusal(request);
      if (refusal) {
        // the body is not read: the connection closes once the reply is out
        response.shouldKeepAlive = false;
        send(response, refusal);
        response.once('finish', () => request.destroy());
        return;
      }
      // bodies are not used by any route; read and drop them so keep-alive connections stay usable
      request.resume();
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const reply = routeReply(options.routes, request, path, response);
      if ('stream' in reply) reply.stream(response);
      else send(response, reply);
    },
  );
  server.maxConnections = HTTP_LIMITS.maxConnections;
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new FractalError(`cannot listen for HTTP on ${options.host}:${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`, {
          kind: 'cluster',
          code: 'E_HTTP_LISTEN',
          suggestions: ['choose another --http port (0 picks a free one)'],
          cause: error,
        }),
      ),
    );
    server.listen(options.port, options.host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // ended event streams may still be sending their last bytes: a moment for them, never more
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
};
