using Dateline.Store;
using Dateline.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dateline.Web.Tests;

/// <summary>
/// Searches for one word answered from the word's ranking made ahead of time (by the server,
/// once per build) show what the search index itself shows: the same events in the same order,
/// the same "more" flag. The sample archive's words are in a few events each, so the rankings
/// are made here with small thresholds (a word in more than 4 events, its first 6 events ranked).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class StoredRankingTests(SiteFixture site) : IDisposable
{
    private const int Minimum = 4;
    private const int Rows = 6;

    private readonly string folder = Directory.CreateTempSubdirectory("dateline-top-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task One_word_searches_from_rankings_made_ahead_show_what_the_index_shows()
    {
        var database = Copy();
        using var reader = new SiteTables.Reader(database, Minimum, Rows);
        var words = await Ranked(reader);
        Assert.True(words.Count >= 10, $"only {words.Count} words in more than {Minimum} events");
        var dates = Dates(database);
        (DateOnly?, DateOnly?)[] ranges = [(null, null), (dates[dates.Count / 3], dates[2 * dates.Count / 3]), (dates[^1], null), (null, dates[0])];
        (int Offset, int Limit)[] pages = [(0, 1), (0, 2), (0, 5), (0, 6), (0, 20), (1, 4), (3, 3), (5, 1), (6, 1), (7, 2), (40, 20)];
        int ranked = 0;
        foreach (var (term, complete) in words)
        {
            var query = SearchQuery.Parse(term, out _)!;
            Assert.Equal(term, query.Word); // the server finds the word under the key the ranking has
            foreach (var (from, to) in ranges)
            {
                foreach (var (offset, limit) in pages)
                {
                    var index = reader.Search(query.Match, true, from, to, null, offset, limit);
                    var fromRanking = reader.Search(query.Match, true, from, to, null, offset, limit, query.Word);
                    Assert.Equal(index.Hits.Select(h => h.Page), fromRanking.Hits.Select(h => h.Page));
                    Assert.Equal(index.HasMore, fromRanking.HasMore);
                    if (from is null && to is null && (complete || offset + limit < Rows))
                    {
                        ranked++;
                    }
                }
            }
        }

        Assert.True(ranked >= 50, $"only {ranked} searches within the rankings");
    }

    [Fact]
    public async Task A_ranking_made_ahead_answers_only_for_the_build_whose_index_it_ranked()
    {
        var database = Copy();
        using var reader = new SiteTables.Reader(database, Minimum, Rows);
        var (term, _) = (await Ranked(reader)).First(w => !w.Complete);
        var query = SearchQuery.Parse(term, out _)!;
        var expected = reader.Search(query.Match, true, null, null, null, 0, 3).Hits.Select(h => h.Page).ToList();
        Assert.Equal(3, expected.Count);

        // The index emptied behind the reader's back: what still answers is the ranking.
        Execute(database, "INSERT INTO site_search(site_search) VALUES('delete-all')");
        Assert.Empty(reader.Search(query.Match, true, null, null, null, 0, 3).Hits);
        var hits = reader.Search(query.Match, true, null, null, null, 0, 3, query.Word);
        Assert.Equal(expected, hits.Hits.Select(h => h.Page));
        Assert.True(hits.HasMore);

        // Past the ranked events the index answers (here: nothing, it is empty).
        Assert.Empty(reader.Search(query.Match, true, null, null, null, Rows - 1, 3, query.Word).Hits);

        // Another build's tables: the ranking is not of their index, so the index answers, and the
        // reader ranks that one (empty: no word in more than Minimum events).
        Execute(database, "UPDATE site_build SET source = 'another build'");
        Assert.Empty(reader.Search(query.Match, true, null, null, null, 0, 3, query.Word).Hits);
        await reader.RankingUnderWay;
        Assert.Equal("another build", reader.RankedAhead?.Source);
        Assert.Empty(reader.RankedAhead!.Terms);
    }

    [Fact]
    public void Only_a_lone_word_has_a_word_to_look_up()
    {
        Assert.Equal("brexit", SearchQuery.Parse("Brexit", out _)!.Word);
        Assert.Equal("brexit", SearchQuery.Parse("\"Brexit\"", out _)!.Word);
        Assert.Equal("waville", SearchQuery.Parse("Wäville", out _)!.Word);
        Assert.Equal("of", SearchQuery.Parse("  (of)  ", out _)!.Word);
        Assert.Null(SearchQuery.Parse("Brex*", out _)!.Word);
        Assert.Null(SearchQuery.Parse("\"Hong Kong\"", out _)!.Word);
        Assert.Null(SearchQuery.Parse("Hong-Kong", out _)!.Word); // two words as the index cuts them
        Assert.Null(SearchQuery.Parse("Brexit OR Bolivia", out _)!.Word);
        Assert.Null(SearchQuery.Parse("Brexit -Johnson", out _)!.Word);
    }

    private string Copy()
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
        using (var source = new SqliteConnection($"Data Source={site.Database};Mode=ReadOnly;Pooling=False"))
        {
            source.Open();
            using var command = source.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", path);
            command.ExecuteNonQuery();
        }

        return path;
    }

    /// <summary>Has the reader rank the words (a one-word search starts it) and waits: the words ranked, and whether all their events were.</summary>
    private static async Task<List<(string Term, bool Complete)>> Ranked(SiteTables.Reader reader)
    {
        Assert.Null(reader.RankedAhead);
        reader.Search("\"iraq\"", true, null, null, null, 0, 1, "iraq");
        await reader.RankingUnderWay;
        var words = reader.RankedAhead!.Terms.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value.Complete)).ToList();
        foreach (var (term, (complete, ids)) in reader.RankedAhead.Terms)
        {
            Assert.True(complete ? ids.Length <= Rows * 8 : ids.Length == Rows * 8, term);
        }

        Assert.Contains(words, w => !w.Complete);
        return words;
    }

    private static List<DateOnly> Dates(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT date FROM site_events ORDER BY date";
        using var reader = command.ExecuteReader();
        var dates = new List<DateOnly>();
        while (reader.Read())
        {
            dates.Add(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        return dates;
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
