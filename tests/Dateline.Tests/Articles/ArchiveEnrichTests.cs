using System.Collections.Concurrent;
using System.Text;
using Dateline.Articles;
using Dateline.Articles.Warc;
using Dateline.Store;
using Dateline.Tests.Support;

namespace Dateline.Tests.Articles;

public sealed class ArchiveEnrichTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ArchiveStore store;

    public ArchiveEnrichTests()
    {
        var portal = folder.Write("portal/2019-10-01.wiki", """
            {{Current events|year=2019|month=10|day=1|content=
            <!-- All news items below this line -->
            '''Disasters and accidents'''
            *A storm closes the [[Port of Example]]. [https://dead.example.org/storm (Dead Wire)] [https://good.example.org/storm (Good Paper)] [https://later.example.org/storm (Later)]
            *Fog delays ferries in [[Example Bay]]. [https://good.example.org/fog (Good Paper)]
            *The harbour master resigns. [https://empty.example.org/x (No Tags)]
            <!-- All news items above this line -->}}
            """);
        folder.Write("portal/2019-10-05.wiki", """
            {{Current events|year=2019|month=10|day=5|content=
            <!-- All news items below this line -->
            '''Politics and elections'''
            *The [[Port of Example]] reopens. [https://good.example.org/reopens (Good Paper)] [https://good.example.org/storm (Good Paper)]
            <!-- All news items above this line -->}}
            """);
        store = ArchiveStore.Open(folder.File("archive.db"));
        var import = ArchiveImport.Run(store, [Path.GetDirectoryName(portal)!]);
        Assert.Empty(import.Errors);
        Assert.Equal(4, import.Events);
    }

    public void Dispose()
    {
        store.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Citations_are_tried_in_order_until_one_gives_a_summary_or_image()
    {
        var pages = new FakePages();

        var report = await ArchiveEnrich.RunAsync(store, pages, new EnrichOptions { To = new DateOnly(2019, 10, 1), Concurrency = 1 });

        Assert.Equal(["https://dead.example.org/storm", "https://good.example.org/storm", "https://good.example.org/fog", "https://empty.example.org/x"], pages.Asked);
        Assert.DoesNotContain("https://later.example.org/storm", pages.Asked);
        Assert.Equal(new EnrichReport(Events: 3, Enriched: 2, Fetched: 4, FromCache: 0, Failed: 1, NotArchived: 0), report);

        var articles = store.ReadArticles();
        Assert.Equal("Summary of https://good.example.org/storm", articles["https://good.example.org/storm"].Summary);
        Assert.Equal("https://img.example.org/storm.jpg", articles["https://good.example.org/storm"].Image);
        Assert.Equal("connection refused", store.ReadArticleRecord("https://dead.example.org/storm")!.Failure);
        var empty = store.ReadArticleRecord("https://empty.example.org/x")!;
        Assert.Null(empty.Failure);
        Assert.Equal(ArticleState.Empty, empty.State);
        Assert.Equal(200, empty.Status);
    }

    [Fact]
    public async Task A_second_run_fetches_only_what_is_still_unknown()
    {
        await ArchiveEnrich.RunAsync(store, new FakePages(), new EnrichOptions { To = new DateOnly(2019, 10, 1) });
        // Unknown: the 5th's source, and the storm's third source, never needed because the second gave a summary.
        Assert.Equal(["https://good.example.org/reopens", "https://later.example.org/storm"], store.ReadUrlsToFetch(null, null, includeFailed: false));
        Assert.Equal(["https://good.example.org/reopens"], store.ReadUrlsToFetch(new DateOnly(2019, 10, 2), null, includeFailed: true));

        var second = new FakePages();
        var report = await ArchiveEnrich.RunAsync(store, second, new EnrichOptions());

        Assert.Equal(["https://good.example.org/reopens"], second.Asked);
        Assert.Equal(1, report.Fetched);
        Assert.Equal(4, report.FromCache); // dead, good/storm, fog, empty
        Assert.Equal(3, report.Enriched);
    }

    [Fact]
    public async Task Retry_failed_fetches_the_failures_again_and_refresh_fetches_everything()
    {
        await ArchiveEnrich.RunAsync(store, new FakePages(), new EnrichOptions());
        Assert.Equal(["https://dead.example.org/storm", "https://later.example.org/storm"], store.ReadUrlsToFetch(null, null, includeFailed: true));
        Assert.Equal(["https://later.example.org/storm"], store.ReadUrlsToFetch(null, null, includeFailed: false));

        var retry = new FakePages { Dead = [] };
        await ArchiveEnrich.RunAsync(store, retry, new EnrichOptions { RetryFailed = true });
        Assert.Equal(["https://dead.example.org/storm"], retry.Asked);
        Assert.Equal("Summary of https://dead.example.org/storm", store.ReadArticles()["https://dead.example.org/storm"].Summary);

        var refresh = new FakePages { Dead = ["https://dead.example.org/storm", "https://good.example.org/storm"] };
        var report = await ArchiveEnrich.RunAsync(store, refresh, new EnrichOptions { Refresh = true });
        Assert.Equal(6, refresh.Asked.Count); // both storm sources fail now, so the third is tried
        Assert.Equal(2, report.Failed);

        // A site down today does not erase what it said before.
        var articles = store.ReadArticles();
        Assert.Equal("Summary of https://good.example.org/storm", articles["https://good.example.org/storm"].Summary);
        Assert.Equal("Summary of https://dead.example.org/storm", articles["https://dead.example.org/storm"].Summary);
        Assert.Equal("Summary of https://later.example.org/storm", articles["https://later.example.org/storm"].Summary);
    }

    [Fact]
    public async Task Cancelling_keeps_every_outcome_that_finished()
    {
        using var cancel = new CancellationTokenSource();
        var pages = new FakePages { OnFetch = url => { if (url.Contains("fog", StringComparison.Ordinal)) { cancel.Cancel(); } } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ArchiveEnrich.RunAsync(store, pages, new EnrichOptions { Concurrency = 1, BatchSize = 1000 }, cancel: cancel.Token));

        var states = store.ReadArticleStates();
        Assert.Equal(ArticleState.Failed, states["https://dead.example.org/storm"]);
        Assert.Equal(ArticleState.Found, states["https://good.example.org/storm"]);
    }

    [Fact]
    public async Task Every_fetched_page_goes_to_the_warc_output_and_reads_back_offline()
    {
        var warc = folder.File("out/pages.warc.gz");
        await ArchiveEnrich.RunAsync(store, new FakePages(), new EnrichOptions { WarcOut = warc });

        var responses = WarcReader.Read(warc).Where(r => r.Header.Type == "response").Select(r => r.Header.TargetUri).Order().ToList();
        Assert.Equal(["https://empty.example.org/x", "https://good.example.org/fog", "https://good.example.org/reopens", "https://good.example.org/storm"], responses);

        var offline = ArchiveStore.Open(folder.File("offline.db"));
        using (offline)
        {
            ArchiveImport.Run(offline, [folder.File("portal")]);
            var report = await ArchiveEnrich.RunAsync(offline, WarcSourcePages.Open([warc]), new EnrichOptions());
            Assert.Equal(3, report.Enriched);
            Assert.Equal(1, report.NotArchived); // the dead link was never fetched, so it is not in the file: not stored as failed
            Assert.Equal(store.ReadArticles().OrderBy(a => a.Key), offline.ReadArticles().OrderBy(a => a.Key));
            Assert.False(offline.ReadArticleStates().ContainsKey("https://dead.example.org/storm"));
        }
    }

    [Fact]
    public async Task Progress_reports_each_look_up()
    {
        var seen = new List<EnrichProgress>();
        await ArchiveEnrich.RunAsync(store, new FakePages(), new EnrichOptions { Concurrency = 1 }, seen.Add);
        var last = seen[^1];
        Assert.Equal((5, 0, 1, 4, 4), (last.Fetched, last.FromCache, last.Failed, last.EventsDone, last.Events));
    }

    /// <summary>Pages made up on the spot: "dead" hosts fail, "empty" ones have no preview tags.</summary>
    private sealed class FakePages : ISourcePages
    {
        public ConcurrentQueue<string> AskedQueue { get; } = new();

        public List<string> Asked => [.. AskedQueue];

        public HashSet<string> Dead { get; init; } = ["https://dead.example.org/storm"];

        public Action<string>? OnFetch { get; init; }

        public Task<SourceFetch> FetchAsync(string url, DateOnly eventDate, CancellationToken cancel)
        {
            cancel.ThrowIfCancellationRequested();
            AskedQueue.Enqueue(url);
            OnFetch?.Invoke(url);
            if (Dead.Contains(url))
            {
                return Task.FromResult(SourceFetch.Failed("connection refused"));
            }

            var html = url.Contains("empty", StringComparison.Ordinal)
                ? "<html><head><title>Nothing here</title></head></html>"
                : $"<html><head><meta property=\"og:description\" content=\"Summary of {url}\"><meta property=\"og:image\" content=\"https://img.example.org/{url.Split('/')[^1]}.jpg\"></head></html>";
            var page = new SourcePage(url, url, 200, "text/html", [], Encoding.UTF8.GetBytes(html), DateTimeOffset.UnixEpoch);
            return Task.FromResult(SourceFetch.Of(page));
        }
    }
}
