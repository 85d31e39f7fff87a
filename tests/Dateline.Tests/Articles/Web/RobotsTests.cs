using Dateline.Articles.Web;
using Microsoft.AspNetCore.Http;

namespace Dateline.Tests.Articles.Web;

public sealed class RobotsTests
{
    private static Func<HttpContext, Task> SiteWith(int robotsStatus, string robots = "") => context =>
    {
        if (context.Request.Path == "/robots.txt")
        {
            context.Response.StatusCode = robotsStatus;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(robots);
        }

        context.Response.StatusCode = 200;
        return FakeSite.HtmlAsync(context, "<html><head></head></html>");
    };

    [Fact]
    public async Task Obeys_robots_txt_and_reads_it_once_per_site()
    {
        await using var site = await FakeSite.StartAsync(SiteWith(200, "User-agent: *\nDisallow: /private/\n"));
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetches = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            pages.FetchAsync(site.Link(i % 2 == 0 ? $"/public/{i}" : $"/private/{i}"), TestOptions.EventDate, CancellationToken.None)));

        Assert.All(fetches.Where((_, i) => i % 2 == 0), fetch => Assert.Null(fetch.Failure));
        Assert.All(fetches.Where((_, i) => i % 2 == 1), fetch => Assert.Equal("disallowed by robots.txt (Disallow: /private/)", fetch.Failure));
        Assert.DoesNotContain(site.Requests, r => r.Path.StartsWith("/private/", StringComparison.Ordinal));
        Assert.Equal(1, site.CountOf("/robots.txt"));
    }

    [Fact]
    public async Task Ignores_robots_txt_when_told_to()
    {
        await using var site = await FakeSite.StartAsync(SiteWith(200, "User-agent: *\nDisallow: /\n"));
        using var pages = new WebSourcePages(TestOptions.Fast with { IgnoreRobots = true });

        var fetch = await pages.FetchAsync(site.Link("/private/1"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(0, site.CountOf("/robots.txt"));
    }

    [Fact]
    public async Task Obeys_the_group_for_Dateline()
    {
        await using var site = await FakeSite.StartAsync(SiteWith(200, "User-agent: *\nAllow: /\n\nUser-agent: Dateline\nDisallow: /news\n"));
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/news/1"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("disallowed by robots.txt (Disallow: /news)", fetch.Failure);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(403)]
    public async Task A_missing_robots_txt_allows_everything(int status)
    {
        await using var site = await FakeSite.StartAsync(SiteWith(status, "User-agent: *\nDisallow: /\n"));
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task An_unreachable_robots_txt_disallows_the_site_for_the_run(int status)
    {
        await using var site = await FakeSite.StartAsync(SiteWith(status));
        using var pages = new WebSourcePages(TestOptions.Fast with { MaxRetries = 1 });

        var first = await pages.FetchAsync(site.Link("/a"), TestOptions.EventDate, CancellationToken.None);
        var second = await pages.FetchAsync(site.Link("/b"), TestOptions.EventDate, CancellationToken.None);

        var reason = $"robots.txt unavailable (HTTP {status}), so nothing on {site.BaseUri.Authority} is fetched";
        Assert.Equal(reason, first.Failure);
        Assert.Equal(reason, second.Failure);
        Assert.Empty(site.PageRequests);
        Assert.Equal(2, site.CountOf("/robots.txt")); // one fetch, retried once, then remembered
    }

    [Fact]
    public async Task Checks_robots_txt_of_each_redirect_target()
    {
        await using var target = await FakeSite.StartAsync(SiteWith(200, "User-agent: *\nDisallow: /\n"));
        await using var origin = await FakeSite.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path == "/story" ? 301 : 404;
            context.Response.Headers.Location = target.Link("/story");
            return Task.CompletedTask;
        });
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(origin.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("disallowed by robots.txt (Disallow: /)", fetch.Failure);
        Assert.Empty(target.PageRequests);
    }
}
