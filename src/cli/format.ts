// Human formatting shared by the commands: sizes, rates, and the METRICS lines (durations come
// from core/format-duration.ts, in its 'line' style).
import { formatDuration } from '../core/format-duration.js';
import type { ProcessMetrics } from '../core/metrics/process-metrics.js';
import { formatBytes } from '../core/render/image-spec.js';

export { formatBytes };

export const formatRate = (perSecond: number, unit: string): string => {
  const scales: Array<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, prefix] of scales) if (perSecond >= scale) return `${(perSecond / scale).toFixed(2)} ${prefix}${unit}/s`;
  return `${perSecond.toFixed(1)} ${unit}/s`;
};

/** `METRICS <PREFIX> name: value` lines, as the original prints them, for one process. */
export const formatProcessMetrics = (prefix: string, metrics: ProcessMetrics): string[] => {
  const lines = [
    `cpu/user: ${formatDuration(metrics.cpuUserMs, 'line')}`,
    `cpu/system: ${formatDuration(metrics.cpuSystemMs, 'line')}`,
    `memory/max-rss: ${formatBytes(metrics.maxRssBytes)}`,
    `memory/heap-used: ${formatBytes(metrics.heapUsedBytes)}`,
    `memory/heap-total: ${formatBytes(metrics.heapTotalBytes)}`,
  ];
  for (const [kind, gc] of Object.entries(metrics.gc)) {
    if (gc.count > 0) lines.push(`gc/${kind}: ${gc.count} cycles, ${formatDuration(gc.pauseMs, 'line')} paused`);
  }
  lines.push(
    `event-loop/utilization: ${(metrics.eventLoop.utilization * 100).toFixed(1)}%`,
    `event-loop/delay: p50 ${formatDuration(metrics.eventLoop.delayP50Ms, 'line')}, p99 ${formatDuration(metrics.eventLoop.delayP99Ms, 'line')}, ` +
      `max ${formatDuration(metrics.eventLoop.delayMaxMs, 'line')}`,
  );
  return lines.map((line) => `METRICS ${prefix} ${line}`);
};

/**
 * Text from outside (peers, results files, file names, the user's own flags) made safe for a
 * terminal: C0 and C1 control characters, DEL and the bidirectional overrides become visible
 * escapes (`\x1b`, `\n`, `\u202e`), so a host name cannot move the cursor, clear the screen, forge
 * a log line or reorder what follows it. Everything else, non-ASCII letters included, is kept.
 */
export const printable = (text: string): string => {
  let out = '';
  for (const ch of text) out += isUnprintable(ch.charCodeAt(0)) ? escapeCharacter(ch) : ch;
  return out;
};

/** C0, DEL and C1; the Arabic letter mark, LRM/RLM, the line and paragraph separators, the bidi embeddings, overrides and isolates. */
const isUnprintable = (code: number): boolean =>
  code < 0x20 ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0x61c ||
  code === 0x200e ||
  code === 0x200f ||
  code === 0x2028 ||
  code === 0x2029 ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeCharacter = (ch: string): string => {
  const named = NAMED_ESCAPES[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * A line cut to at most `max` characters by leaving out its middle, so that both the start (what
 * failed) and the end (what was expected) of a message survive a 10 KB value inside it.
 */
export const elideMiddle = (line: string, max = 400): string => {
  if (line.length <= max) return line;
  // by code points, so that no emoji is cut in half
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  const keepHead = Math.ceil(max * 0.6);
  const keepTail = Math.floor(max * 0.3);
  const left = chars.length - keepHead - keepTail;
  return `${chars.slice(0, keepHead).join('')} … (${left} characters left out) … ${chars.slice(chars.length - keepTail).join('')}`;
};
