// Where fractal submit says a job's live console will be: only the local scheduler knows the
// leader's host in advance; under Slurm and Flux it is rank 0's node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consoleAddress } from '../../src/core/submit/console-address.js';

test('no --http, no console', () => {
  assert.equal(consoleAddress('local', {}), null);
  assert.equal(consoleAddress('slurm', { threads: 2 }), null);
});

test('on this machine: the address to open, loopback by default', () => {
  assert.equal(consoleAddress('local', { http: 8080 }), 'http://127.0.0.1:8080/');
  assert.equal(consoleAddress('local', { http: 8080, httpHost: '0.0.0.0' }), 'http://localhost:8080/');
  assert.equal(consoleAddress('local', { http: 8080, httpHost: '::1' }), 'http://[::1]:8080/');
  assert.match(consoleAddress('local', { http: 0 })!, /^http:\/\/127\.0\.0\.1:PORT\/ \(PORT: a free one, named in task-0\.log as "HTTP on port N"\)$/);
});

test('under a scheduler: rank 0\'s node, and how to reach a loopback port there', () => {
  assert.equal(consoleAddress('slurm', { http: 8080, httpHost: '0.0.0.0' }), 'http://NODE:8080/ where NODE is rank 0\'s node (rendezvous.json\'s "host" once the job runs)');
  assert.match(consoleAddress('slurm', { http: 0 })!, /named in the job's log as "HTTP on port N"/);
  assert.equal(consoleAddress('flux', { http: 9000 }), 'http://127.0.0.1:9000/ on rank 0\'s node only (ssh -L 9000:127.0.0.1:9000 NODE, or --http-host 0.0.0.0)');
});
