using System.Net;
using System.Net.Sockets;
using System.Text;
using Dateline.Articles.Web;
using Microsoft.AspNetCore.Http;

namespace Dateline.Tests.Articles.Web;

/// <summary>Dead links fall back to the Wayback Machine; a fake one (availability API and snapshot) plays it here.</summary>
public sealed class WaybackTests
{
    private const string Snapshot = "/web/20200101120000/story";
    private const string ArchivedPage = "<html><head><meta property=\"og:description\" content=\"As it was\"></head></html>";

    /// <summary>A site where /gone answers <paramref name="deadStatus"/>, with the fake Wayback Machine beside it.</summary>
    private static Task<FakeSite> SiteAndArchive(int deadStatus, bool hasSnapshot = true) =>
        FakeSite.StartAsync(async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/gone":
                    context.Response.StatusCode = deadStatus;
                    break;
                case "/wayback/available":
                    var snapshot = $"{context.Request.Scheme}://{context.Request.Host}{Snapshot}";
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(hasSnapshot
                        ? "{\"url\": \"x\", \"archived_snapshots\": {\"closest\": {\"status\": \"200\", \"available\": true, \"url\": \"" + snapshot + "\", \"timestamp\": \"20200101120000\"}}}"
                        : """{"url": "x", "archived_snapshots": {}}""");
                    break;
                case Snapshot:
                    context.Response.StatusCode = 200;
                    await FakeSite.HtmlAsync(context, ArchivedPage);
                    break;
                default:
                    break;
            }
        });

    private static WebFetchOptions WithWayback(FakeSite archive) =>
        TestOptions.Fast with { Wayback = true, WaybackEndpoint = archive.Url("/wayback/available") };

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task Serves_the_closest_snapshot_of_a_dead_link(int status)
    {
        await using var site = await SiteAndArchive(status);
        using var pages = new WebSourcePages(WithWayback(site));

        var fetch = await pages.FetchAsync(site.Link("/gone"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        var page = fetch.Page!;
        Assert.Equal(site.Link("/gone"), page.RequestedUrl);
        Assert.Equal(site.Link(Snapshot), page.ArchivedFrom);
        Assert.Equal(site.Link(Snapshot), page.FinalUrl);
        Assert.Equal(ArchivedPage, Encoding.UTF8.GetString(page.Body));
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero), page.FetchedAt);

        var lookup = site.Requests.Single(r => r.Path == "/wayback/available");
        Assert.Equal($"?url={Uri.EscapeDataString(site.Link("/gone"))}&timestamp=20200102", lookup.Query);
    }

    [Fact]
    public async Task Serves_a_snapshot_when_the_host_no_longer_exists()
    {
        await using var archive = await SiteAndArchive(404);
        var hooks = new WebFetchHooks
        {
            Resolve = (host, _) => host == "defunct.example"
                ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
                : Task.FromResult(new[] { IPAddress.Loopback }),
        };
        using var pages = new WebSourcePages(WithWayback(archive), null, hooks);

        var fetch = await pages.FetchAsync("http://defunct.example/story", TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(archive.Link(Snapshot), fetch.Page!.ArchivedFrom);
        Assert.Equal("http://defunct.example/story", fetch.Page.RequestedUrl);
    }

    [Fact]
    public async Task Reports_both_the_dead_link_and_the_missing_snapshot()
    {
        await using var site = await SiteAndArchive(404, hasSnapshot: false);
        using var pages = new WebSourcePages(WithWayback(site));

        var fetch = await pages.FetchAsync(site.Link("/gone"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("HTTP 404; no Wayback snapshot", fetch.Failure);
    }

    [Fact]
    public async Task Reports_a_dead_link_without_asking_when_the_Wayback_fallback_is_off()
    {
        await using var site = await SiteAndArchive(404);
        using var pages = new WebSourcePages(WithWayback(site) with { Wayback = false });

        var fetch = await pages.FetchAsync(site.Link("/gone"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("HTTP 404", fetch.Failure);
        Assert.Equal(0, site.CountOf("/wayback/available"));
    }

    [Fact]
    public async Task Does_not_ask_for_pages_that_are_not_dead()
    {
        await using var site = await SiteAndArchive(503);
        using var pages = new WebSourcePages(WithWayback(site) with { MaxRetries = 0 });

        var fetch = await pages.FetchAsync(site.Link("/gone"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("HTTP 503", fetch.Failure);
        Assert.Equal(0, site.CountOf("/wayback/available"));
    }

    [Fact]
    public async Task Reports_a_failing_availability_API()
    {
        await using var site = await SiteAndArchive(404);
        using var pages = new WebSourcePages(WithWayback(site) with { WaybackEndpoint = site.Url("/no-such-api") });

        var fetch = await pages.FetchAsync(site.Link("/gone"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("HTTP 404; Wayback lookup failed: HTTP 404", fetch.Failure);
    }
}
