using Dateline.Tests.Articles.Web;
using Dateline.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Dateline.Tests.Articles;

/// <summary>
/// The whole live path as a user runs it: import, `enrich` against a news site (a Kestrel
/// server on loopback standing in for it), build. The default refuses the loopback address;
/// --allow-private is what lets a test server through.
/// </summary>
public sealed class LiveEnrichTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task Enrich_live_fetches_each_events_source_and_the_build_shows_its_summary_and_image()
    {
        await using var site = await FakeSite.StartAsync(async context =>
        {
            if (context.Request.Path == "/world/storm-story")
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("""
                    <html><head><title>Storm</title>
                    <meta property="og:description" content="A slow storm floods the coast &amp; cuts power to thousands.">
                    <meta property="og:image" content="/pictures/storm.jpg">
                    </head><body><p>Story.</p></body></html>
                    """);
            }
        });
        var db = work.File("a.db");
        var page = work.Write("2021-02-03.wiki", DayPages.TemplateContent(new DateOnly(2021, 2, 3),
            $"'''Disasters and accidents'''\n*A storm floods the coast. [{site.Link("missing-first")} First] [{site.Link("world/storm-story")} (''Coast News'')]"));
        Assert.Equal(0, CliRun.Of("import", page, "--db", db).ExitCode);

        var refused = CliRun.Of("enrich", "--db", db, "--contact", "tests@dateline.example");
        Assert.Equal(1, refused.ExitCode); // loopback is a private address: refused by default
        Assert.Empty(site.PageRequests);

        var enrich = CliRun.Of("enrich", "--db", db, "--contact", "tests@dateline.example", "--allow-private", "--retry-failed");
        Assert.True(enrich.ExitCode == 1, enrich.ToString()); // the first citation is a dead link
        Assert.Contains(site.PageRequests, r => r.Path == "/world/storm-story");
        Assert.All(site.PageRequests, r => Assert.Contains("tests@dateline.example", r.UserAgent, StringComparison.Ordinal));

        Assert.Equal(0, CliRun.Of("build", "--db", db, "--out", work.File("out")).ExitCode);

        var eventPage = File.ReadAllText(work.File("out/news/2021/02/3/a-storm-floods-the-coast.md"));
        Assert.Contains("\n\nA slow storm floods the coast & cuts power to thousands.\n\n\n### Source:\n", eventPage, StringComparison.Ordinal);
        Assert.Contains($"1. [Cover Image]({site.Link("pictures/storm.jpg")})\n", eventPage, StringComparison.Ordinal);
    }
}
