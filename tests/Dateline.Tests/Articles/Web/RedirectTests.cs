using System.Globalization;
using Dateline.Articles.Web;
using Microsoft.AspNetCore.Http;

namespace Dateline.Tests.Articles.Web;

public sealed class RedirectTests
{
    /// <summary>/hop/N redirects to /hop/N-1 (alternating absolute and relative Locations); /hop/0 is the page.</summary>
    private static Task Chain(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        if (!path.StartsWith("/hop/", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        int left = int.Parse(path["/hop/".Length..], CultureInfo.InvariantCulture);
        if (left == 0)
        {
            context.Response.StatusCode = 200;
            return FakeSite.HtmlAsync(context, "<html><head></head></html>");
        }

        context.Response.StatusCode = left % 2 == 0 ? 301 : 302;
        var next = $"/hop/{left - 1}";
        context.Response.Headers.Location = left % 2 == 0 ? $"{context.Request.Scheme}://{context.Request.Host}{next}" : next;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Follows_redirects_to_the_final_page()
    {
        await using var site = await FakeSite.StartAsync(Chain);
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/hop/3"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(site.Link("/hop/3"), fetch.Page!.RequestedUrl);
        Assert.Equal(site.Link("/hop/0"), fetch.Page.FinalUrl);
        Assert.Equal(["/hop/3", "/hop/2", "/hop/1", "/hop/0"], site.PageRequests.Select(r => r.Path));
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    [InlineData(303)]
    public async Task Follows_every_redirect_status(int status)
    {
        await using var site = await FakeSite.StartAsync(context =>
        {
            if (context.Request.Path == "/old")
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = "new";
                return Task.CompletedTask;
            }

            if (context.Request.Path == "/new")
            {
                context.Response.StatusCode = 200;
                return FakeSite.HtmlAsync(context, "<html><head></head></html>");
            }

            return Chain(context);
        });
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/old"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal(site.Link("/new"), fetch.Page?.FinalUrl ?? fetch.Failure);
    }

    [Fact]
    public async Task Follows_exactly_MaxRedirects_and_refuses_one_more()
    {
        await using var site = await FakeSite.StartAsync(Chain);
        using var pages = new WebSourcePages(TestOptions.Fast);

        var five = await pages.FetchAsync(site.Link("/hop/5"), TestOptions.EventDate, CancellationToken.None);
        var six = await pages.FetchAsync(site.Link("/hop/6"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal(site.Link("/hop/0"), five.Page?.FinalUrl);
        Assert.Null(six.Page);
        Assert.Equal("too many redirects (more than 5)", six.Failure);
        Assert.Equal(1, site.CountOf("/hop/0")); // only the five-hop chain reached the page
    }

    [Fact]
    public async Task Honours_a_lower_MaxRedirects()
    {
        await using var site = await FakeSite.StartAsync(Chain);
        using var pages = new WebSourcePages(TestOptions.Fast with { MaxRedirects = 1 });

        var fetch = await pages.FetchAsync(site.Link("/hop/2"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("too many redirects (more than 1)", fetch.Failure);
    }

    [Fact]
    public async Task Refuses_a_redirect_to_another_scheme_or_without_a_location()
    {
        await using var site = await FakeSite.StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            if (context.Request.Path == "/to-file")
            {
                context.Response.Headers.Location = "file:///etc/passwd";
            }

            return Task.CompletedTask;
        });
        using var pages = new WebSourcePages(TestOptions.Fast with { IgnoreRobots = true });

        var toFile = await pages.FetchAsync(site.Link("/to-file"), TestOptions.EventDate, CancellationToken.None);
        var nowhere = await pages.FetchAsync(site.Link("/nowhere"), TestOptions.EventDate, CancellationToken.None);

        Assert.StartsWith("redirect to unsupported scheme file", toFile.Failure, StringComparison.Ordinal);
        Assert.Equal("HTTP 302 redirect without a usable Location", nowhere.Failure);
    }
}
