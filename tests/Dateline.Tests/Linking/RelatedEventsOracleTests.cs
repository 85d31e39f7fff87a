using Dateline.Linking;
using Dateline.Model;
using FsCheck;
using FsCheck.Fluent;

namespace Dateline.Tests.Linking;

/// <summary>
/// The pruned search must give exactly what the definition gives: every candidate scored, the
/// whole list sorted by FORMAT.md's order, the first ten kept. Random archives with few
/// entities make ties (equal scores, equal distances) common.
/// </summary>
public sealed class RelatedEventsOracleTests
{
    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool Pruned_search_equals_the_definition(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var start = new DateOnly(2001, 1, 1);
        int vocabulary = random.Next(2, 40);
        var days = new List<Day>();
        for (int d = 0, total = random.Next(5, 250); days.Sum(x => x.Events.Count) < total; d += random.Next(1, 4))
        {
            var date = start.AddDays(d);
            var events = new Event[random.Next(1, 6)];
            for (int p = 0; p < events.Length; p++)
            {
                // Skewed: low ids are much more common, as in the real archive.
                var entities = Enumerable.Range(0, random.Next(1, 5))
                    .Select(_ => $"T{(int)(vocabulary * Math.Pow(random.NextDouble(), 3))}")
                    .Distinct()
                    .ToArray();
                events[p] = new Event(date, p + 1, "c", [], "h", entities, [], 1);
            }

            days.Add(new Day(date, events));
        }

        var index = EntityIndex.Build(new Archive(days, RedirectTable.Empty, new Dictionary<string, Article>()));
        var fast = RelatedEvents.Compute(index, parallelism: 2);
        for (int e = 0; e < index.Count; e++)
        {
            var expected = Definition(index, [.. days.SelectMany(d => d.Events)], e);
            if (!expected.SequenceEqual(fast[e].Select(r => r.Event)))
            {
                Console.Error.WriteLine($"seed {seed.Get} event {e} [{string.Join(",", index.EntitiesOf(e))}]\n expected {string.Join(" ", expected.Select(c => $"{c}:{string.Join("+", index.EntitiesOf(c))}"))}\n actual   {string.Join(" ", fast[e].Select(r => $"{r.Event}:{r.Score:R}:{string.Join("+", index.EntitiesOf(r.Event))}"))}");
                return false;
            }
        }

        return true;
    }

    /// <summary>FORMAT.md read literally: score everyone who shares an entity, sort, take ten.</summary>
    private static int[] Definition(EntityIndex index, Event[] events, int e)
    {
        int n = events.Length;
        var mine = index.EntitiesOf(e).ToHashSet(StringComparer.Ordinal);
        var ids = index.Titles.Select((t, id) => (t, id)).ToDictionary(x => x.t, x => x.id, StringComparer.Ordinal);
        int here = events[e].Date.DayNumber;
        return Enumerable.Range(0, n)
            .Where(c => c != e)
            .Select(c => (c, shared: index.EntitiesOf(c).Where(mine.Contains).Order(StringComparer.Ordinal).ToArray()))
            .Where(x => x.shared.Length > 0)
                        // Weights summed rarest first: shared sets with equal weights (entities with equal
            // document frequencies) then get bit-equal scores and fall to the tie-breaks.
            .Select(x => (x.c, score: x.shared.Select(t => ids[t]).OrderBy(index.DocumentFrequency).ThenBy(id => id).Sum(id => Math.Log(1 + ((double)n / index.DocumentFrequency(id))))))
            .OrderByDescending(x => x.score)
            .ThenBy(x => Math.Abs(events[x.c].Date.DayNumber - here))
            .ThenByDescending(x => events[x.c].Date.DayNumber)
            .ThenBy(x => x.c)
            .Take(10)
            .Select(x => x.c)
            .ToArray();
    }
}
