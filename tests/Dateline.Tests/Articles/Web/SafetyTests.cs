using System.Net;
using Dateline.Articles.Web;
using Microsoft.AspNetCore.Http;

namespace Dateline.Tests.Articles.Web;

/// <summary>The fetcher must not be turned against the machine it runs on or its network.</summary>
public sealed class SafetyTests
{
    private static readonly WebFetchOptions Guarded = TestOptions.Fast with { AllowPrivate = false };

    private static Task Ok(HttpContext context)
    {
        context.Response.StatusCode = 200;
        return FakeSite.HtmlAsync(context, "<html><head></head></html>");
    }

    [Fact]
    public async Task Refuses_a_loopback_server_by_default_and_reaches_it_when_private_addresses_are_allowed()
    {
        await using var site = await FakeSite.StartAsync(Ok);

        using (var guarded = new WebSourcePages(Guarded))
        {
            var byAddress = await guarded.FetchAsync(site.Link("/secret"), TestOptions.EventDate, CancellationToken.None);
            var byName = await guarded.FetchAsync($"http://localhost:{site.Port}/secret", TestOptions.EventDate, CancellationToken.None);

            Assert.Null(byAddress.Page);
            Assert.Contains("refused loopback address 127.0.0.1", byAddress.Failure, StringComparison.Ordinal);
            Assert.Null(byName.Page);
            Assert.Contains("refused loopback address", byName.Failure, StringComparison.Ordinal);
            Assert.Empty(site.Requests);
        }

        using var open = new WebSourcePages(Guarded with { AllowPrivate = true });
        var reached = await open.FetchAsync(site.Link("/secret"), TestOptions.EventDate, CancellationToken.None);
        Assert.Null(reached.Failure);
        Assert.Equal(1, site.CountOf("/secret"));
    }

    [Theory]
    [InlineData("http://[::1]:9/", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]:9/", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://10.0.0.1:9/", "private")]
    [InlineData("http://100.64.0.1:9/", "carrier-grade NAT")]
    [InlineData("http://[fd00::1]:9/", "unique-local")]
    [InlineData("http://0.0.0.0:9/", "unspecified")]
    public async Task Refuses_private_address_literals_without_connecting(string url, string kind)
    {
        using var pages = new WebSourcePages(Guarded with { ConnectTimeout = TimeSpan.FromMilliseconds(500) });

        var fetch = await pages.FetchAsync(url, TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Page);
        Assert.Contains($"{kind} address", fetch.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_name_whose_DNS_answer_is_private()
    {
        await using var site = await FakeSite.StartAsync(Ok);
        var hooks = new WebFetchHooks { Resolve = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }) };
        using var pages = new WebSourcePages(Guarded, null, hooks);

        var fetch = await pages.FetchAsync($"http://innocent.example:{site.Port}/", TestOptions.EventDate, CancellationToken.None);

        Assert.Contains("refused loopback address 127.0.0.1 for host innocent.example", fetch.Failure, StringComparison.Ordinal);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task Refuses_a_redirect_to_a_private_address()
    {
        // The "public" site is a loopback server the policy is told to trust; the one it redirects to is not.
        await using var inside = await FakeSite.StartAsync(Ok);
        await using var outside = await FakeSite.StartAsync(context =>
        {
            if (context.Request.Path == "/story")
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = inside.Link("/admin");
            }

            return Task.CompletedTask;
        });
        var hooks = new WebFetchHooks { ExemptEndPoint = endPoint => endPoint.Port == outside.Port };
        using var pages = new WebSourcePages(Guarded, null, hooks);

        var fetch = await pages.FetchAsync(outside.Link("/story"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Page);
        Assert.Contains("refused loopback address 127.0.0.1", fetch.Failure, StringComparison.Ordinal);
        Assert.Equal(1, outside.CountOf("/story"));
        Assert.Empty(inside.Requests);
    }
}
