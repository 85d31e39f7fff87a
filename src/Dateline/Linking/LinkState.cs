using System.Text;
using Dateline.Common;
using Dateline.Model;

namespace Dateline.Linking;

/// <summary>
/// What a build remembers, so the next build can tell which related lists a changed day can
/// touch and render only the pages that change, without reading the archive again: the version
/// of every day the store held (a day whose version differs is a changed day), every event's
/// key (date and place on its day), its entities, its related list with the scores, a bound on
/// the score of any candidate left out, what its page was made of (its path and a hash of what
/// else it showed), and the stories it stands under (for the story pages of a build with
/// topics). Kept beside the manifest in the output folder (<c>.dateline/links.bin</c>).
/// </summary>
public sealed class LinkState : IDisposable
{
    public const string FileName = "links.bin";

    private const string Magic = "dateline-links 6";

    private readonly FileBytes? file;
    private readonly StoredRun<int> days;
    private readonly StoredRun<ulong> dayVersions;
    private readonly StoredRun<EventKey> keys;
    private readonly StoredRun<ulong> pages;
    private readonly StoredRun<int> entityStart;
    private readonly StoredRun<int> entities;
    private readonly StoredRun<byte> linked;
    private readonly StoredRun<int> relatedStart;
    private readonly StoredRun<int> related;
    private readonly StoredRun<double> next;
    private readonly StoredRun<double> nextSameSet;
    private readonly StoredRun<int> storyStart;
    private readonly StoredRun<int> stories;

    /// <param name="file">The file the runs are read from in place, when read (see <see cref="Read"/>); disposed with the state.</param>
    internal LinkState(FileBytes? file, string source, string articles, IReadOnlyList<KeyValuePair<string, string>> redirects, StoredRun<int> days, StoredRun<ulong> dayVersions, StoredRun<EventKey> keys, StoredRun<ulong> pages, TextTable paths, string[] titles, StoredRun<int> entityStart, StoredRun<int> entities, StoredRun<byte> linked, StoredRun<int> relatedStart, StoredRun<int> related, StoredRun<double> next, StoredRun<double> nextSameSet, string[] storyTitles, StoredRun<int> storyStart, StoredRun<int> stories)
    {
        this.file = file;
        Source = source;
        Articles = articles;
        Redirects = redirects;
        this.days = days;
        this.dayVersions = dayVersions;
        this.keys = keys;
        this.pages = pages;
        Paths = paths;
        Titles = titles;
        this.entityStart = entityStart;
        this.entities = entities;
        this.linked = linked;
        this.relatedStart = relatedStart;
        this.related = related;
        this.next = next;
        this.nextSameSet = nextSameSet;
        StoryTitles = storyTitles;
        this.storyStart = storyStart;
        this.stories = stories;
    }

    /// <summary>What the lists were computed under (Dateline's version, the redirect table, the options): another source, and nothing here can be reused.</summary>
    public string Source { get; }

    /// <summary>The version of the known articles (summaries and images) the pages were made with, as the store gave it.</summary>
    public string Articles { get; }

    /// <summary>The redirect table the entities were resolved with (its entries, each title to the one it leads to).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Redirects { get; }

    /// <summary>N at the time: the number of events.</summary>
    public int EventCount => keys.Length;

    /// <summary>Every day the store held, as day numbers, ascending, with its version (<see cref="DayVersions"/>).</summary>
    internal ReadOnlySpan<int> Days => days.Span;

    /// <summary>Each day's version as the store gave it: its events are the ones of that version.</summary>
    internal ReadOnlySpan<ulong> DayVersions => dayVersions.Span;

    /// <summary>Each event's key, archive order.</summary>
    internal ReadOnlySpan<EventKey> Keys => keys.Span;

    /// <summary>A hash, given by the publisher, of what else each event's page showed (its source article's summary and image).</summary>
    internal ReadOnlySpan<ulong> Pages => pages.Span;

    /// <summary>Each event's page, as the publisher named it.</summary>
    internal TextTable Paths { get; }

