#!/usr/bin/env bash
# Reproduces the `build --html` figures in BENCHMARKS.md ("The website"): the generated corpus of
# N events (default 115,000) imported once, then, each from a copy of that database into a fresh
# folder with the page cache dropped first (as root; skipped otherwise, and said so): the
# Markdown build, `build --topics` (the Markdown archive with entity and story pages), and
# `build --html`, twice over, alternating, since this machine's speed drifts within minutes.
# Then `build --html --force` on the last site (every page rendered again, none written).
# Usage: bench/run-html.sh [N]    (WORK=/some/dir to choose where files go; default /tmp/dateline-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/prepare.sh
echo "import (XML export):"; timed "$dl" import "$work/corpus-$n/export.xml" --redirects "$work/corpus-$n/redirects.tsv" --db "$run/archive.db" | grep -E "^Imported"
for round in 1 2; do
  for kind in markdown topics html; do
    cp "$run/archive.db" "$run/$kind-$round.db"
    case $kind in markdown) flags=() ;; topics) flags=(--topics) ;; html) flags=(--html) ;; esac
    cold
    echo "build ${flags[*]:-(Markdown)}, round $round:"
    timed "$dl" build --db "$run/$kind-$round.db" --out "$run/$kind-$round" "${flags[@]}" | grep -E "^Built"
  done
done
echo "build --html --force, nothing to write:"; timed "$dl" build --db "$run/html-2.db" --out "$run/html-2" --html --force | grep -E "^Built"
