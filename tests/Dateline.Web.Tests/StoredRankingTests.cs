using Dateline.Store;
using Dateline.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dateline.Web.Tests;

/// <summary>
/// Searches for one word answered from the word's stored ranking (site_search_top) show what
/// the search index itself shows: the same events in the same order, the same "more" flag.
/// The sample archive's words are in a few events each, so the rankings are written here with
/// small thresholds (a word in more than 4 events, its first 6 events stored).
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
    public void One_word_searches_from_stored_rankings_show_what_the_index_shows()
    {
        var database = Copy();
        var words = WriteRankings(database);
        Assert.True(words.Count >= 10, $"only {words.Count} words in more than {Minimum} events");
        using var reader = new SiteTables.Reader(database);
        var dates = Dates(database);
        (DateOnly?, DateOnly?)[] ranges = [(null, null), (dates[dates.Count / 3], dates[2 * dates.Count / 3]), (dates[^1], null), (null, dates[0])];
        (int Offset, int Limit)[] pages = [(0, 1), (0, 2), (0, 5), (0, 6), (0, 20), (1, 4), (3, 3), (5, 1), (6, 1), (7, 2), (40, 20)];
        int stored = 0;
        foreach (var (term, complete) in words)
        {
            var query = SearchQuery.Parse(term, out _)!;
            Assert.Equal(term, query.Word); // the server finds the word under the key the build wrote
            foreach (var (from, to) in ranges)
            {
                foreach (var (offset, limit) in pages)
                {
                    var index = reader.Search(query.Match, true, from, to, null, offset, limit);
                    var fromTable = reader.Search(query.Match, true, from, to, null, offset, limit, query.Word);
                    Assert.Equal(index.Hits.Select(h => h.Page), fromTable.Hits.Select(h => h.Page));
                    Assert.Equal(index.HasMore, fromTable.HasMore);
                    if (from is null && to is null && (complete || offset + limit < Rows))
                    {
                        stored++;
                    }
                }
            }
        }

        Assert.True(stored >= 50, $"only {stored} searches within the stored rankings");
    }

    [Fact]
    public void A_stored_ranking_answers_only_for_the_build_that_wrote_it()
    {
        var database = Copy();
        var (term, _) = WriteRankings(database).First(w => !w.Complete);
        var query = SearchQuery.Parse(term, out _)!;
        List<string> expected;
        using (var reader = new SiteTables.Reader(database))
        {
            expected = [.. reader.Search(query.Match, true, null, null, null, 0, 3).Hits.Select(h => h.Page)];
        }

        Assert.Equal(3, expected.Count);
        SqliteConnection.ClearAllPools();

        // The index emptied: what still answers is the stored ranking.
        Execute(database, "INSERT INTO site_search(site_search) VALUES('delete-all')");
        using (var reader = new SiteTables.Reader(database))
        {
            Assert.Empty(reader.Search(query.Match, true, null, null, null, 0, 3).Hits);
            var hits = reader.Search(query.Match, true, null, null, null, 0, 3, query.Word);
            Assert.Equal(expected, hits.Hits.Select(h => h.Page));
            Assert.True(hits.HasMore);

            // Past the stored events the index answers (here: nothing, it is empty).
            Assert.Empty(reader.Search(query.Match, true, null, null, null, Rows - 1, 3, query.Word).Hits);
        }

        SqliteConnection.ClearAllPools();

        // Another build's tables: the ranking is not theirs, so the index answers.
        Execute(database, "UPDATE site_build SET source = 'another build'");
        using (var reader = new SiteTables.Reader(database))
        {
            Assert.Empty(reader.Search(query.Match, true, null, null, null, 0, 3, query.Word).Hits);
        }
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

    /// <summary>Writes the rankings as a build would, with this test's thresholds; the words written, and whether all their events were stored.</summary>
    private static List<(string Term, bool Complete)> WriteRankings(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        string source;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT source FROM site_build";
            source = (string)command.ExecuteScalar()!;
        }

        using (var transaction = connection.BeginTransaction())
        {
            SiteTables.WriteTopTerms(connection, transaction, source, Minimum, Rows);
            transaction.Commit();
        }

        var words = new List<(string, bool)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT term, complete, length(ids) FROM site_search_top ORDER BY term";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                bool complete = reader.GetInt64(1) == 1;
                Assert.True(complete ? reader.GetInt64(2) <= Rows * 8 : reader.GetInt64(2) == Rows * 8, reader.GetString(0));
                words.Add((reader.GetString(0), complete));
            }
        }

        Assert.Contains(words, w => !w.Item2);
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
