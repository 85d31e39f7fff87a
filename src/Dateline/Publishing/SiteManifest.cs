using System.Buffers.Text;
using System.Text;
using Dateline.Common;

namespace Dateline.Publishing;

/// <summary>
/// The list of the pages a build wrote (<c>.dateline/manifest.tsv</c>): a <c>#source</c> line,
/// then one line per page, <c>path TAB hash TAB length TAB modified</c>, in byte order of the
/// paths, then one <c>#folder TAB path TAB modified</c> line per folder that holds pages, as the
/// build left it (see <see cref="Folders"/>). Read as one block of bytes and searched in place, by binary search: a build that
/// changes a few pages of the benchmark's 125,000 never makes a string of the others (making one
/// per line and field was a third of such a build's time).
/// </summary>
internal sealed class SiteManifest : IDisposable
{
    private const string SourceLine = "#source\t";

    private const string FolderLine = "#folder\t";

    private readonly FileBytes text;
    private readonly int[] pathStart;
    private readonly int[] pathLength;
    private readonly int[] hashStart;
    private readonly int[] hashLength;
    private readonly long[] lengths;
    private readonly long[] modified;

    private readonly int count;

    /// <param name="count">How many of the arrays' entries are the manifest's (the arrays may be longer).</param>
    private SiteManifest(FileBytes text, string? source, IReadOnlyList<(string Path, long Modified)> folders, int count, int[] pathStart, int[] pathLength, int[] hashStart, int[] hashLength, long[] lengths, long[] modified)
    {
        this.count = count;
        this.text = text;
        Source = source;
        Folders = folders;
        this.pathStart = pathStart;
        this.pathLength = pathLength;
        this.hashStart = hashStart;
        this.hashLength = hashLength;
        this.lengths = lengths;
        this.modified = modified;
    }

    /// <summary>What the pages were built from, as the last build saved it; null when it saved none.</summary>
    public string? Source { get; }

    public int Count => count;

    /// <summary>
    /// Every folder that holds a page (relative, '/' separators, the output folder itself empty)
    /// with its modification time (UTC ticks) once the build had written and removed its pages:
    /// a page created, removed or renamed in one since changes it. Empty in a manifest of a build
    /// that recorded none.
    /// </summary>
    public IReadOnlyList<(string Path, long Modified)> Folders { get; }

    /// <summary>Entry i's path (UTF-8, '/' separators, relative to the output folder).</summary>
    public ReadOnlySpan<byte> Path(int i) => text.Span.Slice(pathStart[i], pathLength[i]);

    /// <summary>Entry i's content hash, as lower-case hex (ASCII).</summary>
    public ReadOnlySpan<byte> Hash(int i) => text.Span.Slice(hashStart[i], hashLength[i]);

    public long Length(int i) => lengths[i];

    /// <summary>Entry i's modification time when written, UTC ticks.</summary>
    public long Modified(int i) => modified[i];

    /// <summary>Entry i's path as a string.</summary>
    public string PathText(int i) => Encoding.UTF8.GetString(Path(i));

    /// <summary>The entry of <paramref name="relativePath"/>, or -1.</summary>
    public int Find(string relativePath)
    {
        int size = Encoding.UTF8.GetMaxByteCount(relativePath.Length);
        Span<byte> utf8 = size <= 1024 ? stackalloc byte[size] : new byte[size];
        return Find(utf8[..Encoding.UTF8.GetBytes(relativePath, utf8)]);
    }

