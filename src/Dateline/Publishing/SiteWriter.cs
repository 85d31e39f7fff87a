using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Dateline.Publishing;

/// <summary>What a build did to the output folder.</summary>
public sealed record WriteReport(int Pages, int Written, int Unchanged, int Removed, IReadOnlyList<string> Conflicts);

/// <summary>
/// Writes pages into the output folder: only files whose bytes changed, each atomically (a
/// temporary file, then a rename; in the first build into a folder, a new page in place), and removes the pages of a previous build that are gone. A
/// manifest (<c>.dateline/manifest.tsv</c>) lists what Dateline wrote, so a file it did not create
/// is never overwritten or removed, and no path can leave the folder (by its name, or through a
/// folder that is a link: such pages are reported as conflicts).
/// </summary>
public sealed partial class SiteWriter
{
    /// <summary>Dateline's own files in the output folder: the manifest, the links of the last build.</summary>
    public const string StateFolder = ".dateline";

    public const string ManifestPath = StateFolder + "/manifest.tsv";

    /// <summary>
    /// The pages this build created that no manifest lists yet, one path a line, each written
    /// down before its page is created and the list removed once the manifest is saved. A build
    /// that finds one left by a build that did not finish takes those pages for its own: written
    /// again or removed, where otherwise they would be files Dateline never touches.
    /// </summary>
    public const string CreatingPath = StateFolder + "/creating.tsv";

    private readonly string root;
    private readonly byte[] rootUtf8;
    private readonly SiteManifest previous;
    private readonly ConcurrentDictionary<string, bool> createdFolders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ManifestEntry> current = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> conflicts = [];
    private readonly ConcurrentDictionary<string, bool> checkedFolders = new(StringComparer.Ordinal);
    private readonly HashSet<string> unlisted;
    private readonly Lock creatingGate = new();
    private FileStream? creating;
    [ThreadStatic]
    private static byte[]? encoded;

    [ThreadStatic]
    private static Encoder? utf8;

    /// <summary>No build has finished in this folder (no manifest): new pages are created in place (see <see cref="PageFiles.CreateInPlace"/>).</summary>
    private readonly bool firstBuild;
    private PagePredicate? keepUnless;
    private int written;
    private int unchanged;

    public SiteWriter(string outputFolder)
    {
        root = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(root);
        rootUtf8 = Encoding.UTF8.GetBytes(root + Path.DirectorySeparatorChar);
        previous = SiteManifest.Read(Path.Combine(root, ManifestPath));
        unlisted = ReadCreating(Path.Combine(root, CreatingPath));
        firstBuild = previous.Count == 0 && previous.Source is null;
    }

    /// <summary>A test of a page's path (relative, '/' separators), given without making a string of it.</summary>
    public delegate bool PagePredicate(ReadOnlySpan<char> path);

    /// <summary>
    /// What the pages were built from (a fingerprint of the archive and the build's options),
    /// saved in the manifest by <see cref="Finish"/>.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>
    /// True when a build that did not finish left pages no manifest lists (<see cref="CreatingPath"/>):
    /// the manifest then does not say what is on disk, and only a full build can set it right.
    /// </summary>
    public bool HasUnlistedPages => unlisted.Count > 0;

    /// <summary>What the last build into this folder was made from (its manifest's source), if it left one.</summary>
    public string? PreviousSource => previous.Source;

    /// <summary>
    /// True when the last build was made from <paramref name="source"/> and every page it wrote
    /// is still there as it left it (same length and time): then there is nothing to do.
    /// </summary>
    public bool IsCurrent(string source)
    {
        return previous.Source == source && unlisted.Count == 0 && PagesAsLeft();
    }

    /// <summary>True when every page the last build wrote is still there as it left it (same length and time).</summary>
    public bool PagesAsLeft()
    {
        var check = new PageCheck(this);
        Parallel.For(0, Environment.ProcessorCount, _ => check.Help()); // the file system answers from memory: one thread a core
        return check.Result();
    }

