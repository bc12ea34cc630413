// The CLI input corpus (issue 10, harness item 2): every command and every number and string
// flag against hostile values (NaN, Infinity, hex, 1e400, huge, negative, empty, unicode, escapes,
// 10 KB). Each case must end with the documented exit code (2 usage, 3 bad input; 0 where the
// value is fine for a --dry-run), one clear error line (hints below it, no stack trace, no
// "unexpected failure", no raw control character), nothing on stdout, and no file left behind in
// its own fresh working directory. All cases run in one child process (runCliBatch): about a
// thousand command lines in seconds.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCliBatch } from '../helpers/cli-in-process.js';
import { hasRawControl } from '../helpers/control-characters.js';

const HOSTILE = {
  nan: 'NaN',
  infinity: 'Infinity',
  minusInfinity: '-Infinity',
  hex: '0x10',
  overflow: '1e400',
  huge: '99999999999999999999',
  negative: '-5',
  zero: '0',
  empty: '',
  unicode: 'ünï😀',
  escapes: 'a\x1b[2J\x1b]0;owned\x07b',
  long: 'x'.repeat(10_240),
  longDigits: '9'.repeat(10_240),
} as const;
type Hostile = keyof typeof HOSTILE;
const ALL = Object.keys(HOSTILE) as Hostile[];

/** What each hostile value must give for a kind of flag: an exit code, or skip (a valid value). */
type Expectation = Partial<Record<Hostile, number>>;
const every = (code: number, except: Expectation = {}, skip: Hostile[] = []): Expectation =>
  Object.fromEntries(ALL.filter((v) => !skip.includes(v)).map((v) => [v, except[v] ?? code]));

const KINDS = {
  /** Image sizes: not an integer is a usage error, an integer the picture cannot use bad input. */
  imageInteger: every(2, { huge: 3, negative: 3, zero: 3, longDigits: 3 }),
  /** Bounded integers (threads, workers, ports, ...): anything outside the range is a usage error. */
  integer: every(2),
  /** Integers for which 0 is a fine value (ports, rank 0). */
  integerFromZero: every(2, {}, ['zero']),
  seconds: every(2),
  /** --xpos/--ypos: any finite decimal is a place in the plane. */
  coordinate: every(2, {}, ['huge', 'negative', 'zero']),
  /** --escape-radius: a positive decimal. */
  radius: every(2, { negative: 3, zero: 3 }, ['huge']),
  option: every(2),
  palette: every(3),
  /** A file to write: any name is a name, but none at all, or one too long for the file system. */
  output: { empty: 2, long: 3, longDigits: 3 },
  /** A file to read that is not there. */
  input: every(3, { empty: 2 }),
  host: { empty: 2, unicode: 2, escapes: 2, long: 2, negative: 2, minusInfinity: 2 },
  token: { empty: 3, unicode: 3, escapes: 3, long: 3, longDigits: 3 },
  nodes: every(2),
  time: every(2),
  /** A name for the scheduler, with --dry-run: printed into the script, quoted, if it is one line. */
  name: { empty: 2, escapes: 3, unicode: 0, long: 0, nan: 0 },
  /** A results file, directory or pattern to summarise that is not there. */
  // '-Infinity' reads as a flag (a usage error); '-5' as a path
  summarizeInput: every(3, { empty: 2, minusInfinity: 2 }),
} satisfies Record<string, Expectation>;
type Kind = keyof typeof KINDS;

const IMAGE = { width: '64', height: '48', smoothness: '1' };
const IMAGE_FLAGS: Record<string, Kind> = {
  width: 'imageInteger',
  height: 'imageInteger',
  smoothness: 'imageInteger',
  iters: 'imageInteger',
  step: 'imageInteger',
  xpos: 'coordinate',
  ypos: 'coordinate',
  'escape-radius': 'radius',
  palette: 'palette',
  coloring: 'option',
  outfile: 'output',
};
const LEADER_FLAGS: Record<string, Kind> = {
  chunk: 'integer',
  'join-timeout': 'seconds',
  'heartbeat-timeout': 'seconds',
  'min-workers': 'integer',
  http: 'integerFromZero',
  results: 'output',
  'run-dir': 'output',
  token: 'token',
  'token-file': 'input',
};
const WORKER_FLAGS: Record<string, Kind> = { 'connect-timeout': 'seconds', credits: 'integer', threads: 'integer' };

