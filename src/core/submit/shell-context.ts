// Where each placeholder of a job-script template stands, as bash reads the template: bare (a word
// of a command, or part of one), in a comment, or inside quotes, a here-document, a command
// substitution or a parameter expansion. Values are quoted as whole shell words, which is safe
// bare and only bare: `echo "{{job_name}}"` with the name `$(touch X)` ran the command, because
// the double quotes around the value's own single quotes leave `$( )` live. The template renderer
// refuses a placeholder that does not stand bare (or in a comment).
//
// A small lexer, enough for templates: quotes ('…', "…", $'…'), backslash escapes, `…`, $( ),
// $(( )), ${ }, comments, and here-documents (<<WORD, <<-WORD, quoted words; <<< is a
// here-string, a word like any other).

export const SHELL_CONTEXTS = [
  'bare',
  'comment',
  'single-quotes',
  'double-quotes',
  'backticks',
  'command-substitution',
  'parameter-expansion',
  'here-document',
] as const;
export type ShellContext = (typeof SHELL_CONTEXTS)[number];

export interface PlaceholderSite {
  name: string;
  /** 1-based, as editors count. */
  line: number;
  column: number;
  context: ShellContext;
}

type FrameKind = 'single' | 'ansi' | 'double' | 'backtick' | 'command' | 'parameter';

interface Frame {
  kind: FrameKind;
  /** Open parentheses (in a command substitution) or braces (in a parameter expansion). */
  depth: number;
}

const FRAME_CONTEXT: Record<FrameKind, ShellContext> = {
  single: 'single-quotes',
  ansi: 'single-quotes',
  double: 'double-quotes',
  backtick: 'backticks',
  command: 'command-substitution',
  parameter: 'parameter-expansion',
};

/** The brackets that nest inside a substitution: `$(a (b) c)` ends at its own `)`. */
const NESTING: Partial<Record<FrameKind, { open: string; close: string }>> = {
  command: { open: '(', close: ')' },
  parameter: { open: '{', close: '}' },
};

/** `{{name}}` where render-template.ts sees a placeholder: not after a backslash. */
const PLACEHOLDER = /\{\{([a-z][a-z0-9_]*)\}\}/y;

