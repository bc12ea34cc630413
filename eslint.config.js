// ESLint for fractal (`npm run lint`, run by CI before the tests): typescript-eslint's type-checked
// rules, the layering of STYLE.md, no import cycles, and file and line lengths.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { maxCodeLength } from './scripts/eslint-rules/max-code-length.js';
import { noImportCycle } from './scripts/eslint-rules/no-import-cycle.js';

// ---- the layering: which files may import what ------------------------------------------------

/**
 * Each row: a group of modules and the only files allowed to import them. STYLE.md: arrows point
 * commands -> cli -> core -> protocol, and each outside library enters through one file, so
 * replacing it touches that file only.
 */
const IMPORT_RULES = [
  { modules: ['@oclif/*'], only: ['src/cli/**', 'src/commands/**'], why: 'core and protocol never import oclif: the cli layer adapts it' },
  { modules: ['**/cli/**'], only: ['src/cli/**', 'src/commands/**'], why: 'arrows point commands -> cli -> core -> protocol' },
  { modules: ['**/commands/**'], only: ['src/commands/**'], why: 'arrows point commands -> cli -> core -> protocol' },
  { modules: ['**/core/**'], only: ['src/cli/**', 'src/commands/**', 'src/core/**'], why: 'protocol never imports core: core uses protocol' },
  { modules: ['pngjs'], only: ['src/core/image/**'], why: 'PNG files are written and read in core/image/ only' },
  { modules: ['@grpc/*'], only: ['src/protocol/**'], why: 'gRPC is loaded and spoken in src/protocol/ only' },
  {
    modules: ['execa', 'child_process', 'node:child_process'],
    only: ['src/core/child-process.ts'],
    why: 'every child process starts through core/child-process.ts',
  },
  { modules: ['vega', '@resvg/*'], only: ['src/core/metrics/scaling-plot.ts'], why: 'the scaling plot is drawn in core/metrics/scaling-plot.ts only' },
];

/** The folders whose files share one set of import rules (flat config: one entry per rule per file). */
const SRC_AREAS = [
  'src/commands/**',
  'src/cli/**',
  'src/core/image/**',
  'src/core/child-process.ts',
  'src/core/metrics/scaling-plot.ts',
  'src/core/**',
];

/** A glob of SRC_AREAS matched the way ESLint's minimatch would, for the few patterns used here. */
const covers = (allowed, area) => {
  const prefix = (glob) => glob.replace(/\*\*$/, '');
  return allowed.some((glob) => (glob.endsWith('**') ? area.startsWith(prefix(glob)) : glob === area));
};

// An import specifier glob as an esquery regular expression, for import() calls:
// '**/cli/**' matches '../cli/x.js', '@grpc/*' matches '@grpc/grpc-js'.
const globToRegExp = (glob) => {
  const source = glob
    .split(/(\*\*\/|\/\*\*|\*)/)
    .map((part) => ({ '**/': '(.*\\/)?', '/**': '(\\/.*)?', '*': '[^\\/]*' })[part] ?? part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('');
  return `/^${source}$/`;
};

/**
 * One entry per area: the modules it may not import, as no-restricted-imports (static imports and
 * re-exports) and as no-restricted-syntax on import() (which no-restricted-imports does not see).
 * An area takes the first (most specific) matching entry because later SRC_AREAS exclude earlier ones.
 */
const layeringConfigs = SRC_AREAS.map((area, index) => {
  const rules = IMPORT_RULES.filter((rule) => !covers(rule.only, area));
  const patterns = rules.map((rule) => ({ group: rule.modules, message: rule.why }));
  const dynamic = rules.flatMap((rule) =>
    rule.modules.map((module) => ({ selector: `ImportExpression > Literal[value=${globToRegExp(module)}]`, message: rule.why })),
  );
  return {
    name: `fractal/layering ${area}`,
    files: [area],
    ignores: SRC_AREAS.slice(0, index),
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': ['error', ...dynamic],
    },
  };
});

// ---- the configuration --------------------------------------------------------------------------

export default defineConfig(
  {
    name: 'fractal/ignores',
    ignores: [
      'dist/**',
      'node_modules/**',
      'runs/**',
      'out/**',
      '.scratch/**',
      // written by @grpc/proto-loader's generator and protobufjs's pbjs (npm run proto:generate); a test keeps them current
      'src/protocol/generated/**',
    ],
  },
  {
    name: 'fractal/linter',
    // a suppression that suppresses nothing is a stale one
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    name: 'fractal/plugin',
    plugins: { fractal: { rules: { 'max-code-length': maxCodeLength, 'no-import-cycle': noImportCycle } } },
  },
  tseslint.configs.recommendedTypeChecked,
  {
    name: 'fractal/typescript',
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'fractal/no-import-cycle': 'error',
      // Off: an async function here is one that meets an interface returning a promise (oclif's
      // flag parse and catch, LeaderDiscovery.find, test doubles); the rule cannot tell those from
      // a forgotten await, and no-floating-promises and no-misused-promises catch the real hazards.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    name: 'fractal/javascript',
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'fractal/console-page',
    // the live console's page runs in the browser, as it is (no build step)
    files: ['console/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },
  {
    name: 'fractal/lengths',
    rules: {
      'fractal/max-code-length': ['error', { max: 140 }],
    },
  },
  {
    name: 'fractal/src-file-length',
    files: ['src/**'],
    rules: {
      'max-lines': ['error', { max: 400 }],
    },
  },
  {
    name: 'fractal/core-stays-quiet',
    files: ['src/core/**'],
    rules: {
      // STYLE.md: core never prints, exits or reads the environment; those are the cli layer's
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'core takes the environment as a parameter (an Environment)' },
        { object: 'process', property: 'exit', message: 'core throws a FractalError; the base command decides the exit code' },
      ],
    },
  },
  {
    name: 'fractal/tests',
    files: ['test/**'],
    rules: {
      // node:test's test() and describe() return promises the runner awaits itself
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      // Off in tests: they read what the CLI wrote (JSON.parse gives any) and look inside it, and
      // build deliberately ill-typed values to feed the parsers; the assertions are the type check.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  ...layeringConfigs,
);
