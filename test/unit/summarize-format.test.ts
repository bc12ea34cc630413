// Golden output of `fractal metrics summarize` in every format, from the fixture files.
// UPDATE_GOLDEN=1 rewrites the golden files; review the diff like code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, type SummaryFormat, type SummaryTable } from '../../src/core/metrics/format-summary.js';
import { summarizeResults, type SummarizeResultsReport } from '../../src/core/metrics/summarize-results.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/results/', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../golden/summarize/', import.meta.url));
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const CASES: Record<string, string[]> = {
  single: ['valid/single-run'],
  sweep: ['sweep'],
  mixed: ['sweep-mismatch', 'valid/render.json', 'valid/lost-worker/results.json'],
};

const EXTENSION: Record<SummaryFormat, string> = { table: 'txt', markdown: 'md', csv: 'csv', json: 'json' };

const summarize = (inputs: string[]): Promise<SummarizeResultsReport> =>
  summarizeResults({ inputs, cwd: FIXTURES, keepGoing: false, scaleBy: 'workers', outlierThreshold: 0.25 });

const golden = async (name: string, actual: string): Promise<void> => {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(path, actual);
  }
  const expected = await readFile(path, 'utf8').catch(() => assert.fail(`${path} is missing: run with UPDATE_GOLDEN=1 and review it`));
  assert.equal(actual, expected, `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`);
};

for (const [name, inputs] of Object.entries(CASES)) {
  for (const format of ['table', 'markdown', 'csv', 'json'] as const) {
    test(`golden: ${name} as ${format}`, async () => {
      await golden(`${name}.${EXTENSION[format]}`, formatSummary(await summarize(inputs), { format }));
    });
  }
}

for (const table of ['runs', 'nodes'] as const satisfies readonly SummaryTable[]) {
  test(`golden: sweep as csv --table ${table}`, async () => {
    await golden(`sweep-${table}.csv`, formatSummary(await summarize(CASES['sweep']!), { format: 'csv', table }));
  });
}

test('table format fits an 80-column terminal', async () => {
  for (const inputs of Object.values(CASES)) {
    const report = await summarize(inputs);
    for (const table of [undefined, 'runs', 'nodes', 'scaling'] as const) {
      for (const line of formatSummary(report, { format: 'table', table }).split('\n')) {
        assert.ok([...line].length <= 80, `${[...line].length} columns: ${line}`);
      }
    }
  }
});

test('long host names and run paths are shortened in tables, kept whole in csv', async () => {
  const report = await summarize(CASES['single']!);
  const long = structuredClone(report);
  long.runs[0]!.nodeMetrics[1]!.host = 'compute-node-0042.cluster.example.org';
  const text = formatSummary(long, { format: 'table', table: 'nodes' });
  assert.match(text, / compute-node-00…\s/);
  assert.match(formatSummary(long, { format: 'csv', table: 'nodes' }), /,compute-node-0042\.cluster\.example\.org,/);
});

/** RFC 4180 reader: enough to prove the output is one rectangular table. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
};

test('csv: one rectangular table, raw numbers, units in the column names', async () => {
  const report = await summarize(CASES['sweep']!);
  const scaling = parseCsv(formatSummary(report, { format: 'csv' }));
  assert.equal(scaling.length, 4, 'header + 3 node counts');
  for (const row of scaling) assert.equal(row.length, scaling[0]!.length);
  const header = scaling[0]!;
  const at = (row: string[], column: string): string => row[header.indexOf(column)]!;
  assert.deepEqual(scaling.slice(1).map((r) => [at(r, 'nodes'), at(r, 'median_ms'), at(r, 'speedup')]), [
    ['2', '2400', '1'],
    ['3', '1302', '1.8433'],
    ['5', '705', '3.4043'],
  ]);
  const nodes = parseCsv(formatSummary(report, { format: 'csv', table: 'nodes' }));
  assert.equal(nodes.length, 1 + report.runs.reduce((s, r) => s + r.nodeMetrics.length, 0));
  assert.ok(nodes[0]!.includes('compute_ms') && nodes[0]!.includes('max_rss_bytes'));
  const single = parseCsv(formatSummary(await summarize(CASES['single']!), { format: 'csv' }));
  assert.equal(single[0]![1], 'rank', 'one run: the nodes table by default');
});

test('markdown: every table row has as many cells as its header', async () => {
  const text = formatSummary(await summarize(CASES['mixed']!), { format: 'markdown', table: 'nodes' });
  const cells = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
  let header = 0;
  let tables = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      header = 0;
      continue;
    }
    if (header === 0) {
      header = cells(line);
      tables++;
    } else assert.equal(cells(line), header, line);
  }
  assert.ok(tables >= 12, `found ${tables} tables`);
  assert.match(text, /\| worker\\\* \|/, 'the lost-worker marker is escaped');
});

test('json format is the report itself', async () => {
  const report = await summarize(CASES['sweep']!);
  assert.deepEqual(JSON.parse(formatSummary(report, { format: 'json' })), JSON.parse(JSON.stringify(report)));
});
