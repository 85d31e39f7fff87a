namespace Dateline.Linking;

/// <summary>
/// Ranks, for every event, the events that share a title (an entity or a story) with it
/// (FORMAT.md, "Related events"): score = Σ ln(1 + N / df) over shared titles; then nearest in days; then the later
/// date; then page order. The result never depends on thread timing: the same archive gives the
/// same lists, bit for bit.
/// </summary>
/// <remarks>
/// A naive search adds every entity's weight to every event of the entity's list: for the few
/// entities named by 5% of the archive, that is most of the work. This one adds an event's
/// lists from the rarest (highest weight) to the commonest and stops once no event it has not
/// met can reach the tenth best score so far: such an event shares none of the lists already
/// added, so it scores at most the sum of the weights still to come. The events already met
/// are then completed from the remaining lists by binary search and ranked exactly.
/// Weights are always summed in the same order (rarest first), so two candidates sharing the
/// same entities get bit-equal scores and fall to the tie-breaks, as the definition says.
/// </remarks>
internal static class RelatedEvents
{
    public const int DefaultCount = 10;

    /// <param name="index">The archive's entity index.</param>
    /// <param name="count">How many related events to keep per event.</param>
    /// <param name="parallelism">Threads to use; 0 or less means one per core.</param>
    public static RelatedEvent[][] Compute(EntityIndex index, int count = DefaultCount, int parallelism = 0) =>
        ComputeFor(index, null, count, parallelism).Lists!;

    /// <summary>
    /// The related lists of <paramref name="targets"/> (every event when null), each with bounds
    /// on the candidates it left out: how far the list is from changing, which the next build
    /// reads to tell which lists a new day can touch (see <see cref="LinkUpdate"/>).
    /// </summary>
    /// <returns>
    /// For each event index, its list (null for events not asked for) and two bounds on what
    /// it left out (NaN when it left nothing out), see <see cref="LinkState.Next"/> and
    /// <see cref="LinkState.NextSameSet"/>.
    /// </returns>
    public static (RelatedEvent[]?[] Lists, double[] Next, double[] NextSameSet) ComputeFor(EntityIndex index, IReadOnlyList<int>? targets, int count = DefaultCount, int parallelism = 0)
    {
        int n = index.Count;
        var weights = Weights(index);
        _ = index.ContextRanks; // computed once, before the threads start
        var result = new RelatedEvent[]?[n];
        var next = new double[n];
        var nextSameSet = new double[n];
        next.AsSpan().Fill(double.NaN);
        nextSameSet.AsSpan().Fill(double.NaN);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.For(
            0,
            targets?.Count ?? n,
            options,
            () => new Search(index, weights, count),
            (t, _, search) =>
            {
                int e = targets is null ? t : targets[t];
                (result[e], next[e], nextSameSet[e]) = search.Rank(e);
                return search;
            },
            _ => { });
        return (result, next, nextSameSet);
    }

    /// <summary>Each entity's weight, ln(1 + N / df), by entity id.</summary>
    public static double[] Weights(EntityIndex index)
    {
        int n = index.Count;
        var weights = new double[index.Titles.Count];
        for (int id = 0; id < weights.Length; id++)
        {
            weights[id] = Math.Log(1 + ((double)n / index.DocumentFrequency(id)));
        }

        return weights;
    }

    /// <summary>
    /// The score of <paramref name="candidate"/> for the target whose entities are
    /// <paramref name="rarestFirst"/> (see <see cref="RarestFirst"/>), summed exactly as the
    /// search sums it, so the two agree bit for bit.
    /// </summary>
    internal static double Score(EntityIndex index, double[] weights, ReadOnlySpan<int> rarestFirst, int candidate)
    {
        var own = index.FlatEntities.AsSpan(index.EntityStart[candidate]..index.EntityStart[candidate + 1]);
        double score = 0;
        foreach (int entity in rarestFirst)
        {
            if (own.BinarySearch(entity) >= 0)
            {
                score += weights[entity];
            }
        }

        return score;
    }

    /// <summary>
    /// True when candidate <paramref name="a"/> ranks above <paramref name="b"/> for
    /// <paramref name="target"/>: higher score; then nearer in days; then the later date; then page order.
    /// </summary>
    public static bool Ranks(int[] days, int target, int a, double sa, int b, double sb)
    {
        if (sa != sb)
        {
            return sa > sb;
        }

        int da = Math.Abs(days[a] - days[target]);
        int db = Math.Abs(days[b] - days[target]);
        if (da != db)
        {
            return da < db;
        }

        if (days[a] != days[b])
        {
            return days[a] > days[b]; // the later date first
        }

        return a < b; // page order: events are indexed by date, then position
    }

