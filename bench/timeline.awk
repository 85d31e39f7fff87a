# Reads the samples bench/run-timeline.sh takes ("T <time>", the first line of /proc/stat, then
# /proc/PID/task/*/stat of the build) and prints, for each second, the build's processor seconds
# by thread name and the machine's busy, idle and stolen seconds (stolen: the host ran something
# else on the core) over the time the readings of that second cover; then the totals. tck: clock ticks a second.
/^T / {
  if (t0 == "") t0 = $2; else span[int($2 - t0)] += $2 - last # each reading covers the time since the one before it
  last = $2; t = int($2 - t0); if (!(t in seen)) { order[++n] = t; seen[t] = 1 }; next
}
/^cpu / {
  busy = $2 + $3 + $4 + $7 + $8; idle = $5 + $6; steal = $9 # user nice system irq softirq | idle iowait | steal
  if (had) {
    busys[t] += busy - lastBusy; idles[t] += idle - lastIdle; steals[t] += steal - lastSteal
    allBusy += busy - lastBusy; allIdle += idle - lastIdle; allSteal += steal - lastSteal
  }
  lastBusy = busy; lastIdle = idle; lastSteal = steal; had = 1; next
}
{
  # pid (name, maybe with spaces) state …: utime and stime are the 12th and 13th fields after the name
  rest = $0; sub(/^[^(]*\(/, "", rest); name = rest; sub(/\).*/, "", name); gsub(/ /, "_", name)
  sub(/^[^)]*\) /, "", rest); split(rest, f, " "); used = f[12] + f[13]
  spent = used - previous[$1]; previous[$1] = used
  if (spent > 0) { cpu[t, name] += spent; names[name] = 1; process += spent }
}
END {
  for (i = 1; i <= n; i++) {
    t = order[i]; line = sprintf("  %3d s", t)
    for (k in names) if (cpu[t, k] > 0) line = line sprintf("  %s %.2f", substr(k, 1, 12), cpu[t, k] / tck)
    printf "%-96s | busy %.2f idle %.2f stolen %.2f of %.2f s\n", line, busys[t] / tck, idles[t] / tck, steals[t] / tck, span[t]
  }
  printf "  %.1f s: the build used %.2f processor seconds, the machine %.2f (idle %.2f, stolen %.2f)\n", last - t0, process / tck, allBusy / tck, allIdle / tck, allSteal / tck
}
