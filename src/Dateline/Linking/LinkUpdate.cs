namespace Dateline.Linking;

/// <summary>
/// The related lists of a build that follows another (<see cref="LinkState"/>), computed anew
/// only where they can have changed. The result is the one a full computation gives, list for
/// list: that is the contract, and a test holds it to it on random archives.
/// </summary>
/// <remarks>
/// <para>
/// A changed day (an event added, removed or edited) changes N, and the document frequency of
/// the entities its events name, before and after. Its events that keep their place and name
/// the same entities are paired with the previous build's (for linking, the same events); the
/// others are unpaired: new, or gone. An event's list can then change in three
/// ways: its members' scores move, a candidate it left out rises above its last member, or a
/// new event enters. All three are checked. The members are scored again exactly; every weight
/// ln(1 + N / df) is known before and after, so a candidate left out can have risen at most by
/// the rises of the event's own entities' weights, above the bound the last build kept
/// (<see cref="LinkState.Next"/>); and the new events are few and are scored exactly.
/// The old list stands, re-sorted and merged with the new events, when the bound stays
/// strictly below its last member; where it does not, or where a member is unpaired (it may
/// be another event now), the event is ranked again from scratch. Nothing is ever guessed.
/// </para>
/// <para>
/// Ties at the end of a list are common (many candidates sharing one common entity). The bound
/// leaves aside candidates tied with the last member that share the very same entities with
/// the event (<see cref="LinkState.NextSameSet"/>): their scores stay equal to the last's
/// whatever the weights do, and the tie-breaks keep them below it, provided the last stays
/// last. For events none of whose entities an unpaired event names (before or now), ties
/// through entities of equal frequencies are set aside as well (<see cref="LinkState.Next"/>):
/// then only N moved for them, no new candidate shares an entity, and such scores stay equal too.
/// </para>
/// <para>
/// Lists carried over keep the bound rather than an exact score for what they left out, so
/// the bound only grows, and a list is ranked again once the growth reaches its margin.
/// </para>
/// </remarks>
internal sealed class LinkUpdate
{
    private readonly RelatedEvent[]?[] lists;
    private readonly LinkState state;
    private readonly int[] oldToNew;
    private readonly EntityIndex index;
    private readonly double[] weights;

    private LinkUpdate(EntityIndex index, LinkState state, double[] weights, int[] oldToNew, RelatedEvent[]?[] lists, double[] next, double[] nextSameSet, bool[] carried, int[] previous, int relinked)
    {
        this.index = index;
        this.state = state;
        this.weights = weights;
        this.oldToNew = oldToNew;
        this.lists = lists;
        Next = next;
        NextSameSet = nextSameSet;
        Carried = carried;
        Previous = previous;
        Relinked = relinked;
    }

    /// <summary>Event e's related list. The lists carried over have empty contexts (see <see cref="RelatedEvents.WithContexts"/>).</summary>
    public RelatedEvent[] ListOf(int e)
    {
        if (lists[e] is { } list)
        {
            return list;
        }

        // The previous build's members, in the same order: scored again as the check scored them.
        int o = Previous[e];
        var order = RelatedEvents.RarestFirst(index, e);
        return [.. Enumerable.Range(state.RelatedStart[o], state.RelatedStart[o + 1] - state.RelatedStart[o])
            .Select(i => oldToNew[state.Related[i]])
            .Select(r => new RelatedEvent(r, RelatedEvents.Score(index, weights, order, r), []))];
    }

    /// <summary>
    /// True when event e's list names the very events its previous list named, in the same
    /// order (all of them paired with the previous build's): most lists after a small change,
    /// which are kept this way without a list made for each.
    /// </summary>
    public bool SameMembers(int e) => lists[e] is null;

