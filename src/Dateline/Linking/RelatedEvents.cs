namespace Dateline.Linking;

/// <summary>
/// Ranks, for every event, the events that share an entity with it (FORMAT.md, "Related
/// events"): score = Σ ln(1 + N / df) over shared entities; then nearest in days; then the later
/// date; then page order. Scores are summed in entity-id order, so equal sets give bit-equal
/// scores and the result never depends on thread timing: the same archive gives the same lists.
/// </summary>
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

        var dayNumbers = index.Events.Select(e => e.Date.DayNumber).ToArray();
        var result = new RelatedEvent[n][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.For(
            0,
            n,
            options,
            () => new Scorer(n, count),
            (e, _, scorer) =>
            {
                result[e] = scorer.Rank(index, weights, dayNumbers, e);
                return scorer;
            },
            _ => { });
        return result;
    }

    /// <summary>Per-thread scratch space: a dense score array and the list of candidates touched.</summary>
    private sealed class Scorer(int n, int count)
    {
        private readonly double[] scores = new double[n];
        private readonly int[] touched = new int[n];
        private readonly int[] best = new int[count];

        public RelatedEvent[] Rank(EntityIndex index, double[] weights, int[] days, int e)
        {
            int touchedCount = 0;
            foreach (int entity in index.EventEntities[e])
            {
                double weight = weights[entity];
                foreach (int candidate in index.Postings[entity])
                {
                    if (candidate == e)
                    {
                        continue;
                    }

                    if (scores[candidate] == 0)
                    {
                        touched[touchedCount++] = candidate;
                    }

                    scores[candidate] += weight;
                }
            }

            int kept = 0;
            for (int t = 0; t < touchedCount; t++)
            {
                int candidate = touched[t];
                if (kept < best.Length)
                {
                    best[kept++] = candidate;
                    SiftUp(kept - 1, e, days);
                }
                else if (Ranks(candidate, best[kept - 1], e, days))
                {
                    best[kept - 1] = candidate;
                    SiftUp(kept - 1, e, days);
                }
            }

            var related = new RelatedEvent[kept];
            for (int r = 0; r < kept; r++)
            {
                related[r] = new RelatedEvent(best[r], scores[best[r]], SharedTitles(index, e, best[r]));
            }

            for (int t = 0; t < touchedCount; t++)
            {
                scores[touched[t]] = 0;
            }

            return related;
        }

        /// <summary>Insertion step of a small sorted list: best[0] is the highest ranked.</summary>
        private void SiftUp(int at, int e, int[] days)
        {
            while (at > 0 && Ranks(best[at], best[at - 1], e, days))
            {
                (best[at], best[at - 1]) = (best[at - 1], best[at]);
                at--;
            }
        }

        /// <summary>True when candidate <paramref name="a"/> ranks above <paramref name="b"/> for event <paramref name="e"/>.</summary>
        private bool Ranks(int a, int b, int e, int[] days)
        {
            double sa = scores[a];
            double sb = scores[b];
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

        private static string[] SharedTitles(EntityIndex index, int a, int b)
        {
            var shared = new List<string>();
            int[] x = index.EventEntities[a];
            int[] y = index.EventEntities[b];
            for (int i = 0, j = 0; i < x.Length && j < y.Length;)
            {
                if (x[i] == y[j])
                {
                    shared.Add(index.Titles[x[i]]);
                    i++;
                    j++;
                }
                else if (x[i] < y[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            shared.Sort(ContextOrder);
            return [.. shared];
        }

        /// <summary>Ordinal ignoring case, then ordinal, so that the order is total.</summary>
        private static int ContextOrder(string a, string b)
        {
            int c = StringComparer.OrdinalIgnoreCase.Compare(a, b);
            return c != 0 ? c : string.CompareOrdinal(a, b);
        }
    }
}
