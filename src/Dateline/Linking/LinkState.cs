using System.Buffers;
using System.Text;

namespace Dateline.Linking;

/// <summary>
/// What a build remembers of its links, so the next build can tell which related lists a
/// changed day can touch: every event's key (date and place on its day) and content hash, its
/// entities, its related list with the scores, and a bound on the score of any candidate left
/// out. Kept beside the manifest in the output folder (<c>.dateline/links.bin</c>).
/// </summary>
public sealed class LinkState
{
    public const string FileName = "links.bin";

    private const string Magic = "dateline-links 2";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? hashBuffer;

    internal LinkState(string source, long[] keys, ulong[] contents, ulong[] pages, string[] titles, int[] entityStart, int[] entities, int[] relatedStart, int[] related, double[] scores, double[] next, double[] nextSameSet)
    {
        Source = source;
        Keys = keys;
        Contents = contents;
        Pages = pages;
        Titles = titles;
        EntityStart = entityStart;
        Entities = entities;
        RelatedStart = relatedStart;
        Related = related;
        Scores = scores;
        Next = next;
        NextSameSet = nextSameSet;
    }

    /// <summary>What the lists were computed under (Dateline's version, the redirect table, the options): another source, and nothing here can be reused.</summary>
    public string Source { get; }

    /// <summary>N at the time: the number of events.</summary>
    public int EventCount => Keys.Length;

    /// <summary>Each event's key, archive order (see <see cref="Key"/>).</summary>
    internal long[] Keys { get; }

    /// <summary>A hash of each event as stored (<see cref="ContentHash"/>): a different hash, a different event.</summary>
    internal ulong[] Contents { get; }

    /// <summary>A hash, given by the publisher, of what else each event's page showed (its source article's summary and image).</summary>
    internal ulong[] Pages { get; }

    /// <summary>The resolved entity titles the events name, and each event's as indexes into them.</summary>
    internal string[] Titles { get; }

    internal int[] EntityStart { get; }

    internal int[] Entities { get; }

    /// <summary>Event i's related events (indexes in this state's archive order) are <c>Related[RelatedStart[i]..RelatedStart[i + 1]]</c>, with their scores.</summary>
    internal int[] RelatedStart { get; }

    internal int[] Related { get; }

    internal double[] Scores { get; }

    /// <summary>
    /// For each event, no candidate left out of its list scores above this, leaving aside those
    /// tied with its last through entities of the same frequencies, which no change of N can
    /// lift above it. NaN: nothing was left out; -∞: only such ties were.
    /// </summary>
    internal double[] Next { get; }

    /// <summary>
    /// As <see cref="Next"/>, leaving aside only the candidates tied with the last listed that
    /// share the very same entities with the event: a bound that holds whatever the weights
    /// become, for events naming an entity whose document frequency changed.
    /// </summary>
    internal double[] NextSameSet { get; }

    /// <summary>An event's key: its date and its place on the day, unique in an archive.</summary>
    public static long Key(DateOnly date, int position) => ((long)date.DayNumber << 32) | (uint)position;

    /// <summary>A hash of everything stored for an event: when it differs, the event is not the one linked last time.</summary>
    public static ulong ContentHash(Model.Event item)
    {
        // Every text as its length, then its UTF-16 code units: no two sequences of texts give
        // the same bytes. Laid out in one buffer (this thread's) and hashed at once.
        var buffer = hashBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Add(buffer, item.Category);
        Add(buffer, item.Headline);
        AddAll(buffer, item.Stories);
        AddAll(buffer, item.Entities);
        Add(buffer, item.Citations.Count);
        foreach (var citation in item.Citations)
        {
            Add(buffer, citation.Label);
            Add(buffer, citation.Url);
        }

        return System.IO.Hashing.XxHash3.HashToUInt64(buffer.WrittenSpan);
    }

    private static void Add(ArrayBufferWriter<byte> buffer, int number)
    {
        BitConverter.TryWriteBytes(buffer.GetSpan(sizeof(int)), number);
        buffer.Advance(sizeof(int));
    }

