// A placeholder must stand bare (issue 10, defect 14): values are quoted as whole shell words,
// which is safe there and only there. Quotes, here-documents and substitutions are refused with
// file:line:column; the built-in templates pass.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FractalError } from '../../src/core/errors.js';
import { renderTemplate } from '../../src/core/submit/render-template.js';
import { placeholderSites } from '../../src/core/submit/shell-context.js';
import { shellQuote } from '../../src/core/submit/shell-quote.js';

const contexts = (text: string) => placeholderSites(text).map((s) => `${s.name}@${s.line}:${s.column} ${s.context}`);

test('where a placeholder stands, as bash reads the template', () => {
  assert.deepEqual(contexts('echo {{a}} x{{b}}y --k={{c}}\n'), ['a@1:6 bare', 'b@1:13 bare', 'c@1:24 bare']);
  assert.deepEqual(contexts("echo '{{a}}' \"{{b}}\" $'{{c}}' `{{d}}`\n"), ['a@1:7 single-quotes', 'b@1:15 double-quotes', 'c@1:24 single-quotes', 'd@1:32 backticks']);
  assert.deepEqual(contexts('x=$(echo {{a}}) ${X:-{{b}}} "$(cat {{c}})"\n'), ['a@1:10 command-substitution', 'b@1:22 parameter-expansion', 'c@1:36 command-substitution']);
  assert.deepEqual(contexts('cat <<EOF\nname {{a}}\nEOF\necho {{b}}\n'), ['a@2:6 here-document', 'b@4:6 bare']);
  assert.deepEqual(contexts("cat <<-'END' >f; echo {{a}}\n\tbody {{b}}\n\tEND\n{{c}}\n"), ['a@1:23 bare', 'b@2:7 here-document', 'c@4:1 bare']);
  assert.deepEqual(contexts('cat <<<{{a}}\n'), ['a@1:8 bare']);
  // a comment is never read by bash, quotes in it are only text (a leader's address)
  assert.deepEqual(contexts("# the leader's job: {{a}}\necho {{b}} # it's {{c}}\n"), ['a@1:21 comment', 'b@2:6 bare', 'c@2:19 comment']);
  // escapes, and quotes that close before the placeholder
  assert.deepEqual(contexts('echo \\" {{a}} "job "{{b}}" done" \\\'{{c}}\n'), ['a@1:9 bare', 'b@1:21 bare', 'c@1:36 bare']);
  // arithmetic inside a substitution closes where bash closes it
  assert.deepEqual(contexts('for r in $(seq 0 $((N - 1))); do x {{a}}; done\n'), ['a@1:36 bare']);
  // \{{ is no placeholder (Flux's own templates), wherever it stands
  assert.deepEqual(contexts("flux run --output='\\{{id}}.out' {{a}}\n"), ['a@1:33 bare']);
});

const refused = (text: string, where: string, why: RegExp) =>
  assert.throws(
    () => renderTemplate({ text, path: 'my.sh' }, { job_name: shellQuote('$(touch X)') }),
    (e: unknown) =>
      e instanceof FractalError &&
      e.kind === 'input' &&
      e.code === 'E_TEMPLATE_PLACEHOLDER' &&
      e.message.startsWith(`my.sh:${where}: {{job_name}} stands `) &&
      why.test(e.message) &&
      e.suggestions.some((s) => s.includes('use the placeholder bare')),
  );

test('a placeholder inside quotes, a here-document or a substitution is refused with file:line:column and why', () => {
  refused('#!/bin/bash\necho "{{job_name}}"\n', '2:7', /inside double quotes: the shell would still run \$\( \)/);
  refused("echo '{{job_name}}'\n", '1:7', /inside single quotes/);
  refused('cat <<EOF\n{{job_name}}\nEOF\n', '2:1', /inside a here-document/);
  refused('echo `echo {{job_name}}`\n', '1:12', /inside `…`/);
  refused('echo $(echo {{job_name}})\n', '1:13', /inside \$\( \)/);
  refused('echo ${N:-{{job_name}}}\n', '1:11', /inside \$\{ \}/);
});

test('bare, the quoted value is one word for bash: a job name like $(touch X) is printed, never run', () => {
  const script = renderTemplate({ text: 'echo {{job_name}}\necho "job "{{job_name}}" done"\n', path: 'my.sh' }, { job_name: shellQuote("$(touch X); it's `id`") });
  const cwd = mkdtempSync(join(tmpdir(), 'fractal-quoting-'));
  try {
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8', cwd });
    assert.equal(out, "$(touch X); it's `id`\njob $(touch X); it's `id` done\n");
    assert.deepEqual(readdirSync(cwd), []);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('the built-in templates pass: every placeholder in them stands bare', () => {
  const dir = fileURLToPath(new URL('../../templates/', import.meta.url));
  for (const file of readdirSync(dir)) {
    const sites = placeholderSites(readFileSync(`${dir}${file}`, 'utf8'));
    assert.ok(sites.length > 5, file);
    assert.deepEqual(sites.filter((s) => s.context !== 'bare'), [], file);
  }
});
