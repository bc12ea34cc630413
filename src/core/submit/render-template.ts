// Fills a job-script template. Templates hold no logic: `{{name}}` is replaced by a value the
// code has already built and quoted, and that is all. A placeholder alone on its line takes the
// line's indentation for every line of its value, and removes the line when its value is empty
// (no `--setup`, no extra directives). `\{{` is left as it is, so a template can still carry
// Flux's own `{{id}}`-style output templates (the shell and shlex read `\{` as `{`).
//
// Values are quoted as whole shell words, so a placeholder must stand where a word can: bare, not
// inside quotes, a here-document, `…`, $( ) or ${ } (there the value's own quotes would be
// wrong, and `"{{job_name}}"` once ran a job name's `$(…)`). Such a placeholder is refused with
// file:line:column. Comments may hold placeholders: bash never reads them.
import { inputError } from '../errors.js';
import { placeholderSites, type ShellContext } from './shell-context.js';

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
  checkPlaceholderContexts(source);
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

const WHY_NOT: Partial<Record<ShellContext, string>> = {
  'single-quotes': 'inside single quotes: the value comes quoted already, and its own quotes would end yours',
  'double-quotes': 'inside double quotes: the shell would still run $( ) and ` and expand $ in the value',
  'here-document': 'inside a here-document: the shell expands $( ) and $ there, and the value\'s quotes would be kept as text',
  backticks: 'inside `…`: a command substitution reads backslashes in the value its own way',
  'command-substitution': 'inside $( ): fractal cannot see how the command inside uses it',
  'parameter-expansion': 'inside ${ }: the value is a shell word, not a parameter\'s default',
};

const checkPlaceholderContexts = (source: TemplateSource): void => {
  for (const site of placeholderSites(source.text)) {
    const why = WHY_NOT[site.context];
    if (why === undefined) continue;
    throw placeholderError(source, site.line, site.column, `{{${site.name}}} stands ${why}`, [
      `use the placeholder bare, where a word can stand: it is quoted for the shell already (echo {{${site.name}}}, not echo "{{${site.name}}}")`,
      `to put it in a sentence, close your quotes around it: echo "job "{{${site.name}}}" started"`,
    ]);
  }
};

const placeholderError = (source: TemplateSource, line: number, column: number, what: string, suggestions: string[]) =>
  inputError('E_TEMPLATE_PLACEHOLDER', `${source.path}:${line}:${column}: ${what}`, suggestions);
