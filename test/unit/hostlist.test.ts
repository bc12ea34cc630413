import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstHost, MAX_HOSTLIST_HOSTS, parseHostlist } from '../../src/core/cluster/hostlist.js';
import { FractalError } from '../../src/core/errors.js';

test('plain names and comma lists expand in order', () => {
  assert.deepEqual(parseHostlist('n1'), ['n1']);
  assert.deepEqual(parseHostlist('n1,login2, gpu7'), ['n1', 'login2', 'gpu7']);
  assert.deepEqual(parseHostlist(''), []);
});

test('ranges keep the zero padding of their lower bound', () => {
  assert.deepEqual(parseHostlist('n[01-04,07]'), ['n01', 'n02', 'n03', 'n04', 'n07']);
  assert.deepEqual(parseHostlist('n[8-11]'), ['n8', 'n9', 'n10', 'n11']);
  assert.deepEqual(parseHostlist('n[098-101]'), ['n098', 'n099', 'n100', 'n101']);
  assert.deepEqual(parseHostlist('gpu-[1-2]'), ['gpu-1', 'gpu-2']);
});

test('several brackets make the product, leftmost varying slowest (as scontrol show hostnames)', () => {
  assert.deepEqual(parseHostlist('rack[1-2]-n[1-3]'), ['rack1-n1', 'rack1-n2', 'rack1-n3', 'rack2-n1', 'rack2-n2', 'rack2-n3']);
  assert.deepEqual(parseHostlist('n[01-02,07],gpu-[1-2].cluster'), ['n01', 'n02', 'n07', 'gpu-1.cluster', 'gpu-2.cluster']);
});

test('the first host comes without expanding the rest', () => {
  assert.equal(firstHost('n[01-04,07],gpu-[1-2]'), 'n01');
  assert.equal(firstHost('rack[3-9]-n[005-900]'), 'rack3-n005');
  assert.equal(firstHost('n[1-99999999999]'), 'n1');
  assert.equal(firstHost(''), undefined);
});

test('malformed expressions are input errors that quote the expression', () => {
  const bad = (expression: string, fragment: string) =>
    assert.throws(
      () => parseHostlist(expression),
      (e: unknown) =>
        e instanceof FractalError && e.code === 'E_HOSTLIST' && e.message.includes(JSON.stringify(expression)) && e.message.includes(fragment),
      expression,
    );
  bad('n[1-4', 'without "]"');
  bad('n1-4]', 'without "["');
  bad('n[4-1]', 'goes down');
  bad('n[a-c]', 'not a number');
  bad('n[1-2[3]]', 'nested');
  bad('n1,,n2', 'empty host name');
  bad(`n[1-${MAX_HOSTLIST_HOSTS + 1}]`, `more than ${MAX_HOSTLIST_HOSTS}`);
});
