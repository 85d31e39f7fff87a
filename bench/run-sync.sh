#!/usr/bin/env bash
# Reproduces the live-sync figure in BENCHMARKS.md (issue 4): the benchmark archive built once,
# then one new day added and the archive built again, three times in a row. The new day is the
# corpus's last day page dated a day later each time, imported from a file so that the figure is
# the build's alone (a fetch stores a day through the same path).
# Usage: bench/run-sync.sh [N]   (WORK=/some/dir as for run-archive.sh; needs the sqlite3 command)
#        FLAGS=--html bench/run-sync.sh   the same for the website (or FLAGS=--topics); as root, the
#        page cache is dropped before each build after a new day (a cache the earlier builds filled
#        would otherwise be measured with them).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command (apt-get install sqlite3)" >&2; exit 2; }
. bench/prepare.sh
mkdir -p "$run/new"
"$dl" import "$work/corpus-$n/export.xml" --redirects "$work/corpus-$n/redirects.tsv" --db "$run/archive.db" > /dev/null
read -ra flags <<< "${FLAGS:-}"
build() { timed "$dl" build --db "$run/archive.db" --out "$run/out" "${flags[@]}"; }
echo "first build ${flags[*]:-(Markdown)}:"; build | grep -E "^Built"
echo "build, nothing changed:"; build | grep -E "^Built"
last=$(sqlite3 "$run/archive.db" "SELECT max(date) FROM days")
for i in 1 2 3; do
  day=$(date -u -d "$last + $i day" +%Y-%m-%d)
  sqlite3 "$run/archive.db" "SELECT wikitext FROM days WHERE date = '$last'" \
    | sed -E "s/year=${last:0:4}\|month=${last:5:2}\|day=$((10#${last:8:2}))\|/year=${day:0:4}|month=${day:5:2}|day=$((10#${day:8:2}))|/g" > "$run/new/$day.wiki"
  "$dl" import "$run/new/$day.wiki" --db "$run/archive.db" | grep -E "^Imported"
  cold
  echo "build after one new day ($day, load $(cut -d' ' -f1 /proc/loadavg)):"; build | grep -E "^(Built|Followed)"
done
