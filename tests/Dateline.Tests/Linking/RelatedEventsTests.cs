using Dateline.Linking;
using Dateline.Model;

namespace Dateline.Tests.Linking;

/// <summary>FORMAT.md, "Related events": rarity-weighted score, then nearness, then later date, then page order.</summary>
public sealed class RelatedEventsTests
{
    private static Event E(DateOnly date, int position, params string[] entities) =>
        new(date, position, "News", [], $"Event {date:yyyy-MM-dd} #{position}", entities, [], position);

    private static Archive ArchiveOf(RedirectTable? redirects, params Event[] events) =>
        new(events.GroupBy(e => e.Date).OrderBy(g => g.Key).Select(g => new Day(g.Key, g.OrderBy(e => e.Position).ToArray())).ToArray(),
            redirects ?? RedirectTable.Empty,
            new Dictionary<string, Article>());

    [Fact]
    public void Score_is_the_sum_of_ln_one_plus_n_over_df_for_shared_entities()
    {
        var d = new DateOnly(2020, 1, 10);
        var archive = ArchiveOf(null,
            E(d, 1, "Rare", "Common"),
            E(d.AddDays(1), 1, "Rare", "Common"),
            E(d.AddDays(2), 1, "Common"),
            E(d.AddDays(3), 1, "Common"),
            E(d.AddDays(4), 1, "Other"));
        var index = EntityIndex.Build(archive);

        var related = RelatedEvents.Compute(index)[0];

        double n = 5;
        Assert.Equal([1, 2, 3], related.Select(r => r.Event));
        Assert.Equal(Math.Log(1 + (n / 2)) + Math.Log(1 + (n / 4)), related[0].Score, 12);
        Assert.Equal(Math.Log(1 + (n / 4)), related[1].Score, 12);
        Assert.Equal(["Common", "Rare"], related[0].Context);
        Assert.Equal(["Common"], related[1].Context);
    }

    [Fact]
    public void Ties_go_to_the_nearer_day_then_the_later_date_then_page_order()
    {
        var center = new DateOnly(2020, 6, 15);
        var archive = ArchiveOf(null,
            E(center.AddDays(-3), 1, "X"),
            E(center.AddDays(-2), 1, "X"),
            E(center, 1, "X"),
            E(center, 2, "X"),
            E(center, 3, "X"),
            E(center.AddDays(2), 1, "X"),
            E(center.AddDays(2), 2, "X"));
        var index = EntityIndex.Build(archive);
        var events = archive.Events.ToArray();

        var related = RelatedEvents.Compute(index)[3]; // the centre day's second event

        var order = related.Select(r => (events[r.Event].Date, events[r.Event].Position)).ToArray();
        Assert.Equal(
            [(center, 1), (center, 3), (center.AddDays(2), 1), (center.AddDays(2), 2), (center.AddDays(-2), 1), (center.AddDays(-3), 1)],
            order);
    }

    [Fact]
    public void Redirects_merge_entities_and_only_ten_are_kept()
    {
        var d = new DateOnly(2021, 2, 1);
        var events = Enumerable.Range(0, 15).Select(i => E(d.AddDays(i), 1, i % 2 == 0 ? "ISIL" : "Islamic State")).ToArray();
        var archive = ArchiveOf(new RedirectTable([new("ISIL", "Islamic State")]), events);
        var index = EntityIndex.Build(archive);

        var related = RelatedEvents.Compute(index)[7];

        Assert.Equal(10, related.Length);
        Assert.All(related, r => Assert.Equal(["Islamic State"], r.Context));
        Assert.DoesNotContain(related, r => r.Event == 7);
        Assert.Equal("Islamic State", Assert.Single(index.Titles));
    }

    [Fact]
    public void The_result_does_not_depend_on_the_number_of_threads()
    {
        var random = new Random(42);
        var start = new DateOnly(2000, 1, 1);
        var events = new List<Event>();
        for (int day = 0; day < 400; day++)
        {
            for (int p = 1; p <= 5; p++)
            {
                // Few entities and many equal scores: ties everywhere.
                var entities = Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"E{random.Next(0, 12)}").Distinct().ToArray();
                events.Add(E(start.AddDays(day), p, entities));
            }
        }

        var index = EntityIndex.Build(ArchiveOf(null, [.. events]));
        var one = RelatedEvents.Compute(index, parallelism: 1);
        var many = RelatedEvents.Compute(index, parallelism: 8);

        for (int i = 0; i < one.Length; i++)
        {
            Assert.Equal(one[i].Select(r => (r.Event, r.Score, string.Join(",", r.Context))), many[i].Select(r => (r.Event, r.Score, string.Join(",", r.Context))));
        }
    }

    [Fact]
    public void A_redirect_cycle_is_reported_and_left_as_it_is()
    {
        var table = new RedirectTable([new("A", "B"), new("B", "A"), new("C", "D"), new("D", "E")]);

        Assert.Equal(["A", "B"], table.Cycles);
        Assert.Equal("A", table.Resolve("A"));
        Assert.Equal("E", table.Resolve("C"));
    }
}
