namespace Dateline.Linking;

/// <summary>
/// The related lists of a build that follows another (<see cref="LinkState"/>), computed anew
/// only where they can have changed. The result is the one a full computation gives, list for
/// list: that is the contract, and a test holds it to it on random archives.
/// </summary>
/// <remarks>
/// <para>
/// A changed day (an event added, removed or edited) changes N, and the document frequency of
/// the entities its events name, before and after. An event's list can then change in three
/// ways: its members' scores move, a candidate it left out rises above its last member, or a
/// new event enters. All three are checked. The members are scored again exactly; every weight
/// ln(1 + N / df) is known before and after, so a candidate left out can have risen at most by
/// the rises of the event's own entities' weights, above the bound the last build kept
/// (<see cref="LinkState.Next"/>); and the new events are few and are scored exactly.
/// The old list stands, re-sorted and merged with the new events, when the bound stays
/// strictly below its last member; where it does not, or where a member was itself on a
/// changed day, the event is ranked again from scratch. Nothing is ever guessed.
/// </para>
/// <para>
/// Ties at the end of a list are common (many candidates sharing one common entity). The bound
/// leaves aside candidates tied with the last member that share the very same entities with
/// the event (<see cref="LinkState.NextSameSet"/>): their scores stay equal to the last's
/// whatever the weights do, and the tie-breaks keep them below it, provided the last stays
/// last. For events none of whose entities changed frequency, ties through entities of equal
/// frequencies are set aside as well (<see cref="LinkState.Next"/>): then only N moved, and
/// such scores stay equal too.
/// </para>
/// <para>
/// Lists carried over keep the bound rather than an exact score for what they left out, so
/// the bound only grows, and a list is ranked again once the growth reaches its margin.
/// </para>
/// </remarks>
public sealed class LinkUpdate
{
    private LinkUpdate(RelatedEvent[][] lists, double[] next, double[] nextSameSet, bool[] carried, int[] previous, HashSet<int> changedDays, int relinked, ulong[] contents)
    {
        Contents = contents;
        Lists = lists;
        Next = next;
        NextSameSet = nextSameSet;
        Carried = carried;
        Previous = previous;
        ChangedDays = changedDays;
        Relinked = relinked;
    }

    /// <summary>Each event's related list. The lists carried over have empty contexts (see <see cref="RelatedEvents.WithContexts"/>).</summary>
    public RelatedEvent[][] Lists { get; }

    /// <summary>For each event, the bound on what its list left out (see <see cref="LinkState.Next"/>).</summary>
    public double[] Next { get; }

    /// <summary>For each event, the bound on what its list left out (see <see cref="LinkState.NextSameSet"/>).</summary>
    public double[] NextSameSet { get; }

    /// <summary>
    /// True where the list was carried over from the previous build's (scored again, perhaps
    /// re-sorted or joined by new events) rather than ranked again from scratch.
    /// </summary>
    public IReadOnlyList<bool> Carried { get; }

    /// <summary>Each event's index in the previous build, or -1 for an event of a changed day.</summary>
    public IReadOnlyList<int> Previous { get; }

    /// <summary>The days (as day numbers) whose events differ from the previous build's: added, removed or edited.</summary>
    public IReadOnlySet<int> ChangedDays { get; }

    /// <summary>Each event's <see cref="LinkState.ContentHash"/>, for the next state.</summary>
    public ulong[] Contents { get; }

    /// <summary>How many lists were ranked again.</summary>
    public int Relinked { get; }

