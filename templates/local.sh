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
cd {{run_dir}}
{{setup}}

export FRACTAL_SIZE={{tasks}} FRACTAL_JOB_ID=$$
# a signal to the job (kill -- -PGID, as a scheduler stops one) reaches every task too: the job
# waits for them to stop cleanly (the leader writes its checkpoint) instead of dying first
trap wait TERM INT
pids=()
for rank in $(seq 0 $((FRACTAL_SIZE - 1))); do
  FRACTAL_RANK=$rank {{node}} {{fractal}} run \
    --run-dir {{run_dir}} --token-file {{token_file}} \
    --outfile {{outfile}} --results {{results}} \
    {{run_options}} \
    >"task-$rank.log" 2>&1 &
  pids+=("$!")
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" -eq 0 ] || exec {{node}} {{fractal}} outcome --results {{results}}
