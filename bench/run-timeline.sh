#!/usr/bin/env bash
# How busy a first build keeps the machine, second by second (BENCHMARKS.md, "Formats (issue 15),
# sixth session"): for each format, a build from a fresh copy of ARCHIVE into a fresh folder, the
# page cache dropped first (cold), with the build's threads and the machine's processor counters
# read every half second. Each line is one second: the build's processor seconds by thread name,
# then the machine's busy, idle and stolen processor seconds over the time that second's readings
# cover (two cores: twice that time at most). The last line
# compares the build's processor time with the machine's, which says whether anything else (the
# kernel writing back dirty pages, say) shared the cores with it. Needs Linux's /proc; nothing else.
# Usage: ARCHIVE=/path/archive.db bench/run-timeline.sh [FORMATS]   (default "md html"; BIN=folder
#        holding a published `dateline`, default $WORK/bin; WORK as in the other scripts; SYNC=1 to
#        time a `sync` after each build: the writing back a build left to the kernel)
set -euo pipefail
: "${ARCHIVE:?set ARCHIVE to an imported archive: dateline import WORK/corpus-N/export.xml --redirects WORK/corpus-N/redirects.tsv --db FILE}"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cold.sh"
work=${WORK:-/tmp/dateline-bench}
bin=${BIN:-$work/bin}
run=$work/run-timeline-$(date +%s)
mkdir -p "$run"
for format in ${1:-md html}; do
  name=${format/,/-}
  cp "$ARCHIVE" "$run/$name.db"
  cold
  echo "build --format $format (load $(cut -d' ' -f1-3 /proc/loadavg)):"
  "$bin/dateline" build --db "$run/$name.db" --out "$run/$name" --format "$format" > "$run/$name.log" 2>&1 &
  pid=$!
  # One `cat` a tick: the sampler's own cost stays out of the picture.
  while kill -0 "$pid" 2> /dev/null; do
    echo "T $(date +%s.%N)"; head -1 /proc/stat; cat /proc/"$pid"/task/*/stat 2> /dev/null || true
    sleep 0.5
  done > "$run/$name.samples"
  wait "$pid" || { tail -5 "$run/$name.log"; exit 1; }
  grep -E "^Built" "$run/$name.log" | sed -E 's/^.*\((read)/  (\1/'
  awk -v tck="$(getconf CLK_TCK)" -f "$here/timeline.awk" "$run/$name.samples"
  if [ "${SYNC:-0}" = 1 ]; then
    # What the build leaves to the kernel: the dirty pages it has not yet written back to disk.
    read -r _ u1 n1 s1 _ _ q1 sq1 _ < /proc/stat; start=$(date +%s.%N)
    sync
    read -r _ u2 n2 s2 _ _ q2 sq2 _ < /proc/stat
    awk -v t="$(date +%s.%N)" -v start="$start" -v busy=$((u2 - u1 + n2 - n1 + s2 - s1 + q2 - q1 + sq2 - sq1)) -v tck="$(getconf CLK_TCK)" \
      'BEGIN { printf "  then sync: %.1f s, the machine busy %.2f processor seconds\n", t - start, busy / tck }'
  fi
  rm -f "$run/$name.db"
done
echo "sites left in $run (remove them well before the next timing: a large deletion slows file creation)"
