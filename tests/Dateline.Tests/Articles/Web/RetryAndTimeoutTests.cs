using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dateline.Articles.Web;
using Microsoft.AspNetCore.Http;

namespace Dateline.Tests.Articles.Web;

public sealed class RetryAndTimeoutTests
{
    /// <summary>A site that fails its first <paramref name="failures"/> page requests with <paramref name="status"/>.</summary>
    private static Task<FakeSite> Flaky(int failures, int status, string? retryAfter = null)
    {
        int seen = 0;
        return FakeSite.StartAsync(context =>
        {
            if (context.Request.Path != "/story")
            {
                return Task.CompletedTask;
            }

            if (Interlocked.Increment(ref seen) <= failures)
            {
                context.Response.StatusCode = status;
                if (retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                return Task.CompletedTask;
            }

            context.Response.StatusCode = 200;
            return FakeSite.HtmlAsync(context, "<html><head></head></html>");
        });
    }

    [Fact]
    public async Task Waits_as_long_as_Retry_After_asks_after_a_429_then_succeeds()
    {
        await using var site = await Flaky(failures: 1, status: 429, retryAfter: "1");
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        var tries = site.PageRequests.ToArray();
        Assert.Equal(2, tries.Length);
        var gap = Stopwatch.GetElapsedTime(tries[0].Timestamp, tries[1].Timestamp);
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"retried after {gap.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(502)]
    public async Task Retries_server_errors_with_backoff_then_succeeds(int status)
    {
        await using var site = await Flaky(failures: 2, status: status);
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(3, site.CountOf("/story"));
    }

    [Fact]
    public async Task Reads_Retry_After_given_as_an_HTTP_date()
    {
        // A date already past: retry at once (after the backoff), rather than fail or wait the cap.
        await using var site = await Flaky(failures: 1, status: 503, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT");
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(2, site.CountOf("/story"));
    }

    [Fact]
    public async Task Retries_a_connection_dropped_before_the_answer()
    {
        int seen = 0;
        await using var site = await FakeSite.StartAsync(context =>
        {
            if (context.Request.Path == "/story" && Interlocked.Increment(ref seen) == 1)
            {
                context.Abort();
                return Task.CompletedTask;
            }

            context.Response.StatusCode = 200;
            return FakeSite.HtmlAsync(context, "<html><head></head></html>");
        });
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(2, site.CountOf("/story"));
    }

    [Fact]
    public async Task A_refused_connection_fails_at_once()
    {
        // A bound socket that does not listen: its port is ours, and connecting to it is refused.
        using var reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)reserved.LocalEndPoint!).Port;
        using var pages = new WebSourcePages(TestOptions.Fast with { RetryDelay = TimeSpan.FromSeconds(3), MaxRetryWait = TimeSpan.FromSeconds(5) });
        var clock = Stopwatch.StartNew();

        var fetch = await pages.FetchAsync($"http://127.0.0.1:{port}/story", TestOptions.EventDate, CancellationToken.None);

        Assert.Equal($"cannot connect to 127.0.0.1:{port}: ConnectionRefused", fetch.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}: retried?");
    }

    [Fact]
    public async Task Gives_up_after_MaxRetries()
    {
        await using var site = await Flaky(failures: int.MaxValue, status: 503);
        using var pages = new WebSourcePages(TestOptions.Fast with { MaxRetries = 2 });

        var fetch = await pages.FetchAsync(site.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("HTTP 503 (still, after 2 retries)", fetch.Failure);
        Assert.Equal(3, site.CountOf("/story"));
    }

    [Fact]
    public async Task Does_not_come_back_sooner_than_a_Retry_After_beyond_the_cap()
    {
        await using var site = await Flaky(failures: int.MaxValue, status: 429, retryAfter: "3600");
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("HTTP 429 (asked to retry after 3600 s, more than the 2 s cap)", fetch.Failure);
        Assert.Equal(1, site.CountOf("/story"));
    }

    [Fact]
    public async Task A_slow_answer_times_out()
    {
        await using var site = await FakeSite.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using var pages = new WebSourcePages(TestOptions.Fast with { TotalTimeout = TimeSpan.FromMilliseconds(400), IgnoreRobots = true });
        var clock = Stopwatch.StartNew();

        var fetch = await pages.FetchAsync(site.Link("/slow"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("timeout: no complete answer within 400 ms", fetch.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_body_that_trickles_times_out()
    {
        await using var site = await FakeSite.StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><title>", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using var pages = new WebSourcePages(TestOptions.Fast with { TotalTimeout = TimeSpan.FromMilliseconds(500) });

        var fetch = await pages.FetchAsync(site.Link("/trickle"), TestOptions.EventDate, CancellationToken.None);

        // On a loaded machine the connect step may be what runs out first; either way it is a timeout, not a page.
        Assert.Null(fetch.Page);
        Assert.True(fetch.Failure?.Contains("timeout", StringComparison.Ordinal) == true, fetch.Failure);
    }

    [Fact]
    public async Task A_connection_that_does_not_open_hits_the_connect_timeout()
    {
        // The stand-in resolver never answers: connecting includes resolving, so the connect timeout covers it.
        var hooks = new WebFetchHooks
        {
            Resolve = async (_, cancel) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancel);
                return [IPAddress.Loopback];
            },
        };
        using var pages = new WebSourcePages(TestOptions.Fast with { ConnectTimeout = TimeSpan.FromMilliseconds(200) }, null, hooks);

        var fetch = await pages.FetchAsync("http://stuck.example/", TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("connect timeout: no connection to stuck.example within 200 ms", fetch.Failure);
    }

    [Fact]
    public async Task Cancellation_is_thrown_not_reported()
    {
        await using var site = await FakeSite.StartAsync(async context =>
        {
            if (context.Request.Path == "/slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
        });
        using var pages = new WebSourcePages(TestOptions.Fast);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => pages.FetchAsync(site.Link("/slow"), TestOptions.EventDate, cancel.Token));
    }

    [Fact]
    public async Task Cancellation_during_a_retry_wait_is_thrown_too()
    {
        await using var site = await Flaky(failures: int.MaxValue, status: 503, retryAfter: "2");
        using var pages = new WebSourcePages(TestOptions.Fast);
        using var cancel = new CancellationTokenSource();

        // Cancelled once the first request has been answered and the fetch waits its 2 s to retry
        // (a fixed 500 ms timer lost the race when a loaded machine took longer to send the first).
        var fetch = pages.FetchAsync(site.Link("/story"), TestOptions.EventDate, cancel.Token);
        var waited = Stopwatch.StartNew();
        while (site.CountOf("/story") == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        await Task.Delay(200);
        Assert.False(fetch.IsCompleted); // still waiting to retry
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
        Assert.Equal(1, site.CountOf("/story"));
    }
}
