#!/bin/bash
# A fractal job for Grid Engine (SGE, Son of Grid Engine, Altair Grid Engine), written by
# `fractal submit` from templates/sge.sh.
#
# The launcher (mpirun by default, tightly integrated: its daemons start with `qrsh -inherit`)
# starts one task per slot of $PE_HOSTFILE, each running the same `fractal run`. Each task reads
# its rank from the MPI runtime (OMPI_COMM_WORLD_RANK / PMI_RANK): rank 0 becomes the leader (it
# hands out the work and writes the PNG and the results JSON), every other rank becomes a worker
# that computes rows. The leader writes its address into the run directory and the workers find it
# there, so the run directory must be on a filesystem every node sees.
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
