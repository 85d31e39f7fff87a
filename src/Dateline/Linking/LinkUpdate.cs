namespace Dateline.Linking;

/// <summary>
/// The related lists of a build that follows another (<see cref="LinkState"/>), computed anew
/// only where they can have changed. The result is the one a full computation gives, list for
/// list: that is the contract, and a test holds it to it on random archives.
/// </summary>
/// <remarks>
/// <para>
/// A changed day (an event added, removed or edited) changes the document frequency of the
/// entities its events name, before and after: every event naming one of those entities is
/// ranked again. Every other event keeps its candidates and the entities it shares with each,
/// but N has changed, and with it every weight ln(1 + N / df), by at most
/// ln((1 + N') / (1 + N)) (the rarest entity moves most). Its old list stands when, under the
/// new weights, its members still rank in the same order (their scores are recomputed exactly)
/// and no candidate it left out can reach the last of them: the left-out ones scored at most
/// <see cref="LinkState.Next"/>, and each of the event's entities adds at most that rise.
/// Where either test fails the event is ranked again; nothing is ever guessed.
/// </para>
/// <para>
/// Lists carried over keep the bound rather than an exact score for what they left out, so
/// the bound only grows, and a list is re-ranked once the growth reaches its margin.
/// </para>
/// </remarks>
public sealed class LinkUpdate
{
    private LinkUpdate(RelatedEvent[][] lists, double[] next, bool[] carried, int[] previous, HashSet<int> changedDays, int relinked)
    {
        Lists = lists;
        Next = next;
        Carried = carried;
        Previous = previous;
        ChangedDays = changedDays;
        Relinked = relinked;
    }

    /// <summary>Each event's related list. The lists carried over have empty contexts (see <see cref="RelatedEvents.WithContexts"/>).</summary>
    public RelatedEvent[][] Lists { get; }

    /// <summary>For each event, no candidate left out of its list scores above this (NaN: none was left out).</summary>
    public double[] Next { get; }

    /// <summary>True where the list is the previous build's (the same events in the same order).</summary>
    public IReadOnlyList<bool> Carried { get; }

    /// <summary>Each event's index in the previous build, or -1 for an event of a changed day.</summary>
    public IReadOnlyList<int> Previous { get; }

    /// <summary>The days (as day numbers) whose events differ from the previous build's: added, removed or edited.</summary>
    public IReadOnlySet<int> ChangedDays { get; }

    /// <summary>How many lists were ranked again.</summary>
    public int Relinked { get; }

    public static LinkUpdate Compute(EntityIndex index, LinkState previous, int count = RelatedEvents.DefaultCount, int parallelism = 0)
    {
        int n = index.Events.Count;
        var (previousIndex, changedDays) = MatchEvents(index, previous);
        var relink = EventsNamingTouchedEntities(index, previous, previousIndex, changedDays);

        var oldToNew = new int[previous.EventCount];
        oldToNew.AsSpan().Fill(-1);
        for (int e = 0; e < n; e++)
        {
            if (previousIndex[e] >= 0)
            {
                oldToNew[previousIndex[e]] = e;
            }
        }

        var weights = RelatedEvents.Weights(index);
        double rise = Math.Max(0, Math.Log((1.0 + n) / (1.0 + previous.EventCount)));
        var lists = new RelatedEvent[n][];
        var next = new double[n];
        var carried = new bool[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount }, e =>
        {
            if (!relink[e] && TryCarry(index, weights, previous, oldToNew, rise, e, previousIndex[e], out var list, out double bound))
            {
                lists[e] = list;
                next[e] = bound;
                carried[e] = true;
            }
        });

        var targets = Enumerable.Range(0, n).Where(e => !carried[e]).ToArray();
        var (ranked, rankedNext) = RelatedEvents.ComputeFor(index, targets, count, parallelism);
        foreach (int e in targets)
        {
            lists[e] = ranked[e]!;
            next[e] = rankedNext[e];
        }

