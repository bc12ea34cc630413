#!/usr/bin/env bash
# A strong-scaling sweep: 1, 2 and 4 workers (2, 3 and 5 tasks), 3 runs each, grouped in one directory, summarised by `fractal metrics summarize`.
# Usage: SCHEDULER=local|slurm|flux examples/sweep.sh [SWEEP_DIR]   (default: local; a new directory under ./runs/)
set -euo pipefail
fractal="$(cd "$(dirname "$0")/.." && pwd)/bin/run.js"
dir=${1:-runs/sweep-$(date +%Y%m%d-%H%M%S)}
# local jobs share this machine's cores, so the local scheduler runs the points one after another
"$fractal" submit --scheduler "${SCHEDULER:-local}" --nodes 2,3,5 --repeat 3 --run-dir "$dir" \
  --width 1024 --height 768 --smoothness 1 --wait
"$fractal" metrics summarize "$dir"
