using System.Net;
using System.Net.Http.Json;
using Dateline.Web.Tests.Support;

namespace Dateline.Web.Tests;

/// <summary>What the server serves, with which headers, and what it refuses.</summary>
[Collection(SiteCollection.Name)]
public sealed class ServerTests(SiteFixture site)
{
    [Theory]
    [InlineData("/news/index.html")]
    [InlineData("/news/2019/10/9/")]
    [InlineData("/api/search?q=Brexit")]
    [InlineData("/search?q=Brexit")]
    [InlineData("/no/such/page.html")]
    [InlineData("/api/days/bad")]
    [InlineData("/api/search?q=a%00b")]
    [InlineData("/search?q=script%00")]
    public async Task Every_answer_carries_the_security_headers(string url)
    {
        using var client = site.Client();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/../archive.db")]
    [InlineData("/%2e%2e/archive.db")]
    [InlineData("/news/%2e%2e/%2e%2e/archive.db")]
    [InlineData("/news/..%2f..%2farchive.db")]
    [InlineData("/news/..%5c..%5carchive.db")]
    [InlineData("/.dateline/manifest.tsv")]
    [InlineData("/%2edateline/manifest.tsv")]
    [InlineData("//etc/passwd")]
    public async Task Nothing_outside_the_site_is_served(string url)
    {
        using var client = site.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseAddress!, url));
        using var response = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SQLite format", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/search?q=a%00b")]
    [InlineData("/api/search?q=%00")]
    [InlineData("/api/search?q=a%01b%1B%5B31m")]
    [InlineData("/api/search?q=a%7Fb")]
    [InlineData("/api/search?q=Brexit&entity=a%00b")]
    [InlineData("/search?q=script%00")]
    [InlineData("/search?q=%22a%00b%22")]
    public async Task A_search_that_is_not_text_is_a_bad_request(string url)
    {
        using var client = site.Client();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            var problem = await response.Content.ReadFromJsonAsync<ApiProblem>();
            Assert.Equal(url.Contains("entity", StringComparison.Ordinal) ? "entity" : "q", problem!.Parameter);
        }
        else
        {
            Assert.Contains("role=\"alert\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_get_and_head_are_accepted()
    {
        using var client = site.Client();
        using var post = await client.PostAsync(new Uri("/api/search?q=x", UriKind.Relative), new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        using var delete = await client.DeleteAsync(new Uri("/news/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/news/index.html", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task The_home_page_leads_to_the_archive_and_pages_have_their_types()
    {
        using var client = site.Client();
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/news/index.html", home.Headers.Location!.OriginalString);

        using var markdown = await client.GetAsync(new Uri("/news/index.md", UriKind.Relative));
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType!.MediaType);
        using var feed = await client.GetAsync(new Uri("/news/feed.atom", UriKind.Relative));
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
        using var css = await client.GetAsync(new Uri("/assets/site.css", UriKind.Relative));
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
    }
}
