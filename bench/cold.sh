# Sourced by the benchmarks (bench/prepare.sh, bench/run-formats-ab.sh): defines cold.
# Drops the page cache before a timed build (root only; said otherwise). On a virtual machine that
# reports freed memory to its host (free page reporting, as here), the memory the drop frees is
# handed back over the next tens of seconds (here about 1 GB in 10 s), and a page the host has
# taken back costs a fault to touch again: a build started at once would find more or less of it
# still there, depending on how much the build before it left in the cache. So wait until the
# reporting has stopped (no more reported for 3 s; at most 120 s): every build then starts from
# the same state, a machine whose free memory the host holds.
cold() {
  sync
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; else echo "  (page cache not dropped: not root)"; fi
  local reported=/sys/module/page_reporting/parameters/reported_kib
  if [ -r "$reported" ]; then
    local last still=0 waited=0
    last=$(cat "$reported")
    while [ "$still" -lt 3 ] && [ "$waited" -lt 120 ]; do
      sleep 1; waited=$((waited + 1))
      if [ "$(cat "$reported")" = "$last" ]; then still=$((still + 1)); else still=0; last=$(cat "$reported"); fi
    done
    echo "  (freed memory handed back to the host: waited ${waited} s)"
  fi
}
