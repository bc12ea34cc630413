#!/usr/bin/env bash
# Try it now, no scheduler needed: a 4-task job on this machine (rank 0 leads, 3 workers), followed to its PNG.
# Usage: examples/submit-local.sh [NODES]   (default 4). Run directories go under ./runs/.
set -euo pipefail
fractal="$(cd "$(dirname "$0")/.." && pwd)/bin/run.js"
nodes=${1:-4}
# the script the local scheduler runs: it starts the tasks here with FRACTAL_RANK=0..N-1
"$fractal" submit --scheduler local --nodes "$nodes" --width 512 --height 384 --smoothness 1 --dry-run
echo "---- submitting it ----"
"$fractal" submit --scheduler local --nodes "$nodes" --width 512 --height 384 --smoothness 1 --wait
