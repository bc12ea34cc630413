// Server-Sent Events to the console's pages, with bounds: at most MAX_EVENT_CLIENTS pages at once,
// and a page that does not read (a stalled tab, a client that opens the stream and never reads it)
// is disconnected once MAX_CLIENT_BUFFER_BYTES wait for it. Nothing ever waits for a client: a write
// only appends to that client's buffer, so a slow reader costs the leader memory, bounded, and
// never time.
import type { ServerResponse } from 'node:http';

export const MAX_EVENT_CLIENTS = 16;
/** Above a full preview (about 1 MiB as base64) plus a status of thousands of workers. */
export const MAX_CLIENT_BUFFER_BYTES = 4 * 1024 * 1024;
/** How long the browser waits before reconnecting after the stream breaks. */
const RETRY_MS = 2000;

export interface SseEvent {
  event: string;
  /** Serialised once, whatever the number of clients. */
  data: string;
}

export const formatSseEvent = ({ event, data }: SseEvent): string => `event: ${event}\ndata: ${data.replace(/\n/g, '\ndata: ')}\n\n`;

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  /** Clients disconnected because they did not read. */
  dropped = 0;

  constructor(private readonly limits = { maxClients: MAX_EVENT_CLIENTS, maxBufferBytes: MAX_CLIENT_BUFFER_BYTES }) {}

  get size(): number {
    return this.clients.size;
  }

  /** Takes the response over as an event stream; false (and a 503 sent) when the stream is full. */
  attach(response: ServerResponse, first: readonly SseEvent[]): boolean {
    if (this.clients.size >= this.limits.maxClients) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10', connection: 'close' });
      response.end(`at most ${this.limits.maxClients} console pages may be open at once; close one and reload\n`);
      return false;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.socket?.setNoDelay(true);
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
    response.write(`retry: ${RETRY_MS}\n\n`);
    for (const event of first) this.write(response, formatSseEvent(event));
    return true;
  }

  broadcast(events: readonly SseEvent[]): void {
    if (this.clients.size === 0 || events.length === 0) return;
    const text = events.map(formatSseEvent).join('');
    for (const client of this.clients) this.write(client, text);
  }

  /** Sends the last events and ends every stream. */
  end(last: readonly SseEvent[] = []): void {
    const text = last.map(formatSseEvent).join('');
    for (const client of this.clients) {
      if (text) this.write(client, text);
      client.end();
    }
    this.clients.clear();
  }

  private write(client: ServerResponse, text: string): void {
    if (client.destroyed) return;
    if (client.writableLength > this.limits.maxBufferBytes) {
      this.dropped++;
      this.clients.delete(client);
      client.destroy();
      return;
    }
    client.write(text);
  }
}
