// Measures the link shaping up.sh set up (FRACTAL_SLURM_RATE, FRACTAL_SLURM_DELAY), from the head
// namespace to node n1: the throughput of one TCP stream to n1's real address against the rate,
// and the round trip of small messages through n1's far address (the delaying relay) against the
// delay. Exits 1 when either is not in effect. Runs itself inside the node namespace as the server.
//
//   node --import tsx check-link.ts RATE|none DELAY|none PORT
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(import.meta.url);
const NODE_IP = '10.199.0.11';
const FAR_IP = '10.199.1.11';
const BULK_PORT = 19999;
const [rate, delay, port] = process.argv.slice(2);

const bits = (text: string): number => {
  const n = Number.parseInt(text, 10);
  return text.endsWith('gbit') ? n * 1e9 : text.endsWith('mbit') ? n * 1e6 : n * 1e3;
};

/** Inside n1: a sink on the bulk port and an echo server on the delayed one. */
const serve = (echoPort: number): void => {
  // the sink answers once it has everything: the sender times the bytes received, not buffered
  createServer((s) => s.on('data', () => {}).on('end', () => s.end('k')).on('error', () => {})).listen(BULK_PORT, '0.0.0.0');
  createServer((s) => s.pipe(s).on('error', () => {})).listen(echoPort, '0.0.0.0', () => console.log('ready'));
};

const throughput = (bytes: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = createConnection({ host: NODE_IP, port: BULK_PORT }, () => {
      const t0 = performance.now();
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        socket.end();
      };
      socket.once('data', () => resolve((sent * 8) / ((performance.now() - t0) / 1000)));
      pump();
    });
    socket.on('error', reject);
  });

const roundTrips = (echoPort: number, count: number): Promise<number[]> =>
  new Promise((resolve, reject) => {
    const times: number[] = [];
    const socket = createConnection({ host: FAR_IP, port: echoPort }, () => {
      socket.setNoDelay(true);
      let t0 = performance.now();
      socket.on('data', () => {
        times.push(performance.now() - t0);
        if (times.length === count) {
          socket.destroy();
          resolve(times);
          return;
        }
        t0 = performance.now();
        socket.write('x');
      });
      socket.write('x');
    });
    socket.on('error', reject);
  });

if (rate === 'serve') serve(Number(delay));
else {
  const echoPort = Number(port);
  const server = spawn('ip', ['netns', 'exec', 'fractal-n1', process.execPath, '--import', 'tsx', HERE, 'serve', String(echoPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => server.stdout.once('data', () => resolve()));
  let ok = true;
  try {
    if (rate && rate !== 'none') {
      // enough bytes for half a second at the rate, at least 1 MB
      const measured = await throughput(Math.max(1 << 20, bits(rate) / 16));
      const share = measured / bits(rate);
      console.log(`check-link: one TCP stream head -> n1: ${(measured / 1e6).toFixed(1)} Mbit/s against a rate of ${rate} (${(share * 100).toFixed(0)}%)`);
      ok &&= share <= 1.15 && share >= 0.5;
    }
    if (delay && delay !== 'none') {
      const times = (await roundTrips(echoPort, 10)).sort((a, b) => a - b);
      const medianMs = times[5]!;
      const wanted = Number.parseInt(delay, 10);
      console.log(`check-link: round trip head -> n1 through the delaying relay: median ${medianMs.toFixed(1)} ms against ${delay}`);
      ok &&= medianMs >= wanted * 0.9 && medianMs <= wanted + 20;
    }
  } finally {
    server.kill();
  }
  process.exit(ok ? 0 : 1);
}
