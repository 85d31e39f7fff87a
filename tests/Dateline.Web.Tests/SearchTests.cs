using System.Net;
using System.Net.Http.Json;
using Dateline.Publishing;
using Dateline.Store;
using Dateline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dateline.Web.Tests;

/// <summary>Search over headlines, summaries and entity titles: phrases, prefixes, OR, exclusion, dates, an entity, ranking, paging.</summary>
[Collection(SiteCollection.Name)]
public sealed class SearchTests(SiteFixture site)
{
    [Fact]
    public async Task A_phrase_matches_the_words_together_and_they_are_highlighted()
    {
        var answer = await Search("q=%22Hong%20Kong%22&size=50");
        Assert.NotEmpty(answer.Hits);
        Assert.All(answer.Hits, hit => Assert.True(
            Plain(hit.HighlightedHeadline).Contains("Hong Kong", StringComparison.OrdinalIgnoreCase)
            || hit.Entities.Any(e => e.Title.Contains("Hong Kong", StringComparison.Ordinal))
            || (hit.HighlightedSummary?.Contains("Hong", StringComparison.OrdinalIgnoreCase) ?? false),
            hit.Headline));
        Assert.Contains(answer.Hits, hit => hit.HighlightedHeadline.Contains($"{SiteTables.MarkStart}Hong Kong{SiteTables.MarkEnd}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_prefix_matches_longer_words()
    {
        var answer = await Search("q=Baghd*");
        Assert.NotEmpty(answer.Hits);
        Assert.All(answer.Hits, hit => Assert.True(
            hit.Headline.Contains("Baghd", StringComparison.Ordinal) || hit.Entities.Any(e => e.Title.Contains("Baghd", StringComparison.Ordinal)), hit.Headline));
    }

    [Fact]
    public async Task Or_and_exclusion_widen_and_narrow()
    {
        var brexit = (await Search("q=Brexit&size=50")).Hits;
        var bolivia = (await Search("q=Bolivia&size=50")).Hits;
        var either = (await Search("q=Brexit%20OR%20Bolivia&size=50")).Hits;
        Assert.Equal(brexit.Select(h => h.Url).Union(bolivia.Select(h => h.Url)).Order(), either.Select(h => h.Url).Order());

        var turkey = (await Search("q=Turkey&size=50")).Hits;
        var notTrump = (await Search("q=Turkey%20-Trump&size=50")).Hits;
        Assert.True(notTrump.Count < turkey.Count);
        Assert.All(notTrump, hit => Assert.DoesNotContain("Trump", hit.Headline, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_date_range_keeps_only_events_inside_it()
    {
        var all = await Search("q=protest*&size=50");
        var some = await Search("q=protest*&from=2019-10-20&to=2019-10-25&size=50");
        Assert.NotEmpty(some.Hits);
        Assert.True(some.Hits.Count < all.Hits.Count);
        Assert.All(some.Hits, hit => Assert.InRange(string.CompareOrdinal(hit.Date, "2019-10-20"), 0, int.MaxValue));
        Assert.All(some.Hits, hit => Assert.InRange(string.CompareOrdinal(hit.Date, "2019-10-25"), int.MinValue, 0));
    }

    [Fact]
    public async Task A_date_range_finds_every_match_inside_it_and_none_outside()
    {
        var all = await AllHits("q=protest*");
        var inside = all.Where(h => string.CompareOrdinal(h.Date, "2019-10-20") >= 0 && string.CompareOrdinal(h.Date, "2019-10-25") <= 0).Select(h => h.Url).ToArray();
        Assert.NotEmpty(inside);
        Assert.True(inside.Length < all.Count);
        var ranged = await AllHits("q=protest*&from=2019-10-20&to=2019-10-25");
        Assert.Equal(inside.Order(StringComparer.Ordinal), ranged.Select(h => h.Url).Order(StringComparer.Ordinal));

        // Open ends, and ranges past either end of the archive.
        var after = all.Count(h => string.CompareOrdinal(h.Date, "2019-10-20") >= 0);
        Assert.Equal(after, (await AllHits("q=protest*&from=2019-10-20")).Count);
        Assert.Equal(all.Count - after, (await AllHits("q=protest*&to=2019-10-19")).Count);
        Assert.Empty((await Search("q=protest*&from=2100-01-01")).Hits);
        Assert.Empty((await Search("q=protest*&to=1900-01-01")).Hits);
    }

    [Fact]
    public void Event_ids_follow_date_order_so_a_date_range_is_a_range_of_ids()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={site.Database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), count(*) FILTER (WHERE date < before_date OR (date = before_date AND position <= before_position))
            FROM (SELECT date, position, lag(date) OVER win AS before_date, lag(position) OVER win AS before_position
                  FROM site_events WINDOW win AS (ORDER BY id))
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.GetInt64(0) > 100);
        Assert.Equal(0, reader.GetInt64(1));
    }

    [Fact]
    public async Task Statements_are_compiled_once_whatever_the_page_size_and_page()
    {
        // Distinct searches (so none is answered from the cache), each with other parameters.
        foreach (var query in new[] { "q=protest*&size=3&page=2", "q=police&size=7", "q=Brexit&page=2&from=2019-01-01", "q=Bolivia&size=11&to=2019-12-31", "q=Hariri&size=13&page=3" })
        {
            await Search(query);
        }

        using (var client = site.Client())
        {
            foreach (var page in new[] { "?page=1&size=2", "?page=2&size=3" })
            {
                using var response = await client.GetAsync(new Uri("/api/entities/donald-trump" + page, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        var archive = site.Factory.Services.GetRequiredService<ArchiveQueries>();
        Assert.Equal(0, archive.Recompilations());
    }

    [Fact]
    public async Task An_entity_filter_keeps_only_events_naming_it()
    {
        var all = (await Search("q=Turkey&size=50")).Hits;
        var answer = (await Search("q=Turkey&entity=donald-trump&size=50")).Hits;
        var naming = all.Where(hit => hit.Entities.Any(e => e.Slug == "donald-trump")).Select(h => h.Url).ToArray();
        Assert.NotEmpty(answer);
        Assert.True(answer.Count < all.Count, "the filter keeps fewer events than the search alone");
        Assert.Equal(naming, answer.Select(h => h.Url)); // of the events that say "Turkey", those linking Donald Trump, in the same order
    }

    [Fact]
    public async Task Entity_titles_are_searched_too()
    {
        var answer = await Search("q=%22Evil%20Corp%22");
        Assert.Equal(2, answer.Hits.Count);
    }

    [Fact]
    public async Task Results_are_ranked_with_headline_matches_first()
    {
        var answer = await Search("q=Hariri&size=50");
        Assert.NotEmpty(answer.Hits);
        Assert.Contains("Hariri", answer.Hits[0].Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_do_not_overlap_and_say_when_more_follow()
    {
        var all = await Search("q=protest*&size=50");
        Assert.True(all.Hits.Count > 4);
        var first = await Search("q=protest*&size=2&page=1");
        var second = await Search("q=protest*&size=2&page=2");
        Assert.True(first.HasMore);
        Assert.Equal(all.Hits.Take(4).Select(h => h.Url), first.Hits.Concat(second.Hits).Select(h => h.Url));
    }

    [Theory]
    [InlineData("NEAR(a b")]
    [InlineData("\"unbalanced")]
    [InlineData("headline:Brexit")]
    [InlineData("a AND OR NOT b")]
    [InlineData("^start")]
    [InlineData("(((")]
    [InlineData("Brexit*'")]
    public async Task Fts_syntax_in_a_query_is_only_text(string query)
    {
        using var client = site.Client();
        using var response = await client.GetAsync(new Uri("/api/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
    }

    [Fact]
    public async Task The_search_page_pages_with_links_that_keep_the_filters()
    {
        using var client = site.Client();
        var html = await client.GetStringAsync(new Uri("/search?q=protest*&from=2019-10-01&size=2", UriKind.Relative));
        var document = HtmlSafety.AssertInert(html, "search page");
        var next = document.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/search?q=protest%2A&from=2019-10-01&size=2&page=2", next);
    }

    private static string Plain(string highlighted) =>
        highlighted.Replace(SiteTables.MarkStart.ToString(), string.Empty, StringComparison.Ordinal).Replace(SiteTables.MarkEnd.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>Every hit of a search, page after page.</summary>
    private async Task<List<SearchHit>> AllHits(string query)
    {
        var hits = new List<SearchHit>();
        for (int page = 1; ; page++)
        {
            var answer = await Search($"{query}&size=50&page={page}");
            hits.AddRange(answer.Hits);
            if (!answer.HasMore)
            {
                return hits;
            }
        }
    }

    private async Task<SearchAnswer> Search(string query)
    {
        using var client = site.Client();
        using var response = await client.GetAsync(new Uri("/api/search?" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SearchAnswer>(SiteJson.Options))!;
    }
}
