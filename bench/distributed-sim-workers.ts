// Many simulated workers in one process, for the leader-throughput benchmark: each opens a real
// Work stream, speaks the real protocol, and answers every Assign at once with the rows' true
// RGBA (the image is rendered once up front), so the leader, not the workers, is what is measured.
// Usage: node --import tsx bench/distributed-sim-workers.ts ADDRESS TOKEN WORKERS CREDITS
import type { LeaderMessage, Welcome } from '../src/protocol/messages.js';
import { openWorkStream } from '../src/protocol/work-client.js';
import { specFromWelcome } from '../src/core/cluster/wire.js';
import { createKernel } from '../src/core/render/kernel-choice.js';
import { createRowRenderer } from '../src/core/render/row-renderer.js';
import { PROTOCOL_VERSION } from '../src/core/version.js';

const [address = '', token = '', workersText = '256', creditsText = '8'] = process.argv.slice(2);
const workers = Number(workersText);
const credits = Number(creditsText);
let image: Uint8Array | undefined;
let finished = 0;

const imageFor = (welcome: Welcome): Uint8Array => {
  if (!image) {
    const spec = specFromWelcome(welcome);
    image = new Uint8Array(spec.width * spec.height * 4);
    createRowRenderer(spec, createKernel()).renderRows(0, spec.height, image, 0);
  }
  return image;
};

const simulate = (rank: number): void => {
  let welcome: Welcome | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  const stream = openWorkStream({
    address,
    token,
    maxSendBytes: 64 * 1024 * 1024,
    onMessage: (message: LeaderMessage) => {
      if (message.body === 'welcome') {
        welcome = message.welcome;
        imageFor(welcome);
        stream.send({ credit: { units: credits, window: 0 } });
        const beat = { heartbeat: { units_in_progress: 0, probe: 0, rtt_ms: 0 } };
        heartbeat = setInterval(() => stream.send(beat), welcome.heartbeat_interval_ms);
      } else if (message.body === 'assign' && welcome?.image) {
        const { width, height } = welcome.image;
        const rowBytes = width * 4;
        const rows = welcome.chunk_rows;
        const results = message.assign.units.map((unit) => {
          const start = unit * rows;
          const count = Math.min(rows, height - start);
          const rgba = image!.subarray(start * rowBytes, (start + count) * rowBytes);
          return { unit, rgba, iterations: 0, compute_ns: 0, encoding: 'RGBA_RAW' as const };
        });
        stream.send({ results: { results } });
      } else if (message.body === 'stop') {
        clearInterval(heartbeat);
        stream.send({
          metrics: {
            node: {
              host: 'simulated',
              threads: 1,
              units: 0,
              rows: 0,
              pixels: 0,
              iterations: 0,
              compute_ms: 0,
              idle_ms: 0,
              bytes_sent: 0,
              bytes_received: 0,
              reconnects: 0,
              kernel: 'simulated',
              process: null,
              network: null,
            },
          },
        });
        stream.end();
      }
    },
    onClose: (failure) => {
      clearInterval(heartbeat);
      stream.close();
      if (failure) console.error(`simulated worker ${rank}: ${failure.status} ${failure.details}`);
      if (++finished === workers) process.exit(0);
    },
  });
  stream.send({ hello: { protocol_version: PROTOCOL_VERSION, rank, host: 'simulated', threads: 1, pid: process.pid, reconnects: 0, job_id: '' } });
};

for (let rank = 1; rank <= workers; rank++) simulate(rank);
