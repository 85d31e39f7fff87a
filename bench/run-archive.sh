#!/usr/bin/env bash
# Reproduces the archive figures in BENCHMARKS.md: the generated Portal corpus (N events, default
# 115,000) imported from its one XML export, then built; then built again with nothing changed
# (the up-to-date check) and with --force (every page rendered and compared, none written); then
# every stored day read again from its wikitext (reparse --all: the upgrade path of issue 12).
# Usage: bench/run-archive.sh [N]    (WORK=/some/dir to choose where files go; default /tmp/dateline-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/prepare.sh
echo "import (XML export):"; timed "$dl" import "$work/corpus-$n/export.xml" --redirects "$work/corpus-$n/redirects.tsv" --db "$run/archive.db" | grep -E "^Imported"
echo "build:";               timed "$dl" build --db "$run/archive.db" --out "$run/out" | grep -E "^Built"
echo "build, nothing changed:"; timed "$dl" build --db "$run/archive.db" --out "$run/out" | grep -E "^Built"
echo "build --force, nothing changed:"; timed "$dl" build --db "$run/archive.db" --out "$run/out" --force | grep -E "^Built"
echo "reparse --all:";        timed "$dl" reparse --all --db "$run/archive.db" | grep -E "^Read"
