#!/usr/bin/env bash
# The file-creation floor quoted in BENCHMARKS.md ("The website"): 200,000 files of 9,000 bytes
# (an HTML event page's average), 15 a folder (a day's) and all in one folder (news/entity/),
# by one and by two processes, page cache dropped before each (as root). Needs a C compiler.
# Usage: bench/floor/run.sh   (WORK=/some/dir for where the files go; default /tmp/dateline-bench)
set -euo pipefail
cd "$(dirname "$0")"
work=${WORK:-/tmp/dateline-bench}/floor-$(date +%s)
cc -O2 -o "$work.bin" files.c
for setup in "1 15" "2 15" "2 200000" "1 200000"; do
  set -- $setup
  mkdir -p "$work/$1-$2"
  sync
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi
  "$work.bin" "$work/$1-$2" 200000 9000 "$1" "$2"
done
echo "files left in $work (remove them well before the next timing: ext4 with discard slows down after a large deletion)"