interface CommandCorpus {
  /** The command and what every case of it gets, unless the flag under test replaces it. */
  command: string[];
  base: Record<string, string>;
  flags: Record<string, Kind>;
  /** Positional arguments after the flags. */
  args?: string[];
}

// A command that wrongly accepts a value gives up fast: a leader after 2 s, a worker after 1 s.
const CORPUS: CommandCorpus[] = [
  { command: ['render'], base: { ...IMAGE }, flags: { ...IMAGE_FLAGS, threads: 'integer', chunk: 'integer', results: 'output' } },
  { command: ['palettes'], base: { swatch: 'swatch.png' }, flags: { step: 'imageInteger', swatch: 'output' } },
  {
    command: ['leader'],
    base: { ...IMAGE, host: '127.0.0.1:0', 'join-timeout': '2' },
    flags: { ...IMAGE_FLAGS, ...LEADER_FLAGS, workers: 'integer', host: 'host' },
  },
  { command: ['worker'], base: { 'connect-timeout': '1' }, flags: { ...WORKER_FLAGS, host: 'host', rank: 'integer', 'run-dir': 'output', token: 'token', 'token-file': 'input', 'tls-ca': 'input' } },
  {
    command: ['run'],
    base: { ...IMAGE, rank: '0', size: '2', port: '0', bind: '127.0.0.1', 'join-timeout': '2', 'connect-timeout': '1' },
    flags: { ...IMAGE_FLAGS, ...LEADER_FLAGS, ...WORKER_FLAGS, port: 'integerFromZero', rank: 'integerFromZero', size: 'integer', local: 'integer', bind: 'host', host: 'host' },
  },
  {
    command: ['submit'],
    base: { ...IMAGE, 'dry-run': '', scheduler: 'slurm' },
    flags: {
      ...IMAGE_FLAGS,
      scheduler: 'option',
      nodes: 'nodes',
      'tasks-per-node': 'integer',
      repeat: 'integer',
      time: 'time',
      queue: 'name',
      account: 'name',
      'job-name': 'name',
      directive: 'name',
      template: 'input',
      'run-dir': 'output',
      threads: 'integer',
      chunk: 'integer',
      'join-timeout': 'seconds',
      'connect-timeout': 'seconds',
    },
  },
  {
    command: ['metrics', 'summarize'],
    base: {},
    flags: { format: 'option', table: 'option', 'scale-by': 'option', 'outlier-threshold': 'integer', plot: 'output' },
    args: ['no-such-run'],
  },
];

interface Case {
  name: string;
  args: string[];
  code: number;
}

const argsFor = (corpus: CommandCorpus, flag: string, value: string): string[] => {
  const flags = { ...corpus.base, [flag]: value };
  // --local starts every rank itself: it goes without --rank and --size
  if (flag === 'local') {
    delete flags['rank'];
    delete flags['size'];
  }
  const rendered = Object.entries(flags).map(([name, v]) => (v === '' && name !== flag ? `--${name}` : `--${name}=${v}`));
  return [...corpus.command, ...rendered, ...(corpus.args ?? [])];
};

const CASES: Case[] = CORPUS.flatMap((corpus) =>
  Object.entries(corpus.flags).flatMap(([flag, kind]) =>
    Object.entries(KINDS[kind]).map(([value, code]) => ({
      name: `${corpus.command.join(' ')} --${flag}=<${value}>`,
      args: argsFor(corpus, flag, HOSTILE[value as Hostile]),
      code,
    })),
  ),
);

// commands, arguments and flags that do not exist, and positional arguments everywhere
const EXTRA: Case[] = [
  ...Object.entries(HOSTILE).map(([value, text]) => ({ name: `metrics summarize <${value}>`, args: ['metrics', 'summarize', text], code: KINDS.summarizeInput[value as Hostile]! })),
  ...CORPUS.map((c) => ({ name: `${c.command.join(' ')} --no-such-flag`, args: [...c.command, '--no-such-flag=NaN'], code: 2 })),
  ...['render', 'palettes', 'leader', 'worker', 'run', 'submit', 'version'].map((command) => ({ name: `${command} <an argument it takes none of>`, args: [command, 'NaN'], code: 2 })),
  { name: 'an unknown command', args: ['ünï😀'], code: 2 },
];
const ALL_CASES = [...CASES, ...EXTRA];

