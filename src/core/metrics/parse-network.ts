// The parts of a results file that describe the network and the study: a node's `network` block
// and the run's `labels`. Both are optional: files written before fractal measured them lack them.
import { labelProblem, MAX_LABELS, type Labels } from './labels.js';
import type { FieldReader } from './field-reader.js';
import type { NodeNetwork } from './results.js';

export const readNetwork = (r: FieldReader, value: unknown, path: string): NodeNetwork => {
  const o = r.object(value, path);
  const part = (key: string): Record<string, unknown> | undefined => (o[key] === undefined ? undefined : r.object(o[key], `${path}.${key}`));
  const rtt = part('rttMs');
  const inFlight = part('inFlight');
  const window = part('window');
  const writeWait = part('writeWaitMs');
  const at = (key: string): string => `${path}.${key}`;
  return {
    ...(rtt && {
      rttMs: { median: r.number(rtt, 'median', at('rttMs')), p99: r.number(rtt, 'p99', at('rttMs')), max: r.number(rtt, 'max', at('rttMs')), samples: r.integer(rtt, 'samples', at('rttMs')) },
    }),
    ...(o['starvedMs'] === undefined ? {} : { starvedMs: r.number(o, 'starvedMs', path) }),
    ...(inFlight && { inFlight: { mean: r.number(inFlight, 'mean', at('inFlight')), max: r.integer(inFlight, 'max', at('inFlight')) } }),
    ...(window && { window: { final: r.integer(window, 'final', at('window')), max: r.integer(window, 'max', at('window')) } }),
    ...(writeWait && { writeWaitMs: { mean: r.number(writeWait, 'mean', at('writeWaitMs')), max: r.number(writeWait, 'max', at('writeWaitMs')) } }),
  };
};

export const readLabels = (r: FieldReader, value: unknown, path: string): Labels => {
  const o = r.object(value, path);
  const keys = Object.keys(o);
  if (keys.length > MAX_LABELS) r.fail(path, `at most ${MAX_LABELS} labels`, `${keys.length} labels`);
  const labels: Labels = {};
  for (const key of keys) {
    const text = r.string(o, key, path);
    const problem = labelProblem(key, text);
    if (problem !== null) r.fail(`${path}.${key}`, `a label (${problem})`, text);
    labels[key] = text;
  }
  return labels;
};
