#!/usr/bin/env bash
# The test command (npm test): build once, then every test file with node's own runner.
# Node 20 does not expand globs itself, so the shell lists the files. The Slurm end-to-end test
# brings up a cluster of its own; files run one at a time so that it never races another file
# for the machine's two cores or for ports.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
shopt -s nullglob
files=(test/unit/*.test.ts test/integration/*.test.ts test/e2e/*.test.ts)
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
