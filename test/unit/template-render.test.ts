// The template renderer: placeholders replaced and nothing else, unknown or malformed ones
// reported with file:line:column, `\{{` left alone, empty lines of empty blocks removed.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FractalError } from '../../src/core/errors.js';
import { TEMPLATE_PLACEHOLDERS } from '../../src/core/submit/build-job-script.js';
import { renderTemplate, templatePlaceholders } from '../../src/core/submit/render-template.js';

const render = (text: string, values: Record<string, string>, path = 'my.sh') => renderTemplate({ text, path }, values);

const failsWith = (fn: () => unknown, code: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof FractalError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.kind, 'input');
    assert.match(e.message, message);
    return true;
  });

test('placeholders are replaced by their values, verbatim, and only they', () => {
  const out = render('srun {{node}} {{fractal}} run --x {{x}}\n$HOME ${y} {single}\n', { node: '/usr/bin/node', fractal: "'/a b/run.js'", x: '1' });
  assert.equal(out, "srun /usr/bin/node '/a b/run.js' run --x 1\n$HOME ${y} {single}\n");
});

test('a value is never read as a template itself', () => {
  assert.equal(render('{{a}}\n', { a: '{{b}}', b: 'no' }), '{{b}}\n');
});

test('an unknown placeholder is an error naming file:line:column and the known names', () => {
  failsWith(() => render('#!/bin/bash\n\necho {{nodes}} {{nodez}}\n', { nodes: '4' }, 'custom/slurm.sh'), 'E_TEMPLATE_PLACEHOLDER', /^custom\/slurm\.sh:3:16: unknown placeholder \{\{nodez\}\}$/);
  try {
    render('{{nope}}', { nodes: '4', tasks: '8' });
  } catch (e) {
    assert.ok((e as FractalError).suggestions.some((s) => s.includes('nodes, tasks')));
  }
});

test('a placeholder alone on its line that is unknown is an error too', () => {
  failsWith(() => render('a\n  {{dirctives}}\n', { directives: '' }), 'E_TEMPLATE_PLACEHOLDER', /^my\.sh:2:3: unknown placeholder \{\{dirctives\}\}$/);
});

test('malformed placeholders are errors, not silently kept', () => {
  failsWith(() => render('x {{ nodes }}\n', { nodes: '4' }), 'E_TEMPLATE_PLACEHOLDER', /^my\.sh:1:3: malformed placeholder/);
  failsWith(() => render('x {{Nodes}}\n', { nodes: '4' }), 'E_TEMPLATE_PLACEHOLDER', /^my\.sh:1:3: malformed placeholder/);
  failsWith(() => render('ok\nx {{nodes\n', { nodes: '4' }), 'E_TEMPLATE_PLACEHOLDER', /^my\.sh:2:3: malformed placeholder/);
});

test('\\{{ is left as it is, for Flux\'s own {{id}} output templates', () => {
  assert.equal(render('flux run --output=task-\\{{taskid}}.out {{n}}\n', { n: '2' }), 'flux run --output=task-\\{{taskid}}.out 2\n');
});

test('a placeholder alone on its line: indented per line, and the line removed when empty', () => {
  const text = 'head\n{{directives}}\n\n  {{setup}}\ntail\n';
  assert.equal(render(text, { directives: '#SBATCH -N 4\n#SBATCH -n 4', setup: 'module load a\nsource venv/bin/activate' }), 'head\n#SBATCH -N 4\n#SBATCH -n 4\n\n  module load a\n  source venv/bin/activate\ntail\n');
  assert.equal(render(text, { directives: '', setup: '' }), 'head\n\ntail\n');
});

test('the built-in templates use only the documented placeholders, and all say that rank 0 leads', () => {
  const dir = fileURLToPath(new URL('../../templates/', import.meta.url));
  const names = readdirSync(dir).filter((f) => f.endsWith('.sh')).sort();
  assert.deepEqual(names, ['flux.sh', 'local.sh', 'lsf.sh', 'pbs.sh', 'sge.sh', 'slurm.sh']);
  for (const name of names) {
    const text = readFileSync(`${dir}${name}`, 'utf8');
    for (const used of templatePlaceholders(text)) assert.ok((TEMPLATE_PLACEHOLDERS as readonly string[]).includes(used), `${name}: {{${used}}}`);
    assert.match(text, /rank 0 becomes the leader/, name);
    assert.match(text, /\{\{fractal\}\} run \\/, `${name} runs fractal run`);
    assert.ok(!/\b(if|case|while)\b.*\{\{/.test(text), `${name}: no logic around placeholders`);
  }
});
