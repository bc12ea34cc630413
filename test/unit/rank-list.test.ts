// Long rank lists are summarised (issue 10, defect 12): a message names ranks, not a million of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRankList } from '../../src/core/cluster/rank-list.js';
import { describeLeaderEvent } from '../../src/cli/cluster-flags.js';

test('single ranks, pairs and runs', () => {
  assert.equal(formatRankList([]), '');
  assert.equal(formatRankList([3]), '3');
  assert.equal(formatRankList([2, 1]), '1, 2');
  assert.equal(formatRankList([9, 1, 3, 5, 6, 7, 8, 3]), '1, 3, 5–9');
});

test('a million missing ranks is one short line', () => {
  const ranks = Array.from({ length: 999_998 }, (_, i) => i + 2);
  assert.equal(formatRankList(ranks), '2–999999');
  const scattered = Array.from({ length: 5000 }, (_, i) => i * 2 + 1);
  const text = formatRankList(scattered);
  assert.equal(text, '1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, … and 4,984 more (5,000 ranks)');
});

test('the barrier warning uses it', () => {
  const missing = Array.from({ length: 65_535 }, (_, i) => i + 2);
  assert.equal(
    describeLeaderEvent({ type: 'barrier-timeout', joined: 1, expected: 65_536, missing }),
    'warning: only 1 of 65536 workers joined; going on without ranks 2–65536',
  );
});
