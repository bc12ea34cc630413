// Every fractal command extends this: one place turns any failure into a short message, hints and
// a documented exit code. Stack traces only with --debug or FRACTAL_DEBUG=1.
import { inspect } from 'node:util';
import { Command, Flags, Errors, type Interfaces } from '@oclif/core';
import { FractalError, isFractalError } from '../core/errors.js';
import { exitCodeFor } from './exit-codes.js';
import { elideMiddle, printable } from './format.js';

export abstract class BaseCommand extends Command {
  static baseFlags = {
    debug: Flags.boolean({
      description: 'Print stack traces and internal details of failures (also FRACTAL_DEBUG=1).',
      helpGroup: 'GLOBAL',
    }),
  };

  protected get debugEnabled(): boolean {
    return this.argv.includes('--debug') || process.env['FRACTAL_DEBUG'] === '1';
  }

  protected async catch(error: Interfaces.CommandError): Promise<unknown> {
    const failure = toFractalError(error);
    if (failure === 'exit') throw error;
    process.exitCode = exitCodeFor(failure.kind);
    if (this.jsonEnabled()) {
      const { kind, code, message, suggestions } = failure;
      process.stdout.write(`${JSON.stringify({ error: { kind, code, message, suggestions, exitCode: process.exitCode } }, null, 2)}\n`);
      return undefined;
    }
    const lines = [...terminalLines(`Error: ${failure.message}`), ...failure.suggestions.flatMap((s) => terminalLines(`  hint: ${s}`))];
    if (this.debugEnabled) lines.push('', describeCauses(error));
    else if (failure.kind === 'bug') lines.push('  hint: rerun with --debug (or FRACTAL_DEBUG=1) for the stack trace, and report it');
    process.stderr.write(`${lines.join('\n')}\n`);
    return undefined;
  }
}

/** oclif's own parse errors are usage errors; its exit requests pass through. */
const toFractalError = (error: Interfaces.CommandError): FractalError | 'exit' => {
  if (isFractalError(error)) {
    // thrown from a flag's own parser, it comes back with oclif's decoration around it
    error.message = stripOclifDecoration(error.message);
    return error;
  }
  if (error instanceof Errors.ExitError) return 'exit';
  const oclif = (error as { oclif?: { exit?: number } }).oclif;
  if (error instanceof Errors.CLIError || oclif?.exit === 2) {
    return new FractalError(stripOclifDecoration(error.message), {
      kind: 'usage',
      code: 'E_USAGE',
      suggestions: ['see --help for the flags and examples'],
      cause: error,
    });
  }
  return new FractalError(`unexpected failure: ${error.message}`, { kind: 'bug', code: 'E_BUG', cause: error });
};

/** A terminal colour sequence, ESC [ … m (ESC spelled out: a control character in a pattern reads as a mistake). */
const SGR_SEQUENCE = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, 'g');

/**
 * oclif's `Parsing --width \n\tExpected an integer…\nSee more help with --help`, and its lists of
 * failed flag checks (`The following error occurred:\n  …`), as one line each:
 * `--width: Expected an integer…`; a message of ours that already names its flag keeps its own words.
 */
const stripOclifDecoration = (message: string): string => {
  // oclif dims parts of its messages on a terminal: its colours are not text
  const text = message.replace(SGR_SEQUENCE, '').replace(/\nSee more help with --help$/, '');
  const listed = /^The following errors? occurred:\n/.exec(text);
  if (listed) {
    return text
      .slice(listed[0].length)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('; ');
  }
  const parsing = /^Parsing (--[\w-]+) ?\n\t/.exec(text);
  if (!parsing) return text.replace(/\s*\n\t/g, ': ').trim();
  const inner = text.slice(parsing[0].length).trim();
  return inner.startsWith(parsing[1]!) ? inner : `${parsing[1]}: ${inner}`;
};

/**
 * What reaches the terminal: each line of a message with its control characters escaped (a
 * message can quote a peer's host name or a file's field) and its middle left out when a huge
 * value would make it unreadable.
 */
const terminalLines = (text: string): string[] => text.split('\n').map((line) => elideMiddle(printable(line)));

const describeCauses = (error: unknown): string => {
  const parts: string[] = [];
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : inspect(current));
    if (parts.length > 5) break;
  }
  return parts.join('\nCaused by: ');
};
