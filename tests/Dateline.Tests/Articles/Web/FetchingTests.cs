using System.IO.Compression;
using System.Text;
using Dateline.Articles;
using Dateline.Articles.Web;
using Microsoft.AspNetCore.Http;

namespace Dateline.Tests.Articles.Web;

public sealed class FetchingTests
{
    private const string Page = "<html><head><meta property=\"og:description\" content=\"Talks resume\"></head><body>News</body></html>";

    [Fact]
    public async Task Fetches_a_page_with_its_status_headers_and_body()
    {
        await using var site = await FakeSite.StartAsync(context =>
        {
            context.Response.StatusCode = 200;
            context.Response.Headers["X-Served-By"] = "fake";
            return FakeSite.HtmlAsync(context, Page);
        });
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/story?id=1"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        var page = fetch.Page!;
        Assert.Equal(site.Link("/story?id=1"), page.RequestedUrl);
        Assert.Equal(site.Link("/story?id=1"), page.FinalUrl);
        Assert.Equal(200, page.Status);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Contains(page.Headers, h => h.Key == "X-Served-By" && h.Value == "fake");
        Assert.Equal(Page, Encoding.UTF8.GetString(page.Body));
        Assert.Null(page.ArchivedFrom);
        Assert.True(DateTimeOffset.UtcNow - page.FetchedAt < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Names_Dateline_its_version_and_the_contact_in_the_User_Agent()
    {
        await using var site = await FakeSite.StartAsync(context => FakeSite.HtmlAsync(context, Page));
        using var pages = new WebSourcePages(TestOptions.Fast);

        await pages.FetchAsync(site.Link("/"), TestOptions.EventDate, CancellationToken.None);

        var version = typeof(WebSourcePages).Assembly.GetName().Version!.ToString(3);
        Assert.NotEmpty(site.Requests);
        Assert.All(site.Requests, request =>
        {
            Assert.StartsWith($"Dateline/{version} ", request.UserAgent, StringComparison.Ordinal);
            Assert.Contains(TestOptions.Contact, request.UserAgent, StringComparison.Ordinal);
        });
        Assert.Equal($"Dateline/{version} (+{TestOptions.Contact})", pages.UserAgent);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task Undoes_content_encoding(string encoding)
    {
        await using var site = await FakeSite.StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentEncoding = encoding;
            await context.Response.Body.WriteAsync(Compress(Encoding.UTF8.GetBytes(Page), encoding));
        });
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal(Page, Encoding.UTF8.GetString(fetch.Page!.Body));
        Assert.Contains(encoding, site.PageRequests.Single().AcceptEncoding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("image/jpeg")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/json")]
    public async Task Refuses_what_is_not_HTML(string contentType)
    {
        await using var site = await FakeSite.StartAsync(context =>
        {
            context.Response.StatusCode = 200;
            return FakeSite.HtmlAsync(context, "%PDF-1.4", contentType);
        });
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(site.Link("/file"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Page);
        Assert.StartsWith($"content type {contentType}", fetch.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_body_without_a_content_type_and_accepts_XHTML()
    {
        await using var site = await FakeSite.StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            if (context.Request.Path == "/xhtml")
            {
                context.Response.ContentType = "application/xhtml+xml";
            }

            await context.Response.WriteAsync(Page);
        });
        using var pages = new WebSourcePages(TestOptions.Fast);

        var bare = await pages.FetchAsync(site.Link("/bare"), TestOptions.EventDate, CancellationToken.None);
        var xhtml = await pages.FetchAsync(site.Link("/xhtml"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal("content type missing: only HTML is read", bare.Failure);
        Assert.Equal(Page, Encoding.UTF8.GetString(xhtml.Page!.Body));
    }

    [Fact]
    public async Task Reads_no_more_than_MaxBytes_of_a_huge_page()
    {
        await using var site = await FakeSite.StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><title>no end of head in sight");
            var filler = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            for (int i = 0; i < 320; i++)
            {
                await context.Response.Body.WriteAsync(filler, context.RequestAborted);
            }
        });
        using var pages = new WebSourcePages(TestOptions.Fast with { MaxBytes = 100_000 });

        var fetch = await pages.FetchAsync(site.Link("/huge"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal(100_000, fetch.Page!.Body.Length);
    }

    [Fact]
    public async Task Stops_reading_once_the_head_has_ended()
    {
        // The body never ends: only stopping at </head> gets an answer before the timeout.
        await using var site = await FakeSite.StartAsync(async context =>
        {
            if (context.Request.Path == "/robots.txt")
            {
                return;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><meta property=\"og:image\" content=\"/a.jpg\"></head><body>");
            await context.Response.Body.FlushAsync(context.RequestAborted);
            var filler = Encoding.ASCII.GetBytes("<p>" + new string('x', 1000) + "</p>");
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(filler, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(10, context.RequestAborted);
            }
        });
        using var pages = new WebSourcePages(TestOptions.Fast with { TotalTimeout = TimeSpan.FromSeconds(5) });

        var fetch = await pages.FetchAsync(site.Link("/endless"), TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Failure);
        var text = Encoding.UTF8.GetString(fetch.Page!.Body);
        Assert.Contains("og:image", text, StringComparison.Ordinal);
        Assert.Contains("</head>", text, StringComparison.Ordinal);
        Assert.True(fetch.Page.Body.Length < 50_000, $"read {fetch.Page.Body.Length} bytes");
    }

    [Theory]
    [InlineData("ftp://files.example/report.html", "unsupported scheme ftp")]
    [InlineData("file:///etc/passwd", "unsupported scheme file")]
    [InlineData("javascript:alert(1)", "unsupported scheme javascript")]
    [InlineData("/relative/only", "not an absolute URL")]
    public async Task Refuses_URLs_that_are_not_http_or_https(string url, string reason)
    {
        using var pages = new WebSourcePages(TestOptions.Fast);

        var fetch = await pages.FetchAsync(url, TestOptions.EventDate, CancellationToken.None);

        Assert.Null(fetch.Page);
        Assert.StartsWith(reason, fetch.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(401)]
    [InlineData(400)]
    public async Task Reports_other_error_statuses(int status)
    {
        await using var site = await FakeSite.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        using var pages = new WebSourcePages(TestOptions.Fast with { Wayback = true, WaybackEndpoint = site.Url("/wayback/available") });

        var fetch = await pages.FetchAsync(site.Link("/x"), TestOptions.EventDate, CancellationToken.None);

        Assert.Equal($"HTTP {status}", fetch.Failure);
        Assert.Equal(0, site.CountOf("/wayback/available"));
    }

    private static byte[] Compress(byte[] data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}
