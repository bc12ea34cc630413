// The leader's HTTP port, probed as a hostile or careless client would: without the token, with
// huge heads and bodies, with more connections and event streams than it allows, and with an
// event-stream reader that never reads. Real sockets on loopback, a real leader in this process.
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { EventStream, MAX_EVENT_CLIENTS } from '../../src/core/cluster/leader/console/event-stream.js';
import { HTTP_LIMITS } from '../../src/core/cluster/leader/http.js';
import { checkRun, setUpHarness, startLeader, tearDownHarness, TOKEN, worker } from '../helpers/leader-harness.js';

before(setUpHarness);
after(tearDownHarness);

/** A raw TCP client: what it sends is exactly what is written, what comes back is kept. */
const rawHttp = async (port: number, request: string | Buffer): Promise<{ socket: Socket; text: () => string; closed: Promise<void> }> => {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  if (request.length > 0) socket.write(request);
  return { socket, text: () => text, closed };
};

const statusLine = (text: string): string => text.split('\r\n')[0] ?? '';

test('the port refuses what it must: no token, a huge head or body, too many connections and pages; it never shows the token', async () => {
  // it waits at the barrier (no worker yet) while it is probed
  const leader = startLeader({ http: { host: '127.0.0.1', port: 0 }, joinTimeoutMs: 60_000 });
  const http = (await leader.httpPort)!;
  const url = `http://127.0.0.1:${http}`;
  try {
    assert.equal((await fetch(`${url}/start`, { method: 'POST' })).status, 401);
    assert.equal((await fetch(`${url}/start`, { method: 'POST', headers: { authorization: `Basic ${TOKEN}` } })).status, 401);

    // a body far above the limit, declared up front: refused before it is read, and the connection closed
    const declared = await rawHttp(http, `POST /start HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`);
    await declared.closed;
    assert.equal(statusLine(declared.text()), 'HTTP/1.1 413 Payload Too Large');
    // a body of no stated length (it could go on for ever): refused
    const chunked = await rawHttp(http, 'POST /start HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n');
    await chunked.closed;
    assert.equal(statusLine(chunked.text()), 'HTTP/1.1 411 Length Required');
    // a head above the limit
    const head = await rawHttp(http, `GET /status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(HTTP_LIMITS.maxHeaderBytes * 4)}\r\n\r\n`);
    await head.closed;
    assert.equal(statusLine(head.text()), 'HTTP/1.1 431 Request Header Fields Too Large');
    assert.equal((await fetch(`${url}/start`, { method: 'POST' })).status, 401, 'and it still answers');

    // nothing any page or endpoint serves carries the token
    for (const path of ['/', '/console.js', '/console.css', '/favicon.svg', '/status', '/metrics']) {
      const response = await fetch(`${url}${path}`);
      assert.equal(response.status, 200, path);
      const body = await response.text();
      assert.ok(!body.includes(TOKEN) && ![...response.headers.values()].some((v) => v.includes(TOKEN)), `${path} shows the token`);
    }
    const page = await fetch(`${url}/`);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
    const events = await rawHttp(http, 'GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(events.text(), /^HTTP\/1\.1 200 OK[\s\S]*content-type: text\/event-stream[\s\S]*event: hello\ndata: \{"image":\{"width":96,"height":64\}/);
    assert.ok(!events.text().includes(TOKEN), 'the event stream shows the token');

    // event streams: MAX_EVENT_CLIENTS at most (one is open already)
    const streams = await Promise.all(Array.from({ length: MAX_EVENT_CLIENTS - 1 }, () => rawHttp(http, 'GET /events HTTP/1.1\r\nHost: x\r\n\r\n')));
    const extra = await rawHttp(http, 'GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
    await extra.closed;
    assert.equal(statusLine(extra.text()), 'HTTP/1.1 503 Service Unavailable');
    for (const s of [events, ...streams]) s.socket.destroy();

    // connections: above the limit new ones are closed at once; those within it still work
    const many = await Promise.all(Array.from({ length: HTTP_LIMITS.maxConnections + 40 }, () => rawHttp(http, '')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closed = many.filter((c) => c.socket.destroyed || c.socket.readyState !== 'open').length;
    assert.ok(closed >= 40, `only ${closed} of ${many.length} connections were refused`);
    const kept = many.find((c) => !c.socket.destroyed && c.socket.readyState === 'open')!;
    kept.socket.write('GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await kept.closed;
    assert.equal(statusLine(kept.text()), 'HTTP/1.1 200 OK');
    for (const c of many) c.socket.destroy();
  } finally {
    const port = await leader.port;
    await Promise.all([leader.report, worker(port, 1), worker(port, 2)]).catch(() => {});
  }
});

test('an event-stream reader that never reads is disconnected once its buffer is full; the others get every event', async () => {
  const stream = new EventStream({ maxClients: 4, maxBufferBytes: 256 * 1024 });
  const server = createServer((_request, response: ServerResponse) => stream.attach(response, [{ event: 'hello', data: '{}' }]));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stalled = await rawHttp(port, 'GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
  stalled.socket.pause();
  const reader = await rawHttp(port, 'GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(stream.size, 2);
  const data = 'y'.repeat(8 * 1024);
  const events = 2000;
  for (let i = 0; i < events; i++) {
    // each broadcast returns at once: it only appends to the clients' buffers
    stream.broadcast([{ event: 'tick', data }]);
    // the reader is in this process: it reads when this loop lets it
    if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  assert.equal(stream.dropped, 1, 'the stalled reader was dropped');
  assert.equal(stream.size, 1);
  // the server has closed it: the stalled client sees that once it reads again
  stalled.socket.resume();
  await stalled.closed;
  for (let i = 0; i < 100 && reader.text().split('event: tick').length - 1 < events; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(reader.text().split('event: tick').length - 1, events, 'the reading client got every event');
  stream.end();
  reader.socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

test('a run with a page that never reads its events finishes with render\'s PNG', async () => {
  const leader = startLeader({ http: { host: '127.0.0.1', port: 0 }, waitForStart: true });
  const http = (await leader.httpPort)!;
  const stalled = await rawHttp(http, 'GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
  stalled.socket.pause();
  const port = await leader.port;
  const workers = [worker(port, 1), worker(port, 2)];
  for (let i = 0; i < 100; i++) {
    const status = (await (await fetch(`http://127.0.0.1:${http}/status`)).json()) as { workersJoined: number };
    if (status.workersJoined === 2) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal((await fetch(`http://127.0.0.1:${http}/start`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
  const [report] = await Promise.all([leader.report, ...workers]);
  await checkRun(report);
  stalled.socket.destroy();
});
