#!/usr/bin/env bash
# Usage (as root, corpus made by bench/prepare.sh): WORK=/some/dir bench/run-ab.sh BINDIR LABEL  -- the steps of bench/run-archive.sh (import, build, build nothing changed)
# and bench/run-sync.sh (one new day, build), page cache dropped before each timed build.
set -euo pipefail
bin=$1; label=$2; work=${WORK:-/tmp/dateline-bench}; n=${N:-115000}
dl="$bin/dateline"
run="$work/ab-$label-$(date +%s)"; mkdir -p "$run/new"
timed() { /usr/bin/time -f "  %e s wall, %U s user, %S s sys, peak %M KB" "$@"; }
cold() { sync; echo 3 > /proc/sys/vm/drop_caches; }
echo "== $label ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
cold; echo "import:"; timed "$dl" import "$work/corpus-$n/export.xml" --redirects "$work/corpus-$n/redirects.tsv" --db "$run/archive.db" | grep -E "^Imported"
cold; echo "first build (load $(cut -d' ' -f1 /proc/loadavg)):"; timed "$dl" build --db "$run/archive.db" --out "$run/out" | grep -E "^Built"
cold; echo "build, nothing changed (load $(cut -d' ' -f1 /proc/loadavg)):"; timed "$dl" build --db "$run/archive.db" --out "$run/out" | grep -E "^Built"
last=$(sqlite3 "$run/archive.db" "SELECT max(date) FROM days")
for i in 1 2; do
  day=$(date -u -d "$last + $i day" +%Y-%m-%d)
  sqlite3 "$run/archive.db" "SELECT wikitext FROM days WHERE date = '$last'" \
    | sed -E "s/year=${last:0:4}\|month=${last:5:2}\|day=$((10#${last:8:2}))\|/year=${day:0:4}|month=${day:5:2}|day=$((10#${day:8:2}))|/g" > "$run/new/$day.wiki"
  "$dl" import "$run/new/$day.wiki" --db "$run/archive.db" | grep -E "^Imported"
  cold; echo "build after one new day ($day, load $(cut -d' ' -f1 /proc/loadavg)):"; timed "$dl" build --db "$run/archive.db" --out "$run/out" | grep -E "^(Built|Followed)"
done