    public static LinkUpdate Compute(EntityIndex index, LinkState previous, int count = RelatedEvents.DefaultCount, int parallelism = 0)
    {
        int n = index.Events.Count;
        var (previousIndex, changedDays, contents) = MatchEvents(index, previous);
        var ids = new Dictionary<string, int>(index.Titles.Count, StringComparer.Ordinal);
        for (int id = 0; id < index.Titles.Count; id++)
        {
            ids[index.Titles[id]] = id;
        }

        var oldToNew = new int[previous.EventCount];
        oldToNew.AsSpan().Fill(-1);
        var fresh = new List<int>();
        for (int e = 0; e < n; e++)
        {
            if (previousIndex[e] >= 0)
            {
                oldToNew[previousIndex[e]] = e;
            }
            else
            {
                fresh.Add(e);
            }
        }

        // Each title of the previous build as an entity id of this one (-1: no event names it now).
        var renumbered = previous.Titles.Select(t => ids.TryGetValue(t, out int id) ? id : -1).ToArray();
        var weights = RelatedEvents.Weights(index);
        var rises = WeightRises(index, previous, renumbered, weights);
        var touched = TouchedEntities(index, previous, renumbered, changedDays, fresh);
        var change = new Change(index, previous, weights, rises, touched, oldToNew, [.. fresh], count);
        var lists = new RelatedEvent[n][];
        var next = new double[n];
        var nextSameSet = new double[n];
        var carried = new bool[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount }, e =>
        {
            if (previousIndex[e] >= 0 && change.TryCarry(e, previousIndex[e], out var list, out double bound, out double boundSameSet))
            {
                lists[e] = list;
                next[e] = bound;
                nextSameSet[e] = boundSameSet;
                carried[e] = true;
            }
        });

        var targets = Enumerable.Range(0, n).Where(e => !carried[e]).ToArray();
        var (ranked, rankedNext, rankedNextSameSet) = RelatedEvents.ComputeFor(index, targets, count, parallelism);
        foreach (int e in targets)
        {
            lists[e] = ranked[e]!;
            next[e] = rankedNext[e];
            nextSameSet[e] = rankedNextSameSet[e];
        }