    /// <summary>The resolved entity titles the events name, and each event's as indexes into them.</summary>
    internal string[] Titles { get; }

    internal ReadOnlySpan<int> EntityStart => entityStart.Span;

    internal ReadOnlySpan<int> Entities => entities.Span;

    /// <summary>Beside each of <see cref="Entities"/>: 1 when the event links the title, 0 when only its stories name it (see <see cref="EntityIndex.FlatLinked"/>).</summary>
    internal ReadOnlySpan<byte> Linked => linked.Span;

    /// <summary>
    /// Event i's related events (indexes in this state's archive order) are
    /// <c>Related[RelatedStart[i]..RelatedStart[i + 1]]</c>. Their scores are not kept: the next
    /// build scores the members again under its own weights in any case.
    /// </summary>
    internal ReadOnlySpan<int> RelatedStart => relatedStart.Span;

    internal ReadOnlySpan<int> Related => related.Span;

    /// <summary>
    /// For each event, no candidate left out of its list scores above this, leaving aside those
    /// tied with its last through entities of the same frequencies, which no change of N can
    /// lift above it. NaN: nothing was left out; -∞: only such ties were.
    /// </summary>
    internal ReadOnlySpan<double> Next => next.Span;

    /// <summary>
    /// As <see cref="Next"/>, leaving aside only the candidates tied with the last listed that
    /// share the very same entities with the event: a bound that holds whatever the weights
    /// become, for events naming an entity whose document frequency changed.
    /// </summary>
    internal ReadOnlySpan<double> NextSameSet => nextSameSet.Span;

    /// <summary>The story titles of the build, ascending (ordinal).</summary>
    internal string[] StoryTitles { get; }

    /// <summary>Event i's stories are <c>Stories[StoryStart[i]..StoryStart[i + 1]]</c>, ids into <see cref="StoryTitles"/>.</summary>
    internal ReadOnlySpan<int> StoryStart => storyStart.Span;

    /// <inheritdoc cref="StoryStart"/>
    internal ReadOnlySpan<int> Stories => stories.Span;