    /// <summary>The event's entities, ascending document frequency (ties by id): the order scores are summed in.</summary>
    internal static int[] RarestFirst(EntityIndex index, int target)
    {
        var order = new int[index.EntityStart[target + 1] - index.EntityStart[target]];
        RarestFirst(index, target, order);
        return order;
    }

    /// <summary><see cref="RarestFirst(EntityIndex, int)"/> into <paramref name="order"/>, as long as the event's entities.</summary>
    internal static void RarestFirst(EntityIndex index, int target, Span<int> order)
    {
        index.FlatEntities.AsSpan(index.EntityStart[target]..index.EntityStart[target + 1]).CopyTo(order);
        for (int i = 1; i < order.Length; i++)
        {
            int x = order[i];
            int at = i;
            while (at > 0 && Rarer(index, x, order[at - 1]))
            {
                order[at] = order[at - 1];
                at--;
            }

            order[at] = x;
        }
    }

    private static bool Rarer(EntityIndex index, int a, int b)
    {
        int da = index.DocumentFrequency(a);
        int db = index.DocumentFrequency(b);
        return da != db ? da < db : a < b;
    }

    /// <summary>
    /// <paramref name="list"/> (of <paramref name="target"/>) with each entry's context: the
    /// entities it shares with the target, in context order. For lists carried over from a
    /// previous build, whose contexts are left empty until a page needs them.
    /// </summary>
    public static RelatedEvent[] WithContexts(EntityIndex index, int target, RelatedEvent[] list) =>
        [.. list.Select(r => r with { Context = SharedTitles(index, target, r.Event) })];

