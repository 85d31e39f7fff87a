using Dateline.Publishing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dateline.Store;
using Dateline.Web.Tests.Support;

namespace Dateline.Web.Tests;

/// <summary>The JSON API answers from the site tables, with the same paths and lists as the pages.</summary>
[Collection(SiteCollection.Name)]
public sealed class ApiTests(SiteFixture site)
{
    [Fact]
    public async Task The_events_of_a_day_come_in_page_order_with_paths_that_exist()
    {
        using var client = site.Client();
        var day = await client.GetFromJsonAsync<DayEvents>(new Uri("/api/days/2019-10-09", UriKind.Relative), SiteJson.Options);
        Assert.NotNull(day);
        Assert.Equal("2019-10-09", day.Date);
        Assert.Equal(Directory.GetFiles(Path.Combine(site.Site, "news", "2019", "10", "9"), "*.html").Length - 1, day.Events.Count);
        Assert.All(day.Events, e => Assert.True(File.Exists(Path.Combine(site.Site, e.Url.TrimStart('/'))), e.Url));
        Assert.All(day.Events, e => Assert.True(File.Exists(Path.Combine(site.Site, e.Markdown!.TrimStart('/'))), e.Markdown));
    }

    [Fact]
    public async Task An_event_comes_with_its_related_events_as_its_page_lists_them()
    {
        using var client = site.Client();
        var day = await client.GetFromJsonAsync<DayEvents>(new Uri("/api/days/2019-10-09", UriKind.Relative), SiteJson.Options);
        var first = day!.Events[0];
        var detail = await client.GetFromJsonAsync<EventDetail>(new Uri("/api/events" + first.Url[5..^5], UriKind.Relative), SiteJson.Options);
        Assert.NotNull(detail);
        Assert.Equal(first.Headline, detail.Headline);
        Assert.InRange(detail.Related.Count, 1, 10);
        Assert.NotEmpty(detail.Entities);
        Assert.NotEmpty(detail.Citations);

        // Same order and targets as the Markdown page's "Related:" list.
        var markdown = await File.ReadAllLinesAsync(Path.Combine(site.Site, first.Markdown!.TrimStart('/')));
        var relatedLines = markdown.SkipWhile(l => l != "### Related:").Skip(2).ToArray();
        Assert.Equal(detail.Related.Count, relatedLines.Length);
        for (int i = 0; i < relatedLines.Length; i++)
        {
            Assert.Contains("(" + detail.Related[i].Url[..^5] + ".md)", relatedLines[i], StringComparison.Ordinal);
            Assert.NotEmpty(detail.Related[i].Context);
            Assert.EndsWith(" _Context: " + string.Join(", ", detail.Related[i].Context) + "_", relatedLines[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_entity_lists_its_events_newest_first_and_pages_through_them()
    {
        using var client = site.Client();
        var all = await client.GetFromJsonAsync<EntityEvents>(new Uri("/api/entities/donald-trump?size=200", UriKind.Relative), SiteJson.Options);
        Assert.NotNull(all);
        Assert.Equal("Donald Trump", all.Entity.Title);
        Assert.Equal(all.Total, all.Events.Count);
        Assert.Equal(9, all.Total);
        Assert.Equal(all.Events.OrderByDescending(e => e.Date, StringComparer.Ordinal).Select(e => e.Date), all.Events.Select(e => e.Date));

        var second = await client.GetFromJsonAsync<EntityEvents>(new Uri("/api/entities/Donald%20Trump?size=1&page=2", UriKind.Relative), SiteJson.Options);
        Assert.Equal(all.Events[1], Assert.Single(second!.Events));
    }

    [Theory]
    [InlineData("/api/days/2019-13-01", "date")]
    [InlineData("/api/days/yesterday", "date")]
    [InlineData("/api/events/2019/10/09/some-slug", "date")]
    [InlineData("/api/events/2019/10/9/Bad_Slug", "slug")]
    [InlineData("/api/entities/hong-kong?page=0", "page")]
    [InlineData("/api/entities/hong-kong?size=1000", "size")]
    [InlineData("/api/search", "q")]
    [InlineData("/api/search?q=%20%20", "q")]
    [InlineData("/api/search?q=%22%2A%22", "q")]
    [InlineData("/api/search?q=a%2A", "q")]
    [InlineData("/api/search?q=hong&from=2019-10-32", "from")]
    [InlineData("/api/search?q=hong&to=10/10/2019", "to")]
    [InlineData("/api/search?q=hong&from=2019-11-01&to=2019-10-01", "from")]
    [InlineData("/api/search?q=hong&entity=no-such-entity", "entity")]
    [InlineData("/api/search?q=hong&page=-1", "page")]
    [InlineData("/api/search?q=hong&page=x", "page")]
    [InlineData("/api/search?q=hong&size=51", "size")]
    public async Task A_bad_parameter_gets_400_naming_it(string url, string parameter)
    {
        using var client = site.Client();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ApiProblem>(SiteJson.Options);
        Assert.Equal(parameter, problem!.Parameter);
        Assert.StartsWith(parameter + ":", problem.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_too_long_is_refused_by_name()
    {
        using var client = site.Client();
        using var response = await client.GetAsync(new Uri("/api/search?q=" + new string('x', 201), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"q\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_events_and_entities_are_404()
    {
        using var client = site.Client();
        using var events = await client.GetAsync(new Uri("/api/events/2019/10/9/no-such-event", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        using var entity = await client.GetAsync(new Uri("/api/entities/no-such-entity", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, entity.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        using var client = site.Client();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/days/{date}", paths);
        Assert.Contains("/api/events/{year}/{month}/{day}/{slug}", paths);
        Assert.Contains("/api/entities/{slug}", paths);
        Assert.Contains("/api/search", paths);
        var search = document.RootElement.GetProperty("paths").GetProperty("/api/search").GetProperty("get");
        var parameters = search.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Equal<string[]>(["q", "from", "to", "entity", "page", "size"], parameters);
    }
}
