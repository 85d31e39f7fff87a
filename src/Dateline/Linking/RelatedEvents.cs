namespace Dateline.Linking;

/// <summary>
/// Ranks, for every event, the events that share an entity with it (FORMAT.md, "Related
/// events"): score = Σ ln(1 + N / df) over shared entities; then nearest in days; then the later
/// date; then page order. Scores are summed in entity-id order, so equal sets give bit-equal
/// scores and the result never depends on thread timing: the same archive gives the same lists.
/// </summary>
/// <remarks>
/// A naive search touches every event of every entity's list: for the few entities named by 5%
/// of the archive, that is most of the work. This one walks an event's entities from the rarest
/// (highest weight) to the commonest, scores each candidate exactly the first time it is seen
/// (by merging the two events' short entity lists), and stops a list as soon as no unseen
/// candidate can still enter the top ten: an unseen candidate of list j shares none of the
/// rarer entities, so its score is at most the sum of the weights from j on. Within a list,
/// candidates are visited nearest in time first (the postings are in date order), so a list
/// whose candidates could only tie the tenth score is left once they are farther than it.
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

        var days = index.Events.Select(e => e.Date.DayNumber).ToArray();
        var result = new RelatedEvent[n][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.For(
            0,
            n,
            options,
            () => new Search(index, weights, days, count),
            (e, _, search) =>
            {
                result[e] = search.Rank(e);
                return search;
            },
            _ => { });
        return result;
    }

    /// <summary>Per-thread state: which candidates this event has seen, and the best so far.</summary>
    private sealed class Search(EntityIndex index, double[] weights, int[] days, int count)
    {
        private readonly int[] seenBy = CreateSeen(days.Length);
        private readonly int[] best = new int[count];
        private readonly double[] bestScore = new double[count];
        private int kept;
        private int e;

        public RelatedEvent[] Rank(int target)
        {
            e = target;
            kept = 0;
            seenBy[e] = e;
            int[] own = index.EventEntities[e];

            // Rarest first: ascending document frequency, ties by id for a fixed order.
            var order = own.OrderBy(index.DocumentFrequency).ThenBy(id => id).ToArray();
            var remaining = new double[order.Length + 1];
            for (int j = order.Length - 1; j >= 0; j--)
            {
                remaining[j] = remaining[j + 1] + weights[order[j]];
            }

            for (int j = 0; j < order.Length; j++)
            {
                if (Hopeless(remaining[j], distance: 0))
                {
                    break; // no unseen candidate can beat the tenth
                }

                Walk(index.Postings[order[j]], remaining[j]);
            }

            var related = new RelatedEvent[kept];
            for (int r = 0; r < kept; r++)
            {
                related[r] = new RelatedEvent(best[r], bestScore[r], SharedTitles(e, best[r]));
            }

            return related;
        }

        /// <summary>Visits a list's events nearest in time first, until none left can enter.</summary>
        private void Walk(int[] postings, double bound)
        {
            int right = Array.BinarySearch(postings, e);
            if (right < 0)
            {
                right = ~right;
            }

            int left = right - 1;
            int here = days[e];
            while (left >= 0 || right < postings.Length)
            {
                int next;
                if (left < 0)
                {
                    next = postings[right++];
                }
                else if (right >= postings.Length)
                {
                    next = postings[left--];
                }
                else
                {
                    // Equal distance: the later one first, as the ranking prefers it.
                    next = here - days[postings[left]] < days[postings[right]] - here ? postings[left--] : postings[right++];
                }

                if (Hopeless(bound, Math.Abs(days[next] - here)))
                {
                    return; // every one left in this list is at least as far
                }

                if (seenBy[next] == e)
                {
                    continue;
                }

                seenBy[next] = e;
                Offer(next, Score(e, next));
            }
        }

        /// <summary>
        /// True when a candidate scoring at most <paramref name="bound"/>, at least
        /// <paramref name="distance"/> days away, cannot enter a full top list.
        /// </summary>
        private bool Hopeless(double bound, int distance)
        {
            if (kept < best.Length)
            {
                return false;
            }

            double worst = bestScore[kept - 1];
            return bound < worst || (bound == worst && distance > Math.Abs(days[best[kept - 1]] - days[e]));
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

        /// <summary>The exact score: shared entities' weights summed in id order.</summary>
        private double Score(int a, int b)
        {
            int[] x = index.EventEntities[a];
            int[] y = index.EventEntities[b];
            double score = 0;
            for (int i = 0, j = 0; i < x.Length && j < y.Length;)
            {
                if (x[i] == y[j])
                {
                    score += weights[x[i]];
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

            return score;
        }

        private string[] SharedTitles(int a, int b)
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

        private static int[] CreateSeen(int n)
        {
            var seen = new int[n];
            Array.Fill(seen, -1);
            return seen;
        }

        /// <summary>Ordinal ignoring case, then ordinal, so that the order is total.</summary>
        private static int ContextOrder(string a, string b)
        {
            int c = StringComparer.OrdinalIgnoreCase.Compare(a, b);
            return c != 0 ? c : string.CompareOrdinal(a, b);
        }
    }
}
