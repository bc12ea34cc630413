#!/bin/bash
# A fractal job for this machine alone (no scheduler), written by `fractal submit` from
# templates/local.sh.
#
# It starts the job's tasks here, each running the same `fractal run` with its rank in
# FRACTAL_RANK, as srun or flux run would on a cluster: rank 0 becomes the leader (it hands
# out the work and writes the PNG and the results JSON), every other rank becomes a worker
# that computes rows. The leader writes its address into the run directory and the workers
# find it there. Task RANK logs to task-RANK.log. The leader decides the job's outcome: when a
# task failed, `fractal outcome` judges by the PNG and results the leader wrote (a worker lost
# on the way fails nothing once the leader has finished the picture).

set -euo pipefail
cd /scratch/alice/runs/golden
ulimit -n 4096

export FRACTAL_SIZE=4 FRACTAL_JOB_ID=$$
# a signal to the job (kill -- -PGID, as a scheduler stops one) reaches every task too: the job
# waits for them to stop cleanly (the leader writes its checkpoint) instead of dying first
trap wait TERM INT
pids=()
for rank in $(seq 0 $((FRACTAL_SIZE - 1))); do
  FRACTAL_RANK=$rank /usr/local/bin/node /opt/fractal/bin/run.js run \
    --run-dir /scratch/alice/runs/golden --token-file /scratch/alice/runs/golden/token \
    --outfile /scratch/alice/runs/golden/mandelbrot.png --results /scratch/alice/runs/golden/results.json \
    --width 256 --height 192 --smoothness 1 --xpos -0.00275 --ypos 0.78912 --escape-radius 0.125689 --iters 800 --step 6000 --palette Hippi --coloring classic \
    >"task-$rank.log" 2>&1 &
  pids+=("$!")
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" -eq 0 ] || exec /usr/local/bin/node /opt/fractal/bin/run.js outcome --results /scratch/alice/runs/golden/results.json
