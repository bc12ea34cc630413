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
#PBS -N fractal-4n
#PBS -l select=4:ncpus=2:mpiprocs=2
#PBS -l place=scatter
#PBS -l walltime=01:30:00
#PBS -r y
#PBS -q workq
#PBS -A proj-42
#PBS -S /bin/bash
#PBS -j oe
#PBS -k oed
#PBS -o /scratch/alice/runs/golden/job.log
#PBS -l mem=4gb
#PBS -m n

set -euo pipefail
cd /scratch/alice/runs/golden
module load nodejs/20

mpiexec -n 8 \
  /usr/local/bin/node /opt/fractal/bin/run.js run \
    --run-dir /scratch/alice/runs/golden --token-file /scratch/alice/runs/golden/token \
    --outfile /scratch/alice/runs/golden/mandelbrot.png --results /scratch/alice/runs/golden/results.json \
    --width 256 --height 192 --smoothness 1 --xpos -0.00275 --ypos 0.78912 --escape-radius 0.125689 --iters 800 --step 6000 --palette Hippi --coloring classic --threads 2 \
  || /usr/local/bin/node /opt/fractal/bin/run.js outcome --results /scratch/alice/runs/golden/results.json
