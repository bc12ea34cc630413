#!/bin/bash
# A fractal job for Slurm, written by `fractal submit` from templates/slurm.sh.
#
# srun (or the --launcher given: mpirun, mpiexec) starts every task of the allocation with the
# same `fractal run`. Each task reads its rank from the launcher (SLURM_PROCID, or the MPI
# runtime's OMPI_COMM_WORLD_RANK / PMI_RANK): rank 0 becomes the leader (it hands out the work and
# writes the PNG and the results JSON), every other rank becomes a worker that computes rows. The
# leader writes its address into the run directory and the workers find it there, so the
# run directory must be on a filesystem every node sees.
#
# The leader decides the job's outcome: the launcher fails when any task does, but a worker lost
# on the way fails nothing once the leader has re-queued its units and finished the picture, so
# then `fractal outcome` judges by the PNG and results the leader wrote.
#SBATCH --job-name="x; rm -rf ~"
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=2
#SBATCH --time=01:30:00
#SBATCH --signal=USR1@120
#SBATCH --requeue
#SBATCH --open-mode=append
#SBATCH --partition=debug
#SBATCH --account=proj-42
#SBATCH --chdir=/scratch/alice/runs/golden
#SBATCH --output=/scratch/alice/runs/golden/job.log
#SBATCH --exclusive
#SBATCH --mail-type=NONE

set -euo pipefail
cd /scratch/alice/runs/golden
module load nodejs/20
source "$HOME/venv/bin/activate"

srun --label \
  /usr/local/bin/node /opt/fractal/bin/run.js run \
    --run-dir /scratch/alice/runs/golden --token-file /scratch/alice/runs/golden/token \
    --outfile /scratch/alice/runs/golden/mandelbrot.png --results /scratch/alice/runs/golden/results.json \
    --width 256 --height 192 --smoothness 1 --xpos -0.00275 --ypos 0.78912 --escape-radius 0.125689 --iters 800 --step 6000 --palette Hippi --coloring classic --threads 2 \
  || /usr/local/bin/node /opt/fractal/bin/run.js outcome --results /scratch/alice/runs/golden/results.json
