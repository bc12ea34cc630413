// ESLint rule: no line of code longer than `max` characters, where the text of string, template
// and regular expression literals does not count. A long message (or the pattern a test matches it
// with) stays one literal, so grepping for it finds it, while the code around it is wrapped; core
// max-len's ignoreStrings would instead excuse any line that holds a string at all, however long
// its code. Lines with a URL are excused, as max-len's ignoreUrls does.

const LITERAL_TOKENS = new Set(['String', 'Template', 'RegularExpression']);

/** Characters of each line (1-based) that lie inside a literal token. */
const literalCharsByLine = (sourceCode) => {
  const counts = new Map();
  const add = (line, n) => counts.set(line, (counts.get(line) ?? 0) + n);
  for (const token of sourceCode.ast.tokens) {
    if (!LITERAL_TOKENS.has(token.type)) continue;
    const { start, end } = token.loc;
    if (start.line === end.line) {
      add(start.line, end.column - start.column);
      continue;
    }
    add(start.line, sourceCode.lines[start.line - 1].length - start.column);
    for (let line = start.line + 1; line < end.line; line++) add(line, sourceCode.lines[line - 1].length);
    add(end.line, end.column);
  }
  return counts;
};

/** @type {import('eslint').Rule.RuleModule} */
export const maxCodeLength = {
  meta: {
    type: 'layout',
    docs: { description: 'Limit the length of code on a line; the text of string, template and regexp literals does not count' },
    schema: [{ type: 'object', properties: { max: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    messages: { long: 'this line has {{length}} characters of code (literals not counted); at most {{max}}' },
  },
  create(context) {
    const max = context.options[0]?.max ?? 140;
    return {
      'Program:exit'() {
        const sourceCode = context.sourceCode;
        const literal = literalCharsByLine(sourceCode);
        sourceCode.lines.forEach((text, index) => {
          if (text.length <= max || /\bhttps?:\/\//.test(text)) return;
          const length = text.length - (literal.get(index + 1) ?? 0);
          if (length <= max) return;
          const line = index + 1;
          context.report({ loc: { start: { line, column: 0 }, end: { line, column: text.length } }, messageId: 'long', data: { length, max } });
        });
      },
    };
  },
};
