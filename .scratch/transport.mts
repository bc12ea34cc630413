// raw transport cost: 1 simulated worker streams the default image's RGBA to an in-process leader
import { spawn } from 'node:child_process';
import { runLeader } from '../src/core/cluster/leader.ts';
import { resolveImageSpec, DEFAULT_IMAGE } from '../src/core/render/image-spec.ts';
const chunk = Number(process.argv[2] ?? 8);
const credits = process.argv[3] ?? '8';
const spec = resolveImageSpec({ ...DEFAULT_IMAGE, iters: 1 }, { memoryBytes: 2 ** 34 });
const cpu0 = process.cpuUsage();
let sim: any; let simDone: Promise<any> = Promise.resolve();
const t0 = performance.now();
const report = await runLeader({ spec, input: { width: 1024, height: 768, smoothness: 8 }, chunkRows: chunk, workersExpected: 1, minWorkers: 1, joinTimeoutMs: 60000,
  bind: { host: '127.0.0.1', port: 0 }, advertiseHost: '127.0.0.1', token: 't', runDir: null, outfile: '/tmp/scratch/tr.png', resultsPath: '/tmp/scratch/tr.json', http: null, waitForStart: false,
  job: { scheduler: 'local', jobId: null, nodeList: null, size: 2 }, rank: 0, host: 'x', threadsPerNode: 1, toolVersion: 'x',
  onEvent: (e) => { if (e.type === 'listening') { sim = spawn(process.execPath, ['--import', 'tsx', '/work/main/bench/distributed-sim-workers.ts', `127.0.0.1:${e.port}`, 't', '1', credits], { stdio: 'inherit' }); simDone = new Promise((r) => sim.on('close', r)); } } });
await simDone;
const cpu = process.cpuUsage(cpu0);
const r = report.results;
console.log(`chunk ${chunk} credits ${credits}: render ${r.timings.renderMs.toFixed(0)} ms, first unit ${r.timings.timeToFirstUnitMs.toFixed(0)}, encode ${r.timings.encodeMs.toFixed(0)}, leader cpu user ${(cpu.user/1000).toFixed(0)} sys ${(cpu.system/1000).toFixed(0)} ms (incl encode), ${(r.nodes[0].bytesReceived/2**20).toFixed(0)} MiB`);
