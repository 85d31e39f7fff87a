using Dateline.Store;
using Dateline.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dateline.Tests.Store;

/// <summary>
/// The site tables on their own: rows written as a build hands them over are read back as the
/// server asks for them, without pages, plans or a server (those are tested end to end in
/// IncrementalBuildTests and Dateline.Web.Tests).
/// </summary>
public sealed class SiteTablesTests : IDisposable
{
    private static readonly DateOnly First = new(2019, 10, 27);
    private static readonly DateOnly Second = new(2019, 10, 28);

    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    private static long Id(DateOnly date, int position) => ((long)date.DayNumber << 32) | (uint)position;

    private static SiteEvent Row(DateOnly date, int position, string headline, JsonTopic[] entities, JsonRelated[] related, string? summary = null) =>
        new(Id(date, position), date, position, $"news/2019/10/{date.Day}/e{position}", "Armed conflicts", headline, summary, null,
            [new JsonCitation("Reuters", "https://reuters.example/" + position)], entities, related);

    private static readonly JsonTopic Syria = new("Syria", "news/entity/syria");
    private static readonly JsonTopic Turkey = new("Turkey", "news/entity/turkey");

    [Fact]
    public void Rows_written_whole_are_read_back_as_the_server_asks_for_them()
    {
        using var store = ArchiveStore.Open(work.File("a.db"));
        SiteEntity[] entities = [new("Syria", "syria", 2), new("Syrian civil war", "syrian-civil-war", 0), new("Turkey", "turkey", 1)];
        SiteEvent[] events =
        [
            Row(First, 1, "A \uE000fake\uE001 raid in Syria.", [Syria], [new JsonRelated(Id(Second, 1), ["Syria"])], summary: "Troops cross the border."),
            Row(First, 2, "Talks in Ankara.", [Turkey], []),
            Row(Second, 1, "Shelling in Syria.", [Syria], [new JsonRelated(Id(First, 1), ["Syria"])]),
        ];
        SiteTables.Replace(store, entities, [new SiteLink(0, Id(First, 1)), new SiteLink(0, Id(Second, 1)), new SiteLink(2, Id(First, 2))], events, "build 1");

        Assert.True(SiteTables.Holds(store, "build 1", 3));
        Assert.False(SiteTables.Holds(store, "build 2", 3));
        Assert.False(SiteTables.Holds(store, "build 1")); // the archive itself holds no events
        Assert.False(SiteTables.Holds(store, null, 3));

        using var reader = new SiteTables.Reader(store.Path);
        Assert.Equal(["news/2019/10/27/e1", "news/2019/10/27/e2"], reader.Day(First).Select(e => e.Page));

        var detail = reader.Event(First, "news/2019/10/27/e1", string.CompareOrdinal)!;
        Assert.Equal("A fake raid in Syria.", detail.Event.Headline); // the marks are taken out
        Assert.Equal("Troops cross the border.", detail.Summary);
        Assert.Equal([new JsonCitation("Reuters", "https://reuters.example/1")], detail.Citations);
        Assert.Equal([Syria], detail.Entities);
        var related = Assert.Single(detail.Related);
        Assert.Equal(("Shelling in Syria.", "news/2019/10/28/e1"), (related.Headline, related.Page));
        Assert.Equal(["Syria"], related.Context);
        Assert.Null(reader.Event(First, "news/2019/10/27/none", string.CompareOrdinal));
        Assert.Null(reader.Event(Second, "news/2019/10/27/e1", string.CompareOrdinal)); // a page is looked for on its own day only

        Assert.Null(reader.Entity("syrian-civil-war")); // only stories name it: no entity
        var syria = reader.Entity("Syria")!;
        Assert.Equal(new SiteEntityRow(1, "Syria", "syria", 2), syria);
        Assert.Equal(["news/2019/10/28/e1", "news/2019/10/27/e1"], reader.EntityEvents(syria.Id, 0, 10).Select(e => e.Page));
        Assert.Equal(["news/2019/10/27/e1"], reader.EntityEvents(syria.Id, 1, 10).Select(e => e.Page));

        Assert.Equal("A fake raid in Syria.", Assert.Single(reader.Search("fake", true, null, null, null, 0, 20).Hits).Headline); // indexed without the marks
        var hits = reader.Search("syria", true, null, null, null, 0, 1);
        Assert.True(hits.HasMore);
        Assert.Equal(2, reader.Search("syria", true, null, null, null, 0, 20).Hits.Count);
        Assert.Equal(["news/2019/10/28/e1"], reader.Search("syria", false, Second, null, null, 0, 20).Hits.Select(h => h.Page));
        Assert.Equal(["news/2019/10/27/e2"], reader.Search("ankara OR syria", false, null, null, 3, 0, 20).Hits.Select(h => h.Page));
        Assert.Empty(reader.Search("syria", true, Second, First, null, 0, 20).Hits);
        Assert.Equal(0, reader.Recompilations());
    }

