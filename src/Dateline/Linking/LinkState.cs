using System.Text;
using Dateline.Common;
using Dateline.Model;

namespace Dateline.Linking;

/// <summary>
/// What a build remembers of its linking, so the next build can tell which related lists a
/// changed day can touch without reading the archive again: the version of every day the store
/// held (a day whose version differs is a changed day), every event's key (date and place on
/// its day), its entities, its related list, and a bound on the score of any candidate left
/// out. Kept beside the manifest in the output folder with the publisher's state (see
/// <c>Building.BuildState</c>).
/// </summary>
public sealed class LinkState
{
    private readonly StoredRun<int> days;
    private readonly StoredRun<ulong> dayVersions;
    private readonly StoredRun<EventKey> keys;
    private readonly StoredRun<int> entityStart;
    private readonly StoredRun<int> entities;
    private readonly StoredRun<byte> linked;
    private readonly StoredRun<int> relatedStart;
    private readonly StoredRun<int> related;
    private readonly StoredRun<double> next;
    private readonly StoredRun<double> nextSameSet;

    internal LinkState(string source, IReadOnlyList<KeyValuePair<string, string>> redirects, StoredRun<int> days, StoredRun<ulong> dayVersions, StoredRun<EventKey> keys, string[] titles, StoredRun<int> entityStart, StoredRun<int> entities, StoredRun<byte> linked, StoredRun<int> relatedStart, StoredRun<int> related, StoredRun<double> next, StoredRun<double> nextSameSet)
    {
        Source = source;
        Redirects = redirects;
        this.days = days;
        this.dayVersions = dayVersions;
        this.keys = keys;
        Titles = titles;
        this.entityStart = entityStart;
        this.entities = entities;
        this.linked = linked;
        this.relatedStart = relatedStart;
        this.related = related;
        this.next = next;
        this.nextSameSet = nextSameSet;
    }

    /// <summary>What the lists were computed under (Dateline's version, the redirect table, the options): another source, and nothing here can be reused.</summary>
    public string Source { get; }

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

    /// <summary>A hash of a few texts (null included).</summary>
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

    /// <summary>The links state of a build: the days it was made from, the index, every event's list and its bound.</summary>
    /// <param name="days">Every day the store held when the build read it, ascending, with its version.</param>
    /// <param name="related">Every event's related events, flat (see <see cref="Flatten"/> and <see cref="LinkUpdate.Flat"/>).</param>
    /// <param name="redirects">The redirect table the index was made with.</param>
    public static LinkState Create(string source, IReadOnlyList<(DateOnly Date, ulong Version)> days, RedirectTable redirects, EntityIndex index, (int[] Start, int[] Related) related, double[] next, double[] nextSameSet)
    {
        int n = index.Count;
        var keys = new EventKey[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = index.KeyOf(i);
        }

        return new LinkState(source, [.. redirects.Entries], days.Select(d => d.Date.DayNumber).ToArray(), days.Select(d => d.Version).ToArray(), keys, [.. index.Titles], index.EntityStart, index.FlatEntities, index.FlatLinked, related.Start, related.Related, next, nextSameSet);
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
    /// Reads the section <see cref="WriteTo"/> wrote, its numbers in place in the file; null
    /// when it does not hold together (the build then links everything). A section cut short
    /// throws, as <see cref="StateReader"/> does.
    /// </summary>
    internal static LinkState? ReadFrom(StateReader reader)
    {
        var source = reader.String();
        int redirectCount = reader.Int32();
        if (redirectCount < 0 || redirectCount > reader.Left)
        {
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
        var titles = reader.Strings(); // more titles than bytes left: not a state this build wrote
        var entityStart = reader.Run<int>();
        var entities = reader.Run<int>();
        var linked = reader.Run<byte>();
        var relatedStart = reader.Run<int>();
        var related = reader.Run<int>();
        var next = reader.Run<double>();
        var nextSameSet = reader.Run<double>();
        int n = keys.Length;
        bool consistent = dayVersions.Length == days.Length && next.Length == n && nextSameSet.Length == n
            && entityStart.Length == n + 1 && entityStart.Span[n] == entities.Length && linked.Length == entities.Length
            && relatedStart.Length == n + 1 && relatedStart.Span[n] == related.Length
            && StateWriter.AllBelow(entities.Span, titles.Length) && StateWriter.IsAscending(titles) && StateWriter.AllBelow(related.Span, n);
        return consistent ? new LinkState(source, redirects, days, dayVersions, keys, titles, entityStart, entities, linked, relatedStart, related, next, nextSameSet) : null;
    }

    /// <summary>Writes the state as a section of the build's state file (see <see cref="ReadFrom"/>).</summary>
    internal void WriteTo(BinaryWriter writer)
    {
        writer.Write(Source);
        writer.Write(Redirects.Count);
        foreach (var (from, to) in Redirects)
        {
            writer.Write(from);
            writer.Write(to);
        }

        StateWriter.WriteArray(writer, Days);
        StateWriter.WriteArray(writer, DayVersions);
        StateWriter.WriteArray(writer, Keys);
        StateWriter.WriteStrings(writer, Titles);
        StateWriter.WriteArray(writer, EntityStart);
        StateWriter.WriteArray(writer, Entities);
        StateWriter.WriteArray(writer, Linked);
        StateWriter.WriteArray(writer, RelatedStart);
        StateWriter.WriteArray(writer, Related);
        StateWriter.WriteArray(writer, Next);
        StateWriter.WriteArray(writer, NextSameSet);
    }
}
