#!/usr/bin/env bash
# Flux walk-through: print the batch script with its "# flux:" directives (--dry-run), then submit it with flux batch and follow it.
# Usage: examples/submit-flux.sh [NODES] [extra submit flags, e.g. --queue pbatch --time 30m]
# Needs flux on PATH (inside a Flux instance, e.g. a system instance or `flux start`).
set -euo pipefail
fractal="$(cd "$(dirname "$0")/.." && pwd)/bin/run.js"
nodes=${1:-4}
shift || true
image=(--width 512 --height 384 --smoothness 1)
echo "---- 1. the script, exactly as it would be submitted (nothing is created) ----"
"$fractal" submit --scheduler flux --nodes "$nodes" "${image[@]}" "$@" --dry-run
echo "---- 2. submitted for real; --wait polls flux jobs until the job is inactive ----"
"$fractal" submit --scheduler flux --nodes "$nodes" "${image[@]}" "$@" --wait