    private static void Add(ArrayBufferWriter<byte> buffer, string text)
    {
        Add(buffer, text.Length);
        buffer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()));
    }

    private static void AddAll(ArrayBufferWriter<byte> buffer, IReadOnlyList<string> texts)
    {
        Add(buffer, texts.Count);
        foreach (var text in texts)
        {
            Add(buffer, text);
        }
    }

    /// <summary>A hash of a few texts (null included), for <see cref="Pages"/>.</summary>
    public static ulong TextHash(params string?[] texts)
    {
        var hash = new System.IO.Hashing.XxHash64();
        foreach (var text in texts)
        {
            hash.Append(text is null ? [0xFE] : Encoding.UTF8.GetBytes(text));
            hash.Append([0xFF]);
        }

        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>The state of a build's links: the index, every event's list and its bound.</summary>
    /// <param name="contents">Each event's <see cref="ContentHash"/> when already known (a <see cref="LinkUpdate"/> has them).</param>
    public static LinkState Create(string source, EntityIndex index, IReadOnlyList<RelatedEvent[]> lists, double[] next, double[] nextSameSet, ulong[] pages, ulong[]? contents = null)
    {
        int n = index.Events.Count;
        var keys = new long[n];
        var relatedStart = new int[n + 1];
        if (contents is null)
        {
            var hashes = new ulong[n];
            Parallel.For(0, n, i => hashes[i] = ContentHash(index.Events[i]));
            contents = hashes;
        }

        for (int i = 0; i < n; i++)
        {
            var item = index.Events[i];
            keys[i] = Key(item.Date, item.Position);
            relatedStart[i + 1] = relatedStart[i] + lists[i].Length;
        }

        var related = new int[relatedStart[n]];
        var scores = new double[relatedStart[n]];
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < lists[i].Length; r++)
            {
                related[relatedStart[i] + r] = lists[i][r].Event;
                scores[relatedStart[i] + r] = lists[i][r].Score;
            }
        }

        return new LinkState(source, keys, contents, pages, [.. index.Titles], index.EntityStart, index.FlatEntities, relatedStart, related, scores, next, nextSameSet);
    }

    /// <summary>Reads a state written by <see cref="Write"/>; null when there is none or it cannot be read (the build then links everything).</summary>
    public static LinkState? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                return null;
            }

            var source = reader.ReadString();
            var keys = ReadArray<long>(reader);
            var contents = ReadArray<ulong>(reader);
            var pages = ReadArray<ulong>(reader);
            int titleCount = reader.ReadInt32();
            if (titleCount < 0 || titleCount > stream.Length - stream.Position)
            {
                return null; // more titles than bytes left: not a state this build wrote
            }

            var titles = new string[titleCount];
            for (int i = 0; i < titles.Length; i++)
            {
                titles[i] = reader.ReadString();
            }

            var entityStart = ReadArray<int>(reader);
            var entities = ReadArray<int>(reader);
            var relatedStart = ReadArray<int>(reader);
            var related = ReadArray<int>(reader);
            var scores = ReadArray<double>(reader);
            var next = ReadArray<double>(reader);
            var nextSameSet = ReadArray<double>(reader);
            int n = keys.Length;
            bool consistent = contents.Length == n && pages.Length == n && next.Length == n && nextSameSet.Length == n
                && entityStart.Length == n + 1 && entityStart[n] == entities.Length
                && relatedStart.Length == n + 1 && relatedStart[n] == related.Length && scores.Length == related.Length
                && entities.All(t => (uint)t < (uint)titles.Length) && related.All(r => (uint)r < (uint)n);
            return consistent ? new LinkState(source, keys, contents, pages, titles, entityStart, entities, relatedStart, related, scores, next, nextSameSet) : null;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException or ArgumentException or OverflowException or InvalidDataException)
        {
            return null; // damaged: the next build links everything and writes a new one
        }
    }

    /// <summary>Writes the state whole under a temporary name, then renames it into place (numbers in this machine's byte order: a cache, not an interchange format).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".dateline-tmp";
        using (var stream = new BufferedStream(File.Create(temporary), 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Source);
            WriteArray(writer, Keys);
            WriteArray(writer, Contents);
            WriteArray(writer, Pages);
            writer.Write(Titles.Length);
            foreach (var title in Titles)
            {
                writer.Write(title);
            }

            WriteArray(writer, EntityStart);
            WriteArray(writer, Entities);
            WriteArray(writer, RelatedStart);
            WriteArray(writer, Related);
            WriteArray(writer, Scores);
            WriteArray(writer, Next);
            WriteArray(writer, NextSameSet);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static T[] ReadArray<T>(BinaryReader reader)
        where T : unmanaged
    {
        int length = reader.ReadInt32();
        var stream = reader.BaseStream;
        if (length < 0 || (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > stream.Length - stream.Position)
        {
            throw new InvalidDataException("an array longer than what is left of the file");
        }

        var array = new T[length];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan());
        if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
        {
            throw new EndOfStreamException();
        }

        return array;
    }

    private static void WriteArray<T>(BinaryWriter writer, T[] array)
        where T : unmanaged
    {
        writer.Write(array.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
    }
}