        return new LinkUpdate(lists, next, nextSameSet, carried, previousIndex, changedDays, targets.Length, contents);
    }

    /// <summary>
    /// How much each entity's weight rose since the previous build (zero where it fell, and for
    /// an entity no event named then: no old candidate can share it).
    /// </summary>
    private static double[] WeightRises(EntityIndex index, LinkState previous, int[] renumbered, double[] weights)
    {
        var oldFrequency = new int[index.Titles.Count];
        foreach (int title in previous.Entities)
        {
            if (renumbered[title] >= 0)
            {
                oldFrequency[renumbered[title]]++;
            }
        }

        var rises = new double[weights.Length];
        for (int id = 0; id < rises.Length; id++)
        {
            // Computed as the previous build computed its weights, so the difference is exact.
            double old = oldFrequency[id] > 0 ? Math.Log(1 + ((double)previous.EventCount / oldFrequency[id])) : weights[id];
            rises[id] = Math.Max(0, weights[id] - old);
        }

        return rises;
    }

    /// <summary>
    /// Pairs each event with the previous build's by key and content. A day with any event
    /// added, removed or different is changed, and none of its events is paired.
    /// </summary>
    private static (int[] PreviousIndex, HashSet<int> ChangedDays, ulong[] Contents) MatchEvents(EntityIndex index, LinkState previous)
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
        var contents = new ulong[n];
        Parallel.For(0, n, e => contents[e] = LinkState.ContentHash(index.Events[e]));
        for (int e = 0; e < n; e++)
        {
            var item = index.Events[e];
            if (oldByKey.TryGetValue(LinkState.Key(item.Date, item.Position), out int o) && previous.Contents[o] == contents[e])
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

        return (previousIndex, changedDays, contents);
    }

    /// <summary>The entities a changed day's events named, before or now: their document frequencies may have changed.</summary>
    private static bool[] TouchedEntities(EntityIndex index, LinkState previous, int[] renumbered, HashSet<int> changedDays, List<int> fresh)
    {
        var touched = new bool[index.Titles.Count];
        for (int o = 0; o < previous.EventCount; o++)
        {
            if (changedDays.Contains((int)(previous.Keys[o] >> 32)))
            {
                for (int t = previous.EntityStart[o]; t < previous.EntityStart[o + 1]; t++)
                {
                    if (renumbered[previous.Entities[t]] >= 0)
                    {
                        touched[renumbered[previous.Entities[t]]] = true;
                    }
                }
            }
        }

        foreach (int e in fresh)
        {
            foreach (int id in index.EventEntities[e])
            {
                touched[id] = true;
            }
        }

        return touched;
    }

    /// <summary>What changed, and the test of whether an event's previous list still stands.</summary>
    private sealed class Change(EntityIndex index, LinkState previous, double[] weights, double[] rises, bool[] touched, int[] oldToNew, int[] fresh, int count)
    {
        /// <summary>The previous list of event <paramref name="e"/> (index <paramref name="o"/> then), with the new events merged in and its new scores, when it provably still stands.</summary>
        public bool TryCarry(int e, int o, out RelatedEvent[] list, out double bound, out double boundSameSet)
        {
            list = [];
            bound = boundSameSet = double.NaN;
            int start = previous.RelatedStart[o];
            int length = previous.RelatedStart[o + 1] - start;
            var members = new List<RelatedEvent>(length + 2);
            var order = RelatedEvents.RarestFirst(index, e);
            for (int i = 0; i < length; i++)
            {
                int r = oldToNew[previous.Related[start + i]];
                if (r < 0)
                {
                    return false; // a member's day changed: it may be another event now
                }

                members.Add(new RelatedEvent(r, RelatedEvents.Score(index, weights, order, r), []));
            }

            var own = index.FlatEntities.AsSpan(index.EntityStart[e]..index.EntityStart[e + 1]);
            bool frequenciesMoved = false;
            double rise = 0;
            foreach (int x in own)
            {
                frequenciesMoved |= touched[x];
                rise += rises[x];
            }

            if (!frequenciesMoved)
            {
                return CarryUnderNewN(e, o, members, rise, out list, out bound, out boundSameSet);
            }

            // New events that share an entity enter as candidates, scored exactly.
            foreach (int c in fresh)
            {
                if (c != e && Shares(own, c))
                {
                    members.Add(new RelatedEvent(c, RelatedEvents.Score(index, weights, order, c), []));
                }
            }

            members.Sort((a, b) => a.Event == b.Event ? 0 : RelatedEvents.Ranks(index.DayNumbers, e, a.Event, a.Score, b.Event, b.Score) ? -1 : 1);
            int keep = Math.Min(count, members.Count);
            double left = previous.NextSameSet[o];
            if (!double.IsNaN(left))
            {
                // The tied candidates set aside stay tied with the old last member only: it must still be last.
                if (length == 0 || members[keep - 1].Event != oldToNew[previous.Related[start + length - 1]])
                {
                    return false;
                }

                double most = Up(left + rise);
                if (!((most * (1 + 1e-9)) + 1e-9 < members[keep - 1].Score))
                {
                    return false;
                }

                bound = most;
            }

            for (int i = keep; i < members.Count; i++)
            {
                bound = double.IsNaN(bound) ? members[i].Score : Math.Max(bound, members[i].Score); // pushed out by a new event: known exactly
            }

            boundSameSet = bound;
            list = [.. members.Take(keep)];
            return true;
        }

        /// <summary>Only N moved for this event: the same members in the same order, and the bound far enough below the last.</summary>
        private bool CarryUnderNewN(int e, int o, List<RelatedEvent> members, double rise, out RelatedEvent[] list, out double bound, out double boundSameSet)
        {
            list = [];
            bound = boundSameSet = double.NaN;
            for (int i = 1; i < members.Count; i++)
            {
                if (!RelatedEvents.Ranks(index.DayNumbers, e, members[i - 1].Event, members[i - 1].Score, members[i].Event, members[i].Score))
                {
                    return false; // two members changed places under the new weights
                }
            }

            double left = previous.Next[o];
            if (!double.IsNaN(left))
            {
                bound = Up(left + rise);
                if (members.Count == 0 || !((bound * (1 + 1e-9)) + 1e-9 < members[^1].Score))
                {
                    return false;
                }
            }

            double leftSameSet = previous.NextSameSet[o];
            boundSameSet = double.IsNaN(leftSameSet) ? double.NaN : Up(leftSameSet + rise);
            list = [.. members];
            return true;
        }

        /// <summary>A bound made a little looser than its rounded sum, so that it stays a bound after any number of builds.</summary>
        private static double Up(double bound) => double.IsInfinity(bound) ? bound : bound + (Math.Abs(bound) * 1e-12) + 1e-12;

        private bool Shares(ReadOnlySpan<int> own, int candidate)
        {
            var theirs = index.FlatEntities.AsSpan(index.EntityStart[candidate]..index.EntityStart[candidate + 1]);
            foreach (int x in theirs)
            {
                if (own.BinarySearch(x) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
