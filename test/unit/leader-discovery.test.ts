// How a worker finds its leader: addresses, the job's port, the rendezvous file, the token.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLeaderDiscovery } from '../../src/core/cluster/discover-leader.js';
import { fluxJobHostlist } from '../../src/core/cluster/flux-hostlist.js';
import { checkToken, generateToken, readTokenFile, resolveToken } from '../../src/core/cluster/job-token.js';
import { DEFAULT_PORT, formatHostPort, parseHostPort, portForJob } from '../../src/core/cluster/leader-address.js';
import { parseRendezvous, readRendezvous, removeRendezvous, RENDEZVOUS_KIND, writeRendezvous, type Rendezvous } from '../../src/core/cluster/rendezvous.js';
import { FractalError } from '../../src/core/errors.js';

const withDir = async (fn: (dir: string) => Promise<void>): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-discovery-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const rendezvous = (patch: Partial<Rendezvous> = {}): Rendezvous => ({
  kind: RENDEZVOUS_KIND,
  version: 1,
  address: 'n01:21234',
  token: 'secret-token',
  jobId: '1234',
  protocol: 'fractal.v1/1',
  host: 'n01',
  pid: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  ...patch,
});

test('HOST:PORT parses, IPv6 in brackets, a bare host takes the default port', () => {
  assert.deepEqual(parseHostPort('n01:50051'), { host: 'n01', port: 50051 });
  assert.deepEqual(parseHostPort('[::1]:7000'), { host: '::1', port: 7000 });
  assert.deepEqual(parseHostPort('localhost', 50051), { host: 'localhost', port: 50051 });
  assert.equal(formatHostPort({ host: '::1', port: 7000 }), '[::1]:7000');
  for (const bad of ['n01:', 'n01:99999', ':50051', 'a:b:c', 'n01']) {
    assert.throws(() => parseHostPort(bad), (e: unknown) => e instanceof FractalError && e.kind === 'usage' && e.message.includes('expected HOST:PORT'), bad);
  }
});

test('the job\'s port: 20000 + id mod 12000, hashed for non-numeric ids, 50051 without a job', () => {
  assert.equal(portForJob('1234'), 21234);
  assert.equal(portForJob('12000'), 20000);
  assert.equal(portForJob('98765432109876543210'), 20000 + Number(98765432109876543210n % 12000n));
  assert.equal(portForJob(null), DEFAULT_PORT);
  const flux = portForJob('ƒ2mWKyTqTF');
  assert.ok(flux >= 20000 && flux < 32000);
  assert.equal(portForJob('ƒ2mWKyTqTF'), flux, 'stable');
  assert.notEqual(portForJob('ƒ2mWKyTqTG'), flux);
});

test('the rendezvous file is written atomically, private, read back, and removed only by its leader', async () => {
  await withDir(async (dir) => {
    const path = await writeRendezvous(dir, rendezvous());
    assert.equal((await stat(path)).mode & 0o777, 0o600, 'it holds the token');
    const reading = await readRendezvous(dir, '1234');
    assert.equal(reading.state, 'found');
    if (reading.state === 'found') assert.deepEqual(reading.rendezvous, rendezvous());
    assert.deepEqual(await readRendezvous(dir, '999'), { state: 'other-job', jobId: '1234' });
    await removeRendezvous(dir, 'another leader\'s token');
    assert.equal((await readRendezvous(dir, null)).state, 'found');
    await removeRendezvous(dir, 'secret-token');
    assert.deepEqual(await readRendezvous(dir, null), { state: 'missing' });
  });
});

test('a foreign or broken rendezvous file is reported, never trusted', async () => {
  assert.equal(parseRendezvous('{'), 'not JSON');
  // a problem is reported as a string; assert.match refuses anything else
  assert.match(parseRendezvous('{"kind":"other"}') as string, /kind/);
  assert.match(parseRendezvous(JSON.stringify({ ...rendezvous(), token: '' })) as string, /token/);
  await withDir(async (dir) => {
    await writeFile(join(dir, 'rendezvous.json'), 'garbage');
    assert.deepEqual(await readRendezvous(dir, null), { state: 'invalid', reason: 'not JSON' });
  });
});

