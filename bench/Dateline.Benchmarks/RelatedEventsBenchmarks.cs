using BenchmarkDotNet.Attributes;
using Dateline.Linking;
using Dateline.Model;

namespace Dateline.Benchmarks;

/// <summary>
/// The related-events search over a synthetic archive with Zipf-distributed entities (the most
/// common in about 5% of events), as in the real Portal.
/// </summary>
[MemoryDiagnoser]
public class RelatedEventsBenchmarks
{
    private EntityIndex index = null!;

    [Params(20_000, 115_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var zipf = new ZipfTable(40_000, random);
        var start = new DateOnly(1999, 1, 1);
        var days = new List<Day>();
        int made = 0;
        for (int d = 0; made < Events; d++)
        {
            var date = start.AddDays(d);
            var events = new Event[Math.Min(12, Events - made)];
            for (int p = 0; p < events.Length; p++)
            {
                var entities = Enumerable.Range(0, random.Next(2, 7)).Select(_ => zipf.Next()).Distinct().ToArray();
                events[p] = new Event(date, p + 1, "News", [], "Headline", entities, [], p + 1);
            }

            made += events.Length;
            days.Add(new Day(date, events));
        }

        index = EntityIndex.Build(new Archive(days, RedirectTable.Empty, new Dictionary<string, Article>()));
    }

    [Benchmark]
    public int AllRelatedLists() => RelatedEvents.Compute(index).Length;

    /// <summary>
    /// Title k has probability ∝ 1/(k + 10): Zipf's tail, with a head flattened so that the most
    /// common title is named by about 5% of events (four draws an event), as in the Portal and
    /// in bench/Dateline.Corpus. A pure 1/k over 40,000 titles would put it in about 30%.
    /// </summary>
    private sealed class ZipfTable(int size, Random random)
    {
        private readonly double[] cumulative = Cumulative(size);

        public string Next()
        {
            int k = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return $"Entity {(k < 0 ? ~k : k)}";
        }

        private static double[] Cumulative(int size)
        {
            var sums = new double[size];
            double total = 0;
            for (int k = 0; k < size; k++)
            {
                total += 1.0 / (k + 10);
                sums[k] = total;
            }

            return sums;
        }
    }
}
