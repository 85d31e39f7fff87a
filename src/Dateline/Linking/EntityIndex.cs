using Dateline.Model;

namespace Dateline.Linking;

/// <summary>
/// The inverted index behind related events: every event's titles (FORMAT.md: its entities and
/// its stories, redirects resolved, each once) as ids, with whether the event links the title in
/// its own text, and for every title the events that have it, in archive order. Titles relate
/// events; only linked ones are shown (an event's entities, a context, an entity's page). Title
/// ids are given in ordinal title order, so everything computed from them is independent of hash
/// order. Events are known here by their place in archive order and their key (date, position)
/// only: a build that follows another makes the index of the whole archive without reading it.
/// </summary>
public sealed class EntityIndex
{
    private int[]? contextRanks;
    private int[][]? eventEntities;
    private int[][]? entityPostings;

    // Every event's entities are kept flat: scoring a candidate reads one short run of one array
    // instead of chasing a reference to a small array elsewhere on the heap, and a build that
    // follows another makes two arrays instead of 115,000.
    private EntityIndex(int[] dayNumbers, int[] positions, string[] titles, int[] entityStart, int[] flatEntities, byte[] flatLinked)
    {
        DayNumbers = dayNumbers;
        Positions = positions;
        Titles = titles;
        EntityStart = entityStart;
        FlatEntities = flatEntities;
        FlatLinked = flatLinked;
        Postings = PostingsOf(titles.Length, entityStart, flatEntities);
    }

    /// <summary>How many events the archive holds (N).</summary>
    public int Count => DayNumbers.Length;

    /// <summary>Entity titles by id (ordinal order).</summary>
    public IReadOnlyList<string> Titles { get; }

    /// <summary>
    /// For each event, the ids of the titles it links in its own text, ascending: its entities as
    /// pages show them (made when first asked for: the entity and story pages, the site tables).
    /// </summary>
    internal int[][] EventEntities => eventEntities ??= [.. Enumerable.Range(0, Count).Select(LinkedOf)];

    /// <summary>For each title id, the indexes of the events that have it (entity or story), ascending: what relates events.</summary>
    internal int[][] Postings { get; }

    /// <summary>For each title id, the indexes of the events that link it in their own text, ascending: an entity's page (empty for a title only stories name).</summary>
    internal int[][] EntityPostings => entityPostings ??= PostingsOf(Titles.Count, EventEntities);

    /// <summary>Event i's title ids are <c>FlatEntities[EntityStart[i]..EntityStart[i + 1]]</c>.</summary>
    internal int[] EntityStart { get; }

    internal int[] FlatEntities { get; }

    /// <summary>Beside each of <see cref="FlatEntities"/>: 1 when the event links that title in its own text, 0 when only a story above it names it.</summary>
    internal byte[] FlatLinked { get; }

    /// <summary>Each event's date as a day number (ascending: events are in archive order).</summary>
    internal int[] DayNumbers { get; }

    /// <summary>Each event's place on its day page, from 1.</summary>
    internal int[] Positions { get; }

    /// <summary>Event i's key, its date and place on its day.</summary>
    public EventKey KeyOf(int i) => new(DayNumbers[i], Positions[i]);

    /// <summary>
    /// Each entity's place in context order (see <see cref="RelatedEvents"/>): ranking the
    /// titles once makes each context a sort of a few integers instead of strings.
    /// </summary>
    internal int[] ContextRanks => contextRanks ??= RankInContextOrder();

    /// <summary>How many events name the entity.</summary>
    public int DocumentFrequency(int entity) => Postings[entity].Length;

    public static EntityIndex Build(Archive archive)
    {
        var events = archive.Events.ToArray();
        var resolved = new (string[], bool[])[events.Length];
        for (int i = 0; i < events.Length; i++)
        {
            resolved[i] = Resolve(events[i], archive.Redirects);
        }

        return Build([.. events.Select(e => e.Date.DayNumber)], [.. events.Select(e => e.Position)], resolved);
    }

