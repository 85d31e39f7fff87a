namespace Dateline.Publishing;

public sealed partial class SiteWriter
{
    /// <summary>
    /// Whether the pages are as the last build left them: a stat per folder that holds pages
    /// (its time moves when a page in it is created, removed or renamed), or, for a manifest that
    /// records no folders, a stat per page, each path laid out as the C library wants it (UTF-8,
    /// NUL at the end) straight from the manifest. In runs of 4,096 that any thread may take.
    /// </summary>
    /// <remarks>
    /// Why folders: a page stat'ed is an inode the kernel reads and builds, and with the cache
    /// cold that was most of a followed build's processor time (172,000 pages of the benchmark
    /// website: 2.0 s of system time, against its 12,000 folders'). What a folder's time does not
    /// show is a page edited in place; such a page is kept, as every page this build does not
    /// write is, and a build that comes to write it finds it is not as Dateline left it and
    /// reports it instead (see <see cref="Write(string, string)"/>).
    /// </remarks>
    public sealed class PageCheck
    {
        private const int Run = 4096;
        private readonly SiteWriter writer;
        private readonly int runs;
        private int next;
        private int finished;
        private volatile bool differs;

        internal PageCheck(SiteWriter writer)
        {
            this.writer = writer;
            var folders = writer.previous.Folders.Count;
            runs = ((folders > 0 ? folders : writer.previous.Count) + Run - 1) / Run;
        }

        /// <summary>Takes runs until none is left (thread-safe).</summary>
        public void Help()
        {
            var manifest = writer.previous;
            var root = writer.rootUtf8;
            var path = new byte[root.Length + 1024];
            root.CopyTo(path, 0);
            for (int r; (r = Interlocked.Increment(ref next) - 1) < runs;)
            {
                try
                {
                    Check(manifest, root, ref path, r);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // On the check's own thread an exception would end the process: a page that
                    // cannot even be looked at is simply not as it was left (a full build follows).
                    differs = true;
                }
                finally
                {
                    lock (this)
                    {
                        if (++finished == runs)
                        {
                            Monitor.PulseAll(this);
                        }
                    }
                }
            }
        }

        private void Check(SiteManifest manifest, byte[] root, ref byte[] path, int r)
        {
            var folders = manifest.Folders;
            for (int i = r * Run; i < Math.Min(folders.Count, (r + 1) * Run) && !differs; i++)
            {
                var (folder, modified) = folders[i];
                var full = folder.Length == 0 ? writer.root : writer.FullPath(folder);
                if (!Directory.Exists(full) || Directory.GetLastWriteTimeUtc(full).Ticks != modified)
                {
                    differs = true;
                }
            }

            if (folders.Count > 0)
            {
                return;
            }

            for (int i = r * Run; i < Math.Min(manifest.Count, (r + 1) * Run) && !differs; i++)
            {
                // Manifest paths were checked as plain relative paths when it was read.
                var page = manifest.Path(i);
                if (path.Length < root.Length + page.Length + 1)
                {
                    Array.Resize(ref path, root.Length + page.Length + 1);
                }

                page.CopyTo(path.AsSpan(root.Length));
                path[root.Length + page.Length] = 0;
                if (!PageFiles.Matches(path.AsSpan(0, root.Length + page.Length + 1), manifest.Length(i), manifest.Modified(i)))
                {
                    differs = true;
                }
            }
        }

        /// <summary>Helps with the runs left, waits for the others, and answers: true when every page is as it was left (false when the last build left none).</summary>
        public bool Result()
        {
            Help();
            lock (this)
            {
                while (finished < runs)
                {
                    Monitor.Wait(this);
                }
            }

            return !differs && runs > 0;
        }
    }
}