    /// <summary>
    /// Starts checking, on threads of its own, that every page the last build wrote is still
    /// there as it left it; <see cref="PageCheck.Result"/> joins in and waits for the answer.
    /// </summary>
    public PageCheck StartPageCheck()
    {
        // Six threads, not one: with the inode cache cold each lstat waits for the disk, and
        // several in flight overlap those waits (a website's 402,000 pages, cache dropped: a
        // followed build took 8.4 s on average over four runs, 9.0 s over three with one thread).
        var check = new PageCheck(this);
        for (int i = 0; i < 6; i++)
        {
            new Thread(check.Help) { IsBackground = true, Name = "Dateline page check" }.Start();
        }

        return check;
    }

    /// <summary>The output folder, as a full path.</summary>
    public string Root => root;

    /// <summary>
    /// For a build that renders only the pages a change can reach: every page of the previous
    /// build that this one does not write is kept as it is (not read, not compared), unless
    /// <paramref name="retired"/> says it belongs to what changed; such a page, not written
    /// again, is removed as stale.
    /// </summary>
    public void KeepPreviousPages(PagePredicate retired) => keepUnless = retired;

    /// <summary>The report of a build that found everything current.</summary>
    public WriteReport Unchanged()
    {
        previous.Dispose();
        return new(previous.Count, 0, previous.Count, 0, []);
    }

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
        int known = previous.Find(relativePath);
        bool ours = known >= 0 || unlisted.Contains(relativePath); // listed, or created by a build that did not finish
        if (known >= 0)
        {
            var info = new FileInfo(full);
            long length = previous.Length(known);
            bool untouched = info.Exists && info.Length == length && info.LastWriteTimeUtc.Ticks == previous.Modified(known);
            if (untouched && SameHash(previous.Hash(known), hash) && length == bytes.Length)
            {
                current[relativePath] = new ManifestEntry(hash, length, previous.Modified(known));
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
        // claimed only when it holds these very bytes. In the first build into a folder (no
        // manifest: no page a reader could be reading) a new page is written in place instead,
        // its name written down before it like any page created: a build that dies half way
        // through one leaves it to the next, which writes it again (see CreatingPath).
        var temporary = full + ".dateline-tmp";
        if (!ours)
        {
            WriteDownCreating(relativePath);
        }

        long? modified = ours ? PageFiles.Replace(full, temporary, bytes)
            : firstBuild ? PageFiles.CreateInPlace(full, bytes)
            : PageFiles.CreateNew(full, temporary, bytes);
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
        int kept = 0;
        var reported = conflicts.ToHashSet(StringComparer.Ordinal);
        var reportedPath = reported.GetAlternateLookup<ReadOnlySpan<char>>();
        int pages = current.Count + conflicts.Count;

        // This build's pages and the previous build's, both in byte order of their paths, walked
        // side by side: a page of both is this build's; one of the previous build only is kept
        // (see KeepPreviousPages) or stale. The manifest is written as the walk goes.
        // Sorted as strings in the order of their UTF-8 bytes (code point order), each encoded only
        // when compared or written: 125,000 arrays of UTF-8 were 15 MB of new memory a build.
        var now = current.ToArray();
        Array.Sort(now, (a, b) => CodePointOrder(a.Key, b.Key));
        var utf8 = new byte[1024];
        ReadOnlySpan<byte> Utf8(string path)
        {
            if (utf8.Length < Encoding.UTF8.GetMaxByteCount(path.Length))
            {
                utf8 = new byte[Encoding.UTF8.GetMaxByteCount(path.Length)];
            }

            return utf8.AsSpan(0, Encoding.UTF8.GetBytes(path, utf8));
        }

        // The folders that hold pages, each noted once as the walk meets it (paths in byte order
        // keep a folder's pages mostly together): their times are saved after the removals.
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var lastFolder = new byte[1024];
        int lastFolderLength = -1;
        void NoteFolder(ReadOnlySpan<byte> path)
        {
            int slash = path.LastIndexOf((byte)'/');
            var folder = slash < 0 ? [] : path[..slash];
            if (folder.SequenceEqual(lastFolder.AsSpan(0, Math.Max(0, lastFolderLength))) && lastFolderLength >= 0)
            {
                return;
            }

            folders.Add(Encoding.UTF8.GetString(folder));
            if (lastFolder.Length < folder.Length)
            {
                lastFolder = new byte[folder.Length];
            }

            folder.CopyTo(lastFolder);
            lastFolderLength = folder.Length;
        }

        var stale = new List<int>();
        var manifestFile = Path.Combine(root, ManifestPath);
        Directory.CreateDirectory(Path.GetDirectoryName(manifestFile)!);
        var chars = new char[1024];
        using (var manifest = new SiteManifest.Writer(manifestFile + ".dateline-tmp", Source))
        {
            int j = 0;
            for (int i = 0; i < previous.Count; i++)
            {
                var path = previous.Path(i);
                int order = -1;
                while (j < now.Length && (order = Utf8(now[j].Key).SequenceCompareTo(path)) < 0)
                {
                    var page = Utf8(now[j].Key);
                    NoteFolder(page);
                    Add(manifest, page, now[j++].Value);
                }

                if (j < now.Length && order == 0)
                {
                    NoteFolder(path);
                    Add(manifest, Utf8(now[j].Key), now[j++].Value);
                    continue;
                }

                if (chars.Length < path.Length)
                {
                    chars = new char[path.Length];
                }

                var text = chars.AsSpan(0, Encoding.UTF8.GetChars(path, chars));
                if (reportedPath.Contains(text))
                {
                    continue; // a conflict of this build: reported, and no longer Dateline's
                }

                if (keepUnless is not null && !keepUnless(text))
                {
                    NoteFolder(path);
                    manifest.Add(path, previous.Hash(i), previous.Length(i), previous.Modified(i));
                    kept++;
                    continue;
                }

                stale.Add(i);
            }

            while (j < now.Length)
            {
                var page = Utf8(now[j].Key);
                NoteFolder(page);
                Add(manifest, page, now[j++].Value);
            }
        }

        unchanged += kept;
        pages += kept;
        foreach (int i in stale)
        {
            var page = previous.PathText(i);
            var full = FullPath(page);
            if (LeadsThroughLink(full))
            {
                conflicts.Add(page); // never deleted through a linked folder
                continue;
            }

            if (File.Exists(full))
            {
                if (!IsOurs(full, i))
                {
                    conflicts.Add(page); // edited by hand since Dateline wrote it: left as it is
                    continue;
                }

                File.Delete(full);
                removed++;
            }

            RemoveEmptyFolders(Path.GetDirectoryName(full)!);
        }

        // Pages a build that did not finish created, and this one did not write: stale.
        foreach (var page in unlisted.Order(StringComparer.Ordinal))
        {
            if (current.ContainsKey(page) || reported.Contains(page) || previous.Find(page) >= 0)
            {
                continue;
            }

            var full = FullPath(page);
            if (!LeadsThroughLink(full) && File.Exists(full))
            {
                File.Delete(full);
                removed++;
                RemoveEmptyFolders(Path.GetDirectoryName(full)!);
            }
        }

        // Every page is written or removed: the folders' times now are those the next build compares.
        long latest = 0;
        using (var manifest = SiteManifest.Writer.Appending(manifestFile + ".dateline-tmp"))
        {
            foreach (var folder in folders.Order(StringComparer.Ordinal))
            {
                var full = folder.Length == 0 ? root : FullPath(folder);
                if (Directory.Exists(full))
                {
                    long modified = Directory.GetLastWriteTimeUtc(full).Ticks;
                    manifest.AddFolder(folder, modified);
                    latest = Math.Max(latest, modified);
                }
            }
        }

        // The kernel stamps files with a clock that moves a tick (a few milliseconds) at a time:
        // a page removed within the tick of this build's last change would leave its folder's
        // time as recorded. The build ends only once that tick is past.
        var wait = TimeSpan.FromTicks(latest + FolderTimeTick.Ticks - DateTime.UtcNow.Ticks);
        if (wait > TimeSpan.Zero)
        {
            Thread.Sleep(wait < FolderTimeTick ? wait : FolderTimeTick);
        }

        File.Move(manifestFile + ".dateline-tmp", manifestFile, overwrite: true);
        previous.Dispose();

        // Every page created is in the manifest now.
        creating?.Dispose();
        File.Delete(Path.Combine(root, CreatingPath));

        return new WriteReport(pages, written, unchanged, removed, [.. conflicts.Order(StringComparer.Ordinal)]);
    }

    /// <summary>Longer than the tick of the clock the kernel stamps files with (a jiffy: 10 ms at the least common rate of 100 Hz, 4 ms here).</summary>
    private static readonly TimeSpan FolderTimeTick = TimeSpan.FromMilliseconds(20);

    /// <summary>The pages listed in a creating list left by a build that did not finish (plain relative paths only).</summary>
    private static HashSet<string> ReadCreating(string file)
    {
        var pages = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return pages;
        }

        foreach (var line in File.ReadLines(file))
        {
            if (line.Length > 0 && IsPlainRelativePath(line))
            {
                pages.Add(line);
            }
        }

        return pages;
    }