    /// <summary>
    /// The index of the archive as it is now, for a build that follows <paramref name="previous"/>:
    /// the events of days not in <paramref name="changedDays"/> as the previous build knew them,
    /// and those of the changed days as they are now (<paramref name="changed"/>: the ones that
    /// still have events). The same index <see cref="Build(Archive)"/> makes of the whole archive.
    /// </summary>
    public static EntityIndex Follow(LinkState previous, IReadOnlySet<int> changedDays, IReadOnlyList<Day> changed, RedirectTable redirects)
    {
        var fresh = changed.SelectMany(d => d.Events).ToArray();
        var freshTitles = fresh.Select(e => Resolve(e, redirects)).ToArray();
        var kept = new bool[previous.EventCount];
        var used = new bool[previous.Titles.Length];
        int keptCount = 0;
        for (int o = 0; o < kept.Length; o++)
        {
            if (!changedDays.Contains(previous.Keys[o].DayNumber))
            {
                kept[o] = true;
                keptCount++;
                for (int t = previous.EntityStart[o]; t < previous.EntityStart[o + 1]; t++)
                {
                    used[previous.Entities[t]] = true;
                }
            }
        }

        // The titles named now: the previous build's still named by an event kept, and the
        // changed days' (ordinal order, as the previous build's are), merged; every previous
        // id then maps to a new one by an array, without a string compared.
        var added = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var title in freshTitles.SelectMany(t => t.Titles))
        {
            int old = Array.BinarySearch(previous.Titles, title, StringComparer.Ordinal);
            if (old >= 0)
            {
                used[old] = true;
            }
            else
            {
                added.Add(title);
            }
        }

