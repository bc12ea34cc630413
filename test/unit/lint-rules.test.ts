// fractal's own ESLint rules (scripts/eslint-rules/): the import-cycle check counts type-only and
// dynamic imports, which eslint-plugin-import-x's no-cycle skips; the line-length check counts
// code, not the text of literals.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { REPO_ROOT } from '../helpers/cli.js';

const loadRule = async (file: string, name: string): Promise<Rule.RuleModule> => {
  const module = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'eslint-rules', file)).href)) as Record<string, Rule.RuleModule>;
  return module[name]!;
};

const lint = async (dir: string, rules: Record<string, Rule.RuleModule>, ruleConfig: Linter.RulesRecord): Promise<string[]> => {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { fractal: { rules } },
        rules: ruleConfig,
      },
    ],
  });
  const results = await eslint.lintFiles(['*.ts']);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${m.line} ${m.message}`)).sort();
};

const withProject = async (files: Record<string, string>, body: (dir: string) => Promise<void>): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'fractal-lint-'));
  try {
    const compilerOptions = { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

test('a cycle of a type-only import one way and a dynamic import the other is reported on both sides', async () => {
  const noImportCycle = await loadRule('no-import-cycle.js', 'noImportCycle');
  await withProject(
    {
      'plot.ts': "import type { Format } from './summary.js';\nexport const draw = (format: Format): string => format;\n",
      'summary.ts': "export type Format = 'png' | 'svg';\nexport const plot = async (): Promise<unknown> => import('./plot.js');\n",
      'apart.ts': "import type { Format } from './summary.js';\nexport const name: Format = 'png';\n",
    },
    async (dir) => {
      assert.deepEqual(await lint(dir, { 'no-import-cycle': noImportCycle }, { 'fractal/no-import-cycle': 'error' }), [
        'plot.ts:1 import cycle: plot.ts -> summary.ts -> plot.ts; move what both sides need into a module of its own',
        'summary.ts:2 import cycle: summary.ts -> plot.ts -> summary.ts; move what both sides need into a module of its own',
      ]);
    },
  );
});

test('line length counts code: a long message is one literal, long code is not', async () => {
  const maxCodeLength = await loadRule('max-code-length.js', 'maxCodeLength');
  const message = 'x'.repeat(150);
  const code = `export const code = [${Array.from({ length: 40 }, (_, i) => i).join(', ')}];`;
  await withProject(
    {
      'lines.ts': [
        `export const message = '${message}';`,
        `export const pattern = /${message}/;`,
        `export const template = (n: number): string => \`${message} \${n}\`;`,
        code,
        '// https://example.org/' + 'a'.repeat(150),
        '',
      ].join('\n'),
    },
    async (dir) => {
      assert.deepEqual(await lint(dir, { 'max-code-length': maxCodeLength }, { 'fractal/max-code-length': ['error', { max: 140 }] }), [
        `lines.ts:4 this line has ${code.length} characters of code (literals not counted); at most 140`,
      ]);
    },
  );
});