    /// <summary>Writes a page's path down before the page is created (thread-safe): unbuffered, so a killed build leaves it.</summary>
    private void WriteDownCreating(string relativePath)
    {
        var line = Encoding.UTF8.GetBytes(relativePath + "\n");
        lock (creatingGate)
        {
            if (creating is null)
            {
                var file = Path.Combine(root, CreatingPath);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                creating = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
            }

            creating.Write(line);
        }
    }

    private static void Add(SiteManifest.Writer manifest, ReadOnlySpan<byte> path, ManifestEntry entry)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        Hex(entry.Hash, hash);
        manifest.Add(path, hash, entry.Length, entry.Modified);
    }

    /// <summary>
    /// Strings in code point order, which is the order of their UTF-8 bytes (the manifest's):
    /// ordinal order except that UTF-16 puts surrogates (code points above U+FFFF) before
    /// U+E000–U+FFFF.
    /// </summary>
    internal static int CodePointOrder(string a, string b)
    {
        int common = Math.Min(a.Length, b.Length);
        int at = a.AsSpan(0, common).CommonPrefixLength(b.AsSpan(0, common));
        if (at == common)
        {
            return a.Length.CompareTo(b.Length);
        }

        static int Key(char c) => char.IsSurrogate(c) ? c + 0x2000 : c >= '\uE000' ? c - 0x800 : c;
        return Key(a[at]).CompareTo(Key(b[at]));
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

    /// <summary>A page's path as <see cref="SiteManifest.IsPlainRelativePath"/> checks the manifest's: one rule for both.</summary>
    private static bool IsPlainRelativePath(string path)
    {
        int size = Encoding.UTF8.GetMaxByteCount(path.Length);
        Span<byte> utf8 = size <= 1024 ? stackalloc byte[size] : new byte[size];
        return SiteManifest.IsPlainRelativePath(utf8[..Encoding.UTF8.GetBytes(path, utf8)]);
    }

    /// <summary>True when the file still holds what Dateline wrote there (entry <paramref name="known"/> of the previous manifest).</summary>
    private bool IsOurs(string full, int known)
    {
        var info = new FileInfo(full);
        if (!info.Exists || info.Length != previous.Length(known))
        {
            return false;
        }

        return info.LastWriteTimeUtc.Ticks == previous.Modified(known) || SameHash(previous.Hash(known), Hash(File.ReadAllBytes(full)));
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

    /// <summary>Hex digits of a page's hash in the manifest.</summary>
    private const int HashLength = 32;

    // A page's hash is kept as a number until the manifest is written: a hex string for each of
    // 400,000 pages was two more objects a page for the collector to carry to the end of a build.
    private static UInt128 Hash(ReadOnlySpan<byte> bytes) => XxHash128.HashToUInt128(bytes);

    /// <summary>The hash as the manifest writes it: 32 lower-case hex digits, most significant first (the digits of the hash's bytes in XxHash128's big-endian order).</summary>
    private static void Hex(UInt128 hash, Span<byte> ascii)
    {
        if (!hash.TryFormat(ascii, out int written, "x32", System.Globalization.CultureInfo.InvariantCulture) || written != HashLength)
        {
            throw new InvalidOperationException("a page hash did not format as 32 hex digits");
        }
    }

    private static bool SameHash(ReadOnlySpan<byte> manifestHash, UInt128 hash)
    {
        Span<byte> ascii = stackalloc byte[HashLength];
        Hex(hash, ascii);
        return manifestHash.SequenceEqual(ascii);
    }

    /// <summary>The manifest's text for a page's bytes.</summary>
    internal static string HashText(ReadOnlySpan<byte> bytes)
    {
        Span<byte> ascii = stackalloc byte[HashLength];
        Hex(Hash(bytes), ascii);
        return Encoding.ASCII.GetString(ascii);
    }

    private readonly record struct ManifestEntry(UInt128 Hash, long Length, long Modified);
}
