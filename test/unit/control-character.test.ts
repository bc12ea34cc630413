// A value with a control character can never reach a job script: exactly C0 and DEL count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasControlCharacter } from '../../src/core/submit/shell-quote.js';

test('C0 controls and DEL are control characters; printable ASCII and beyond are not', () => {
  for (const code of [0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f]) {
    assert.equal(hasControlCharacter(`a${String.fromCharCode(code)}b`), true, `U+${code.toString(16)}`);
  }
  for (const text of ['', ' ', '~', 'plain/path-1.png', 'é', '\u0080', 'ƒ2mWKyTqTF', '😀']) assert.equal(hasControlCharacter(text), false, JSON.stringify(text));
});
