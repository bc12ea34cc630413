// Quoting, checked against the real readers: bash reads back every shell-quoted value exactly,
// Python's shlex configured as Flux's directive parser reads back every `# flux:` value, and a
// transcription of sbatch's `#SBATCH` argument splitter reads back every Slurm value. (The real
// sbatch reads a job name with `;` and spaces in the Slurm end-to-end test.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fluxDirectiveQuote, requireSingleLine, shellQuote, shellWords, slurmDirectiveQuote } from '../../src/core/submit/shell-quote.js';
import { FractalError } from '../../src/core/errors.js';

const NASTY = [
  'x; rm -rf ~',
  "it's",
  'say "hi"',
  'a\\b',
  '$(touch /tmp/pwned)',
  '`id`',
  '${HOME}',
  '~',
  'glob*?[x]',
  'a  b\tc',
  '#not a comment',
  'semi;colon&amp|pipe>redir<in',
  '',
  "''",
  'ünïcødé ✓',
  '-dash-first',
  '{{job_name}}',
  '100%',
  'plain-value_1.0',
];

test('shellQuote: bash reads back every value exactly, and runs none of it', () => {
  const script = `printf '%s\\0' ${NASTY.map(shellQuote).join(' ')}`;
  const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
  assert.deepEqual(out.split('\0').slice(0, -1), NASTY);
});

test('shellQuote leaves plain words bare and quotes everything else', () => {
  assert.equal(shellQuote('/usr/bin/node'), '/usr/bin/node');
  assert.equal(shellQuote('--width'), '--width');
  assert.equal(shellQuote('x; rm -rf ~'), "'x; rm -rf ~'");
  assert.equal(shellQuote("it's"), "'it'\\''s'");
  assert.equal(shellQuote(''), "''");
  assert.equal(shellWords(['a b', 'c']), "'a b' c");
});

test('fluxDirectiveQuote: shlex set up as Flux sets it up reads back every value', () => {
  const values = NASTY.filter((v) => v !== '');
  // flux/job/directives.py: shlex(value, posix=True, punctuation_chars=True), whitespace_split,
  // escapedquotes = "\"'"; the line is `--job-name=VALUE`
  const python = `
import shlex, sys, json
out = []
for line in sys.stdin.read().split("\\n")[:-1]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.escapedquotes = "\\"'"
    out.append(list(lexer))
print(json.dumps(out))`;
  const input = values.map((v) => `--job-name=${fluxDirectiveQuote(v)}\n`).join('');
  const parsed = JSON.parse(execFileSync('python3', ['-c', python], { input, encoding: 'utf8' })) as string[][];
  assert.deepEqual(
    parsed,
    values.map((v) => [`--job-name=${v}`]),
  );
});

/** sbatch's `_get_argument` (src/sbatch/opt.c, Slurm 22.05), transcribed: how it splits `#SBATCH` lines. */
const sbatchArguments = (line: string): string[] => {
  const args: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) return args;
    let arg = '';
    let quote = '';
    let escape = false;
    for (; i < line.length && (quote !== '' || !/\s/.test(line[i]!)); i++) {
      const c = line[i]!;
      if (escape) escape = false;
      else if (c === '\\') {
        escape = true;
        continue;
      } else if (quote !== '') {
        if (c === quote) {
          quote = '';
          continue;
        }
      } else if (c === '"' || c === "'") {
        quote = c;
        continue;
      } else if (c === '#') return [...args, ...(arg ? [arg] : [])];
      arg += c;
    }
    assert.equal(quote, '', `unmatched quote in ${line}`);
    args.push(arg);
  }
};

test('slurmDirectiveQuote: sbatch\'s own splitting reads back every value as one argument', () => {
  for (const value of NASTY.filter((v) => v !== '')) {
    assert.deepEqual(sbatchArguments(`--job-name=${slurmDirectiveQuote(value)} # trailing comment`), [`--job-name=${value}`], value);
  }
});

test('requireSingleLine refuses what would end a directive line and start a shell command', () => {
  for (const bad of ['a\nrm -rf ~', 'a\rb', 'nul\0', 'esc\x1b[0m']) {
    assert.throws(
      () => requireSingleLine('--job-name', bad),
      (e: unknown) => e instanceof FractalError && e.code === 'E_SUBMIT_CONTROL_CHAR' && e.message.startsWith('--job-name: expected one line'),
    );
  }
  assert.equal(requireSingleLine('--job-name', 'x; rm -rf ~'), 'x; rm -rf ~');
});
