#!/usr/bin/env bash
# Reproduces the archive figures in BENCHMARKS.md: the generated Portal corpus (N events, default
# 115,000) imported from its one XML export, then built; then built again with nothing changed
# (the up-to-date check) and with --force (every page rendered and compared, none written).
# Usage: bench/run-archive.sh [N]    (WORK=/some/dir to choose where files go; default /tmp/dateline-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-115000}
work=${WORK:-/tmp/dateline-bench}
mkdir -p "$work"
dotnet publish src/Dateline.Cli -c Release -o "$work/bin" -v q > /dev/null
if [ ! -f "$work/corpus-$n/export.xml" ]; then
  dotnet run -c Release --project bench/Dateline.Corpus -- --out "$work/corpus-$n" --events "$n" --no-days > /dev/null
fi
# A fresh folder each time, nothing deleted: ext4 (here mounted with discard) creates files
# slowly for minutes after a large deletion, and that would be measured instead of the build.
# Remove old run-* folders yourself, well before the next run.
run="$work/run-$n-$(date +%s)"
mkdir -p "$run"
dl="$work/bin/dateline"
timed() { /usr/bin/time -f "  %e s wall, %U s user, %S s sys, peak %M KB" "$@"; }
echo "== $n events ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "import (XML export):"; timed "$dl" import "$work/corpus-$n/export.xml" --redirects "$work/corpus-$n/redirects.tsv" --db "$run/archive.db" | grep -E "^Imported"
echo "build:";               timed "$dl" build --db "$run/archive.db" --out "$run/out" | grep -E "^Built"
echo "build, nothing changed:"; timed "$dl" build --db "$run/archive.db" --out "$run/out" | grep -E "^Built"
echo "build --force, nothing changed:"; timed "$dl" build --db "$run/archive.db" --out "$run/out" --force | grep -E "^Built"
