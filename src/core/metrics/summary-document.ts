// A summary as a small document (headings, fields, tables, notes, lists) and its two renderings:
// text wrapped for a terminal, and Markdown. Both render every block, so they carry the same facts.

export interface Column {
  header: string;
  align: 'left' | 'right';
  /** Longer cells are shortened with an ellipsis (table format only). */
  max?: number;
  /** Which end to cut: paths keep their distinguishing end. */
  cut?: 'start' | 'end';
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'fields'; entries: Array<[string, string]> }
  | { kind: 'table'; columns: Column[]; rows: string[][] }
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[] };

// ---------------------------------------------------------------------------------------------
// Text for a terminal

const cut = (text: string, max: number | undefined, end: 'start' | 'end' = 'end'): string => {
  const chars = [...text];
  if (max === undefined || chars.length <= max) return text;
  return end === 'start' ? `…${chars.slice(chars.length - max + 1).join('')}` : `${chars.slice(0, max - 1).join('')}…`;
};

const length = (text: string): number => [...text].length;

const pad = (text: string, width: number, align: 'left' | 'right'): string => {
  const fill = ' '.repeat(Math.max(0, width - length(text)));
  return align === 'left' ? text + fill : fill + text;
};

export const wrap = (text: string, width: number, indent = '', firstIndent = indent): string[] => {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && length(line) + 1 + length(word) > width) {
      lines.push(line);
      line = indent + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
};

const textTable = (columns: readonly Column[], rows: readonly string[][]): string[] => {
  const cells = rows.map((row) => columns.map((c, i) => cut(row[i] ?? '', c.max, c.cut)));
  const widths = columns.map((c, i) => Math.max(length(c.header), ...cells.map((row) => length(row[i] ?? ''))));
  const line = (row: readonly string[]): string => columns.map((c, i) => pad(row[i] ?? '', widths[i] ?? 0, c.align)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)];
};

export const renderText = (blocks: readonly Block[], width: number): string => {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        if (out.length > 0) out.push('');
        out.push(...wrap(block.text, width, '', ''));
        break;
      case 'fields': {
        const labelWidth = Math.max(...block.entries.map(([label]) => length(label)));
        for (const [label, value] of block.entries) out.push(...wrap(value, width, ' '.repeat(labelWidth + 4), `  ${pad(label, labelWidth, 'left')}  `));
        break;
      }
      case 'table':
        out.push('', ...textTable(block.columns, block.rows).map((l) => `  ${l}`));
        break;
      case 'text':
        out.push('', ...wrap(block.text, width, '  '));
        break;
      case 'list':
        for (const item of block.items) out.push(...wrap(item, width, '    ', '  ! '));
        break;
    }
  }
  return `${out.join('\n')}\n`;
};

// ---------------------------------------------------------------------------------------------
// Markdown

const mdCell = (text: string): string => text.replace(/[\\|*_<>`]/g, '\\$&');

export const renderMarkdown = (blocks: readonly Block[]): string => {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`## ${block.text}`, '');
        break;
      case 'fields':
        for (const [label, value] of block.entries) out.push(`- **${label}**: ${label.includes('sha256') ? `\`${value}\`` : mdCell(value)}`);
        out.push('');
        break;
      case 'table':
        out.push(
          `| ${block.columns.map((c) => mdCell(c.header)).join(' | ')} |`,
          `| ${block.columns.map((c) => (c.align === 'right' ? '---:' : ':---')).join(' | ')} |`,
          ...block.rows.map((row) => `| ${block.columns.map((_, i) => mdCell(row[i] ?? '')).join(' | ')} |`),
          '',
        );
        break;
      case 'text':
        out.push(block.text, '');
        break;
      case 'list':
        out.push(...block.items.map((item) => `- ${item}`), '');
        break;
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
};
