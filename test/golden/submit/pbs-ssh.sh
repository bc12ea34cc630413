#!/bin/bash
# A fractal job for PBS (PBS Pro, OpenPBS), written by `fractal submit` from templates/pbs.sh.
#
# The launcher (mpiexec by default; --launcher mpirun or pbsdsh) starts one task per line of
# $PBS_NODEFILE, each running the same `fractal run`. Each task reads its rank from the launcher
# (the MPI runtime's OMPI_COMM_WORLD_RANK / PMI_RANK, or PBS_VNODENUM under pbsdsh):
# rank 0 becomes the leader (it hands out the work and writes the PNG and the results JSON), every
# other rank becomes a worker that computes rows. The leader writes its address into the run
# directory and the workers find it there, so the run directory must be on a filesystem every node
# sees.
#
# The leader decides the job's outcome: the launcher fails when any task does, but a worker lost
# on the way fails nothing once the leader has re-queued its units and finished the picture, so
# then `fractal outcome` judges by the PNG and results the leader wrote.
#PBS -N fractal
#PBS -l select=4:ncpus=1:mpiprocs=1
#PBS -l place=scatter
#PBS -r y
#PBS -S /bin/bash
#PBS -j oe
#PBS -k oed
#PBS -o /scratch/alice/runs/golden/job.log

set -euo pipefail
cd /scratch/alice/runs/golden

fractal_ssh_tasks() { local rank=0 host slots pids=() failed=0 i; while read -r host slots _; do for ((i = 0; i < ${slots:-1}; i++)); do ssh -n -o BatchMode=yes "$host" FRACTAL_RANK=$rank FRACTAL_SIZE=4 FRACTAL_JOB_ID="$PBS_JOBID" "$(printf '%q ' "$@")" & pids+=("$!"); rank=$((rank + 1)); done; done <"$PBS_NODEFILE"; for i in "${pids[@]}"; do wait "$i" || failed=1; done; return "$failed"; }; fractal_ssh_tasks \
  /usr/local/bin/node /opt/fractal/bin/run.js run \
    --run-dir /scratch/alice/runs/golden --token-file /scratch/alice/runs/golden/token \
    --outfile /scratch/alice/runs/golden/mandelbrot.png --results /scratch/alice/runs/golden/results.json \
    --width 256 --height 192 --smoothness 1 --xpos -0.00275 --ypos 0.78912 --escape-radius 0.125689 --iters 800 --step 6000 --palette Hippi --coloring classic \
  || /usr/local/bin/node /opt/fractal/bin/run.js outcome --results /scratch/alice/runs/golden/results.json
