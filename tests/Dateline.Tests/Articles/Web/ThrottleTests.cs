using System.Collections.Concurrent;
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
        // Measured where requests leave the fetcher: arrival times at a server in the same busy
        // process also carry its thread-pool delays.
        await using var site = await FakeSite.StartAsync(context =>
        {
            context.Response.StatusCode = 200;
            return FakeSite.HtmlAsync(context, "<html><head></head></html>");
        });
        var delay = TimeSpan.FromMilliseconds(120);
        using var stamps = new StampingHandler();
        using var pages = new WebSourcePages(TestOptions.Fast with { PerHostDelay = delay, IgnoreRobots = true }, stamps);

        var fetches = await FetchManyAsync(pages, site, 5);

        Assert.All(fetches, fetch => Assert.Null(fetch.Failure));
        var starts = stamps.Sent.Order().ToArray();
        Assert.Equal(5, starts.Length);
        for (int i = 1; i < starts.Length; i++)
        {
            var gap = Stopwatch.GetElapsedTime(starts[i - 1], starts[i]);
            Assert.True(gap >= delay * 0.8, $"requests {i - 1} and {i} were sent {gap.TotalMilliseconds} ms apart");
        }
    }

    /// <summary>Notes when each request is handed to the transport.</summary>
    private sealed class StampingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        public ConcurrentQueue<long> Sent { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Enqueue(Stopwatch.GetTimestamp());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