const WORD_START_AFTER = new Set([undefined, ' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

interface HereDocument {
  word: string;
  /** <<- strips leading tabs from the body's lines and the delimiter line. */
  stripTabs: boolean;
}

export const placeholderSites = (text: string): PlaceholderSite[] => {
  const sites: PlaceholderSite[] = [];
  const stack: Frame[] = [];
  const pendingHereDocs: HereDocument[] = [];
  let hereDoc: HereDocument | undefined;
  let comment = false;
  let line = 1;
  let lineStart = 0;

  const placeholderAt = (i: number): string | undefined => {
    if (text[i] !== '{' || text[i + 1] !== '{' || text[i - 1] === '\\') return undefined;
    PLACEHOLDER.lastIndex = i;
    return PLACEHOLDER.exec(text)?.[1];
  };
  const record = (name: string, i: number, context: ShellContext): void => {
    sites.push({ name, line, column: i - lineStart + 1, context });
  };

  let i = 0;
  while (i < text.length) {
    if (hereDoc) {
      const end = text.indexOf('\n', i);
      const lineEnd = end < 0 ? text.length : end;
      const body = text.slice(i, lineEnd);
      if ((hereDoc.stripTabs ? body.replace(/^\t+/, '') : body) === hereDoc.word) {
        hereDoc = pendingHereDocs.shift();
      } else {
        for (let k = i; k < lineEnd; k++) {
          const name = placeholderAt(k);
          if (name !== undefined) record(name, k, 'here-document');
        }
      }
      i = lineEnd + 1;
      line++;
      lineStart = i;
      continue;
    }
    const ch = text[i]!;
    if (ch === '\n') {
      comment = false;
      i++;
      line++;
      lineStart = i;
      // a here-document's body starts on the line after its operator
      if (pendingHereDocs.length > 0) hereDoc = pendingHereDocs.shift();
      continue;
    }
    const name = placeholderAt(i);
    if (name !== undefined) {
      const frame = stack[stack.length - 1];
      record(name, i, comment ? 'comment' : frame ? FRAME_CONTEXT[frame.kind] : 'bare');
      i += name.length + 4;
      continue;
    }
    if (comment) {
      i++;
      continue;
    }
    i = step(text, i, stack, pendingHereDocs, () => (comment = true));
  }
  return sites;
};

/** One lexical step from i outside a here-document body and a comment; returns the next index. */
const step = (text: string, i: number, stack: Frame[], pendingHereDocs: HereDocument[], startComment: () => void): number => {
  const ch = text[i]!;
  const next = text[i + 1];
  const frame = stack[stack.length - 1];
  switch (frame?.kind) {
    case 'single':
      if (ch === "'") stack.pop();
      return i + 1;
    case 'ansi':
      if (ch === '\\') return i + 2;
      if (ch === "'") stack.pop();
      return i + 1;
    case 'double':
    case 'backtick': {
      if (ch === '\\') return i + 2;
      if (ch === (frame.kind === 'double' ? '"' : '`')) {
        stack.pop();
        return i + 1;
      }
      // inside "…" only substitutions open; inside `…` (a command of its own) quotes too
      return (frame.kind === 'double' ? openSubstitution : openQuote)(text, i, stack) ?? i + 1;
    }
    default: {
      if (ch === '\\') return i + 2;
      const brackets = frame === undefined ? undefined : NESTING[frame.kind];
      if (frame && brackets) {
        if (ch === brackets.open) frame.depth++;
        if (ch === brackets.close) {
          if (frame.depth === 0) stack.pop();
          else frame.depth--;
          return i + 1;
        }
      }
      if (ch === '#' && (frame === undefined || frame.kind === 'command') && WORD_START_AFTER.has(text[i - 1])) {
        startComment();
        return i + 1;
      }
      if (ch === '<' && next === '<' && text[i + 2] !== '<' && frame === undefined) return readHereDocOperator(text, i + 2, pendingHereDocs);
      if (ch === '<' && next === '<') return i + 3;
      return openQuote(text, i, stack) ?? i + 1;
    }
  }
};

/** ', $', ", ` or a substitution opening at i: pushes its frame and returns the index after it. */
const openQuote = (text: string, i: number, stack: Frame[]): number | undefined => {
  const ch = text[i];
  if (ch === "'") return push(stack, 'single', i + 1);
  if (ch === '$' && text[i + 1] === "'") return push(stack, 'ansi', i + 2);
  if (ch === '"') return push(stack, 'double', i + 1);
  return openSubstitution(text, i, stack);
};

const openSubstitution = (text: string, i: number, stack: Frame[]): number | undefined => {
  const ch = text[i];
  if (ch === '`') return push(stack, 'backtick', i + 1);
  if (ch === '$' && text[i + 1] === '(') return push(stack, 'command', i + 2);
  if (ch === '$' && text[i + 1] === '{') return push(stack, 'parameter', i + 2);
  return undefined;
};

const push = (stack: Frame[], kind: FrameKind, next: number): number => {
  stack.push({ kind, depth: 0 });
  return next;
};

/** After `<<`: an optional `-`, blanks, then the delimiter word, quoted or not. */
const readHereDocOperator = (text: string, from: number, pending: HereDocument[]): number => {
  let i = from;
  const stripTabs = text[i] === '-';
  if (stripTabs) i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  let word = '';
  while (i < text.length && !/[\s;&|<>()]/.test(text[i]!)) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      const end = close < 0 ? text.length : close;
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '\\') {
      word += text[i + 1] ?? '';
      i += 2;
    } else {
      word += ch;
      i++;
    }
  }
  if (word !== '') pending.push({ word, stripTabs });
  return i;
};
