#!/usr/bin/env bash
# Measures the server under wrk on loopback (bench/WEB-BENCHMARKS.md).
# usage: bench/web/run.sh DB SITE   (a database and a site built with `dateline build --html`)
set -euo pipefail
db=$1 site=$2 port=${PORT:-8089} here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
dotnet build -c Release "$here/../../src/Dateline.Cli" -o "$out/cli" >/dev/null
"$out/cli/dateline" --db "$db" serve --site "$site" --urls "http://127.0.0.1:$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 5
# 2,000 event pages spread over the archive.
find "$site/news" -mindepth 4 -name '*.html' ! -name index.html | sort | awk 'NR % 50 == 0' | head -2000 \
  | sed "s|^$site||" > "$out/pages.txt"
echo "nproc: $(nproc); $(grep -m1 'model name' /proc/cpuinfo); load: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm up (JIT, page cache, SQLite cache), then measure.
wrk -t2 -c64 -d10s -s "$here/search.lua" "http://127.0.0.1:$port" >/dev/null
PAGES="$out/pages.txt" wrk -t2 -c64 -d10s -s "$here/pages.lua" "http://127.0.0.1:$port" >/dev/null
echo "== search"
wrk -t2 -c64 -d30s --latency -s "$here/search.lua" "http://127.0.0.1:$port"
echo "== event pages"
PAGES="$out/pages.txt" wrk -t2 -c64 -d30s --latency -s "$here/pages.lua" "http://127.0.0.1:$port"
