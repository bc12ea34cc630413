// The three looks of a duration, each step of the ladder at its edges. The summary look is also
// pinned by test/golden; the line look is what distributed-fractal's METRICS lines show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, type DurationStyle } from '../../src/core/format-duration.js';

const cases: Record<DurationStyle, Array<[number, string]>> = {
  summary: [
    [0, '0 ms'], [0.25, '250 µs'], [5.5, '5.50 ms'], [10, '10 ms'], [999.4, '999 ms'], [1234, '1.23 s'],
    [12_345, '12.3 s'], [119_900, '119.9 s'], [125_000, '2 min 05 s'], [3_600_000, '60 min 00 s'], [-250, '-250 ms'], [Number.NaN, '–'],
  ],
  line: [
    [0, '0 µs'], [0.25, '250 µs'], [5.5, '5.50 ms'], [10, '10 ms'], [1234, '1.23 s'], [12_345, '12.35 s'],
    [119_900, '119.90 s'], [125_000, '2 min 5 s'], [3_600_000, '60 min 0 s'],
  ],
  brief: [[0, '0 ms'], [0.25, '0 ms'], [5.5, '6 ms'], [999.4, '999 ms'], [1234, '1.23 s'], [125_000, '125.00 s']],
};

for (const [style, pairs] of Object.entries(cases) as Array<[DurationStyle, Array<[number, string]>]>) {
  test(`durations in the ${style} look`, () => {
    assert.deepEqual(pairs.map(([ms]) => formatDuration(ms, style)), pairs.map(([, text]) => text));
  });
}