    [Fact]
    public void An_update_keeps_entity_ids_and_changes_only_the_rows_it_is_given()
    {
        using var store = ArchiveStore.Open(work.File("a.db"));
        SiteTables.Replace(
            store,
            [new("Syria", "syria", 2), new("Turkey", "turkey", 1)],
            [new SiteLink(0, Id(First, 1)), new SiteLink(0, Id(Second, 1)), new SiteLink(1, Id(First, 2))],
            [Row(First, 1, "Raid in Syria.", [Syria], []), Row(First, 2, "Talks in Ankara.", [Turkey], []), Row(Second, 1, "Shelling in Syria.", [Syria], [])],
            "build 1");

        // The second day changed: its event now names a new entity instead of Syria, and Turkey's only event is gone.
        var iraq = new JsonTopic("Iraq", "news/entity/iraq");
        SiteTables.Update(
            store,
            [new("Iraq", "iraq", 1), new("Syria", "syria", 1)],
            [new SiteLink(0, Id(Second, 1))],
            [Row(Second, 1, "Shelling in Iraq.", [iraq], [])],
            [(Id(Second, 1), ["Syria"]), (Id(First, 2), ["Turkey"])],
            "build 2");

        Assert.True(SiteTables.Holds(store, "build 2", 2));
        using var reader = new SiteTables.Reader(store.Path);
        Assert.Equal(new SiteEntityRow(1, "Syria", "syria", 1), reader.Entity("syria"));
        Assert.Equal(new SiteEntityRow(3, "Iraq", "iraq", 1), reader.Entity("iraq")); // the next free id
        Assert.Null(reader.Entity("turkey"));
        Assert.Equal(["news/2019/10/27/e1"], reader.EntityEvents(1, 0, 10).Select(e => e.Page));
        Assert.Equal(["news/2019/10/28/e1"], reader.EntityEvents(3, 0, 10).Select(e => e.Page));
        Assert.Equal(["news/2019/10/28/e1"], reader.Search("iraq", true, null, null, null, 0, 20).Hits.Select(h => h.Page));
        Assert.Equal(["news/2019/10/27/e1"], reader.Search("syria", true, null, null, null, 0, 20).Hits.Select(h => h.Page));
        Assert.Empty(reader.Search("ankara", true, null, null, null, 0, 20).Hits);
    }

