// The leader's optional HTTP port: a small route table, "METHOD /path" -> handler. GET /status
// reports progress as JSON (LeaderStatus), GET /metrics the same in Prometheus text format;
// POST /start starts the render now, as the original's /start did, and only for a caller that
// presents the job's token (`Authorization: Bearer TOKEN`): reading is for anyone who can reach
// the port (it listens on loopback unless told otherwise), changing the run is for the job.
import { presentsBearer } from '../../../protocol/fractal-proto.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FractalError } from '../../errors.js';
import { formatPrometheus, PROMETHEUS_CONTENT_TYPE } from '../../metrics/prometheus.js';
import type { LeaderStatus, StartOutcome } from './status.js';

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

/** What a route may look at of its request. */
export interface HttpRequestInfo {
  authorization: string | undefined;
}

export type HttpRoute = (request: HttpRequestInfo) => HttpReply;
/** Keyed "GET /status". */
export type HttpRoutes = Readonly<Record<string, HttpRoute>>;

export const jsonReply = (status: number, value: unknown): HttpReply => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: `${JSON.stringify(value, null, 2)}\n`,
});

export const textReply = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): HttpReply => ({ status, contentType, body });

/** What a running leader lets its HTTP port see and do. */
export interface LeaderControl {
  status(): LeaderStatus;
  start(): StartOutcome;
  /** The job's token: state-changing requests must present it. */
  token: string;
}

export const leaderRoutes = (leader: LeaderControl): HttpRoutes => ({
  'GET /status': () => jsonReply(200, leader.status()),
  'GET /metrics': () => textReply(200, formatPrometheus(leader.status()), PROMETHEUS_CONTENT_TYPE),
  'POST /start': (request) => {
    if (!presentsBearer(request.authorization, leader.token)) {
      return jsonReply(401, { error: 'POST /start needs the job\'s token: send the header "Authorization: Bearer TOKEN" (the token is in the run directory\'s token file or rendezvous.json)' });
    }
    const outcome = leader.start();
    return jsonReply(outcome.started ? 200 : 409, outcome);
  },
});

export interface LeaderHttpHandle {
  readonly port: number;
  close(): Promise<void>;
}

export const startLeaderHttp = async (options: { host: string; port: number; routes: HttpRoutes }): Promise<LeaderHttpHandle> => {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // bodies are not used by any route; read and drop them so keep-alive connections stay usable
    request.resume();
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = options.routes[`${request.method ?? 'GET'} ${path}`];
    let reply: HttpReply;
    if (route) {
      try {
        reply = route({ authorization: request.headers.authorization });
      } catch (error) {
        reply = jsonReply(500, { error: (error as Error).message });
      }
    } else {
      const allowed = Object.keys(options.routes)
        .filter((key) => key.endsWith(` ${path}`))
        .map((key) => key.split(' ')[0]);
      reply =
        allowed.length > 0
          ? jsonReply(405, { error: `${request.method} ${path} is not supported; use ${allowed.join(' or ')}` })
          : jsonReply(404, { error: `no such endpoint ${path}`, endpoints: Object.keys(options.routes) });
      if (allowed.length > 0) response.setHeader('allow', allowed.join(', '));
    }
    response.writeHead(reply.status, { 'content-type': reply.contentType, 'cache-control': 'no-store' });
    response.end(reply.body);
  });
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
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
