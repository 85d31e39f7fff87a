#!/usr/bin/env bash
# The server benchmark of bench/WEB-BENCHMARKS.md: wrk on loopback, 2 threads, 64 connections.
# usage: bench/web/run.sh DB SITE    (an archive database and the folder `dateline build --out SITE --html` wrote from it)
set -euo pipefail
db=$(realpath "$1") site=$(realpath "$2") port=${PORT:-8089} here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
dotnet build -c Release "$here/../../src/Dateline.Cli" -o "$out/cli" >/dev/null
url="http://127.0.0.1:$port"
# 2,000 event pages spread over the archive (every 50th in path order).
find "$site/news" -mindepth 4 -name '*.html' ! -name index.html | sort | awk 'NR % 50 == 0 && ++n <= 2000' | sed "s|^$site||" > "$out/pages.txt"
echo "nproc: $(nproc); $(grep -m1 'model name' /proc/cpuinfo)"

measure() { # name script [env]
  echo "== $1 (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c64 -d10s -s "$here/$2" "$url" >/dev/null   # warm-up: JIT, page cache, SQLite cache, search cache
  wrk -t2 -c64 -d30s --latency -s "$here/$2" "$url"
}
# 3,000 different single words from this archive's entity titles (issue 15), for words.lua.
"$here/words.sh" "$db" > "$out/words.txt"
export QUERIES="$here/entities.txt" PAGES="$out/pages.txt" WORDS="$out/words.txt"

# As users run it: `dateline serve`, search answers cached for a minute.
"$out/cli/dateline" --db "$db" serve --site "$site" --urls "$url" >"$out/serve.log" 2>&1 &
server=$!
sleep 5
measure "event pages" pages.lua
measure "entity searches, cache on" entities.lua
measure "heavy searches, cache on" search.lua
kill "$server"; wait "$server" 2>/dev/null || true

# The search engine itself: the same server with the answer cache off.
"$out/cli/Dateline.Web" --urls "$url" --Dateline:Site "$site" --Dateline:Database "$db" --Dateline:SearchCache false >"$out/serve-nocache.log" 2>&1 &
server=$!
sleep 5
measure "entity searches, cache off" entities.lua
measure "heavy searches, cache off" search.lua
measure "single words, cache off" words.lua
kill "$server"; wait "$server" 2>/dev/null || true
