// Fills a job-script template. Templates hold no logic: `{{name}}` is replaced by a value the
// code has already built and quoted, and that is all. A placeholder alone on its line takes the
// line's indentation for every line of its value, and removes the line when its value is empty
// (no `--setup`, no extra directives). `\{{` is left as it is, so a template can still carry
// Flux's own `{{id}}`-style output templates (the shell and shlex read `\{` as `{`).
import { inputError } from '../errors.js';

export interface TemplateSource {
  /** The template text. */
  text: string;
  /** Where it came from, for file:line in errors. */
  path: string;
}

/** Placeholder name -> the exact text that replaces it (already quoted by the caller). */
export type TemplateValues = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{([^{}\n]*)\}\}/y;
const NAME = /^[a-z][a-z0-9_]*$/;
const ALONE = /^([ \t]*)\{\{([a-z][a-z0-9_]*)\}\}[ \t]*$/;

export const renderTemplate = (source: TemplateSource, values: TemplateValues): string => {
  const lines = source.text.split('\n');
  const out: string[] = [];
  lines.forEach((line, index) => {
    const alone = ALONE.exec(line);
    if (alone) {
      const [, indent = '', name = ''] = alone;
      const value = lookup(source, values, name, index + 1, indent.length + 1);
      if (value !== '') out.push(...value.split('\n').map((part) => (part === '' ? '' : `${indent}${part}`)));
      return;
    }
    out.push(fillLine(source, values, line, index + 1));
  });
  return out.join('\n');
};

/** Every placeholder name a template uses, in order of first use (for documentation and tests). */
export const templatePlaceholders = (text: string): string[] => {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<!\\)\{\{([a-z][a-z0-9_]*)\}\}/g)) names.add(match[1] ?? '');
  return [...names];
};

const fillLine = (source: TemplateSource, values: TemplateValues, line: string, lineNo: number): string => {
  let result = '';
  let at = 0;
  for (;;) {
    const open = line.indexOf('{{', at);
    if (open < 0) return result + line.slice(at);
    if (open > 0 && line[open - 1] === '\\') {
      // escaped: copy `{{` through untouched
      result += line.slice(at, open + 2);
      at = open + 2;
      continue;
    }
    PLACEHOLDER.lastIndex = open;
    const match = PLACEHOLDER.exec(line);
    const name = match?.[1]?.trim() ?? '';
    if (!match || !NAME.test(name) || match[1] !== name) {
      throw placeholderError(
        source,
        lineNo,
        open + 1,
        `malformed placeholder ${JSON.stringify(line.slice(open, open + 24))}`,
        ['write placeholders as {{name}} (lower case, no spaces), or \\{{ for a literal {{', `known placeholders: ${Object.keys(values).join(', ')}`],
      );
    }
    result += line.slice(at, open) + lookup(source, values, name, lineNo, open + 1);
    at = open + match[0].length;
  }
};

const lookup = (source: TemplateSource, values: TemplateValues, name: string, lineNo: number, column: number): string => {
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  if (value === undefined) {
    throw placeholderError(source, lineNo, column, `unknown placeholder {{${name}}}`, [
      `known placeholders: ${Object.keys(values).join(', ')}`,
      'fix the template, or write \\{{ for a literal {{',
    ]);
  }
  return value;
};

const placeholderError = (source: TemplateSource, line: number, column: number, what: string, suggestions: string[]) =>
  inputError('E_TEMPLATE_PLACEHOLDER', `${source.path}:${line}:${column}: ${what}`, suggestions);
