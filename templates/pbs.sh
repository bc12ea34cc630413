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
{{directives}}

set -euo pipefail
cd {{run_dir}}
{{setup}}

{{launcher}} \
  {{node}} {{fractal}} run \
    --run-dir {{run_dir}} --token-file {{token_file}} \
    --outfile {{outfile}} --results {{results}} \
    {{run_options}} \
  || {{node}} {{fractal}} outcome --results {{results}}
