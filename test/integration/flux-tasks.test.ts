// Flux is not packaged for these machines, so its side is tested in two halves. The script: the
// exact bytes are pinned by test/golden/submit/flux.sh, and its `# flux:` directives are read here
// the way Flux reads them (RFC 36 rules, Python shlex). The tasks: the script that
// `fractal submit --scheduler flux` writes is run by bash with a stand-in for `flux run` that starts
// the tasks as Flux does (FLUX_TASK_RANK, FLUX_JOB_SIZE, FLUX_JOB_ID set, output labelled by rank),
// and the real `fractal run` must turn them into one leader and its workers and render's PNG.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, test } from 'node:test';
import { followJob } from '../../src/core/submit/follow-job.js';
import { queryJobStatus } from '../../src/core/submit/submission.js';
import { processesMentioning } from '../../scripts/slurm-cluster/cluster.js';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'fractal-flux-'));
after(() => rmSync(work, { recursive: true, force: true }));

const SMALL = ['--width', '256', '--height', '192', '--smoothness', '1'];
const FLUX_JOB_ID = 'ƒ2PnZKW6Xq';

/** Just enough of `flux run` for the batch script: --nodes, --ntasks, --label-io, then the command. */
const FLUX_RUN = `#!/bin/bash
set -u
[ "\${1:-}" = run ] || { echo "flux stand-in: only 'flux run' is emulated, got: $*" >&2; exit 64; }
shift
nodes=1 ntasks=1 label=0
while [ $# -gt 0 ]; do
  case $1 in
    --nodes=*) nodes=\${1#--nodes=}; shift ;;
    --ntasks=*) ntasks=\${1#--ntasks=}; shift ;;
    --label-io) label=1; shift ;;
    -*) echo "flux stand-in: unexpected option $1" >&2; exit 64 ;;
    *) break ;;
  esac
done
[ "$label" = 1 ] || { echo "flux stand-in: expected --label-io" >&2; exit 64; }
echo "$nodes $ntasks $*" > "$PWD/flux-run-args"
pids=()
for ((rank = 0; rank < ntasks; rank++)); do
  ( export FLUX_TASK_RANK=$rank FLUX_TASK_LOCAL_ID=$rank FLUX_JOB_SIZE=$ntasks FLUX_JOB_NNODES=$nodes FLUX_JOB_ID=${FLUX_JOB_ID}
    exec "$@" ) > >(sed -u "s/^/$rank: /") 2>&1 &
  pids+=("$!")
done
status=0
for pid in "\${pids[@]}"; do wait "$pid" || { s=$?; [ $s -gt $status ] && status=$s; }; done
exit $status
`;

/** Flux's directive reader (flux/job/directives.py, RFC 36): sentinel, grouping, shlex. */
const READ_DIRECTIVES = `
import re, shlex, sys, json
pattern = re.compile(r"^([^\\w]*)((?:flux|FLUX):)(.*)$")
args, sentinel, prefix, started, disabled = [], None, None, False, False
for lineno, line in enumerate(sys.stdin.read().split("\\n"), 1):
    m = pattern.match(line)
    if not m:
        if started and not disabled and not line.startswith(prefix.rstrip()) and line.strip():
            disabled = True
        continue
    if disabled:
        sys.exit(f"line {lineno}: orphan directive after the directive block")
    started = True
    if sentinel is None:
        sentinel, prefix = m.group(1) + m.group(2), m.group(1)
    elif m.group(1) + m.group(2) != sentinel:
        sys.exit(f"line {lineno}: sentinel changed")
    lexer = shlex.shlex(m.group(3), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.escapedquotes = "\\"'"
    args.extend(lexer)
print(json.dumps(args))
`;

test('the Flux script\'s directives read, as Flux reads them, as the options asked for', async () => {
  const runDir = join(work, 'directives');
  const result = await runCli(['submit', '--scheduler', 'flux', '--dry-run', '--nodes', '3', '--time', '90s', '--queue', 'pdebug', '--job-name', 'x; rm -rf ~ "#1"', '--directive', '--setattr=system.bank=b', '--run-dir', runDir, ...SMALL], { cwd: work });
  assert.equal(result.code, 0, result.stderr);
  const args = JSON.parse(execFileSync('python3', ['-c', READ_DIRECTIVES], { input: result.stdout, encoding: 'utf8' }));
  assert.deepEqual(args, ['--job-name=x; rm -rf ~ "#1"', '--nodes=3', '--exclusive', '--time-limit=90s', '--queue=pdebug', `--cwd=${runDir}`, `--output=${runDir}/job.log`, '--setattr=system.bank=b']);
});

