using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Dateline.Publishing;

/// <summary>What a build did to the output folder.</summary>
public sealed record WriteReport(int Pages, int Written, int Unchanged, int Removed, IReadOnlyList<string> Conflicts);

/// <summary>
/// Writes pages into the output folder: only files whose bytes changed, each atomically (a
/// temporary file, then a rename), and removes the pages of a previous build that are gone. A
/// manifest (<c>.dateline/manifest.tsv</c>) lists what Dateline wrote, so a file it did not create
/// is never overwritten or removed, and no path can leave the folder (by its name, or through a
/// folder that is a link: such pages are reported as conflicts).
/// </summary>
public sealed class SiteWriter
{
    /// <summary>Dateline's own files in the output folder: the manifest, the links of the last build.</summary>
    public const string StateFolder = ".dateline";

    public const string ManifestPath = StateFolder + "/manifest.tsv";

    private const string SourceLine = "#source\t";

    private readonly string root;
    private readonly Dictionary<string, ManifestEntry> previous;
    private readonly string? previousSource;
    private readonly ConcurrentDictionary<string, bool> createdFolders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ManifestEntry> current = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> conflicts = [];
    private readonly ConcurrentDictionary<string, bool> checkedFolders = new(StringComparer.Ordinal);
    [ThreadStatic]
    private static byte[]? encoded;

    [ThreadStatic]
    private static Encoder? utf8;

    private Func<string, bool>? keepUnless;
    private int written;
    private int unchanged;

    public SiteWriter(string outputFolder)
    {
        root = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(root);
        (previous, previousSource) = ReadManifest(Path.Combine(root, ManifestPath));
    }

    /// <summary>
    /// What the pages were built from (a fingerprint of the archive and the build's options),
    /// saved in the manifest by <see cref="Finish"/>.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>
    /// True when the last build was made from <paramref name="source"/> and every page it wrote
    /// is still there as it left it (same length and time): then there is nothing to do.
    /// </summary>
    public bool IsCurrent(string source)
    {
        return previousSource == source && PagesAsLeft();
    }

