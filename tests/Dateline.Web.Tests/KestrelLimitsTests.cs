using System.Net;
using Dateline.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dateline.Web.Tests;

/// <summary>The limits Kestrel enforces (the in-memory test server has none), on a real loopback port.</summary>
[Collection(SiteCollection.Name)]
public sealed class KestrelLimitsTests(SiteFixture site)
{
    [Fact]
    public async Task Oversized_request_lines_and_headers_are_refused_and_the_default_binding_is_loopback()
    {
        Assert.StartsWith("http://127.0.0.1:", DatelineServer.DefaultUrls, StringComparison.Ordinal);
        await using var app = DatelineServer.Create(["--urls", "http://127.0.0.1:0", "--Dateline:Site", site.Site, "--Dateline:Database", site.Database]);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var client = new HttpClient { BaseAddress = address };

            using var fine = await client.GetAsync(new Uri("/api/search?q=Brexit", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, fine.StatusCode);

            using var longLine = await client.GetAsync(new Uri("/api/search?q=" + new string('x', 5000), UriKind.Relative));
            Assert.Equal(HttpStatusCode.RequestUriTooLong, longLine.StatusCode);

            using var bigHeaders = new HttpRequestMessage(HttpMethod.Get, new Uri("/news/index.html", UriKind.Relative));
            bigHeaders.Headers.Add("X-Padding", new string('y', 20_000));
            using var refused = await client.SendAsync(bigHeaders);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
