// --nodes: one count, or a comma-separated list for a sweep (`1,2,4,8`), each point a job.
import { describeValue, FractalError } from '../errors.js';

/** More points than anyone means to queue by accident. */
const MAX_POINTS = 64;
const MAX_NODES = 100_000;

export const parseNodeCounts = (text: string): number[] => {
  const parts = text.split(',').map((part) => part.trim());
  const counts: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part) || Number(part) < 1 || Number(part) > MAX_NODES) {
      throw usage(`--nodes: expected a node count from 1 to ${MAX_NODES} or a comma-separated list of them (4, or 1,2,4,8), got ${describeValue(text)}`);
    }
    const count = Number(part);
    if (counts.includes(count)) throw usage(`--nodes: ${count} is listed twice in ${describeValue(text)}`, ['to run a point several times use --repeat K']);
    counts.push(count);
  }
  if (counts.length > MAX_POINTS) throw usage(`--nodes: at most ${MAX_POINTS} points in one sweep, got ${counts.length}`);
  return counts;
};

const usage = (message: string, suggestions: string[] = ['e.g. --nodes 4, or --nodes 2,3,5 for a sweep']): FractalError =>
  new FractalError(message, { kind: 'usage', code: 'E_SUBMIT_NODES', suggestions });
