#!/usr/bin/env bash
# Two CLI binaries against each other on the formats (BENCHMARKS.md, "Formats (issue 15)"): from
# one imported archive (ARCHIVE, e.g. the archive.db a run of bench/run-formats.sh left), each
# build from a fresh copy into a fresh folder with the page cache dropped first (as root), md →
# html → md,html, each format by BEFORE then AFTER, twice over: this machine's speed drifts
# within minutes, and alternating spreads the drift over both. Each line says the load before it.
# Usage: ARCHIVE=/path/archive.db bench/run-formats-ab.sh BEFORE-FOLDER AFTER-FOLDER   (folders holding a published `dateline`)
set -euo pipefail
. "$(dirname "$0")/cold.sh"
before=$1 after=$2
run=${WORK:-/tmp/dateline-bench}/run-formats-ab-$(date +%s)
mkdir -p "$run"
for round in 1 2; do
  for format in md html md,html; do
    for label in before after; do
      bin=$before; [ "$label" = after ] && bin=$after
      name=$label-${format/,/-}-$round
      cp "$ARCHIVE" "$run/$name.db"
      cold
      echo "$name (load $(cut -d' ' -f1-3 /proc/loadavg)):"
      /usr/bin/time -f "  %e s wall, %U s user, %S s sys, peak %M KB" "$bin/dateline" build --db "$run/$name.db" --out "$run/$name" --format "$format" 2>&1 | grep -E "^Built|wall"
      rm -f "$run/$name.db" # one file, not a folder of them: nothing that slows the next build's file creation
    done
  done
done
