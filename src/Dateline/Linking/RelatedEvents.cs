namespace Dateline.Linking;

/// <summary>
/// Ranks, for every event, the events that share an entity with it (FORMAT.md, "Related
/// events"): score = Σ ln(1 + N / df) over shared entities; then nearest in days; then the later
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
public static class RelatedEvents
{
    public const int DefaultCount = 10;

    /// <param name="index">The archive's entity index.</param>
    /// <param name="count">How many related events to keep per event.</param>
    /// <param name="parallelism">Threads to use; 0 or less means one per core.</param>
    public static RelatedEvent[][] Compute(EntityIndex index, int count = DefaultCount, int parallelism = 0)
    {
        int n = index.Events.Count;
        var weights = new double[index.Titles.Count];
        for (int id = 0; id < weights.Length; id++)
        {
            weights[id] = Math.Log(1 + ((double)n / index.DocumentFrequency(id)));
        }

        // The context lists shared entities in context order; ranking the titles once makes
        // each list a sort of a few integers instead of a sort of strings.
        var byContext = Enumerable.Range(0, index.Titles.Count).ToArray();
        Array.Sort(byContext, (x, y) => ContextOrder(index.Titles[x], index.Titles[y]));
        var contextRank = new int[byContext.Length];
        for (int r = 0; r < byContext.Length; r++)
        {
            contextRank[byContext[r]] = r;
        }

        var result = new RelatedEvent[n][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.For(
            0,
            n,
            options,
            () => new Search(index, weights, contextRank, count),
            (e, _, search) =>
            {
                result[e] = search.Rank(e);
                return search;
            },
            _ => { });
        return result;
    }

    /// <summary>Ordinal ignoring case, then ordinal, so that the order is total.</summary>
    private static int ContextOrder(string a, string b)
    {
        int c = StringComparer.OrdinalIgnoreCase.Compare(a, b);
        return c != 0 ? c : string.CompareOrdinal(a, b);
    }

    /// <summary>Per-thread scratch space: partial scores, the events met, and the best so far.</summary>
    private sealed class Search(EntityIndex index, double[] weights, int[] contextRank, int count)
    {
        // Bounds are compared with a margin far above rounding error, so an event that could
        // tie the tenth is never cut as if it fell short.
        private const double Margin = 1e-9;

        private readonly int[] days = index.DayNumbers;
        private readonly double[] partial = new double[index.Events.Count];
        private readonly int[] met = new int[index.Events.Count];
        private readonly double[] tenth = new double[count];
        private readonly int[] tenthEvent = new int[count];
        private readonly int[] best = new int[count];
        private readonly double[] bestScore = new double[count];
        private int metCount;
        private int kept;
        private int e;

        public RelatedEvent[] Rank(int target)
        {
            e = target;
            kept = 0;
            metCount = 0;
            var order = RarestFirst(target);
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

            double still = remaining[added];
            for (int m = 0; m < metCount; m++)
            {
                int candidate = met[m];
                if (partial[candidate] > 0 && (kept < count || !Below(partial[candidate] + still, bestScore[kept - 1])))
                {
                    Complete(candidate, order, added);
                }

                partial[candidate] = 0;
            }

            var related = new RelatedEvent[kept];
            for (int r = 0; r < kept; r++)
            {
                related[r] = new RelatedEvent(best[r], bestScore[r], SharedTitles(e, best[r]));
            }

            return related;
        }

        private static bool Below(double bound, double threshold) => (bound * (1 + Margin)) + Margin < threshold;

        /// <summary>The event's entities, ascending document frequency (ties by id).</summary>
        private int[] RarestFirst(int target)
        {
            var order = index.FlatEntities.AsSpan(index.EntityStart[target]..index.EntityStart[target + 1]).ToArray();
            for (int i = 1; i < order.Length; i++)
            {
                int x = order[i];
                int at = i;
                while (at > 0 && Rarer(x, order[at - 1]))
                {
                    order[at] = order[at - 1];
                    at--;
                }

                order[at] = x;
            }

            return order;
        }

        private bool Rarer(int a, int b)
        {
            int da = index.DocumentFrequency(a);
            int db = index.DocumentFrequency(b);
            return da != db ? da < db : a < b;
        }

        /// <summary>Completes a candidate's score from the lists not added (same rarest-first order) and offers it.</summary>
        private void Complete(int candidate, int[] order, int added)
        {
            double score = partial[candidate];
            partial[candidate] = -1; // done: never completed twice

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

        /// <summary>True when candidate <paramref name="a"/> ranks above <paramref name="b"/>.</summary>
        private bool Ranks(int a, double sa, int b, double sb)
        {
            if (sa != sb)
            {
                return sa > sb;
            }

            int da = Math.Abs(days[a] - days[e]);
            int db = Math.Abs(days[b] - days[e]);
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

        private string[] SharedTitles(int a, int b)
        {
            var flat = index.FlatEntities;
            var start = index.EntityStart;
            int most = Math.Min(start[a + 1] - start[a], start[b + 1] - start[b]);
            Span<int> shared = most <= 64 ? stackalloc int[most] : new int[most]; // hostile pages may link thousands
            int found = 0;
            for (int i = start[a], j = start[b]; i < start[a + 1] && j < start[b + 1];)
            {
                if (flat[i] == flat[j])
                {
                    // Insertion in context order: an event shares only a few entities.
                    int at = found++;
                    int rank = contextRank[flat[i]];
                    while (at > 0 && contextRank[shared[at - 1]] > rank)
                    {
                        shared[at] = shared[at - 1];
                        at--;
                    }

                    shared[at] = flat[i];
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

            var titles = new string[found];
            for (int t = 0; t < found; t++)
            {
                titles[t] = index.Titles[shared[t]];
            }

            return titles;
        }
    }
}
