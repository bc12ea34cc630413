#!/usr/bin/env bash
# The distributed job on this machine, no scheduler: a leader and N workers as separate processes,
# then the same picture from `fractal render` to show the PNG bytes are identical.
# Usage: examples/run-local.sh [WORKERS]   (default 3). Writes into a new directory under /tmp.
set -euo pipefail
fractal="$(cd "$(dirname "$0")/.." && pwd)/bin/run.js"
workers=${1:-3}
dir=$(mktemp -d /tmp/fractal-run-local.XXXXXX)
image=(--width 512 --height 384 --smoothness 1)
"$fractal" run --local "$workers" --threads 1 "${image[@]}" --outfile "$dir/distributed.png" --metrics
"$fractal" render "${image[@]}" --outfile "$dir/render.png" --quiet
sha256sum "$dir/distributed.png" "$dir/render.png"
echo "results: $dir/results.json"