const root = mkdtempSync(join(tmpdir(), 'fractal-hostile-'));
after(() => rmSync(root, { recursive: true, force: true }));
const dirs = ALL_CASES.map((_, i) => join(root, String(i)));
const started = performance.now();
const batch = runCliBatch(
  ALL_CASES.map((c, i) => {
    mkdirSync(dirs[i]!);
    return { args: c.args, cwd: dirs[i]!, env: { FRACTAL_TOKEN: null, FRACTAL_TOKEN_FILE: null, FRACTAL_SCHEDULER: null } };
  }),
  240_000,
);

const MAX_LINE = 520;

/** Everything wrong with one case's outcome, as text (empty when all is well). */
const problemsOf = (c: Case, result: { code: number | null; stdout: string; stderr: string }, left: string[]): string[] => {
  const problems: string[] = [];
  if (result.code !== c.code) problems.push(`exit ${result.code}, expected ${c.code}`);
  if (left.length > 0) problems.push(`left ${left.join(', ')}`);
  if (hasRawControl(result.stdout + result.stderr)) problems.push('raw control characters in the output');
  if (c.code === 0) return problems;
  const lines = result.stderr.replace(/\n$/, '').split('\n');
  const [first = '', ...rest] = lines;
  if (!/^(Error: | › {3}Error: )\S/.test(first)) problems.push(`first line is not an error: ${JSON.stringify(first.slice(0, 200))}`);
  if (first.length > MAX_LINE) problems.push(`error line of ${first.length} characters`);
  if (/unexpected failure|\n\s+at \S+ \(|TypeError|RangeError|SyntaxError/.test(result.stderr)) problems.push(`looks like a crash: ${result.stderr.slice(0, 300)}`);
  const stray = rest.filter((line) => !line.startsWith('  hint: '));
  if (stray.length > 0) problems.push(`more than one line besides hints: ${JSON.stringify(stray.slice(0, 3))}`);
  if (result.stdout !== '') problems.push(`stdout: ${JSON.stringify(result.stdout.slice(0, 200))}`);
  return problems;
};

// one test per command and flag, listing every hostile value it got wrong
const groups = new Map<string, number[]>();
ALL_CASES.forEach((c, i) => {
  const key = c.name.replace(/=<[^>]*>$/, '').replace(/ <[^>]*>$/, ' <argument>');
  groups.set(key, [...(groups.get(key) ?? []), i]);
});

for (const [group, indexes] of groups) {
  test(`${group}: ${indexes.length} hostile value(s), each a documented exit code and one clear line`, async () => {
    const results = await batch;
    const failures = indexes.flatMap((i) => {
      const problems = problemsOf(ALL_CASES[i]!, results[i]!, readdirSync(dirs[i]!));
      return problems.length === 0 ? [] : [`${ALL_CASES[i]!.name}: ${problems.join('; ')}\n    stderr: ${results[i]!.stderr.slice(0, 300)}`];
    });
    assert.deepEqual(failures, []);
  });
}

test(`the corpus is large and fast: ${ALL_CASES.length} cases`, async () => {
  await batch;
  const seconds = (performance.now() - started) / 1000;
  assert.ok(ALL_CASES.length > 500, String(ALL_CASES.length));
  assert.ok(seconds < 60, `${seconds.toFixed(1)} s`);
});

test('with --json a refused value is a JSON error on stdout with its exit code', async () => {
  const [result] = await runCliBatch([{ args: ['render', '--width=NaN', '--json'], cwd: root }]);
  assert.equal(result!.code, 2);
  const answer = JSON.parse(result!.stdout) as { error: { kind: string; code: string; exitCode: number; message: string } };
  assert.deepEqual([answer.error.kind, answer.error.exitCode], ['usage', 2]);
  assert.match(answer.error.message, /^--width: Expected an integer but received: NaN$/);
});
