#!/usr/bin/env bash
# Reproduces the "Formats (issue 15)" figures in BENCHMARKS.md: the generated corpus of N events
# (default 115,000) imported once, then, each from a copy of that database into a fresh folder
# with the page cache dropped first (as root; skipped otherwise, and said so): the Markdown build,
# `build --format html` (the website alone) and `build --format md,html`, back to back, twice over,
# alternating, since this machine's speed drifts within minutes. Each line says the load before it.
# Usage: bench/run-formats.sh [N]    (WORK=/some/dir to choose where files go; default /tmp/dateline-bench;
#        ROUNDS=R for more than two rounds: this machine's speed drifts by a fifth within the hour)
# Ends with each format's median wall time and processor time, each with its ratio to the Markdown build's.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/prepare.sh
echo "import (XML export):"; timed "$dl" import "$work/corpus-$n/export.xml" --redirects "$work/corpus-$n/redirects.tsv" --db "$run/archive.db" | grep -E "^Imported"
walls=$(mktemp)
for round in $(seq 1 "${ROUNDS:-2}"); do
  for format in md html md,html; do
    name=${format/,/-}
    cp "$run/archive.db" "$run/$name-$round.db"
    cold
    echo "build --format $format, round $round (load $(cut -d' ' -f1-3 /proc/loadavg)):"
    busy_before=$(machine_busy)
    out=$(timed "$dl" build --db "$run/$name-$round.db" --out "$run/$name-$round" --format "$format" 2>&1)
    busy_after=$(machine_busy)
    grep -E "^Built|s wall" <<< "$out"
    awk -v b="$busy_before" -v a="$busy_after" '/ s wall,/ { printf "  the machine: %.2f processor s busy, %.2f s of it not the build'"'"'s\n", a - b, a - b - $4 - $7 }' <<< "$out"
    awk -v f="$format" '/ s wall,/ { print f, $1, $4 + $7 }' <<< "$out" >> "$walls"
    echo "  files: $(find "$run/$name-$round" -path "$run/$name-$round/.dateline" -prune -o -type f -print | wc -l) ($(find "$run/$name-$round" -name '*.md' | wc -l) .md, $(find "$run/$name-$round" -name '*.html' | wc -l) .html, $(find "$run/$name-$round" -name '*.svg' | wc -l) .svg, $(find "$run/$name-$round" -name '*.atom' | wc -l) .atom)"
  done
done
echo "medians (wall time; processor time, user + system):"
median() { # column of $walls -> "format median" lines
  sort -k1,1 -k"$1","$1"n "$walls" | awk -v c="$1" '{ t[$1] = t[$1] " " $c; n[$1]++ }
    END { for (f in t) { split(substr(t[f], 2), v, " "); print f, (n[f] % 2) ? v[(n[f] + 1) / 2] : (v[n[f] / 2] + v[n[f] / 2 + 1]) / 2 } }'
}
join <(median 2 | sort) <(median 3 | sort) | awk '{ w[$1] = $2; p[$1] = $3 }
  END { for (f in w) printf "  %-8s %6.2f s  %.2f x md    %6.2f s  %.2f x md\n", f, w[f], w[f] / w["md"], p[f], p[f] / p["md"] }' | sort
rm -f "$walls"
# The sites are removed at the end, not between builds (a large deletion slows the file creation
# that follows it for minutes): this disk is smaller than it says, and six sites are 12 GB.
rm -rf "$run"