    /// <summary>
    /// The context of <paramref name="b"/> for <paramref name="a"/> (FORMAT.md): the titles they
    /// share that either links in its own text, in context order; when they share only titles
    /// that neither links (stories), those.
    /// </summary>
    private static string[] SharedTitles(EntityIndex index, int a, int b)
    {
        var contextRank = index.ContextRanks;
        var flat = index.FlatEntities;
        var linked = index.FlatLinked;
        var start = index.EntityStart;
        int most = Math.Min(start[a + 1] - start[a], start[b + 1] - start[b]);
        Span<int> shared = most <= 64 ? stackalloc int[most] : new int[most]; // hostile pages may link thousands
        Span<bool> sharedLinked = most <= 64 ? stackalloc bool[most] : new bool[most];
        int found = 0;
        int foundLinked = 0;
        for (int i = start[a], j = start[b]; i < start[a + 1] && j < start[b + 1];)
        {
            if (flat[i] == flat[j])
            {
                // Insertion in context order: an event shares only a few entities.
                bool isLinked = (linked[i] | linked[j]) != 0;
                foundLinked += isLinked ? 1 : 0;
                int at = found++;
                int rank = contextRank[flat[i]];
                while (at > 0 && contextRank[shared[at - 1]] > rank)
                {
                    shared[at] = shared[at - 1];
                    sharedLinked[at] = sharedLinked[at - 1];
                    at--;
                }

                shared[at] = flat[i];
                sharedLinked[at] = isLinked;
                i++;
                j++;
            }
            else if (flat[i] < flat[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        var titles = new string[foundLinked > 0 ? foundLinked : found];
        for (int t = 0, k = 0; t < found; t++)
        {
            if (foundLinked == 0 || sharedLinked[t])
            {
                titles[k++] = index.Titles[shared[t]];
            }
        }

        return titles;
    }

    /// <summary>Ordinal ignoring case, then ordinal, so that the order is total.</summary>
    internal static int ContextOrder(string a, string b)
    {
        int c = StringComparer.OrdinalIgnoreCase.Compare(a, b);
        return c != 0 ? c : string.CompareOrdinal(a, b);
    }

    /// <summary>Per-thread scratch space: partial scores, the events met, and the best so far.</summary>
    private sealed class Search(EntityIndex index, double[] weights, int count)
    {
        // Bounds are compared with a margin far above rounding error, so an event that could
        // tie the tenth is never cut as if it fell short.
        private const double Margin = 1e-9;

        private readonly int[] days = index.DayNumbers;
        private readonly double[] partial = new double[index.Count];
        private readonly int[] met = new int[index.Count];
        private readonly double[] tenth = new double[count];
        private readonly int[] tenthEvent = new int[count];
        private readonly int[] best = new int[count];
        private readonly double[] bestScore = new double[count];
        private readonly double[] completed = new double[index.Count];
        private readonly int[] completedEvents = new int[index.Count];
        private int completedCount;

        // For each entity id, 1 + its place in the target's rarest-first order (0: not the
        // target's): a candidate's shared entities become a bit mask in a few reads.
        private readonly int[] place = new int[index.Titles.Count];
        private readonly bool[] listedNow = new bool[index.Count];
        private int metCount;
        private int kept;
        private int e;

        public (RelatedEvent[] Related, double Next, double NextSameSet) Rank(int target)
        {
            e = target;
            kept = 0;
            metCount = 0;
            var order = RarestFirst(index, target);
            var remaining = new double[order.Length + 1];
            for (int j = order.Length - 1; j >= 0; j--)
            {
                remaining[j] = remaining[j + 1] + weights[order[j]];
            }

            int added = 0;
            double sumAdded = 0;
            for (; added < order.Length; added++)
            {
                // Every event met so far has at least the weight of the last list added (the
                // lightest yet), which is a free floor under the tenth; the exact tenth partial
                // score costs a pass over the events met, so it is asked only when it could help.
                if (added > 0 && metCount >= count
                    && (Below(remaining[added], weights[order[added - 1]])
                        || (remaining[added] < sumAdded && Below(remaining[added], KthPartial()))))
                {
                    break;
                }

                double weight = weights[order[added]];
                sumAdded += weight;
                foreach (int candidate in index.Postings[order[added]])
                {
                    if (candidate == e)
                    {
                        continue;
                    }

                    if (partial[candidate] == 0)
                    {
                        met[metCount++] = candidate;
                    }

                    partial[candidate] += weight;
                }
            }

            // The best partial scores first: completed, they set a high bar early, and most of
            // the others then fall below it without being completed.
            if (added < order.Length && metCount > count)
            {
                KthPartial();
                for (int t = 0; t < tenthEvent.Length; t++)
                {
                    Complete(tenthEvent[t], order, added);
                }
            }

            // One pass over the events met: each is completed, or falls short of the list; what
            // the ones that fall short could reach at most is the bound on them (see LeftOut).
            double still = remaining[added];
            double shortOf = double.NegativeInfinity;
            for (int m = 0; m < metCount; m++)
            {
                int candidate = met[m];
                double value = partial[candidate];
                if (value > 0)
                {
                    if (kept < count || !Below(value + still, bestScore[kept - 1]))
                    {
                        Complete(candidate, order, added);
                    }
                    else
                    {
                        shortOf = Math.Max(shortOf, value + still);
                        partial[candidate] = 0;
                    }
                }
            }

            var related = new RelatedEvent[kept];
            for (int r = 0; r < related.Length; r++)
            {
                related[r] = new RelatedEvent(best[r], bestScore[r], SharedTitles(index, e, best[r]));
                listedNow[best[r]] = true;
            }

            for (int j = 0; j < order.Length; j++)
            {
                place[order[j]] = j + 1;
            }

            var (next, nextSameSet) = LeftOut(order, added, still, shortOf);
            foreach (int entity in order)
            {
                place[entity] = 0;
            }

            for (int r = 0; r < related.Length; r++)
            {
                listedNow[best[r]] = false;
            }

            return (related, next, nextSameSet);
        }

        /// <summary>
        /// The most any candidate left out of the list can score (NaN: none was left out), and
        /// clears the scratch scores. Candidates tied with the last listed are set aside: in
        /// the first figure those sharing with the target entities of the same document
        /// frequencies (whatever N becomes, their scores stay equal to the last's), in the
        /// second those sharing the very same entities (whatever any weight becomes). The
        /// tie-breaks keep them below it.
        /// </summary>
        private (double Shape, double Set) LeftOut(int[] order, int added, double still, double shortOf)
        {
            // Events never met can still hold the lists not added: at most their sum.
            double shape = Math.Max(shortOf, added < order.Length ? still : double.NegativeInfinity);
            double set = shape;
            bool shapeSetAside = false, setSetAside = false;
            double lastScore = kept > 0 ? bestScore[kept - 1] : double.NaN;
            int last = kept > 0 ? best[kept - 1] : -1;
            // Shared sets as bit masks. An event naming more than 64 entities (a hostile page) sets
            // no tie aside: its bounds are looser, and its list is ranked again more often.
            bool masks = order.Length <= 64;
            ulong lastMask = masks && last >= 0 ? MaskOf(last) : 0;
            for (int m = 0; m < completedCount; m++)
            {
                int candidate = completedEvents[m];
                double value = completed[candidate];
                partial[candidate] = 0;
                if (listedNow[candidate])
                {
                    continue;
                }

                bool sameSet = false, sameShape = false;
                if (value == lastScore && set >= lastScore && shape >= lastScore)
                {
                    continue; // both bounds already reach the last: another tie can neither raise them nor make them -∞
                }

                if (masks && value == lastScore)
                {
                    ulong mask = MaskOf(candidate);
                    sameSet = mask == lastMask;
                    sameShape = sameSet || SameShape(order, mask, lastMask);
                }

                setSetAside |= sameSet;
                shapeSetAside |= sameShape;
                set = sameSet ? set : Math.Max(set, value);
                shape = sameShape ? shape : Math.Max(shape, value);
            }

            completedCount = 0;

            // NaN: nothing was left out; -∞: only ties set aside were, which the last must stay above.
            return (Bound(shape, shapeSetAside), Bound(set, setSetAside));
        }

        private static double Bound(double most, bool setAside) => double.IsNegativeInfinity(most) && !setAside ? double.NaN : most;

        /// <summary>The target's entities that <paramref name="candidate"/> names, as bits of their places in rarest-first order.</summary>
        private ulong MaskOf(int candidate)
        {
            ulong mask = 0;
            for (int i = index.EntityStart[candidate]; i < index.EntityStart[candidate + 1]; i++)
            {
                int at = place[index.FlatEntities[i]];
                if (at > 0)
                {
                    mask |= 1UL << (at - 1);
                }
            }

            return mask;
        }

        /// <summary>True when two shared sets (as masks) have entities of the same document frequencies, rarest first.</summary>
        private bool SameShape(int[] order, ulong a, ulong b)
        {
            if (System.Numerics.BitOperations.PopCount(a) != System.Numerics.BitOperations.PopCount(b))
            {
                return false;
            }

            while (a != 0)
            {
                int i = System.Numerics.BitOperations.TrailingZeroCount(a);
                int j = System.Numerics.BitOperations.TrailingZeroCount(b);
                if (index.DocumentFrequency(order[i]) != index.DocumentFrequency(order[j]))
                {
                    return false;
                }

                a &= a - 1;
                b &= b - 1;
            }

            return true;
        }

        private static bool Below(double bound, double threshold) => (bound * (1 + Margin)) + Margin < threshold;

        /// <summary>Completes a candidate's score from the lists not added (same rarest-first order) and offers it.</summary>
        private void Complete(int candidate, int[] order, int added)
        {
            double score = partial[candidate];
            partial[candidate] = -1; // done: never completed twice (its score is kept in completed)

            // The candidate's own few entities say which of the remaining lists hold it: one
            // short run of memory, where a binary search would probe a long list many times.
            var own = index.FlatEntities.AsSpan(index.EntityStart[candidate]..index.EntityStart[candidate + 1]);
            for (int j = added; j < order.Length; j++)
            {
                if (own.Contains(order[j]))
                {
                    score += weights[order[j]];
                }
            }

            completed[candidate] = score;
            completedEvents[completedCount++] = candidate;
            Offer(candidate, score);
        }

        /// <summary>The count-th highest partial score among the events met: a floor under the final tenth.</summary>
        private double KthPartial()
        {
            int size = 0;
            for (int m = 0; m < metCount; m++)
            {
                double value = partial[met[m]];
                if (size < tenth.Length)
                {
                    tenth[size] = value;
                    tenthEvent[size] = met[m];
                    SiftUp(size++);
                }
                else if (value > tenth[0])
                {
                    tenth[0] = value;
                    tenthEvent[0] = met[m];
                    SiftDown(size);
                }
            }

            return tenth[0];
        }

        // A min-heap of the highest partial scores: tenth[0] is the lowest of them.
        private void SiftUp(int at)
        {
            while (at > 0 && tenth[(at - 1) / 2] > tenth[at])
            {
                Swap((at - 1) / 2, at);
                at = (at - 1) / 2;
            }
        }

        private void SiftDown(int size)
        {
            int at = 0;
            while (true)
            {
                int smallest = at;
                int left = (2 * at) + 1;
                int right = left + 1;
                if (left < size && tenth[left] < tenth[smallest])
                {
                    smallest = left;
                }

                if (right < size && tenth[right] < tenth[smallest])
                {
                    smallest = right;
                }

                if (smallest == at)
                {
                    return;
                }

                Swap(smallest, at);
                at = smallest;
            }
        }

        private void Swap(int a, int b)
        {
            (tenth[a], tenth[b]) = (tenth[b], tenth[a]);
            (tenthEvent[a], tenthEvent[b]) = (tenthEvent[b], tenthEvent[a]);
        }

        private void Offer(int candidate, double score)
        {
            int at;
            if (kept < best.Length)
            {
                at = kept++;
            }
            else if (Ranks(candidate, score, best[kept - 1], bestScore[kept - 1]))
            {
                at = kept - 1;
            }
            else
            {
                return;
            }

            best[at] = candidate;
            bestScore[at] = score;
            while (at > 0 && Ranks(best[at], bestScore[at], best[at - 1], bestScore[at - 1]))
            {
                (best[at], best[at - 1]) = (best[at - 1], best[at]);
                (bestScore[at], bestScore[at - 1]) = (bestScore[at - 1], bestScore[at]);
                at--;
            }
        }

        private bool Ranks(int a, double sa, int b, double sb) => RelatedEvents.Ranks(days, e, a, sa, b, sb);
    }
}
