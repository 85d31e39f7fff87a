namespace Dateline.Web.Tests;

/// <summary>What a reader types never reaches FTS5 as syntax of its own.</summary>
public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("Hong Kong", "\"Hong\" AND \"Kong\"")]
    [InlineData("\"Hong Kong\"", "\"Hong Kong\"")]
    [InlineData("Baghd*", "\"Baghd\" *")]
    [InlineData("\"Carrie L\"*", "\"Carrie L\" *")]
    [InlineData("Brexit OR Bolivia", "(\"Brexit\" OR \"Bolivia\")")]
    [InlineData("Brexit -Johnson -vote", "(\"Brexit\") NOT (\"Johnson\" OR \"vote\")")]
    [InlineData("NEAR(a", "\"NEAR(a\"")]
    [InlineData("say \"\"\"", "\"say\"")]
    [InlineData("headline:x", "\"headline:x\"")]
    [InlineData("OR Brexit", "\"Brexit\"")]
    public void Queries_become_quoted_terms(string text, string match) =>
        Assert.Equal(match, SearchQuery.ToMatch(text, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\"*\"")]
    [InlineData("-only")]
    [InlineData("a*")]
    [InlineData("1 2 3 4 5 6 7 8 9 10 11 12 13")]
    public void Queries_with_nothing_to_search_for_are_refused(string? text)
    {
        Assert.Null(SearchQuery.ToMatch(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
