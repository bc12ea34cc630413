#!/bin/bash
# A fractal job for LSF, written by `fractal submit` from templates/lsf.sh.
#
# The launcher (mpirun by default; --launcher jsrun or mpiexec) starts one task per slot LSF gave
# ($LSB_DJOB_HOSTFILE), each running the same `fractal run`. Each task reads its rank from the
# launcher (the MPI runtime's OMPI_COMM_WORLD_RANK / PMI_RANK, or JSM_NAMESPACE_RANK under jsrun):
# rank 0 becomes the leader (it hands out the work and writes the PNG and the results JSON), every
# other rank becomes a worker that computes rows. The leader writes its address into the run
# directory and the workers find it there, so the run directory must be on a filesystem every node
# sees.
#
# The leader decides the job's outcome: the launcher fails when any task does, but a worker lost
# on the way fails nothing once the leader has re-queued its units and finished the picture, so
# then `fractal outcome` judges by the PNG and results the leader wrote.
#BSUB -J fractal
#BSUB -n 4
#BSUB -R "span[ptile=1]"
#BSUB -r
#BSUB -cwd /scratch/alice/runs/golden
#BSUB -o /scratch/alice/runs/golden/job.log

set -euo pipefail
cd /scratch/alice/runs/golden

mpiexec -n 4 \
  /usr/local/bin/node /opt/fractal/bin/run.js run \
    --run-dir /scratch/alice/runs/golden --token-file /scratch/alice/runs/golden/token \
    --outfile /scratch/alice/runs/golden/mandelbrot.png --results /scratch/alice/runs/golden/results.json \
    --width 256 --height 192 --smoothness 1 --xpos -0.00275 --ypos 0.78912 --escape-radius 0.125689 --iters 800 --step 6000 --palette Hippi --coloring classic \
  || /usr/local/bin/node /opt/fractal/bin/run.js outcome --results /scratch/alice/runs/golden/results.json