test('the tasks of a Flux job, started as Flux starts them, make one leader, its workers and render\'s PNG', { timeout: 120_000 }, async () => {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'flux'), FLUX_RUN);
  chmodSync(join(bin, 'flux'), 0o755);
  const runDir = join(work, 'flux-run');
  const script = await runCli(['submit', '--scheduler', 'flux', '--dry-run', '--nodes', '4', '--run-dir', runDir, ...SMALL], { cwd: work });
  assert.equal(script.code, 0, script.stderr);
  // what `fractal submit` writes beside the script before `flux batch`
  mkdirSync(runDir);
  writeFileSync(join(runDir, 'job.sh'), script.stdout);
  writeFileSync(join(runDir, 'token'), 'a'.repeat(64), { mode: 0o600 });

  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env['PATH']}` };
  for (const name of Object.keys(env)) if (/^(SLURM_|FLUX_|FRACTAL_|OMPI_|PMI)/.test(name)) delete env[name];
  let output = '';
  try {
    const { stdout, stderr } = await promisify(execFile)('bash', [join(runDir, 'job.sh')], { cwd: runDir, env, timeout: 100_000 });
    output = stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    assert.fail(`the job script failed: ${String(error)}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  assert.match(readFileSync(join(runDir, 'flux-run-args'), 'utf8'), new RegExp(`^4 4 ${process.execPath} \\S+/bin/run\\.js run --run-dir ${runDir} `));
  assert.match(output, /^0: /m, 'output labelled by rank');

  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  assert.equal(results.scheduler.name, 'flux');
  assert.equal(results.scheduler.jobId, FLUX_JOB_ID);
  assert.equal(results.scheduler.size, 4);
  assert.deepEqual(results.nodes.map((n: { rank: number; role: string }) => [n.rank, n.role]).sort(), [[0, 'leader'], [1, 'worker'], [2, 'worker'], [3, 'worker']]);
  const reference = join(work, 'render.png');
  const render = await runCli(['render', '--quiet', ...SMALL, '--outfile', reference], { cwd: work });
  assert.equal(render.code, 0, render.stderr);
  assert.ok(readFileSync(join(runDir, 'mandelbrot.png')).equals(readFileSync(reference)), 'the PNG differs from fractal render\'s');
  assert.deepEqual(processesMentioning(runDir), []);
});

test('following a Flux job reads `flux jobs` status words until the job is inactive', async () => {
  const bin = join(work, 'status-bin');
  mkdirSync(bin);
  // answers like `flux jobs --no-header --format={status} ID`: RUNNING twice, then the final word
  writeFileSync(
    join(bin, 'flux'),
    `#!/bin/bash\n[ "$1 $2 $3 $4" = "jobs --no-header --format={status} ${FLUX_JOB_ID}" ] || { echo "unexpected: $*" >&2; exit 64; }\nn=0; [ -f "$0.count" ] && read -r n < "$0.count"; echo $((n + 1)) > "$0.count"\nif [ "$n" -lt 2 ]; then echo RUNNING; else read -r final < "$0.final"; echo "$final"; fi\n`,
  );
  chmodSync(join(bin, 'flux'), 0o755);
  const seen: string[] = [];
  for (const final of ['COMPLETED', 'FAILED', 'TIMEOUT']) {
    writeFileSync(join(bin, 'flux.final'), `${final}\n`);
    rmSync(join(bin, 'flux.count'), { force: true });
    const status = await followJob({
      query: () => queryJobStatus('flux', FLUX_JOB_ID, { cwd: work, env: { PATH: bin } }),
      firstPollMs: 5,
      maxPollMs: 10,
      signal: AbortSignal.timeout(10_000),
      onStatus: (s) => seen.push(s.detail),
    });
    assert.equal(status.detail, final);
    assert.equal(status.state, { COMPLETED: 'completed', FAILED: 'failed', TIMEOUT: 'timeout' }[final]);
  }
  assert.deepEqual(seen, ['RUNNING', 'COMPLETED', 'RUNNING', 'FAILED', 'RUNNING', 'TIMEOUT']);
});