    /// <summary>
    /// The titles that resolve to another title under <paramref name="redirects"/> than under the
    /// table this state was made with: the events naming them have other entities now.
    /// </summary>
    public IReadOnlyList<string> TitlesResolvedOtherwise(RedirectTable redirects)
    {
        var before = new RedirectTable(Redirects);
        return [.. Redirects.Select(r => r.Key).Union(redirects.Entries.Select(r => r.Key), StringComparer.Ordinal)
            .Where(title => before.Resolve(title) != redirects.Resolve(title))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The days whose events may differ from the ones this state knows: a day added, removed, or
    /// stored in another version since (<paramref name="days"/>: every day the store holds now,
    /// ascending, with its version).
    /// </summary>
    public HashSet<int> ChangedDays(IReadOnlyList<(DateOnly Date, ulong Version)> days)
    {
        var changed = new HashSet<int>();
        var known = Days;
        var versions = DayVersions;
        int o = 0;
        foreach (var (date, version) in days)
        {
            int day = date.DayNumber;
            while (o < known.Length && known[o] < day)
            {
                changed.Add(known[o++]); // gone from the store
            }

            if (o < known.Length && known[o] == day)
            {
                if (versions[o++] != version)
                {
                    changed.Add(day);
                }
            }
            else
            {
                changed.Add(day);
            }
        }

        while (o < known.Length)
        {
            changed.Add(known[o++]);
        }

        return changed;
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

    /// <summary>The state of a build: the days it was made from, the index, every event's list and its bound, and its pages.</summary>
    /// <param name="days">Every day the store held when the build read it, ascending, with its version.</param>
    /// <param name="articles">The version of the known articles the pages were made with.</param>
    /// <param name="related">Every event's related events, flat (see <see cref="Flatten"/> and <see cref="LinkUpdate.Flat"/>).</param>
    /// <param name="pages">Each event's hash of what else its page showed.</param>
    /// <param name="paths">Each event's page.</param>
    /// <param name="redirects">The redirect table the index was made with.</param>
    /// <param name="stories">Every event's stories: the titles (ascending), and the ids of event i's at <c>Ids[Start[i]..Start[i + 1]]</c>.</param>
    public static LinkState Create(string source, IReadOnlyList<(DateOnly Date, ulong Version)> days, string articles, RedirectTable redirects, EntityIndex index, (int[] Start, int[] Related) related, double[] next, double[] nextSameSet, ulong[] pages, TextTable paths, (string[] Titles, int[] Start, int[] Ids) stories)
    {
        int n = index.Count;
        var keys = new EventKey[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = index.KeyOf(i);
        }

        return new LinkState(null, source, articles, [.. redirects.Entries], days.Select(d => d.Date.DayNumber).ToArray(), days.Select(d => d.Version).ToArray(), keys, pages, paths, [.. index.Titles], index.EntityStart, index.FlatEntities, index.FlatLinked, related.Start, related.Related, next, nextSameSet, stories.Titles, stories.Start, stories.Ids);
    }

    /// <summary>Lists laid out flat: list i's events are <c>Related[Start[i]..Start[i + 1]]</c>.</summary>
    public static (int[] Start, int[] Related) Flatten(IReadOnlyList<RelatedEvent[]> lists)
    {
        var start = new int[lists.Count + 1];
        for (int i = 0; i < lists.Count; i++)
        {
            start[i + 1] = start[i] + lists[i].Length;
        }

        var related = new int[start[^1]];
        for (int i = 0; i < lists.Count; i++)
        {
            for (int r = 0; r < lists[i].Length; r++)
            {
                related[start[i] + r] = lists[i][r].Event;
            }
        }

        return (start, related);
    }

    /// <summary>
    /// Reads a state written by <see cref="Write"/>, its numbers in place in the file (mapped,
    /// see <see cref="FileBytes"/>) until the state is disposed; null when there is none or it
    /// cannot be read (the build then links everything).
    /// </summary>
    public static LinkState? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        FileBytes? file = null;
        try
        {
            file = FileBytes.Read(path);
            var reader = new StateReader(file);
            if (reader.String() != Magic)
            {
                file.Dispose();
                return null;
            }

            var source = reader.String();
            var articles = reader.String();
            int redirectCount = reader.Int32();
            if (redirectCount < 0 || redirectCount > file.Length - reader.At)
            {
                file.Dispose();
                return null;
            }

            var redirects = new KeyValuePair<string, string>[redirectCount];
            for (int i = 0; i < redirects.Length; i++)
            {
                redirects[i] = new(reader.String(), reader.String());
            }

            var days = reader.Run<int>();
            var dayVersions = reader.Run<ulong>();
            var keys = reader.Run<EventKey>();
            var pages = reader.Run<ulong>();
            var paths = new TextTable(reader.Run<byte>(), reader.Run<int>());
            int titleCount = reader.Int32();
            if (titleCount < 0 || titleCount > file.Length - reader.At)
            {
                file.Dispose();
                return null; // more titles than bytes left: not a state this build wrote
            }

            var titles = new string[titleCount];
            for (int i = 0; i < titles.Length; i++)
            {
                titles[i] = reader.String();
            }

            var entityStart = reader.Run<int>();
            var entities = reader.Run<int>();
            var linked = reader.Run<byte>();
            var relatedStart = reader.Run<int>();
            var related = reader.Run<int>();
            var next = reader.Run<double>();
            var nextSameSet = reader.Run<double>();
            var storyTitles = reader.Strings();
            var storyStart = reader.Run<int>();
            var stories = reader.Run<int>();
            int n = keys.Length;
            bool consistent = dayVersions.Length == days.Length && pages.Length == n && paths.Count == n && paths.IsWellFormed() && next.Length == n && nextSameSet.Length == n
                && entityStart.Length == n + 1 && entityStart.Span[n] == entities.Length && linked.Length == entities.Length
                && relatedStart.Length == n + 1 && relatedStart.Span[n] == related.Length
                && AllBelow(entities.Span, titles.Length) && IsAscending(titles) && AllBelow(related.Span, n)
                && storyStart.Length == n + 1 && storyStart.Span[n] == stories.Length && AllBelow(stories.Span, storyTitles.Length) && IsAscending(storyTitles);
            if (!consistent)
            {
                file.Dispose();
                return null;
            }

            return new LinkState(file, source, articles, redirects, days, dayVersions, keys, pages, paths, titles, entityStart, entities, linked, relatedStart, related, next, nextSameSet, storyTitles, storyStart, stories);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException or ArgumentException or OverflowException or InvalidDataException or UnauthorizedAccessException)
        {
            file?.Dispose();
            return null; // damaged: the next build links everything and writes a new one
        }
    }

    /// <summary>Lets the file go: nothing read from it may be used after this.</summary>
    public void Dispose() => file?.Dispose();

    private static bool AllBelow(ReadOnlySpan<int> values, int bound)
    {
        foreach (int value in values)
        {
            if ((uint)value >= (uint)bound)
            {
                return false;
            }
        }

        return true;
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
            writer.Write(Articles);
            writer.Write(Redirects.Count);
            foreach (var (from, to) in Redirects)
            {
                writer.Write(from);
                writer.Write(to);
            }

            WriteArray(writer, Days);
            WriteArray(writer, DayVersions);
            WriteArray(writer, Keys);
            WriteArray(writer, Pages);
            WriteArray(writer, Paths.Bytes);
            WriteArray(writer, Paths.Starts);
            writer.Write(Titles.Length);
            foreach (var title in Titles)
            {
                writer.Write(title);
            }

            WriteArray(writer, EntityStart);
            WriteArray(writer, Entities);
            WriteArray(writer, Linked);
            WriteArray(writer, RelatedStart);
            WriteArray(writer, Related);
            WriteArray(writer, Next);
            WriteArray(writer, NextSameSet);
            writer.Write(StoryTitles.Length);
            foreach (var title in StoryTitles)
            {
                writer.Write(title);
            }

            WriteArray(writer, StoryStart);
            WriteArray(writer, Stories);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Titles in strictly ascending ordinal order, as entity ids give them (the next build finds titles by binary search).</summary>
    private static bool IsAscending(string[] titles)
    {
        for (int i = 1; i < titles.Length; i++)
        {
            if (string.CompareOrdinal(titles[i - 1], titles[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads what <see cref="Write"/> wrote, in place: strings as BinaryWriter writes them, arrays as a count and their bytes.</summary>
    private sealed class StateReader(FileBytes file)
    {
        public int At { get; private set; }

        public int Int32()
        {
            var bytes = Take(sizeof(int));
            return System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes);
        }

        public string String()
        {
            // BinaryWriter's length prefix: seven bits a byte, low bits first, the top bit saying more follow.
            int length = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (shift > 28)
                {
                    throw new FormatException("a string length of more than five bytes");
                }

                byte b = Take(1)[0];
                length |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            return Encoding.UTF8.GetString(Take(length));
        }

        /// <summary>A count, then that many strings (a count larger than the bytes left is refused).</summary>
        public string[] Strings()
        {
            int count = Int32();
            if (count < 0 || count > file.Length - At)
            {
                throw new InvalidDataException("more strings than bytes left");
            }

            var strings = new string[count];
            for (int i = 0; i < strings.Length; i++)
            {
                strings[i] = String();
            }

            return strings;
        }

        public StoredRun<T> Run<T>()
            where T : unmanaged
        {
            int count = Int32();
            long size = (long)count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            if (count < 0 || size > file.Length - At)
            {
                throw new InvalidDataException("an array longer than what is left of the file");
            }

            var run = new StoredRun<T>(file, At, count);
            At += (int)size;
            return run;
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || count > file.Length - At)
            {
                throw new EndOfStreamException();
            }

            var bytes = file.Span.Slice(At, count);
            At += count;
            return bytes;
        }
    }

    private static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> array)
        where T : unmanaged
    {
        writer.Write(array.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array));
    }
}
