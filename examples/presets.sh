#!/usr/bin/env bash
# Renders distributed-fractal's README pictures (same palettes and coordinates) at 1/4 of their size, in seconds.
# Usage: examples/presets.sh [OUT_DIR]   (default: out/presets). Pass SCALE=1 for the full-size pictures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fractal="$here/../bin/run.js"
out=${1:-out/presets}
scale=${SCALE:-4}
mkdir -p "$out"
# name palette xpos ypos escape-radius iters step smoothness width height
while read -r name palette xpos ypos radius iters step smooth width height; do
  "$fractal" render --quiet --palette "$palette" --xpos "$xpos" --ypos "$ypos" --escape-radius "$radius" \
    --iters "$iters" --step "$step" --smoothness "$smooth" \
    --width $((width / scale)) --height $((height / scale)) --outfile "$out/$name.png"
  echo "$out/$name.png  ($palette at $xpos, $ypos)"
done <<'PRESETS'
hippi          Hippi         -0.0091275  0.7899912 .01401245 800 6000 8  1024 768
plan9          Plan9         -0.0091275  0.7899912 .01401245 800 6000 8  1024 768
vivid          Vivid         -0.00991275 0.7899912 .02401245 800 600  10 1920 1080
hippi-top      Hippi         -0.00275    1.012     .089999   800 600  10 1920 1080
hippi-wide     Hippi         -0.00275    0.78912   .1256789  800 6000 10 1920 1080
afternoonblue  AfternoonBlue -0.0091275  0.7899912 .01401245 800 6000 8  1024 768
summerbeach    SummerBeach   -0.0091275  0.7899912 .01401245 800 6000 8  1024 768
biochemist     Biochemist    -0.0091275  0.7899912 .01401245 800 6000 10 1024 768
PRESETS
