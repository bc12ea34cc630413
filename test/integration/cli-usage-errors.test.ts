// Command lines that could never work are usage errors at once (issue 10, defects 4 and 13),
// not a wait without end or a misleading message.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCliBatch } from '../helpers/cli-in-process.js';

const root = mkdtempSync(join(tmpdir(), 'fractal-usage-'));
after(() => rmSync(root, { recursive: true, force: true }));

const S = ['--width', '64', '--height', '48', '--smoothness', '1', '--host', '127.0.0.1:0', '--join-timeout', '2'];

const CASES: Array<[string, string[], number, RegExp]> = [
  ['--wait-for-start without --http: nobody could send POST /start', ['leader', ...S, '--wait-for-start'], 2, /^Error: All of the following must be provided when using --wait-for-start: --http$/],
  ['the same for fractal run', ['run', ...S, '--rank', '0', '--size', '2', '--wait-for-start'], 2, /^Error: All of the following must be provided when using --wait-for-start: --http$/],
  ['a backwards character class', ['metrics', 'summarize', 'many/run[z-a]/results.json'], 2, /^Error: the pattern "run\[z-a\]": \[z-a\] is not a range/],
  ['twenty brace groups (a million patterns)', ['metrics', 'summarize', `${'{a,b}'.repeat(20)}/results.json`], 2, /^Error: the pattern ".*": its braces expand to more than 1024 patterns$/],
  ['an empty argument', ['metrics', 'summarize', ''], 2, /^Error: metrics summarize: expected a results file, a run or sweep directory or a pattern, got an empty string$/],
  ['--bind with a space is no host, and no port is to blame', ['run', '--local', '1', '--width', '64', '--height', '48', '--smoothness', '1', '--bind', 'bad host'], 2, /^Error: --bind: expected a host name or an IP address, got "bad host"$/],
  ['--host likewise', ['leader', ...S.slice(0, 6), '--host', 'bad host:0', '--join-timeout', '2'], 2, /^Error: --host: expected a host name or an IP address, got "bad host"$/],
  ['a worker\'s --host likewise', ['worker', '--host', 'ünï.example:50051', '--connect-timeout', '1'], 2, /^Error: --host: expected a host name or an IP address, got "ünï\.example"$/],
  // not a usage error but a bad template (exit 3), refused before anything runs or is created
  ['a custom template quoting a placeholder itself', ['submit', '--scheduler', 'local', '--nodes', '2', '--template', 'quoted.sh', '--job-name', '$(touch X)', ...S.slice(0, 6)], 3, /^Error: quoted\.sh:2:7: \{\{job_name\}\} stands inside double quotes/],
];

const dirs = CASES.map((_, i) => join(root, `case-${i}`));
// a defect here is a command that waits: the batch gives up long before a minute
const batch = runCliBatch(
  CASES.map(([, args], i) => {
    mkdirSync(dirs[i]!);
    if (args.includes('quoted.sh')) writeFileSync(join(dirs[i]!, 'quoted.sh'), '#!/bin/bash\necho "{{job_name}}"\n{{node}} {{fractal}} run {{run_options}}\n');
    return { args, cwd: dirs[i]! };
  }),
  30_000,
);

CASES.forEach(([name, args, code, message], i) => {
  test(`${name}: ${args.join(' ')} exits ${code}`, async () => {
    const result = (await batch)[i]!;
    assert.equal(result.code, code, result.stderr);
    assert.match(result.stderr.split('\n')[0]!, message);
    assert.ok(!/port is in use|another process may hold the port/.test(result.stderr), result.stderr);
    assert.deepEqual(readdirSync(dirs[i]!).filter((f) => f !== 'quoted.sh'), []);
  });
});
