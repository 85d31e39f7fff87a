# Sourced by the run-*.sh benchmarks: builds the CLI in Release, generates the corpus of $n events
# once, and makes a fresh run folder. Sets: n, work, dl (the CLI), run (the folder), timed.
# A fresh folder each time, nothing deleted: ext4 (here mounted with discard) creates files
# slowly for minutes after a large deletion, and that would be measured instead of the build.
# Remove old run folders yourself, well before the next run.
n=${1:-115000}
work=${WORK:-/tmp/dateline-bench}
mkdir -p "$work"
# Published for this machine's platform, so ahead-of-time compiled (see Dateline.Cli.csproj).
dotnet publish src/Dateline.Cli -c Release --use-current-runtime --self-contained false -o "$work/bin" -v q > /dev/null
if [ ! -f "$work/corpus-$n/export.xml" ]; then
  dotnet run -c Release --project bench/Dateline.Corpus -- --out "$work/corpus-$n" --events "$n" --no-days > /dev/null
fi
run="$work/$(basename "$0" .sh)-$n-$(date +%s)"
mkdir -p "$run"
dl="$work/bin/dateline"
. "$(dirname "${BASH_SOURCE[0]}")/cold.sh" # cold: drops the page cache before a timed build
timed() { /usr/bin/time -f "  %e s wall, %U s user, %S s sys, peak %M KB" "$@"; }
# The machine's busy processor seconds so far (user, nice, system, irq, softirq; all cores): read
# before and after a build, less the build's own, it shows what else ran meanwhile (the kernel
# writing back an earlier build's pages, another process), which the build's time then includes.
machine_busy() { awk -v tck="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8) / tck }' /proc/stat; }
echo "== $n events ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
