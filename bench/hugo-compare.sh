#!/usr/bin/env bash
# Times `dateline build` beside Hugo's "related content" on the same synthetic events.
#
#   bench/hugo-compare.sh [N ...]        (default: 19000)
#
# For each N: generate a corpus of N events (bench/Dateline.Corpus), import it with Dateline,
# time `dateline build` into a fresh folder, export the same archive as a Hugo site
# (bench/Dateline.HugoSite) and time `hugo` on it into a fresh folder. Wall time and peak
# resident memory come from /usr/bin/time. Needs dotnet, hugo (Debian's package) and
# /usr/bin/time (Debian's "time" package). See bench/HUGO.md.
#
# Environment:
#   WORK=DIR    where corpora, databases and outputs go (default: a new folder under /tmp, kept)
#   REPEAT=K    time each tool K times per N (default 1); every run starts from an empty output
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(19000)
repeat=${REPEAT:-1}
work=${WORK:-$(mktemp -d /tmp/dateline-hugo.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)

for tool in dotnet hugo /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "hugo-compare: $tool not found (hugo and time: apt-get install -y hugo time)" >&2; exit 1; }
done
for n in "${sizes[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] || { echo "hugo-compare: '$n' is not a number of events" >&2; exit 2; }
done

bin=$work/bin
if [ ! -x "$bin/dateline" ]; then
    echo "== publishing the CLI into $bin"
    dotnet publish src/Dateline.Cli -c Release -o "$bin" --nologo -v quiet >/dev/null
    git describe --always --dirty 2>/dev/null >"$bin/commit.txt" || echo unknown >"$bin/commit.txt"
fi
echo "== building the corpus generator and the Hugo site exporter"
dotnet build bench/Dateline.Corpus -c Release --nologo -v quiet >/dev/null
dotnet build bench/Dateline.HugoSite -c Release --nologo -v quiet >/dev/null

results=$work/results.tsv
: >"$results"

# timed LABEL N COMMAND...: runs COMMAND under /usr/bin/time, appends a row to $results.
timed() {
    local label=$1 n=$2
    shift 2
    local load measure=$work/time.txt log=$work/$label-$n-run$run.log
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    if ! /usr/bin/time -o "$measure" -f '%e s %M KB %U user %S sys' "$@" >"$log" 2>&1; then
        echo "hugo-compare: $label failed for $n events; see $log" >&2
        cat "$measure" >&2 || true
        exit 1
    fi
    local seconds kb user sys
    read -r seconds _ kb _ user _ sys _ <"$measure"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$seconds" "$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$load" >>"$results"
    echo "   $label: $(cat "$measure") (load before: $load)"
}

for n in "${sizes[@]}"; do
    dir=$work/n$n
    corpus=$dir/corpus db=$dir/archive.db site=$dir/hugo-site
    mkdir -p "$dir"
    if [ ! -f "$corpus/export.xml" ]; then
        echo "== generating $n events"
        dotnet run -c Release --no-build --project bench/Dateline.Corpus -- --out "$corpus" --events "$n" --no-days
    fi
    if [ ! -f "$db" ]; then
        echo "== importing into $db"
        "$bin/dateline" import "$corpus/export.xml" --redirects "$corpus/redirects.tsv" --db "$db" | tail -n 1
    fi
    echo "== exporting the Hugo site to $site"
    dotnet run -c Release --no-build --project bench/Dateline.HugoSite -- --db "$db" --out "$site"

    for ((run = 1; run <= repeat; run++)); do
        echo "== $n events, run $run of $repeat"
        rm -rf "$dir/dateline-out" "$dir/hugo-public"
        sync
        timed dateline "$n" "$bin/dateline" build --db "$db" --out "$dir/dateline-out"
        rm -rf "$dir/hugo-public" "$site/resources"
        sync
        timed hugo "$n" hugo --quiet --source "$site" --destination "$dir/hugo-public"
        echo "   pages: dateline $(find "$dir/dateline-out" -name '*.md' | wc -l) Markdown, hugo $(find "$dir/hugo-public" -name '*.html' | wc -l) HTML"
    done
done

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); hugo $(hugo version | cut -d' ' -f2); dateline at $(cat "$bin/commit.txt" 2>/dev/null || echo unknown)"
echo
printf '%-8s  %-8s  %8s  %8s  %8s  %s\n' events tool 'wall s' 'peak MB' 'CPU s' 'load avg before (1/5/15 min)'
while IFS=$'\t' read -r n label seconds mb cpu load; do
    printf '%-8s  %-8s  %8s  %8s  %8s  %s\n' "$n" "$label" "$seconds" "$mb" "$cpu" "$load"
done <"$results"
if [ "$repeat" -gt 1 ]; then
    echo
    echo "best of $repeat: lowest wall s, highest peak MB, lowest CPU s"
    printf '%-8s  %-8s  %8s  %8s  %8s\n' events tool 'wall s' 'peak MB' 'CPU s'
    awk -F'\t' '
        { key = $1 "\t" $2
          if (!(key in wall)) { wall[key] = $3; peak[key] = $4; cpu[key] = $5; order[++count] = key }
          if ($3 + 0 < wall[key] + 0) wall[key] = $3
          if ($4 + 0 > peak[key] + 0) peak[key] = $4
          if ($5 + 0 < cpu[key] + 0) cpu[key] = $5 }
        END { for (i = 1; i <= count; i++) { split(order[i], k, "\t")
              printf "%-8s  %-8s  %8s  %8s  %8s\n", k[1], k[2], wall[order[i]], peak[order[i]], cpu[order[i]] } }' "$results"
fi
echo
echo "kept in $work (results.tsv, logs, corpora, outputs)"