    /// <summary>Every event's related events, laid out flat for the next state: event e's are <c>Related[Start[e]..Start[e + 1]]</c>.</summary>
    public (int[] Start, int[] Related) Flat()
    {
        int n = lists.Length;
        var start = new int[n + 1];
        for (int e = 0; e < n; e++)
        {
            start[e + 1] = start[e] + (lists[e]?.Length ?? (state.RelatedStart[Previous[e] + 1] - state.RelatedStart[Previous[e]]));
        }

        var related = new int[start[n]];
        for (int e = 0; e < n; e++)
        {
            if (lists[e] is { } list)
            {
                for (int r = 0; r < list.Length; r++)
                {
                    related[start[e] + r] = list[r].Event;
                }
            }
            else
            {
                for (int i = state.RelatedStart[Previous[e]], at = start[e]; i < state.RelatedStart[Previous[e] + 1]; i++, at++)
                {
                    related[at] = oldToNew[state.Related[i]];
                }
            }
        }

        return (start, related);
    }

    /// <summary>For each event, the bound on what its list left out (see <see cref="LinkState.Next"/>).</summary>
    public double[] Next { get; }

    /// <summary>For each event, the bound on what its list left out (see <see cref="LinkState.NextSameSet"/>).</summary>
    public double[] NextSameSet { get; }

    /// <summary>
    /// True where the list was carried over from the previous build's (scored again, perhaps
    /// re-sorted or joined by new events) rather than ranked again from scratch.
    /// </summary>
    public IReadOnlyList<bool> Carried { get; }

    /// <summary>Each event's index in the previous build, or -1 for an event that is new for linking (see <see cref="Compute"/>).</summary>
    public IReadOnlyList<int> Previous { get; }

    /// <summary>How many lists were ranked again.</summary>
    public int Relinked { get; }