test('a named pipe in the rendezvous file\'s place is reported at once instead of blocking the worker', async () => {
  await withDir(async (dir) => {
    execFileSync('mkfifo', [join(dir, 'rendezvous.json')]);
    const reading = await readRendezvous(dir, null);
    assert.equal(reading.state, 'invalid');
    assert.match((reading as { reason: string }).reason, /named pipe|not a regular file/);
  });
});

test('discovery order: --host, then the rendezvous file, then the host list with a known token', async () => {
  await withDir(async (dir) => {
    const find = (options: Partial<Parameters<typeof createLeaderDiscovery>[0]>) =>
      createLeaderDiscovery({ runDir: dir, jobId: '1234', nodeList: 'n[07-09]', ...options }).find();
    // nothing yet: waiting, and saying why
    const pending = await find({});
    assert.ok('pending' in pending && pending.pending.includes('not written yet') && pending.pending.includes('no token'), JSON.stringify(pending));
    // the host list is enough once the token is known
    assert.deepEqual(await find({ token: 't' }), { address: 'n07:21234', token: 't', via: 'first host of n[07-09], port 21234' });
    assert.deepEqual((await find({ token: 't', port: 6000 })), { address: 'n07:6000', token: 't', via: 'first host of n[07-09], port 6000' });
    await writeRendezvous(dir, rendezvous());
    // the file wins over the host list and brings the token
    assert.deepEqual(await find({}), { address: 'n01:21234', token: 'secret-token', via: `rendezvous file ${join(dir, 'rendezvous.json')}` });
    // --host wins over everything; the token may still come from the file
    assert.deepEqual(await find({ host: 'other:1' }), { address: 'other:1', token: 'secret-token', via: `--host, token from ${join(dir, 'rendezvous.json')}` });
    assert.deepEqual(await find({ host: 'other:1', token: 'mine' }), { address: 'other:1', token: 'mine', via: '--host' });
    // a worker with a token of its own never sends it to a file's address that came with another token
    const foreign = await find({ token: 'mine', nodeList: null });
    assert.ok('pending' in foreign && foreign.pending.includes('another token'), JSON.stringify(foreign));
    assert.deepEqual(await find({ token: 'secret-token' }), { address: 'n01:21234', token: 'secret-token', via: `rendezvous file ${join(dir, 'rendezvous.json')}` });
    // a file left by another job is not this job's leader
    const other = await find({ jobId: '5' });
    assert.ok('pending' in other && other.pending.includes('left by job 1234'), JSON.stringify(other));
  });
  assert.throws(
    () => createLeaderDiscovery({ host: 'n1:1', runDir: null, jobId: null, nodeList: null }),
    (e: unknown) => e instanceof FractalError && e.code === 'E_NO_TOKEN',
  );
});

test('under Flux the host list comes from `flux hostlist`, asked once, only when nothing else answers', async () => {
  await withDir(async (dir) => {
    let asked = 0;
    const lookupNodeList = async () => {
      asked++;
      return { nodeList: 'fl[07-08]', source: 'flux hostlist' };
    };
    const discovery = createLeaderDiscovery({ runDir: dir, jobId: '1234', nodeList: null, token: 't', lookupNodeList });
    assert.deepEqual(await discovery.find(), { address: 'fl07:21234', token: 't', via: 'first host of fl[07-08] (flux hostlist), port 21234' });
    await discovery.find();
    assert.equal(asked, 2, 'the lookup is the caller\'s to cache; discovery asks on every attempt');
    // the job's own file (it carries the worker's token): a file of another token is not followed
    await writeRendezvous(dir, { ...rendezvous(), token: 't' });
    await discovery.find();
    assert.equal(asked, 2, 'a rendezvous file makes the lookup unnecessary');
    // without a token the host list cannot be used: not even asked
    const tokenless = createLeaderDiscovery({ runDir: null, jobId: '1234', nodeList: null, lookupNodeList });
    const pending = await tokenless.find();
    assert.ok('pending' in pending && pending.pending.includes('no --host and no host list'), JSON.stringify(pending));
    assert.equal(asked, 2);
    // a failed lookup, or an answer that is not a host list, is a reason to wait, not a crash
    for (const [answer, reason] of [
      [{ problem: '`flux` is not on PATH' }, 'no host list: `flux` is not on PATH'],
      [{ nodeList: 'n[1-' }, 'n[1-'],
    ] as const) {
      const failing = createLeaderDiscovery({ runDir: null, jobId: '1234', nodeList: null, token: 't', lookupNodeList: async () => answer });
      const waiting = await failing.find();
      assert.ok('pending' in waiting && waiting.pending.includes(reason), JSON.stringify(waiting));
    }
  });
});

