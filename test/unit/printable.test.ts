// Text from outside reaches terminals only as visible escapes (issue 10, defect 11).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { elideMiddle, printable } from '../../src/cli/format.js';

test('control characters, DEL, C1 and bidirectional overrides become visible escapes', () => {
  assert.equal(printable('n01\x1b[2J\x1b]0;owned\x07'), 'n01\\x1b[2J\\x1b]0;owned\\x07');
  assert.equal(printable('a\nb\rc\td'), 'a\\nb\\rc\\td');
  assert.equal(printable('\x00\x7f\x9b'), '\\x00\\x7f\\x9b');
  assert.equal(printable('evil\u202etxt.exe\u2066'), 'evil\\u202etxt.exe\\u2066');
});

test('printable text is kept as it is, non-ASCII letters included', () => {
  for (const text of ['n01:50051', 'grüße — 東京 😀', 'C:\\path\\x1b literally', '']) assert.equal(printable(text), text);
});

test('a huge line keeps its start and its end, and says how much was left out', () => {
  const line = `--width: expected an integer, got "${'x'.repeat(10_000)}" (see --help)`;
  const short = elideMiddle(line, 400);
  assert.ok(short.length < 460, String(short.length));
  assert.ok(short.startsWith('--width: expected an integer, got "xxx'));
  assert.ok(short.endsWith('xxx" (see --help)'));
  assert.match(short, / … \(\d+ characters left out\) … /);
  assert.equal(elideMiddle('short'), 'short');
  // never half an emoji
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(elideMiddle('😀'.repeat(1000), 101)));
});
