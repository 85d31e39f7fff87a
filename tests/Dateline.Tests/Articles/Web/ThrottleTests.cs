using System.Diagnostics;
using Dateline.Articles;
using Dateline.Articles.Web;
using Microsoft.AspNetCore.Http;

namespace Dateline.Tests.Articles.Web;

public sealed class ThrottleTests
{
    private static async Task SlowPage(HttpContext context)
    {
        if (context.Request.Path == "/robots.txt")
        {
            return;
        }

        await Task.Delay(150, context.RequestAborted);
        context.Response.StatusCode = 200;
        await FakeSite.HtmlAsync(context, "<html><head></head></html>");
    }

    private static Task<SourceFetch[]> FetchManyAsync(WebSourcePages pages, FakeSite site, int count, Func<int, string>? host = null) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            pages.FetchAsync($"http://{host?.Invoke(i) ?? "127.0.0.1"}:{site.Port}/page/{i}", TestOptions.EventDate, CancellationToken.None)));

    [Fact]
    public async Task Never_has_more_than_PerHost_requests_open_to_one_host()
    {
        await using var site = await FakeSite.StartAsync(SlowPage);
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetches = await FetchManyAsync(pages, site, 8);

        Assert.All(fetches, fetch => Assert.Null(fetch.Failure));
        Assert.Equal(2, site.MostInFlight);
    }

    [Fact]
    public async Task Never_has_more_than_Concurrency_requests_open_in_all()
    {
        // "localhost" and "127.0.0.1" are different hosts to the throttle but the same server here.
        await using var site = await FakeSite.StartAsync(SlowPage);
        using var pages = new WebSourcePages(TestOptions.Fast with { PerHost = 3, Concurrency = 4 });

        var fetches = await FetchManyAsync(pages, site, 12, i => i % 2 == 0 ? "127.0.0.1" : "localhost");

        Assert.All(fetches, fetch => Assert.Null(fetch.Failure));
        Assert.Equal(4, site.MostInFlight);
    }

    [Fact]
    public async Task Spaces_the_starts_of_requests_to_one_host_by_PerHostDelay()
    {
        await using var site = await FakeSite.StartAsync(context =>
        {
            context.Response.StatusCode = 200;
            return FakeSite.HtmlAsync(context, "<html><head></head></html>");
        });
        var delay = TimeSpan.FromMilliseconds(120);
        using var pages = new WebSourcePages(TestOptions.Fast with { PerHostDelay = delay, IgnoreRobots = true });

        // One fetch first, so that connecting and warming up do not delay the first of the batch.
        await pages.FetchAsync(site.Link("/warm-up"), TestOptions.EventDate, CancellationToken.None);
        var fetches = await FetchManyAsync(pages, site, 5);

        Assert.All(fetches, fetch => Assert.Null(fetch.Failure));
        var starts = site.PageRequests.Select(r => r.Timestamp).Order().ToArray();
        for (int i = 1; i < starts.Length; i++)
        {
            var gap = Stopwatch.GetElapsedTime(starts[i - 1], starts[i]);

            // The server sees arrivals, which network jitter can bring a little closer than the sends.
            Assert.True(gap >= delay * 0.8, $"requests {i - 1} and {i} arrived {gap.TotalMilliseconds} ms apart");
        }
    }
}