    /// <summary>The entry of a UTF-8 path, or -1.</summary>
    public int Find(ReadOnlySpan<byte> path)
    {
        int low = 0;
        int high = Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int order = Path(middle).SequenceCompareTo(path);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Reads the manifest at <paramref name="file"/>; an empty one when there is none. Lines that
    /// are not four fields, or whose path is not a plain relative path, are left out (a manifest
    /// edited by hand names nothing outside the folder); lines out of order are sorted, and of
    /// two lines for one path the later counts.
    /// </summary>
    public static SiteManifest Read(string file)
    {
        var bytes = FileBytes.Read(file);
        var text = bytes.Span;
        string? source = null;
        int lines = text.Count((byte)'\n') + 1;
        var pathStart = new int[lines];
        var pathLength = new int[lines];
        var hashStart = new int[lines];
        var hashLength = new int[lines];
        var lengths = new long[lines];
        var modified = new long[lines];
        int count = 0;
        bool sorted = true;
        var folders = new List<(string, long)>();
        int at = 0;
        while (at < text.Length)
        {
            int end = text[at..].IndexOf((byte)'\n');
            end = end < 0 ? text.Length : at + end;
            var line = text[at..end];
            int lineStart = at;
            at = end + 1;
            if (line.EndsWith((byte)'\r'))
            {
                line = line[..^1]; // saved by an editor that ends lines so
            }

            if (line.StartsWith("#source\t"u8))
            {
                source = Encoding.UTF8.GetString(line[SourceLine.Length..]);
                continue;
            }

            if (line.StartsWith("#folder\t"u8))
            {
                // #folder TAB path TAB modified: a plain relative path, or none for the output folder.
                var rest = line[FolderLine.Length..];
                int tab = rest.IndexOf((byte)'\t');
                if (tab >= 0 && (tab == 0 || IsPlainRelativePath(rest[..tab])) && Utf8Parser.TryParse(rest[(tab + 1)..], out long folderTime, out int read) && read == rest.Length - tab - 1)
                {
                    folders.Add((Encoding.UTF8.GetString(rest[..tab]), folderTime));
                }

                continue;
            }

            // path TAB hash TAB length TAB modified
            int first = line.IndexOf((byte)'\t');
            int second = first < 0 ? -1 : line[(first + 1)..].IndexOf((byte)'\t') + first + 1;
            int third = second <= first ? -1 : line[(second + 1)..].IndexOf((byte)'\t') + second + 1;
            if (first <= 0 || second <= first || third <= second || line[(third + 1)..].Contains((byte)'\t')
                || !Utf8Parser.TryParse(line[(second + 1)..third], out long length, out int used1) || used1 != third - second - 1 || length < 0
                || !Utf8Parser.TryParse(line[(third + 1)..], out long time, out int used2) || used2 != line.Length - third - 1
                || !IsPlainRelativePath(line[..first]))
            {
                continue;
            }

            if (count > 0 && text.Slice(pathStart[count - 1], pathLength[count - 1]).SequenceCompareTo(line[..first]) >= 0)
            {
                sorted = false;
            }

            pathStart[count] = lineStart;
            pathLength[count] = first;
            hashStart[count] = lineStart + first + 1;
            hashLength[count] = second - first - 1;
            lengths[count] = length;
            modified[count++] = time;
        }

        var manifest = new SiteManifest(bytes, source, folders, count, pathStart, pathLength, hashStart, hashLength, lengths, modified);
        return sorted ? manifest : manifest.Sorted();
    }

    /// <summary>Lets the file go (it stays readable until then, even once a new manifest has replaced it).</summary>
    public void Dispose() => text.Dispose();

    /// <summary>True for a path of non-empty parts separated by '/', none of them "." or "..", not rooted, without NUL (as <see cref="SiteWriter"/> checks the paths it is given).</summary>
    public static bool IsPlainRelativePath(ReadOnlySpan<byte> path)
    {
        bool rooted = path.Length > 0 && (path[0] == (byte)'/' || (OperatingSystem.IsWindows() && (path[0] == (byte)'\\' || (path.Length > 1 && path[1] == (byte)':'))));
        if (path.IsEmpty || rooted || path.Contains((byte)0))
        {
            return false;
        }

        foreach (var range in path.Split((byte)'/'))
        {
            var part = path[range];
            if (part.IsEmpty || part.SequenceEqual("."u8) || part.SequenceEqual(".."u8))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>This manifest in byte order of paths, the last line for a path kept (a manifest edited by hand).</summary>
    private SiteManifest Sorted()
    {
        var order = Enumerable.Range(0, Count).ToArray();
        // Stable: of equal paths the later line comes last, and is the one kept.
        Array.Sort(order, (a, b) => Path(a).SequenceCompareTo(Path(b)) is var c && c != 0 ? c : a.CompareTo(b));
        var kept = new List<int>(order.Length);
        for (int k = 0; k < order.Length; k++)
        {
            if (k + 1 < order.Length && Path(order[k]).SequenceEqual(Path(order[k + 1])))
            {
                continue;
            }

            kept.Add(order[k]);
        }

        return new SiteManifest(
            text,
            Source,
            Folders,
            kept.Count,
            [.. kept.Select(i => pathStart[i])],
            [.. kept.Select(i => pathLength[i])],
            [.. kept.Select(i => hashStart[i])],
            [.. kept.Select(i => hashLength[i])],
            [.. kept.Select(i => lengths[i])],
            [.. kept.Select(i => modified[i])]);
    }

    /// <summary>Writes a manifest line by line, in the order given (the caller gives byte order of paths).</summary>
    public sealed class Writer : IDisposable
    {
        private readonly FileStream file;
        private readonly byte[] buffer = new byte[1 << 20];
        private int used;

        private Writer(FileStream file) => this.file = file;

        public Writer(string path, string? source)
            : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            if (source is not null)
            {
                Append(Encoding.UTF8.GetBytes(SourceLine + source + "\n"));
            }
        }

        public void Add(ReadOnlySpan<byte> path, ReadOnlySpan<byte> hash, long length, long modified)
        {
            if (buffer.Length - used < path.Length + hash.Length + 64)
            {
                Flush();
            }

            if (buffer.Length - used < path.Length + hash.Length + 64)
            {
                // A line longer than the buffer (a path of a megabyte): written through.
                Append(path);
                Append("\t"u8);
                Append(hash);
                Append(Encoding.ASCII.GetBytes(FormattableString.Invariant($"\t{length}\t{modified}\n")));
                return;
            }

            Put(path);
            Put("\t"u8);
            Put(hash);
            Put("\t"u8);
            Utf8Formatter.TryFormat(length, buffer.AsSpan(used), out int lengthBytes);
            used += lengthBytes;
            Put("\t"u8);
            Utf8Formatter.TryFormat(modified, buffer.AsSpan(used), out int modifiedBytes);
            used += modifiedBytes;
            Put("\n"u8);
        }

        /// <summary>A writer that adds lines to the end of the manifest at <paramref name="path"/> (the folders, once the pages are removed).</summary>
        public static Writer Appending(string path) => new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0));

        /// <summary>A <c>#folder</c> line (see <see cref="Folders"/>), after every page's.</summary>
        public void AddFolder(string path, long modified)
        {
            var line = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{FolderLine}{path}\t{modified}\n"));
            if (buffer.Length - used < line.Length)
            {
                Flush();
            }

            if (line.Length > buffer.Length)
            {
                Append(line); // a folder of a megabyte's name: written through
            }
            else
            {
                Put(line);
            }
        }

        public void Dispose()
        {
            Flush();
            file.Dispose();
        }

        private void Put(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(buffer.AsSpan(used));
            used += bytes.Length;
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            Flush();
            file.Write(bytes);
        }

        private void Flush()
        {
            file.Write(buffer, 0, used);
            used = 0;
        }
    }
}
