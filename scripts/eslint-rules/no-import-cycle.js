// ESLint rule: no import cycles between the project's own files, counting every kind of import:
// static, type-only, re-exports and dynamic import(). eslint-plugin-import-x's no-cycle skips
// type-only imports, so a cycle made of `import type` one way and `await import()` the other (the
// kind fractal had in metrics/) passes it; STYLE.md forbids those too, because either side still
// cannot be understood, moved or tested without the other.
//
// The graph comes from the TypeScript program typed linting already builds (parserOptions.project):
// every file's imports are resolved once per program with TypeScript's own module resolution, so
// `./x.js` finds `x.ts` exactly as tsc does. Packages (node_modules) are not followed.
import ts from 'typescript';

/** program -> (file -> the project files it imports) */
const graphs = new WeakMap();

/** The module specifiers of every import, export-from, import() and import("x").T in a file. */
const specifiersOf = (sourceFile) => {
  const specifiers = [];
  const visit = (node) => {
    const declaration = ts.isImportDeclaration(node) || ts.isExportDeclaration(node);
    if (declaration && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) specifiers.push(first.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) specifiers.push(expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return specifiers;
};

/** The project file a specifier names, or undefined for a package or a file TypeScript cannot find. */
const resolveIn = (program, specifier, fromFile) => {
  const resolved = ts.resolveModuleName(specifier, fromFile, program.getCompilerOptions(), ts.sys).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return undefined;
  return program.getSourceFile(resolved.resolvedFileName)?.fileName;
};

const graphOf = (program) => {
  let graph = graphs.get(program);
  if (graph) return graph;
  graph = new Map();
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile)) continue;
    const targets = new Set();
    for (const specifier of specifiersOf(sourceFile)) {
      const target = resolveIn(program, specifier, sourceFile.fileName);
      if (target !== undefined) targets.add(target);
    }
    graph.set(sourceFile.fileName, targets);
  }
  graphs.set(program, graph);
  return graph;
};

/** The shortest chain of imports from `from` back to `to`, or undefined when there is none. */
const pathBetween = (graph, from, to) => {
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === to) {
      const path = [];
      for (let at = file; at !== null; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of graph.get(file) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
};

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between project files, type-only and dynamic imports included' },
    schema: [],
    messages: { cycle: 'import cycle: {{chain}}; move what both sides need into a module of its own' },
  },
  create(context) {
    const program = context.sourceCode.parserServices?.program;
    if (!program) return {};
    const graph = graphOf(program);
    const self = program.getSourceFile(context.filename)?.fileName;
    if (self === undefined) return {};
    const show = (file) => (file.startsWith(`${context.cwd}/`) ? file.slice(context.cwd.length + 1) : file);
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolveIn(program, source.value, self);
      if (target === undefined) return;
      const back = pathBetween(graph, target, self);
      if (back) context.report({ node, messageId: 'cycle', data: { chain: [self, ...back].map(show).join(' -> ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
    };
  },
};