        return new LinkUpdate(lists, next, carried, previousIndex, changedDays, targets.Length);
    }

    /// <summary>
    /// Pairs each event with the previous build's by key and content. A day with any event
    /// added, removed or different is changed, and none of its events is paired.
    /// </summary>
    private static (int[] PreviousIndex, HashSet<int> ChangedDays) MatchEvents(EntityIndex index, LinkState previous)
    {
        int n = index.Events.Count;
        var oldByKey = new Dictionary<long, int>(previous.EventCount);
        for (int o = 0; o < previous.EventCount; o++)
        {
            oldByKey[previous.Keys[o]] = o;
        }

        var previousIndex = new int[n];
        var matched = new bool[previous.EventCount];
        var changedDays = new HashSet<int>();
        for (int e = 0; e < n; e++)
        {
            var item = index.Events[e];
            if (oldByKey.TryGetValue(LinkState.Key(item.Date, item.Position), out int o) && previous.Contents[o] == LinkState.ContentHash(item))
            {
                previousIndex[e] = o;
                matched[o] = true;
            }
            else
            {
                previousIndex[e] = -1;
                changedDays.Add(item.Date.DayNumber);
            }
        }

        for (int o = 0; o < previous.EventCount; o++)
        {
            if (!matched[o])
            {
                changedDays.Add((int)(previous.Keys[o] >> 32));
            }
        }

        for (int e = 0; e < n; e++)
        {
            if (changedDays.Contains(index.DayNumbers[e]))
            {
                previousIndex[e] = -1; // the day is the unit of change
            }
        }

        return (previousIndex, changedDays);
    }

    /// <summary>The events to rank again: those of changed days, and every event naming an entity that a changed day's events named, before or now.</summary>
    private static bool[] EventsNamingTouchedEntities(EntityIndex index, LinkState previous, int[] previousIndex, HashSet<int> changedDays)
    {
        var ids = new Dictionary<string, int>(index.Titles.Count, StringComparer.Ordinal);
        for (int id = 0; id < index.Titles.Count; id++)
        {
            ids[index.Titles[id]] = id;
        }

        var touched = new bool[index.Titles.Count];
        for (int o = 0; o < previous.EventCount; o++)
        {
            if (changedDays.Contains((int)(previous.Keys[o] >> 32)))
            {
                for (int t = previous.EntityStart[o]; t < previous.EntityStart[o + 1]; t++)
                {
                    if (ids.TryGetValue(previous.Titles[previous.Entities[t]], out int id))
                    {
                        touched[id] = true;
                    }
                }
            }
        }

        var relink = new bool[index.Events.Count];
        for (int e = 0; e < relink.Length; e++)
        {
            if (previousIndex[e] < 0)
            {
                relink[e] = true;
                foreach (int id in index.EventEntities[e])
                {
                    touched[id] = true;
                }
            }
        }

        for (int id = 0; id < touched.Length; id++)
        {
            if (touched[id])
            {
                foreach (int e in index.Postings[id])
                {
                    relink[e] = true;
                }
            }
        }

        return relink;
    }

    /// <summary>The previous list of event <paramref name="e"/> with its new scores, when it provably still stands.</summary>
    private static bool TryCarry(EntityIndex index, double[] weights, LinkState previous, int[] oldToNew, double rise, int e, int o, out RelatedEvent[] list, out double bound)
    {
        int start = previous.RelatedStart[o];
        list = new RelatedEvent[previous.RelatedStart[o + 1] - start];
        bound = double.NaN;
        for (int i = 0; i < list.Length; i++)
        {
            int r = oldToNew[previous.Related[start + i]];
            if (r < 0)
            {
                return false;
            }

            double score = RelatedEvents.Score(index, weights, e, r);
            if (score <= 0 || (i > 0 && !RelatedEvents.Ranks(index.DayNumbers, e, list[i - 1].Event, list[i - 1].Score, r, score)))
            {
                return false; // two members changed places under the new weights
            }

            list[i] = new RelatedEvent(r, score, []);
        }

        double left = previous.Next[o];
        if (double.IsNaN(left))
        {
            return true; // every candidate is listed, and the candidates are the same
        }

        int entities = index.EntityStart[e + 1] - index.EntityStart[e];
        bound = left + (entities * rise);
        return list.Length > 0 && (bound * (1 + 1e-9)) + 1e-9 < list[^1].Score;
    }
}
