// A TCP relay that delays every chunk by a fixed time each way, keeping the order: a link with a
// round trip of twice that delay (between racks, between cloud zones) on one machine, where the
// kernel has no netem. Used by the network benchmark (bench/network.bench.ts) and the Slurm test
// cluster (scripts/slurm-cluster/); it also counts the bytes that pass each way.
//
//   node --import tsx scripts/delay-relay.ts LISTEN_HOST:PORT TARGET_HOST:PORT DELAY_MS
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface DelayRelayOptions {
  listen?: { host: string; port: number };
  target: { host: string; port: number };
  /** Added to every chunk in each direction. */
  delayMs: number;
}

export interface DelayRelay {
  readonly port: number;
  /** Bytes relayed: up from the clients, down from the target. */
  readonly bytes: { up: number; down: number };
  close(): Promise<void>;
}

/**
 * Copies `from` into `to`, each chunk delayed by delayMs. One timer per chunk, all with the same
 * delay, so chunks leave in the order they came (Node runs equal timers in creation order). The
 * source is paused while the destination's buffer is full: a slow link stays a slow link.
 */
const pipeDelayed = (from: Socket, to: Socket, delayMs: number, count: (bytes: number) => void): void => {
  let pending = 0;
  from.on('data', (chunk: Buffer) => {
    count(chunk.length);
    pending++;
    const forward = (): void => {
      pending--;
      if (!to.destroyed && !to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
      if (pending === 0 && from.readableEnded) to.end();
    };
    if (delayMs > 0) setTimeout(forward, delayMs);
    else forward();
  });
  from.on('end', () => {
    if (pending === 0) to.end();
  });
  from.on('error', () => to.destroy());
  from.on('close', () => {
    if (pending === 0) to.end();
  });
};

export const startDelayRelay = async (options: DelayRelayOptions): Promise<DelayRelay> => {
  const bytes = { up: 0, down: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = createConnection({ host: options.target.host, port: options.target.port });
    upstream.setNoDelay(true);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    pipeDelayed(client, upstream, options.delayMs, (n) => (bytes.up += n));
    pipeDelayed(upstream, client, options.delayMs, (n) => (bytes.down += n));
  });
  const listen = options.listen ?? { host: '127.0.0.1', port: 0 };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    bytes,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

const hostPort = (text: string): { host: string; port: number } => {
  const at = text.lastIndexOf(':');
  const port = Number(text.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`expected HOST:PORT, got ${JSON.stringify(text)}`);
  return { host: text.slice(0, at), port };
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [listen, target, delay] = process.argv.slice(2);
  const delayMs = Number(delay);
  if (!listen || !target || !(delayMs >= 0)) {
    console.error('usage: delay-relay.ts LISTEN_HOST:PORT TARGET_HOST:PORT DELAY_MS');
    process.exit(2);
  }
  const relay = await startDelayRelay({ listen: hostPort(listen), target: hostPort(target), delayMs });
  console.log(`delay-relay: ${listen} (port ${relay.port}) -> ${target}, +${delayMs} ms each way`);
  const stop = (): void => void relay.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
