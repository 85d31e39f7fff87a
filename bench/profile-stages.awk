# Sorts the samples of `perf script -F comm,tid,ip,sym,dso` (with call chains) into the build's
# stages by the first frame that names one, and prints each stage's processor time. HZ is the
# sampling rate given to perf record. Kernel frames decide the file writes (the system calls a
# page costs); Dateline's own methods decide the rest (ReadyToRun code shows as [unknown]: "other").
BEGIN { RS = "" }
{
  split($0, line, "\n"); k = "other"
  if (line[1] ~ /Long Runni/) k = "site tables (their thread)"
  else if ($0 ~ /ksys_write/) k = "files: write"
  else if ($0 ~ /do_sys_openat2/) k = "files: open (create)"
  else if ($0 ~ /__x64_sys_close|newfstat|statx|CreateInPlace/) k = "files: close, stat"
  else if ($0 ~ /WriteDownCreating|pwrite64/) k = "creating list"
  else if ($0 ~ /CreateDirectory|mkdir/) k = "folders"
  else if ($0 ~ /RelatedEvents|Linking/) k = "link"
  else if ($0 ~ /EventHtml|EventMarkdown|Markdown/) k = "render: event pages"
  else if ($0 ~ /TopicHtml|TopicYear|Feed|Atom|Sitemap/) k = "render: topics, feeds, sitemap"
  else if ($0 ~ /SiteManifest|Manifest|SiteWriter/) k = "manifest, page check"
  else if ($0 ~ /SitePlan[:+]|ArchiveStore|RowReader|Store\./) k = "read, plan"
  else if (line[1] ~ /BGC/) k = "garbage collector (background)"
  else if (line[1] ~ /Tiered/) k = "JIT"
  else if ($0 ~ /clear_page_erms|exc_page_fault/) k = "page faults"
  t[k]++; n++
}
END {
  for (k in t) printf "  %6.2f s  %4.1f %%  %s\n", t[k] / HZ, 100 * t[k] / n, k | "sort -rn"
  close("sort -rn")
  printf "  %6.2f s  in all\n", n / HZ
}
