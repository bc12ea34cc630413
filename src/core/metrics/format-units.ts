// Numbers with units for the summary tables. Kept in core (not src/cli/format.ts) because the
// summary formatters are pure functions of the report, and the golden files pin every character.
import { formatBytes } from '../render/image-spec.js';

export { formatBytes };

export const formatDuration = (ms: number): string => {
  if (!Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (ms === 0) return '0 ms';
  if (abs < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (abs < 10) return `${ms.toFixed(2)} ms`;
  if (abs < 1000) return `${ms.toFixed(0)} ms`;
  if (abs < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (abs < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${String(Math.round((ms - minutes * 60_000) / 1000)).padStart(2, '0')} s`;
};

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
