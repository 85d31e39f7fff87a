#!/usr/bin/env bash
# Where a first build's processor time goes, by stage (BENCHMARKS.md, "Formats (issue 15), fifth
# session"): the benchmark archive imported once, then for each format a build from a copy of it
# into a fresh folder, page cache dropped (as root), under `perf record`; the samples are sorted
# into stages by bench/profile-stages.awk. Needs perf. The figures are processor seconds, summed
# over threads: on two cores a stage that is not on the critical path still costs the others.
# Ahead-of-time (ReadyToRun) code has no names in perf's map, so its samples land in "other"
# unless a frame of the stack names a stage; NAMED=1 runs without it: every method named, but
# the build slower (tier-0 code at first), so it says where time goes, not how much.
# Usage: bench/run-profile.sh [N] [FORMATS]   (default 115000 "md html"; WORK=/some/dir as in bench/)
set -euo pipefail
cd "$(dirname "$0")/.."
formats=${2:-md html}
. bench/prepare.sh
"$dl" import "$work/corpus-$n/export.xml" --redirects "$work/corpus-$n/redirects.tsv" --db "$run/archive.db" > /dev/null
hz=499
i=0
for format in $formats; do
  i=$((i + 1))
  name=${format/,/-}-$i # a folder of its own each: a format named twice is built twice, not found current
  cp "$run/archive.db" "$run/$name.db"
  cold
  echo "build --format $format (load $(cut -d' ' -f1-3 /proc/loadavg)):"
  DOTNET_ReadyToRun=$([ "${NAMED:-0}" = 1 ] && echo 0 || echo 1) DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -q -F $hz -g -o "$run/$name.perf" \
    "$dl" build --db "$run/$name.db" --out "$run/$name" --format "$format" 2>&1 | grep -E "^Built" | sed -E 's/^.*\((read)/  (\1/'
  perf script -i "$run/$name.perf" -F comm,tid,ip,sym,dso 2>/dev/null | awk -v HZ=$hz -f bench/profile-stages.awk
done
echo "perf data and sites left in $run (remove them well before the next timing: a large deletion slows file creation)"
