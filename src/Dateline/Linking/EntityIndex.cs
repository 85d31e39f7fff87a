using Dateline.Model;

namespace Dateline.Linking;

/// <summary>
/// The inverted index behind related events: every event's entities (redirects resolved, each
/// once) as ids, and for every entity the events that name it, in archive order. Entity ids are
/// given in ordinal title order, so everything computed from them is independent of hash order.
/// </summary>
public sealed class EntityIndex
{
    private int[]? contextRanks;

    private EntityIndex(Event[] events, string[] titles, int[][] eventEntities, int[][] postings)
    {
        Events = events;
        Titles = titles;
        EventEntities = eventEntities;
        Postings = postings;

        // The same lists laid out flat: scoring a candidate reads one short run of one array
        // instead of chasing a reference to a small array elsewhere on the heap.
        EntityStart = new int[eventEntities.Length + 1];
        for (int i = 0; i < eventEntities.Length; i++)
        {
            EntityStart[i + 1] = EntityStart[i] + eventEntities[i].Length;
        }

        FlatEntities = new int[EntityStart[^1]];
        for (int i = 0; i < eventEntities.Length; i++)
        {
            eventEntities[i].CopyTo(FlatEntities, EntityStart[i]);
        }

        DayNumbers = events.Select(e => e.Date.DayNumber).ToArray();
    }

    /// <summary>All events of the archive, by date then page order.</summary>
    public IReadOnlyList<Event> Events { get; }

    /// <summary>Entity titles by id (ordinal order).</summary>
    public IReadOnlyList<string> Titles { get; }

    /// <summary>For each event, its entity ids, ascending.</summary>
    internal int[][] EventEntities { get; }

    /// <summary>For each entity id, the indexes of the events that name it, ascending.</summary>
    internal int[][] Postings { get; }

    /// <summary>Event i's entity ids are <c>FlatEntities[EntityStart[i]..EntityStart[i + 1]]</c>.</summary>
    internal int[] EntityStart { get; }

    internal int[] FlatEntities { get; }

    /// <summary>Each event's date as a day number.</summary>
    internal int[] DayNumbers { get; }

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
        var resolved = new string[events.Length][];
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < events.Length; i++)
        {
            var titles = new List<string>(events[i].Entities.Count);
            foreach (var title in events[i].Entities)
            {
                var current = archive.Redirects.Resolve(title);
                if (!titles.Contains(current))
                {
                    titles.Add(current);
                }
            }

            resolved[i] = [.. titles];
            distinct.UnionWith(titles);
        }

        var ordered = distinct.Order(StringComparer.Ordinal).ToArray();
        var ids = new Dictionary<string, int>(ordered.Length, StringComparer.Ordinal);
        for (int id = 0; id < ordered.Length; id++)
        {
            ids[ordered[id]] = id;
        }

        var eventEntities = new int[events.Length][];
        var counts = new int[ordered.Length];
        for (int i = 0; i < events.Length; i++)
        {
            var entityIds = resolved[i].Select(t => ids[t]).ToArray();
            Array.Sort(entityIds);
            eventEntities[i] = entityIds;
            foreach (int id in entityIds)
            {
                counts[id]++;
            }
        }

        var postings = new int[ordered.Length][];
        for (int id = 0; id < ordered.Length; id++)
        {
            postings[id] = new int[counts[id]];
        }

        var filled = new int[ordered.Length];
        for (int i = 0; i < events.Length; i++)
        {
            foreach (int id in eventEntities[i])
            {
                postings[id][filled[id]++] = i;
            }
        }

        return new EntityIndex(events, ordered, eventEntities, postings);
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

    /// <summary>The resolved entity titles of event <paramref name="index"/>, ordinal order.</summary>
    public IEnumerable<string> EntitiesOf(int index) => EventEntities[index].Select(id => Titles[id]);
}