    [Fact]
    public async Task The_server_ranks_the_words_in_very_many_events_once_for_each_build()
    {
        using var store = ArchiveStore.Open(work.File("a.db"));
        int count = SiteTables.TopRows + 2;
        Assert.True(count > SiteTables.TopMinimum);
        var events = Enumerable.Range(0, count)
            .Select(i => Row(First.AddDays(i / 100), (i % 100) + 1, i % 7 == 0 ? "Ankara, Ankara: talks." : "Talks in Ankara " + string.Join(' ', Enumerable.Repeat("today", i % 13)) + (i % 2 == 0 ? " at last." : "."), [], []))
            .ToArray();
        SiteTables.Replace(store, [], [], events, "build 1");
        using var reader = new SiteTables.Reader(store.Path);
        await RankedFor(reader, store, "build 1");
        Assert.Equal(4, reader.RankedAhead!.Terms.Count); // also "in" and "today", in more than TopMinimum
        Assert.False(reader.RankedAhead.Terms["ankara"].Complete);
        Assert.Equal(SiteTables.TopRows * 8, reader.RankedAhead.Terms["talks"].Ids.Length);
        SameHits(store, "ankara", count);

        // Builds that follow change the index: the same reader ranks it again, for the build that
        // wrote it, and answers from the index meanwhile. "ankara" is now in as many events as it ranks.
        SiteTables.Update(store, [], [], [Row(First, 1, "Talks.", [], [])], [(Id(First, 1), [])], "build 2");
        SiteTables.Update(store, [], [], [Row(First, 2, "Talks, talks, talks.", [], [])], [(Id(First, 2), [])], "build 3");
        var meanwhile = reader.Search("\"ankara\"", true, null, null, null, 0, 20, "ankara");
        await RankedFor(reader, store, "build 3");
        Assert.True(reader.RankedAhead!.Terms["ankara"].Complete);
        Assert.Equal(meanwhile.Hits.Select(h => h.Page), reader.Search("\"ankara\"", true, null, null, null, 0, 20, "ankara").Hits.Select(h => h.Page));
        SameHits(store, "ankara", count);
        SameHits(store, "talks", count);
    }

