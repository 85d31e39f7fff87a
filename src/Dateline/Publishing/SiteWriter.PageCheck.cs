namespace Dateline.Publishing;

public sealed partial class SiteWriter
{
    /// <summary>
    /// A stat per page of the last build, in runs of 4,096 that any thread may take: each path laid
    /// out as the C library wants it (UTF-8, NUL at the end) straight from the manifest.
    /// </summary>
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
            runs = (writer.previous.Count + Run - 1) / Run;
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