    /// <summary>True when every page the last build wrote is still there as it left it (same length and time).</summary>
    public bool PagesAsLeft()
    {
        if (previous.Count == 0)
        {
            return false;
        }

        // A stat per page: on two threads, since the file system answers from memory.
        var entries = previous.ToArray();
        bool asLeft = true;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, entries.Length, 4096), (range, loop) =>
        {
            for (int i = range.Item1; i < range.Item2 && asLeft; i++)
            {
                // Manifest paths were checked as plain relative paths when it was read.
                if (!PageFiles.Matches(root + Path.DirectorySeparatorChar + entries[i].Key, entries[i].Value.Length, entries[i].Value.Modified))
                {
                    asLeft = false;
                    loop.Stop();
                }
            }
        });
        return asLeft;
    }

    /// <summary>The output folder, as a full path.</summary>
    public string Root => root;

    /// <summary>
    /// For a build that renders only the pages a change can reach: every page of the previous
    /// build that this one does not write is kept as it is (not read, not compared), unless
    /// <paramref name="retired"/> says it belongs to what changed; such a page, not written
    /// again, is removed as stale.
    /// </summary>
    public void KeepPreviousPages(Func<string, bool> retired) => keepUnless = retired;

    /// <summary>The report of a build that found everything current.</summary>
    public WriteReport Unchanged() => new(previous.Count, 0, previous.Count, 0, []);

    /// <summary>Writes one page (thread-safe). <paramref name="relativePath"/> uses '/' separators.</summary>
    public void Write(string relativePath, string content)
    {
        var full = FullPath(relativePath);
        if (LeadsThroughLink(full))
        {
            conflicts.Add(relativePath); // a linked folder may lead anywhere: never written through
            return;
        }

        // Encoded into this thread's buffer: a build encodes 600 MB of pages, and a new array
        // for each was a large share of the collector's work.
        var buffer = Buffer(Encoding.UTF8.GetMaxByteCount(content.Length));
        WriteBytes(relativePath, full, buffer.AsMemory(0, Encoding.UTF8.GetBytes(content, buffer)));
    }

    /// <summary>Writes one page from a builder (thread-safe), encoded chunk by chunk without a string in between.</summary>
    public void Write(string relativePath, StringBuilder content)
    {
        var full = FullPath(relativePath);
        if (LeadsThroughLink(full))
        {
            conflicts.Add(relativePath);
            return;
        }

        var buffer = Buffer(Encoding.UTF8.GetMaxByteCount(content.Length));
        var encoder = utf8 ??= Encoding.UTF8.GetEncoder();
        encoder.Reset();
        int length = 0;
        foreach (var chunk in content.GetChunks())
        {
            length += encoder.GetBytes(chunk.Span, buffer.AsSpan(length), flush: false);
        }

        length += encoder.GetBytes([], buffer.AsSpan(length), flush: true);
        WriteBytes(relativePath, full, buffer.AsMemory(0, length));
    }

    private static byte[] Buffer(int size)
    {
        var buffer = encoded ??= new byte[64 * 1024];
        if (buffer.Length < size)
        {
            buffer = encoded = new byte[Math.Max(size, buffer.Length * 2)];
        }

        return buffer;
    }

    private void WriteBytes(string relativePath, string full, ReadOnlyMemory<byte> bytes)
    {
        var hash = Hash(bytes.Span);
        bool ours = previous.TryGetValue(relativePath, out var known);
        if (known is not null)
        {
            var info = new FileInfo(full);
            bool untouched = info.Exists && info.Length == known.Length && info.LastWriteTimeUtc.Ticks == known.Modified;
            if (untouched && known.Hash == hash && known.Length == bytes.Length)
            {
                current[relativePath] = known;
                Interlocked.Increment(ref unchanged);
                return;
            }

            if (info.Exists && !untouched && !IsOurs(full, known) && !File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes.Span))
            {
                conflicts.Add(relativePath); // ours once, edited by hand since: never overwritten
                return;
            }
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!createdFolders.ContainsKey(folder))
        {
            Directory.CreateDirectory(folder); // by several threads at once is fine; remembered only once it exists
            createdFolders.TryAdd(folder, true);
        }

        // Written whole to a temporary name, then renamed over the page (see PageFiles). A page
        // that is not ours is created only where no file is; one that is there already is
        // claimed only when it holds these very bytes.
        var temporary = full + ".dateline-tmp";
        long? modified = ours ? PageFiles.Replace(full, temporary, bytes) : PageFiles.CreateNew(full, temporary, bytes);
        if (modified is null)
        {
            if (!File.ReadAllBytes(full).AsSpan().SequenceEqual(bytes.Span))
            {
                conflicts.Add(relativePath); // not ours: never overwritten
                return;
            }

            modified = PageFiles.Replace(full, temporary, bytes);
        }

        current[relativePath] = new ManifestEntry(hash, bytes.Length, modified.Value);
        Interlocked.Increment(ref written);
    }

    /// <summary>Removes the pages of the previous build that this one did not write, then saves the manifest.</summary>
    public WriteReport Finish()
    {
        int removed = 0;
        int pages = current.Count + conflicts.Count;
        var reported = conflicts.ToHashSet(StringComparer.Ordinal);
        if (keepUnless is not null)
        {
            foreach (var (path, entry) in previous)
            {
                if (!current.ContainsKey(path) && !reported.Contains(path) && !keepUnless(path))
                {
                    current[path] = entry;
                    unchanged++;
                }
            }

            pages = current.Count + conflicts.Count;
        }

        foreach (var stale in previous.Keys.Where(k => !current.ContainsKey(k) && !reported.Contains(k)).Order(StringComparer.Ordinal))
        {
            var full = FullPath(stale);
            if (LeadsThroughLink(full))
            {
                conflicts.Add(stale); // never deleted through a linked folder
                continue;
            }

            if (File.Exists(full))
            {
                if (!IsOurs(full, previous[stale]))
                {
                    conflicts.Add(stale); // edited by hand since Dateline wrote it: left as it is
                    continue;
                }

                File.Delete(full);
                removed++;
            }

            RemoveEmptyFolders(Path.GetDirectoryName(full)!);
        }

        var paths = current.Keys.ToArray();
        Array.Sort(paths, StringComparer.Ordinal);
        var manifestFile = Path.Combine(root, ManifestPath);
        Directory.CreateDirectory(Path.GetDirectoryName(manifestFile)!);
        using (var manifest = new StreamWriter(manifestFile + ".dateline-tmp", append: false, new UTF8Encoding(false), 1 << 20))
        {
            if (Source is not null)
            {
                manifest.Write(SourceLine);
                manifest.Write(Source);
                manifest.Write('\n');
            }

            Span<char> number = stackalloc char[20];
            foreach (var path in paths)
            {
                var entry = current[path];
                manifest.Write(path);
                manifest.Write('\t');
                manifest.Write(entry.Hash);
                manifest.Write('\t');
                entry.Length.TryFormat(number, out int written1, provider: CultureInfo.InvariantCulture);
                manifest.Write(number[..written1]);
                manifest.Write('\t');
                entry.Modified.TryFormat(number, out int written2, provider: CultureInfo.InvariantCulture);
                manifest.Write(number[..written2]);
                manifest.Write('\n');
            }
        }

        File.Move(manifestFile + ".dateline-tmp", manifestFile, overwrite: true);

        return new WriteReport(pages, written, unchanged, removed, [.. conflicts.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The full path of a page; throws when a path would leave the output folder.</summary>
    private string FullPath(string relativePath)
    {
        if (!IsPlainRelativePath(relativePath))
        {
            throw new InvalidOperationException($"refusing to write '{relativePath}': not a plain relative path inside the output folder");
        }

        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write '{relativePath}': it would leave the output folder");
        }

        return full;
    }

    /// <summary>
    /// True when a folder between the output folder and <paramref name="full"/> is a link: writing
    /// or deleting through it could reach outside the output folder, so the page is a conflict.
    /// </summary>
    private bool LeadsThroughLink(string full)
    {
        var seen = new List<string>();
        for (var folder = Path.GetDirectoryName(full); folder is not null && folder.Length > root.Length && !checkedFolders.ContainsKey(folder); folder = Path.GetDirectoryName(folder))
        {
            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                return true;
            }

            seen.Add(folder);
        }

        foreach (var folder in seen)
        {
            checkedFolders.TryAdd(folder, true);
        }

        return false;
    }

    private static bool IsPlainRelativePath(string path)
    {
        if (path.Length == 0 || Path.IsPathRooted(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var range in path.AsSpan().Split('/'))
        {
            var part = path.AsSpan(range);
            if (part.IsEmpty || part is "." || part is "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the file still holds what Dateline wrote there.</summary>
    private static bool IsOurs(string full, ManifestEntry entry)
    {
        var info = new FileInfo(full);
        if (!info.Exists || info.Length != entry.Length)
        {
            return false;
        }

        return info.LastWriteTimeUtc.Ticks == entry.Modified || Hash(File.ReadAllBytes(full)) == entry.Hash;
    }

    private void RemoveEmptyFolders(string folder)
    {
        while (folder.Length > root.Length && folder.StartsWith(root, StringComparison.Ordinal)
            && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(XxHash128.Hash(bytes));

    private static (Dictionary<string, ManifestEntry> Entries, string? Source) ReadManifest(string path)
    {
        var entries = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        string? source = null;
        if (!File.Exists(path))
        {
            return (entries, source);
        }

        // Read whole and cut up as bytes: the manifest of the benchmark archive has 125,000 lines,
        // and a string per line and per field was most of the time of a build that changes little.
        var text = File.ReadAllBytes(path).AsSpan();
        entries.EnsureCapacity(text.Length / 160);
        Span<Range> parts = stackalloc Range[4];
        while (!text.IsEmpty)
        {
            int end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (line.EndsWith((byte)'\r'))
            {
                line = line[..^1]; // saved by an editor that ends lines so
            }

            if (line.StartsWith("#source\t"u8))
            {
                source = Encoding.UTF8.GetString(line[SourceLine.Length..]);
                continue;
            }

            // path TAB hash TAB length TAB modified
            if (SplitTabs(line, parts)
                && long.TryParse(line[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out long length)
                && long.TryParse(line[parts[3]], NumberStyles.None, CultureInfo.InvariantCulture, out long modified))
            {
                var page = Encoding.UTF8.GetString(line[parts[0]]);
                if (IsPlainRelativePath(page)) // a manifest edited by hand names nothing outside the folder
                {
                    entries[page] = new ManifestEntry(Encoding.ASCII.GetString(line[parts[1]]), length, modified);
                }
            }
        }

        return (entries, source);
    }

    /// <summary>Cuts a line into exactly four tab-separated fields.</summary>
    private static bool SplitTabs(ReadOnlySpan<byte> line, Span<Range> parts)
    {
        int start = 0;
        for (int field = 0; field < 3; field++)
        {
            int tab = line[start..].IndexOf((byte)'\t');
            if (tab < 0)
            {
                return false;
            }

            parts[field] = start..(start + tab);
            start += tab + 1;
        }

        parts[3] = start..line.Length;
        return !line[start..].Contains((byte)'\t');
    }

    private sealed record ManifestEntry(string Hash, long Length, long Modified);
}