    /// <summary>Has <paramref name="reader"/> rank the words (a one-word search starts it), waits, and checks its ranking is a full one of this index, for <paramref name="build"/>.</summary>
    private static async Task RankedFor(SiteTables.Reader reader, ArchiveStore store, string build)
    {
        reader.Search("\"talks\"", true, null, null, null, 0, 20, "talks");
        await reader.RankingUnderWay;
        Assert.Equal(build, reader.RankedAhead?.Source);
        List<(string, bool, byte[])> expected;
        using (var transaction = store.Connection.BeginTransaction())
        {
            expected = SiteTables.RankTopTerms(store.Connection, transaction);
        }

        Assert.Equal(expected.Select(t => (t.Item1, t.Item2, Convert.ToHexString(t.Item3))), reader.RankedAhead!.Terms.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value.Complete, Convert.ToHexString(t.Value.Ids))));
    }

    /// <summary>Pages of a search for <paramref name="word"/> from its ranking made ahead are those of the index, "more" included.</summary>
    private static void SameHits(ArchiveStore store, string word, int count)
    {
        using var reader = new SiteTables.Reader(store.Path);
        reader.Search($"\"{word}\"", true, null, null, null, 0, 20, word);
        reader.RankingUnderWay.Wait(); // the ranking the first search started
        foreach (var (offset, limit) in new[] { (0, 20), (5, 50), (SiteTables.TopRows - 21, 20), (SiteTables.TopRows - 20, 20), (count - 3, 20) })
        {
            var index = reader.Search($"\"{word}\"", true, null, null, null, offset, limit);
            var stored = reader.Search($"\"{word}\"", true, null, null, null, offset, limit, word);
            Assert.Equal(index.Hits.Select(h => h.Page), stored.Hits.Select(h => h.Page));
            Assert.Equal(index.HasMore, stored.HasMore);
        }
    }

    private static long Count(ArchiveStore store, string sql)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void Related_ids_are_read_as_written_now_and_as_written_before()
    {
        JsonTopic[] entities = [Syria, Turkey];
        Assert.Equal([12L, 7L], SiteTables.RelatedIds("[[12,1,\"A story\"],[7]]"));
        Assert.Equal([12L, 7L, 300L], SiteTables.RelatedIds("[12,7,300]"));
        Assert.Equal([12L, 7L], SiteTables.RelatedIds("[{\"id\":12,\"context\":[\"A\"]},{\"id\":7,\"context\":[]}]"));
        Assert.Empty(SiteTables.RelatedIds("[]"));
        Assert.Equal(["Turkey", "A story"], SiteTables.RelatedContexts("[[12,1,\"A story\"],[7]]", entities)[12]);
        Assert.Empty(SiteTables.RelatedContexts("[[12,1,\"A story\"],[7]]", entities)[7]);
        Assert.Equal(["A"], SiteTables.RelatedContexts("[{\"id\":12,\"context\":[\"A\"]},{\"id\":7,\"context\":[]}]", entities)[12]);
        Assert.Empty(SiteTables.RelatedContexts("[12,7]", entities));
        Assert.Equal(["A story", "Syria"], SiteTables.RelatedContexts("[[12,\"A story\"],[7,2,0]]", entities)[7]); // 2: the first title given in full
        Assert.Throws<System.Text.Json.JsonException>(() => SiteTables.RelatedContexts("[[12,2]]", entities));
    }

    /// <summary>
    /// A related event's context is kept as places in the row's entities where it can be (the
    /// titles in full were a third of the table), and read back as the titles the page shows.
    /// </summary>
    [Fact]
    public void Related_contexts_are_stored_as_places_in_the_rows_entities_and_read_back_as_titles()
    {
        var cote = new JsonTopic("Côte d'Ivoire <\"&>", "news/entity/cote-divoire");
        JsonTopic[] entities = [Syria, cote, Turkey];
        JsonRelated[] related =
        [
            new(Id(Second, 1), ["Turkey", "Syria"]), new(Id(Second, 2), ["A story, not an entity"]), new(Id(Second, 3), [cote.Title]), new(Id(Second, 4), []),
            new(Id(Second, 5), ["Another story", "A story, not an entity"]), new(Id(Second, 6), ["Another story"]),
        ];

        var json = SiteTables.RelatedJson(related, entities);

        Assert.Equal(
            $"[[{Id(Second, 1)},2,0],[{Id(Second, 2)},\"A story, not an entity\"],[{Id(Second, 3)},1],[{Id(Second, 4)}],[{Id(Second, 5)},\"Another story\",3],[{Id(Second, 6)},4]]",
            json);
        Assert.Equal(related.Select(r => r.Id), SiteTables.RelatedIds(json));
        var contexts = SiteTables.RelatedContexts(json, entities);
        Assert.All(related, r => Assert.Equal(r.Context, contexts[r.Id]));

        // Through the tables, as the server reads an event.
        using var store = ArchiveStore.Open(work.File("a.db"));
        SiteEvent[] events =
        [
            Row(First, 1, "Raid in Syria.", entities, [new JsonRelated(Id(Second, 1), ["Turkey", "Syria"]), new JsonRelated(Id(Second, 2), ["A story, not an entity"]), new JsonRelated(Id(Second, 3), [cote.Title])]),
            Row(Second, 1, "Shelling in Syria.", [Syria, Turkey], []),
            Row(Second, 2, "A story goes on.", [], []),
            Row(Second, 3, "Talks in Abidjan.", [cote], []),
        ];
        SiteTables.Replace(store, [new("Syria", "syria", 2)], [new SiteLink(0, Id(First, 1)), new SiteLink(0, Id(Second, 1))], events, "build 1");
        using var reader = new SiteTables.Reader(store.Path);
        var detail = reader.Event(First, "news/2019/10/27/e1", string.CompareOrdinal)!;
        Assert.Equal(entities, detail.Entities);
        Assert.Equal(
            [("Shelling in Syria.", new[] { "Turkey", "Syria" }), ("A story goes on.", ["A story, not an entity"]), ("Talks in Abidjan.", [cote.Title])],
            detail.Related.Select(r => (r.Headline, r.Context.ToArray())));
    }

    /// <summary>The citations and entities are stored as the serializer wrote them before (same names, same escaping): the server and the API read them unchanged.</summary>
    [Fact]
    public void Citations_and_entities_are_stored_as_the_serializer_wrote_them()
    {
        using var store = ArchiveStore.Open(work.File("a.db"));
        var cote = new JsonTopic("Côte d'Ivoire <\"&> 🙂", "news/entity/cote-divoire");
        var row = Row(First, 1, "Talks.", [Syria, cote], []) with { Citations = [new JsonCitation("Le Monde <b>", "https://lemonde.example/a?b=1&c=é")] };
        SiteTables.Replace(store, [], [], [row], "build 1");

        using var command = store.Connection.CreateCommand();
        command.CommandText = "SELECT citations, entities, related FROM site_events";
        using var stored = command.ExecuteReader();
        Assert.True(stored.Read());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(row.Citations.ToArray(), SiteJson.Options), stored.GetString(0));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(row.Entities.ToArray(), SiteJson.Options), stored.GetString(1));
        Assert.Equal("[]", stored.GetString(2));
    }

    /// <summary>
    /// Migration 10 takes site_events' indexes away and keeps its rows: the tables an older
    /// Dateline wrote answer as before (a day, an event's page, a date range of a search), and
    /// the search index still agrees with them.
    /// </summary>
    [Fact]
    public void Site_tables_of_an_older_archive_keep_their_rows_without_their_indexes()
    {
        var path = work.File("old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            Schema.Migrate(old, upTo: 9);
            using var fill = old.CreateCommand();
            fill.CommandText = $"""
                INSERT INTO site_events VALUES({Id(First, 1)}, '2019-10-27', 1, 'news/2019/10/27/raid', 'Armed conflicts', 'A raid in Syria.', NULL, NULL, '[]', '[]', '[]', 'Syria');
                INSERT INTO site_events VALUES({Id(First, 2)}, '2019-10-27', 2, 'news/2019/10/27/talks', 'Politics', 'Talks on Syria.', NULL, NULL, '[]', '[]', '[]', 'Syria');
                INSERT INTO site_events VALUES({Id(Second, 1)}, '2019-10-28', 1, 'news/2019/10/28/shelling', 'Armed conflicts', 'Shelling in Syria.', NULL, NULL, '[]', '[]', '[]', 'Syria');
                INSERT INTO site_search(site_search) VALUES('rebuild');
                INSERT INTO site_build(source) VALUES('old build');
                """;
            fill.ExecuteNonQuery();
        }

        using var store = ArchiveStore.Open(path);
        Assert.Equal(Schema.CurrentVersion, store.SchemaVersion);
        using (var indexes = store.Connection.CreateCommand())
        {
            indexes.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'site_events'";
            Assert.Equal(0L, indexes.ExecuteScalar());
        }

        using (var check = store.Connection.CreateCommand())
        {
            check.CommandText = "INSERT INTO site_search(site_search, rank) VALUES('integrity-check', 1)";
            check.ExecuteNonQuery();
        }

        Assert.True(SiteTables.Holds(store, "old build", 3));
        using var reader = new SiteTables.Reader(store.Path);
        Assert.Equal(["news/2019/10/27/raid", "news/2019/10/27/talks"], reader.Day(First).Select(e => e.Page));
        Assert.Equal("Shelling in Syria.", reader.Event(Second, "news/2019/10/28/shelling", string.CompareOrdinal)?.Event.Headline);
        Assert.Equal(["news/2019/10/28/shelling"], reader.Search("syria", true, Second, Second, null, 0, 20).Hits.Select(h => h.Page));
        Assert.Equal(["news/2019/10/27/raid", "news/2019/10/27/talks"], reader.Search("syria", true, null, First, null, 0, 20).Hits.Select(h => h.Page).Order());
    }

    /// <summary>
    /// A full build fills tables of its own and puts them in place in one transaction (see
    /// SiteTables.Begin): until then readers see the last build's rows; left, the staged tables
    /// go and the last build's stay; a build that died before putting them in place leaves them
    /// to the next, which drops them. Builds after builds take turns with the index names, and
    /// the tables stay whole (FTS5's own check) and searchable.
    /// </summary>
    [Fact]
    public void A_full_replacement_is_seen_only_once_put_in_place_and_leaves_nothing_behind()
    {
        SiteEvent[] Build(string word, int count) =>
            [.. Enumerable.Range(1, count).Select(i => Row(First.AddDays(i / 50), (i % 50) + 1, $"{word} number {i}.", [Syria], []) with { Page = $"news/{word}/{i}" })];

        using (var store = ArchiveStore.Open(work.File("a.db")))
        {
            SiteTables.Replace(store, [new("Syria", "syria", 3)], [], Build("alpha", 3), "build 1");
        }

        // Many rows, so the fill commits batches before it is done.
        var many = Build("beta", 40_000);
        using (var dying = ArchiveStore.Open(work.File("a.db")))
        {
            var pending = SiteTables.Begin(dying, [new("Syria", "syria", many.Length)], [], many, "build 2");
            using var reader = new SiteTables.Reader(dying.Path);
            Assert.Equal(3, reader.Search("alpha", true, null, null, null, 0, 20).Hits.Count); // the last build's, still
            Assert.Empty(reader.Search("beta", true, null, null, null, 0, 20).Hits);
            Assert.Equal(4, Tables(dying, "_next")); // and the process dies here: nothing put in place, nothing dropped
        }

        using (var store = ArchiveStore.Open(work.File("a.db")))
        {
            Assert.True(SiteTables.Holds(store, "build 1", 3));
            using (var abandoned = SiteTables.Begin(store, [new("Syria", "syria", 2)], [], Build("gamma", 2), "build 3"))
            {
                // Disposed of without a commit: as when the pages fail.
            }

            Assert.True(SiteTables.Holds(store, "build 1", 3));
            Assert.Equal(0, Tables(store, "_next"));

            // No index of the tables' own (migration 10) but one a later migration might add: it must take turns.
            Check(store, "CREATE INDEX site_events_by_category ON site_events(category)");
            var indexes = new List<string>();
            using var lasting = new SiteTables.Reader(store.Path); // as a server running across builds: its statements are compiled again, once
            Assert.Equal(3, lasting.Search("alpha", true, null, null, null, 0, 20).Hits.Count);
            for (int build = 4; build <= 6; build++)
            {
                var events = Build($"delta{build}", 40 + build);
                using (var pending = SiteTables.Begin(store, [new("Syria", "syria", events.Length)], [], events, $"build {build}"))
                {
                    Assert.True(build == 4 ? SiteTables.Holds(store, "build 1", 3) : SiteTables.Holds(store, $"build {build - 1}", 39 + build));
                    pending.Commit();
                }

                Assert.True(SiteTables.Holds(store, $"build {build}", events.Length));
                Assert.Equal(0, Tables(store, "_next"));
                using var reader = new SiteTables.Reader(store.Path);
                Assert.Equal(events.Length, reader.Search($"delta{build}", true, null, null, null, 0, 1000).Hits.Count);
                Assert.Empty(reader.Search("alpha", true, null, null, null, 0, 20).Hits);
                Assert.Equal(events.Length, lasting.Search($"delta{build}", true, null, null, null, 0, 1000).Hits.Count);
                Assert.Equal(events[0].Headline, lasting.Event(events[0].Date, events[0].Page, string.CompareOrdinal)?.Event.Headline);
                Assert.Equal(Enumerable.Range(1, Math.Min(49, events.Length)).Select(i => $"news/delta{build}/{i}"), reader.Day(First).Select(e => e.Page));
                Check(store, "INSERT INTO site_search(site_search, rank) VALUES('integrity-check', 1)");
                indexes.Add(string.Join(' ', Names(store, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'site_events' AND sql IS NOT NULL ORDER BY name")));
            }

            Assert.Equal(["site_events_by_category_b", "site_events_by_category", "site_events_by_category_b"], indexes);
            Assert.Equal(["site_event_entities", "site_events", "site_search", "site_search_config", "site_search_data", "site_search_docsize", "site_search_idx"], Names(store, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'site\\_%' ESCAPE '\\' AND name NOT LIKE 'site\\_entities%' ESCAPE '\\' AND name <> 'site_build' ORDER BY name"));
        }

        static int Tables(ArchiveStore store, string suffix) =>
            Names(store, $"SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '%{suffix}'").Count;

        static List<string> Names(ArchiveStore store, string sql)
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var names = new List<string>();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }

        static void Check(ArchiveStore store, string sql)
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    [Fact]
    public void Entities_are_read_from_the_stored_json()
    {
        Assert.Equal([Syria, Turkey], SiteTables.Topics("""[{"title":"Syria","page":"news/entity/syria"},{"page":"news/entity/turkey","other":[1],"title":"Turkey"}]"""u8));
        Assert.Empty(SiteTables.Topics("[]"u8));
        Assert.Throws<System.Text.Json.JsonException>(() => SiteTables.Topics("{\"title\":\"x\"}"u8));
        Assert.Throws<System.Text.Json.JsonException>(() => SiteTables.Topics("[{\"page\":\"news/entity/x\"}]"u8));
    }
}
