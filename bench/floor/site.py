#!/usr/bin/env python3
"""The floor under writing one real built site: every file of SITE (a folder a build wrote; its
.dateline state left out) read into memory, the page cache dropped (as root), then the same files
written into a fresh folder by two processes, half each, no rendering and no runtime: what a build
of those bytes cannot go below on this machine. Quoted in BENCHMARKS.md ("Formats (issue 15),
third session").

Usage: bench/floor/site.py SITE OUT   (OUT must not exist; remove it well before the next timing)
"""
import os
import sys
import time
from multiprocessing import Process


def main(site, out):
    files = []
    for root, dirs, names in os.walk(site):
        dirs[:] = [d for d in dirs if d != ".dateline"]
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                files.append((os.path.relpath(path, site), f.read()))
    files.sort()
    folders = sorted({os.path.dirname(relative) for relative, _ in files})
    os.sync()
    if os.access("/proc/sys/vm/drop_caches", os.W_OK):
        with open("/proc/sys/vm/drop_caches", "w") as drop:
            drop.write("3\n")
    else:
        print("(page cache not dropped: not root)")

    start, before = time.monotonic(), os.times()
    for folder in folders:
        os.makedirs(os.path.join(out, folder), exist_ok=True)

    def write(half):
        for relative, content in files[half::2]:
            with open(os.path.join(out, relative), "xb") as f:
                f.write(content)

    writers = [Process(target=write, args=(half,)) for half in (0, 1)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    after = os.times()
    size = sum(len(content) for _, content in files)
    pages = sum((len(content) + 4095) // 4096 for _, content in files)
    print(f"{site}: {len(files):,} files, {size / 1e6:,.0f} MB ({pages:,} pages of 4 KiB): "
          f"{time.monotonic() - start:.2f} s wall, "
          f"{after.children_user - before.children_user + after.user - before.user:.2f} s user, "
          f"{after.children_system - before.children_system + after.system - before.system:.2f} s sys")


if __name__ == "__main__":
    if len(sys.argv) != 3 or os.path.exists(sys.argv[2]):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
