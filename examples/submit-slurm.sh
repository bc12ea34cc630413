#!/usr/bin/env bash
# Slurm walk-through: print the batch script fractal writes (--dry-run), then submit it with sbatch and follow it to the PNG.
# Usage: examples/submit-slurm.sh [NODES] [extra submit flags, e.g. --partition debug --time 10]
# Needs sbatch on PATH (a login node). No cluster? As root, this repository brings one up on this
# machine: scripts/slurm-cluster/up.sh, then PATH=/run/fractal-slurm/bin:$PATH (down.sh removes it).
set -euo pipefail
fractal="$(cd "$(dirname "$0")/.." && pwd)/bin/run.js"
nodes=${1:-4}
shift || true
image=(--width 512 --height 384 --smoothness 1)
echo "---- 1. the script, exactly as it would be submitted (nothing is created) ----"
"$fractal" submit --scheduler slurm --nodes "$nodes" "${image[@]}" "$@" --dry-run
echo "---- 2. submitted for real; --wait polls squeue until the job ends ----"
"$fractal" submit --scheduler slurm --nodes "$nodes" "${image[@]}" "$@" --wait