        var titles = new List<string>(previous.Titles.Length + added.Count);
        var oldToNew = new int[previous.Titles.Length];
        var addedIds = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var next = added.GetEnumerator())
        {
            bool more = next.MoveNext();
            for (int old = 0; old <= previous.Titles.Length; old++)
            {
                while (more && (old == previous.Titles.Length || string.CompareOrdinal(next.Current, previous.Titles[old]) < 0))
                {
                    addedIds[next.Current] = titles.Count;
                    titles.Add(next.Current);
                    more = next.MoveNext();
                }

                if (old < previous.Titles.Length)
                {
                    oldToNew[old] = used[old] ? titles.Count : -1;
                    if (used[old])
                    {
                        titles.Add(previous.Titles[old]);
                    }
                }
            }
        }

        int n = keptCount + fresh.Length;
        var dayNumbers = new int[n];
        var positions = new int[n];
        var entityStart = new int[n + 1];
        var flat = new List<int>(previous.Entities.Length + freshTitles.Sum(t => t.Titles.Length));
        var linked = new List<byte>(flat.Capacity);
        int at = 0;
        int f = 0;
        var previousStart = previous.EntityStart;
        var previousEntities = previous.Entities;
        var previousLinked = previous.Linked;
        for (int o = 0; o <= previous.EventCount; o++)
        {
            // Both are in archive order: the previous build's events of unchanged days, and the changed days' events, merged.
            var key = o < previous.EventCount ? previous.Keys[o] : EventKey.End;
            while (f < fresh.Length && EventKey.Of(fresh[f]) < key)
            {
                dayNumbers[at] = fresh[f].Date.DayNumber;
                positions[at] = fresh[f].Position;
                var (ids, isLinked) = Ids(freshTitles[f++], title => Array.BinarySearch(previous.Titles, title, StringComparer.Ordinal) is int old and >= 0 ? oldToNew[old] : addedIds[title]);
                flat.AddRange(ids);
                linked.AddRange(isLinked);
                entityStart[++at] = flat.Count;
            }

            if (o == previous.EventCount || !kept[o])
            {
                continue;
            }

            dayNumbers[at] = key.DayNumber;
            positions[at] = key.Position;
            for (int t = previousStart[o]; t < previousStart[o + 1]; t++)
            {
                flat.Add(oldToNew[previousEntities[t]]); // still ascending: ids keep the order of titles
                linked.Add(previousLinked[t]);
            }

            entityStart[++at] = flat.Count;
        }

        return new EntityIndex(dayNumbers, positions, [.. titles], entityStart, [.. flat], [.. linked]);
    }

    /// <summary>An event's title ids, ascending, each with 1 when the event links it.</summary>
    private static (int[] Ids, byte[] Linked) Ids((string[] Titles, bool[] Linked) resolved, Func<string, int> id)
    {
        var ids = new int[resolved.Titles.Length];
        var linked = new byte[ids.Length];
        for (int t = 0; t < ids.Length; t++)
        {
            ids[t] = id(resolved.Titles[t]);
            linked[t] = resolved.Linked[t] ? (byte)1 : (byte)0;
        }

        Array.Sort(ids, linked);
        return (ids, linked);
    }

    /// <summary>
    /// An event's titles with redirects resolved, each once, in the order named: its entities
    /// (linked), then its stories' titles that are not among them (not linked).
    /// </summary>
    private static (string[] Titles, bool[] Linked) Resolve(Event item, RedirectTable redirects)
    {
        var titles = new List<string>(item.Entities.Count + item.StoryTitles.Count);
        foreach (var title in item.Entities)
        {
            var current = redirects.Resolve(title);
            if (!titles.Contains(current))
            {
                titles.Add(current);
            }
        }

        int linked = titles.Count;
        foreach (var title in item.StoryTitles)
        {
            var current = redirects.Resolve(title);
            if (!titles.Contains(current))
            {
                titles.Add(current);
            }
        }

        var isLinked = new bool[titles.Count];
        isLinked.AsSpan(0, linked).Fill(true);
        return ([.. titles], isLinked);
    }

    private static EntityIndex Build(int[] dayNumbers, int[] positions, (string[] Titles, bool[] Linked)[] resolved)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (titles, _) in resolved)
        {
            distinct.UnionWith(titles);
        }

        var ordered = distinct.Order(StringComparer.Ordinal).ToArray();
        var ids = new Dictionary<string, int>(ordered.Length, StringComparer.Ordinal);
        for (int id = 0; id < ordered.Length; id++)
        {
            ids[ordered[id]] = id;
        }

        var entityStart = new int[resolved.Length + 1];
        for (int i = 0; i < resolved.Length; i++)
        {
            entityStart[i + 1] = entityStart[i] + resolved[i].Titles.Length;
        }

        var flat = new int[entityStart[^1]];
        var flatLinked = new byte[flat.Length];
        for (int i = 0; i < resolved.Length; i++)
        {
            var (eventIds, linked) = Ids(resolved[i], title => ids[title]);
            eventIds.CopyTo(flat, entityStart[i]);
            linked.CopyTo(flatLinked, entityStart[i]);
        }

        return new EntityIndex(dayNumbers, positions, ordered, entityStart, flat, flatLinked);
    }

    /// <summary>For each entity id, the events that name it, ascending.</summary>
    private static int[][] PostingsOf(int entities, int[] entityStart, int[] flat)
    {
        var counts = new int[entities];
        foreach (int id in flat)
        {
            counts[id]++;
        }

        var postings = new int[entities][];
        for (int id = 0; id < entities; id++)
        {
            postings[id] = new int[counts[id]];
        }

        var filled = new int[entities];
        for (int i = 0; i + 1 < entityStart.Length; i++)
        {
            for (int t = entityStart[i]; t < entityStart[i + 1]; t++)
            {
                postings[flat[t]][filled[flat[t]]++] = i;
            }
        }

        return postings;
    }

    /// <summary>For each title id, the events whose <paramref name="eventTitles"/> hold it, ascending.</summary>
    private static int[][] PostingsOf(int titles, int[][] eventTitles)
    {
        var start = new int[eventTitles.Length + 1];
        for (int i = 0; i < eventTitles.Length; i++)
        {
            start[i + 1] = start[i] + eventTitles[i].Length;
        }

        return PostingsOf(titles, start, [.. eventTitles.SelectMany(t => t)]);
    }

    private int[] LinkedOf(int i)
    {
        int linked = 0;
        for (int t = EntityStart[i]; t < EntityStart[i + 1]; t++)
        {
            linked += FlatLinked[t];
        }

        var ids = new int[linked];
        for (int t = EntityStart[i], k = 0; t < EntityStart[i + 1]; t++)
        {
            if (FlatLinked[t] == 1)
            {
                ids[k++] = FlatEntities[t];
            }
        }

        return ids;
    }

    private int[] RankInContextOrder()
    {
        var byContext = Enumerable.Range(0, Titles.Count).ToArray();
        Array.Sort(byContext, (x, y) => RelatedEvents.ContextOrder(Titles[x], Titles[y]));
        var ranks = new int[byContext.Length];
        for (int r = 0; r < byContext.Length; r++)
        {
            ranks[byContext[r]] = r;
        }

        return ranks;
    }

    /// <summary>The resolved entity titles event <paramref name="index"/> links, ordinal order.</summary>
    public IEnumerable<string> EntitiesOf(int index) => EventEntities[index].Select(id => Titles[id]);
}
