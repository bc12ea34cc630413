// The delaying hop of the Slurm test cluster (up.sh, FRACTAL_SLURM_DELAY): in the head namespace,
// for every node, one delaying relay (scripts/delay-relay.ts) per port of a range, listening on
// the node's "far" address and forwarding to its real one. Each node's /etc/hosts names the other
// nodes by their far addresses, so a connection by host name (a worker to its leader) crosses the
// relay: the added round trip between any two nodes is delayMs, half each way. Slurm's own
// traffic goes by NodeAddr and is not delayed. There is no netem in this kernel and no iptables
// here, hence one listener per port.
//
//   node --import tsx delay-gateway.ts DELAY_MS FIRST_PORT-LAST_PORT FAR_IP=REAL_IP...
import { startDelayRelay, type DelayRelay } from '../delay-relay.js';

const [delay, range, ...pairs] = process.argv.slice(2);
const delayMs = Number(delay);
const [first, last] = (range ?? '').split('-').map(Number);
if (!(delayMs >= 0) || !Number.isInteger(first) || !Number.isInteger(last) || first! > last! || pairs.length === 0) {
  console.error('usage: delay-gateway.ts DELAY_MS FIRST_PORT-LAST_PORT FAR_IP=REAL_IP...');
  process.exit(2);
}
const relays: DelayRelay[] = [];
for (const pair of pairs) {
  const [far, real] = pair.split('=');
  for (let port = first!; port <= last!; port++) {
    relays.push(await startDelayRelay({ listen: { host: far!, port }, target: { host: real!, port }, delayMs: delayMs / 2 }));
  }
}
console.log(`delay-gateway: ${relays.length} relays, +${delayMs} ms round trip, ports ${first}-${last}`);
const stop = (): void => void Promise.all(relays.map((r) => r.close())).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