test('fluxJobHostlist runs `flux hostlist local` once and reports a missing or failing flux', async () => {
  await withDir(async (dir) => {
    const log = join(dir, 'calls');
    await writeFile(join(dir, 'flux'), `#!/bin/sh\necho "$*" >> ${log}\nif [ "$1 $2" = "hostlist local" ]; then echo "fluxnode[3-4]"; exit 0; fi\necho "unexpected: $*" >&2; exit 1\n`, { mode: 0o755 });
    const lookup = fluxJobHostlist({ ...process.env, PATH: `${dir}:${process.env['PATH']}` });
    assert.deepEqual(await lookup(), { nodeList: 'fluxnode[3-4]', source: 'flux hostlist' });
    assert.deepEqual(await lookup(), { nodeList: 'fluxnode[3-4]', source: 'flux hostlist' });
    assert.equal((await readFile(log, 'utf8')).trim(), 'hostlist local', 'asked exactly once');
    await writeFile(join(dir, 'flux'), '#!/bin/sh\necho "flux-hostlist: no such job" >&2\nexit 1\n', { mode: 0o755 });
    const failing = await fluxJobHostlist({ ...process.env, PATH: `${dir}:${process.env['PATH']}` })();
    assert.deepEqual(failing, { problem: '`flux hostlist local` failed: flux-hostlist: no such job' });
    assert.deepEqual(await fluxJobHostlist({ PATH: join(dir, 'nowhere') })(), { problem: '`flux` is not on PATH' });
  });
});

test('discovery notices the rendezvous file as soon as it appears', async () => {
  await withDir(async (dir) => {
    const discovery = createLeaderDiscovery({ runDir: dir, jobId: null, nodeList: null });
    const noticed = new Promise<void>((resolve) => {
      const stop = discovery.onChange!(() => {
        stop();
        resolve();
      });
    });
    await writeRendezvous(dir, rendezvous());
    await Promise.race([noticed, new Promise((_, reject) => setTimeout(() => reject(new Error('no change seen within 2 s')), 2000))]);
  });
});

test('tokens: generated ones are long and printable; given ones are checked; files are trimmed', async () => {
  const token = generateToken();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(generateToken(), token);
  assert.throws(() => checkToken('has space', '--token'), /printable ASCII/);
  assert.throws(() => checkToken('', '--token'), /printable ASCII/);
  await withDir(async (dir) => {
    await writeFile(join(dir, 'token'), 'abc123\n');
    assert.equal(await readTokenFile(join(dir, 'token')), 'abc123');
    assert.equal(await resolveToken({ token: 'flag', tokenFile: join(dir, 'token') }), 'flag');
    assert.equal(await resolveToken({ tokenFile: join(dir, 'token') }), 'abc123');
    assert.equal(await resolveToken({}), undefined);
    await assert.rejects(readTokenFile(join(dir, 'missing')), (e: unknown) => e instanceof FractalError && e.code === 'E_TOKEN_FILE');
    assert.equal(await readFile(join(dir, 'token'), 'utf8'), 'abc123\n');
  });
});
