// PBS, LSF and Grid Engine give a job's hosts as files (or LSF's variable): read in order, each
// host once, and used by a worker to find its leader on the first host when no rendezvous file
// answers.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLeaderDiscovery } from '../../src/core/cluster/discover-leader.js';
import { jobHostFileLookup, parseHostFile, parseLsfHostPairs } from '../../src/core/cluster/job-host-file.js';
import { portForJob } from '../../src/core/cluster/leader-address.js';

test('host files: $PBS_NODEFILE and $LSB_DJOB_HOSTFILE (a line per slot), $PE_HOSTFILE (host slots queue processors)', () => {
  assert.deepEqual(parseHostFile('n3\nn3\nn1\nn1\n'), ['n3', 'n1']);
  assert.deepEqual(parseHostFile('n2 2 all.q@n2 UNDEFINED\nn4 1 all.q@n4 UNDEFINED\n\n'), ['n2', 'n4']);
  assert.deepEqual(parseHostFile('  \n'), []);
  assert.deepEqual(parseLsfHostPairs('hostA 4 hostB 4 hostA 2'), ['hostA', 'hostB']);
  assert.deepEqual(parseLsfHostPairs(''), []);
});

test('a worker finds its leader on the first host of the job\'s host file, on the job\'s port', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-hostfile-'));
  try {
    const nodeFile = join(dir, 'nodefile');
    await writeFile(nodeFile, 'cn07\ncn07\ncn08\ncn08\n');
    const lookup = jobHostFileLookup({ PBS_NODEFILE: nodeFile, PBS_JOBID: '12.srv' });
    assert.ok(lookup);
    assert.deepEqual(await lookup(), { nodeList: 'cn07,cn08', source: `$PBS_NODEFILE (${nodeFile})` });
    const discovery = createLeaderDiscovery({ runDir: dir, jobId: '12.srv', nodeList: null, token: 't', lookupNodeList: lookup });
    assert.deepEqual(await discovery.find(), {
      address: `cn07:${portForJob('12.srv')}`,
      token: 't',
      via: `first host of cn07,cn08 ($PBS_NODEFILE (${nodeFile})), port ${portForJob('12.srv')}`,
    });
    assert.deepEqual(await jobHostFileLookup({ LSB_MCPU_HOSTS: 'l1 2 l2 2' })!(), { nodeList: 'l1,l2', source: '$LSB_MCPU_HOSTS' });
    // a file that cannot be read is a reason in the worker's message, not a crash
    const missing = await jobHostFileLookup({ PE_HOSTFILE: join(dir, 'nope') })!();
    assert.ok('problem' in missing && missing.problem.includes('ENOENT'), JSON.stringify(missing));
    assert.equal(jobHostFileLookup({ PATH: '/usr/bin' }), undefined, 'no host file: no lookup');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
