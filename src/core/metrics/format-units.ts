// Numbers with units for the summary tables (durations: core/format-duration.ts). Kept in core (not
// src/cli/format.ts) because the summary formatters are pure functions of the report, and the
// golden files pin every character.
import { formatBytes } from '../render/image-spec.js';

export { formatBytes };

export const formatPercent = (share: number | null): string => (share === null || !Number.isFinite(share) ? '–' : `${(share * 100).toFixed(0)}%`);

/** 12345678 -> "12.3 M": counts of pixels and iterations. */
export const formatCount = (value: number): string => {
  const scales: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, prefix] of scales) {
    if (Math.abs(value) >= scale) {
      const scaled = value / scale;
      return `${scaled.toFixed(scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2)} ${prefix}`;
    }
  }
  return String(value);
};

export const formatRatio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
