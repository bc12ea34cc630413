// Slurm hostlist expressions (`SLURM_JOB_NODELIST`), expanded in TypeScript so that a worker can
// find its leader without running `scontrol show hostnames`. The order is Slurm's: comma-separated
// items left to right; within an item, the leftmost bracket varies slowest. A range keeps the
// zero padding of its lower bound (`n[08-10]` -> n08 n09 n10).
import { describeValue, inputError } from '../errors.js';

/** More hosts than any allocation has: a typo such as `n[1-99999999]` must not eat the memory. */
export const MAX_HOSTLIST_HOSTS = 1_000_000;

interface Range {
  low: number;
  high: number;
  /** Digits of the lower bound: the padding every number of the range keeps. */
  width: number;
}

type Part = { kind: 'text'; text: string } | { kind: 'set'; ranges: Range[]; count: number };

const padded = (n: number, width: number): string => String(n).padStart(width, '0');

export const parseHostlist = (expression: string): string[] => {
  const text = expression.trim();
  if (text === '') return [];
  const hosts: string[] = [];
  for (const item of splitTopLevel(text)) {
    if (item === '') throw hostlistError(expression, 'an empty host name between commas');
    const parts = parseItem(item, expression);
    const count = parts.reduce((n, p) => n * (p.kind === 'set' ? p.count : 1), 1);
    if (hosts.length + count > MAX_HOSTLIST_HOSTS) {
      throw hostlistError(expression, `more than ${MAX_HOSTLIST_HOSTS} hosts`);
    }
    expandInto(parts, 0, '', hosts);
  }
  return hosts;
};

/** The first host of an expression without expanding the rest. */
export const firstHost = (expression: string): string | undefined => {
  const first = splitTopLevel(expression.trim())[0];
  if (first === undefined || first === '') return undefined;
  return parseItem(first, expression)
    .map((p) => (p.kind === 'text' ? p.text : padded(p.ranges[0]!.low, p.ranges[0]!.width)))
    .join('');
};

const splitTopLevel = (text: string): string[] => {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((s) => s.trim());
};

const parseItem = (item: string, expression: string): Part[] => {
  const parts: Part[] = [];
  let i = 0;
  while (i < item.length) {
    const open = item.indexOf('[', i);
    const close = item.indexOf(']', i);
    if (close !== -1 && (open === -1 || close < open)) throw hostlistError(expression, `a "]" without "[" in ${describeValue(item)}`);
    if (open === -1) {
      parts.push({ kind: 'text', text: item.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'text', text: item.slice(i, open) });
    const end = item.indexOf(']', open);
    if (end === -1) throw hostlistError(expression, `a "[" without "]" in ${describeValue(item)}`);
    const body = item.slice(open + 1, end);
    if (body.includes('[')) throw hostlistError(expression, `nested brackets in ${describeValue(item)}`);
    const ranges = parseRanges(body, expression);
    parts.push({ kind: 'set', ranges, count: ranges.reduce((n, r) => n + r.high - r.low + 1, 0) });
    i = end + 1;
  }
  return parts;
};

const parseRanges = (body: string, expression: string): Range[] =>
  body.split(',').map((raw) => {
    const range = raw.trim();
    const match = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!match) throw hostlistError(expression, `${describeValue(range)} is not a number or a range such as 01-04`);
    const lowText = match[1]!;
    const low = Number(lowText);
    const high = Number(match[2] ?? lowText);
    if (!Number.isSafeInteger(high)) throw hostlistError(expression, `${describeValue(range)} has a number too large`);
    if (high < low) throw hostlistError(expression, `the range ${range} goes down`);
    return { low, high, width: lowText.length };
  });

const expandInto = (parts: Part[], index: number, prefix: string, out: string[]): void => {
  const part = parts[index];
  if (part === undefined) {
    out.push(prefix);
    return;
  }
  if (part.kind === 'text') {
    expandInto(parts, index + 1, prefix + part.text, out);
    return;
  }
  for (const range of part.ranges) {
    for (let n = range.low; n <= range.high; n++) expandInto(parts, index + 1, prefix + padded(n, range.width), out);
  }
};

const hostlistError = (expression: string, problem: string) =>
  inputError('E_HOSTLIST', `host list ${describeValue(expression)}: expected a Slurm hostlist such as n[01-04,07], got ${problem}`, [
    'check SLURM_JOB_NODELIST, or give the leader\'s address with --host HOST:PORT',
  ]);
