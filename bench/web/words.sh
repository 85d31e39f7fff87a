#!/usr/bin/env bash
# The single-word search mix of issue 15: 3,000 different words drawn from the entity titles
# of an archive's site tables (those `dateline build` wrote), one a line, for words.lua.
# Deterministic: the titles cut into runs of letters and digits, distinct words ignoring case
# (the first spelling in byte order kept), sorted, then every (n / 3000)-th of them.
# usage: bench/web/words.sh DB [COUNT] > words.txt
set -euo pipefail
db=$1 count=${2:-3000}
sqlite3 -readonly "$db" "SELECT title FROM site_entities" \
  | LC_ALL=C.UTF-8 grep -oP '[\p{L}\p{N}]+' \
  | LC_ALL=C sort -u \
  | awk '{ key = tolower($0); if (!(key in seen)) { seen[key] = 1; print } }' \
  | awk -v count="$count" '{ words[NR] = $0 } END { for (i = 0; i < count && i < NR; i++) print words[int(i * NR / count) + 1] }'