    /// <param name="index">The archive as it is now.</param>
    /// <param name="previous">What the previous build left.</param>
    /// <param name="changedDays">The days (day numbers) whose events may differ from the ones the previous build knew (see <see cref="LinkState.ChangedDays"/>); the events of every other day are the same.</param>
    public static LinkUpdate Compute(EntityIndex index, LinkState previous, IReadOnlySet<int> changedDays, int count = RelatedEvents.DefaultCount, int parallelism = 0)
    {
        int n = index.Count;
        var ids = new Dictionary<string, int>(index.Titles.Count, StringComparer.Ordinal);
        for (int id = 0; id < index.Titles.Count; id++)
        {
            ids[index.Titles[id]] = id;
        }

        // Each title of the previous build as an entity id of this one (-1: no event names it now).
        var renumbered = previous.Titles.Select(t => ids.TryGetValue(t, out int id) ? id : -1).ToArray();
        var previousIndex = MatchEvents(index, previous, changedDays, renumbered);

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

        var weights = RelatedEvents.Weights(index);
        var rises = WeightRises(index, previous, renumbered, weights);
        var touched = TouchedEntities(index, previous, renumbered, oldToNew, fresh);
        var change = new Change(index, previous, weights, rises, touched, oldToNew, [.. fresh], count);
        var lists = new RelatedEvent[]?[n];
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

        return new LinkUpdate(index, previous, weights, oldToNew, lists, next, nextSameSet, carried, previousIndex, targets.Length);
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
    /// Pairs each event with the previous build's of the same key: every event of a day that did
    /// not change, and of a changed day those that name the very same titles, linked alike (for linking they
    /// are the same event; their text may differ, which is the publisher's business). -1 for the
    /// others: new, moved on their day, or naming other entities.
    /// </summary>
    private static int[] MatchEvents(EntityIndex index, LinkState previous, IReadOnlySet<int> changedDays, int[] renumbered)
    {
        var previousIndex = new int[index.Count];
        var keys = previous.Keys;
        var start = previous.EntityStart;
        var entities = previous.Entities;
        int o = 0;
        for (int e = 0; e < previousIndex.Length; e++)
        {
            previousIndex[e] = -1;
            var key = index.KeyOf(e);
            while (o < keys.Length && keys[o] < key)
            {
                o++;
            }

            bool sameKey = o < keys.Length && keys[o] == key;
            if (!changedDays.Contains(index.DayNumbers[e]))
            {
                // Both in archive order: the key is ahead, or it was not there before (a day said unchanged that is not).
                previousIndex[e] = sameKey ? o++ : throw new ArgumentException($"event {e} is on a day not given as changed, but the previous build did not have it", nameof(changedDays));
                continue;
            }

            if (sameKey)
            {
                var now = index.FlatEntities.AsSpan(index.EntityStart[e]..index.EntityStart[e + 1]);
                var nowLinked = index.FlatLinked.AsSpan(index.EntityStart[e]..index.EntityStart[e + 1]);
                bool same = now.Length == start[o + 1] - start[o];
                for (int t = 0; same && t < now.Length; t++)
                {
                    // Both ascending (ids follow the order of titles); a title linked now and only a story's before changes contexts.
                    same = renumbered[entities[start[o] + t]] == now[t] && previous.Linked[start[o] + t] == nowLinked[t];
                }

                if (same)
                {
                    previousIndex[e] = o;
                }

                o++;
            }
        }

        return previousIndex;
    }

    /// <summary>The entities the unpaired events named, before or now: their document frequencies may have changed, and new candidates may name them.</summary>
    private static bool[] TouchedEntities(EntityIndex index, LinkState previous, int[] renumbered, int[] oldToNew, List<int> fresh)
    {
        var touched = new bool[index.Titles.Count];
        var start = previous.EntityStart;
        var entities = previous.Entities;
        for (int o = 0; o < previous.EventCount; o++)
        {
            if (oldToNew[o] < 0)
            {
                for (int t = start[o]; t < start[o + 1]; t++)
                {
                    if (renumbered[entities[t]] >= 0)
                    {
                        touched[renumbered[entities[t]]] = true;
                    }
                }
            }
        }

        foreach (int e in fresh)
        {
            foreach (int id in index.FlatEntities.AsSpan(index.EntityStart[e]..index.EntityStart[e + 1]))
            {
                touched[id] = true;
            }
        }

        return touched;
    }

    /// <summary>What changed, and the test of whether an event's previous list still stands.</summary>
    private sealed class Change(EntityIndex index, LinkState previous, double[] weights, double[] rises, bool[] touched, int[] oldToNew, int[] fresh, int count)
    {
        [ThreadStatic]
        private static RelatedEvent[]? scratch;

        /// <summary>The previous list of event <paramref name="e"/> (index <paramref name="o"/> then), with the new events merged in and its new scores, when it provably still stands.</summary>
        /// <remarks>Called for every event of the archive: the members are gathered in this thread's buffer, and only the list kept is allocated.</remarks>
        /// <param name="list">The list, or null when it names the previous list's members in the same order (see <see cref="SameMembers"/>).</param>
        public bool TryCarry(int e, int o, out RelatedEvent[]? list, out double bound, out double boundSameSet)
        {
            list = null;
            bound = boundSameSet = double.NaN;
            var related = previous.Related; // the state's spans, taken once: each is read in place
            int start = previous.RelatedStart[o];
            int length = previous.RelatedStart[o + 1] - start;
            var own = index.FlatEntities.AsSpan(index.EntityStart[e]..index.EntityStart[e + 1]);
            Span<int> order = own.Length <= 64 ? stackalloc int[own.Length] : new int[own.Length];
            RelatedEvents.RarestFirst(index, e, order);
            var members = scratch ??= new RelatedEvent[64];
            int found = 0;
            using var score = new Scorer(index, weights, order);
            for (int i = 0; i < length; i++)
            {
                int r = oldToNew[related[start + i]];
                if (r < 0)
                {
                    return false; // a member is not paired: it may be another event now
                }

                Put(ref members, found++, new RelatedEvent(r, score.Of(r), []));
            }

            bool frequenciesMoved = false;
            double rise = 0;
            foreach (int x in own)
            {
                frequenciesMoved |= touched[x];
                rise += rises[x];
            }

            if (!frequenciesMoved)
            {
                return CarryUnderNewN(e, o, members.AsSpan(0, found), rise, out list, out bound, out boundSameSet);
            }

            // New events that share an entity enter as candidates, scored exactly.
            foreach (int c in fresh)
            {
                if (c != e && Shares(own, c))
                {
                    Put(ref members, found++, new RelatedEvent(c, score.Of(c), []));
                }
            }

            var ranked = members.AsSpan(0, found);
            ranked.Sort((a, b) => a.Event == b.Event ? 0 : RelatedEvents.Ranks(index.DayNumbers, e, a.Event, a.Score, b.Event, b.Score) ? -1 : 1);
            int keep = Math.Min(count, found);
            double left = previous.NextSameSet[o];
            if (!double.IsNaN(left))
            {
                // The tied candidates set aside stay tied with the old last member only: it must still be last.
                if (length == 0 || ranked[keep - 1].Event != oldToNew[related[start + length - 1]])
                {
                    return false;
                }

                double most = Up(left + rise);
                if (!((most * (1 + 1e-9)) + 1e-9 < ranked[keep - 1].Score))
                {
                    return false;
                }

                bound = most;
            }

            for (int i = keep; i < found; i++)
            {
                bound = double.IsNaN(bound) ? ranked[i].Score : Math.Max(bound, ranked[i].Score); // pushed out by a new event: known exactly
            }

            boundSameSet = bound;
            bool same = keep == length;
            for (int i = 0; same && i < keep; i++)
            {
                same = ranked[i].Event == oldToNew[related[start + i]];
            }

            list = same ? null : ranked[..keep].ToArray(); // most lists keep their members: none made for them
            return true;
        }

        /// <summary>
        /// <see cref="RelatedEvents.Score"/> for many candidates of one target, bit for bit: each of
        /// the target's entities is marked with its place in rarest-first order, a candidate's
        /// matches are gathered as bits, and the weights are summed in that same order. One array
        /// read per entity of the candidate instead of a binary search per entity of the target.
        /// </summary>
        private readonly ref struct Scorer
        {
            [ThreadStatic]
            private static byte[]? places;

            private readonly EntityIndex index;
            private readonly double[] weights;
            private readonly ReadOnlySpan<int> rarestFirst;
            private readonly byte[]? marked;

            public Scorer(EntityIndex index, double[] weights, ReadOnlySpan<int> rarestFirst)
            {
                this.index = index;
                this.weights = weights;
                this.rarestFirst = rarestFirst;
                if (rarestFirst.Length <= 64)
                {
                    marked = places is { } known && known.Length >= weights.Length ? known : places = new byte[weights.Length];
                    for (int k = 0; k < rarestFirst.Length; k++)
                    {
                        marked[rarestFirst[k]] = (byte)(k + 1);
                    }
                }
            }

            public double Of(int candidate)
            {
                if (marked is null)
                {
                    return RelatedEvents.Score(index, weights, rarestFirst, candidate); // a target naming more than 64 entities
                }

                ulong matches = 0;
                foreach (int entity in index.FlatEntities.AsSpan(index.EntityStart[candidate]..index.EntityStart[candidate + 1]))
                {
                    int place = marked[entity];
                    if (place != 0)
                    {
                        matches |= 1UL << (place - 1);
                    }
                }

                double score = 0;
                while (matches != 0)
                {
                    score += weights[rarestFirst[System.Numerics.BitOperations.TrailingZeroCount(matches)]];
                    matches &= matches - 1;
                }

                return score;
            }

            /// <summary>Clears the marks for the next target.</summary>
            public void Dispose()
            {
                if (marked is not null)
                {
                    foreach (int entity in rarestFirst)
                    {
                        marked[entity] = 0;
                    }
                }
            }
        }

        private static void Put(ref RelatedEvent[] buffer, int at, RelatedEvent item)
        {
            if (at == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
                scratch = buffer;
            }

            buffer[at] = item;
        }

        /// <summary>Only N moved for this event: the same members in the same order, and the bound far enough below the last.</summary>
        private bool CarryUnderNewN(int e, int o, ReadOnlySpan<RelatedEvent> members, double rise, out RelatedEvent[]? list, out double bound, out double boundSameSet)
        {
            list = null;
            bound = boundSameSet = double.NaN;
            for (int i = 1; i < members.Length; i++)
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
                if (members.Length == 0 || !((bound * (1 + 1e-9)) + 1e-9 < members[^1].Score))
                {
                    return false;
                }
            }

            double leftSameSet = previous.NextSameSet[o];
            boundSameSet = double.IsNaN(leftSameSet) ? double.NaN : Up(leftSameSet + rise);
            return true; // the same members in the same order: no list made (see SameMembers)
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
