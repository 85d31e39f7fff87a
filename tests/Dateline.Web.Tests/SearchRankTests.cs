using Dateline.Store;
using Dateline.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dateline.Web.Tests;

/// <summary>dateline_rank orders the hits of a one-phrase search exactly as bm25 does.</summary>
[Collection(SiteCollection.Name)]
public sealed class SearchRankTests(SiteFixture site)
{
    [Fact]
    public void One_phrase_searches_rank_as_with_bm25()
    {
        using var connection = new SqliteConnection($"Data Source={site.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        SearchRank.Register(connection);

        // Every entity title and every word of the first headlines, each as one phrase.
        var phrases = new SortedSet<string>(StringComparer.Ordinal);
        using (var titles = connection.CreateCommand())
        {
            titles.CommandText = "SELECT title FROM site_entities UNION ALL SELECT * FROM (SELECT headline FROM site_events ORDER BY id LIMIT 60)";
            using var reader = titles.ExecuteReader();
            while (reader.Read())
            {
                phrases.Add(reader.GetString(0));
                foreach (var word in reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    phrases.Add(word);
                }
            }
        }

        int ordered = 0;
        foreach (var text in phrases)
        {
            var query = SearchQuery.Parse("\"" + text.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"", out _);
            if (query is null)
            {
                continue;
            }

            Assert.True(query.OnePhrase, text);
            var bm25 = Ranked(connection, "bm25", query.Match);
            Assert.Equal(bm25, Ranked(connection, SearchRank.Name, query.Match));
            if (bm25.Count > 2 && !bm25.SequenceEqual(bm25.OrderDescending()))
            {
                ordered++; // a search whose rank is not just newest first: one the comparison can tell apart
            }
        }

        Assert.True(ordered >= 20, $"only {ordered} searches ranked other than newest first");
    }

    [Fact]
    public void Only_a_lone_phrase_counts_as_one()
    {
        Assert.True(SearchQuery.Parse("\"Hong Kong\"", out _)!.OnePhrase);
        Assert.True(SearchQuery.Parse("Brexit", out _)!.OnePhrase);
        Assert.False(SearchQuery.Parse("Hong Kong", out _)!.OnePhrase);
        Assert.False(SearchQuery.Parse("Brexit OR Bolivia", out _)!.OnePhrase);
        Assert.False(SearchQuery.Parse("Brexit -Johnson", out _)!.OnePhrase);
    }

    private static List<long> Ranked(SqliteConnection connection, string function, string match)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid FROM site_search WHERE site_search MATCH $m ORDER BY {function}(site_search, 10.0, 2.0, 5.0), rowid DESC";
        command.Parameters.AddWithValue("$m", match);
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
