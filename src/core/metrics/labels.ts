// A study's labels: KEY=VALUE pairs given with --label (`--label rtt=10ms --label nodes=4`),
// recorded in the run's results and used by `fractal metrics summarize` to keep series apart.
// The one place that says what a label may be.
import { describeValue, FractalError } from '../errors.js';

export const LABEL_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const MAX_LABEL_VALUE_LENGTH = 256;
export const MAX_LABELS = 32;

export type Labels = Record<string, string>;

/** Why a key or value is no label, or null when it is one. */
export const labelProblem = (key: string, value: string): string | null => {
  if (!LABEL_KEY_PATTERN.test(key)) return `the key ${describeValue(key)} is not a letter followed by up to 63 letters, digits, '_', '.' or '-'`;
  if (value.length > MAX_LABEL_VALUE_LENGTH) return `the value is longer than ${MAX_LABEL_VALUE_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'the value holds a control character';
  return null;
};

/** `--label KEY=VALUE`, repeatable: the labels by key (a later KEY wins), or a usage error. */
export const parseLabelFlags = (given: readonly string[]): Labels => {
  const labels: Labels = {};
  for (const text of given) {
    const at = text.indexOf('=');
    const key = at < 0 ? text : text.slice(0, at);
    const value = at < 0 ? '' : text.slice(at + 1);
    const problem = at < 0 ? 'there is no =' : labelProblem(key, value);
    if (problem !== null) {
      throw new FractalError(`--label ${describeValue(text)}: expected KEY=VALUE, but ${problem}`, {
        kind: 'usage',
        code: 'E_LABEL',
        suggestions: ['give each label as KEY=VALUE, e.g. --label rtt=10ms --label nodes=4'],
      });
    }
    labels[key] = value;
  }
  if (Object.keys(labels).length > MAX_LABELS) {
    throw new FractalError(`--label: expected at most ${MAX_LABELS} labels, got ${Object.keys(labels).length}`, { kind: 'usage', code: 'E_LABEL' });
  }
  return labels;
};

/** Labels as one short text, keys in order: `nodes=4 rtt=10ms`; '' for none. */
export const formatLabels = (labels: Labels | undefined, keys?: readonly string[]): string =>
  (keys ?? Object.keys(labels ?? {}).sort())
    .filter((k) => labels?.[k] !== undefined)
    .map((k) => `${k}=${labels![k]}`)
    .join(' ');

/** Labels as KEY=VALUE again, keys in order (for the batch script's `fractal run --label`). */
export const labelPairs = (labels: Labels): string[] => Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`);
