using Dateline.Portal;
using Dateline.Portal.Api;
using Dateline.Store;
using Dateline.Tests.Support;

namespace Dateline.Tests.Portal.Api;

/// <summary>Fetching day pages: batches, continuation, missing days, incremental re-fetch, per-day errors.</summary>
public sealed class ArchiveFetchTests : IAsyncLifetime
{
    private static readonly DateOnly First = new(2017, 9, 1);

    private readonly TempFolder work = new();
    private readonly List<TimeSpan> waits = [];
    private FakeWiki wiki = null!;

    public async Task InitializeAsync() => wiki = await FakeWiki.StartAsync();

    public async Task DisposeAsync()
    {
        await wiki.DisposeAsync();
        work.Dispose();
    }

    internal static string Page(DateOnly date, string headline) =>
        DayPages.TemplateContent(date, $"'''Armed conflicts and attacks'''\n*[[Syrian civil war]]\n**{headline} [[ISIL]] [https://news.example/{date.DayNumber} (Reuters)]");

    private static List<DateOnly> Days(DateOnly first, int count) => [.. Enumerable.Range(0, count).Select(first.AddDays)];

    private ArchiveStore Open() => ArchiveStore.Open(work.File("archive.db"));

    private async Task<FetchReport> FetchAsync(ArchiveStore store, IReadOnlyList<DateOnly> dates, List<DayFetchError>? errors = null)
    {
        using var client = MediaWikiClientTests.ClientFor(wiki, waits);
        return await ArchiveFetch.RunAsync(store, client, dates, e => errors?.Add(e));
    }

    [Fact]
    public async Task A_hundred_and_twenty_days_come_in_batches_of_fifty_with_continuation_and_missing_days_recorded()
    {
        var dates = Days(First, 120);
        foreach (var date in dates.Where(d => d.Day != 13))
        {
            wiki.Save(PortalTitle.For(date), Page(date, $"Event of {date:yyyy-MM-dd}."));
        }

        wiki.ContentPerAnswer = 20; // answers cut short, as the real API does past its size limit
        using var store = Open();

        var report = await FetchAsync(store, dates);

        int missing = dates.Count(d => d.Day == 13);
        Assert.Equal(120 - missing, report.Added);
        Assert.Equal(missing, report.Missing);
        Assert.Empty(report.Errors);
        Assert.All(wiki.Requests, r => Assert.InRange(r.Titles.Length, 1, 50));
        Assert.Equal(3, wiki.InfoRequests.Count());
        Assert.True(wiki.ContentRequests.Count(r => r.Get("rvcontinue") is not null) > 0, "no continuation was followed");
        Assert.Equal(120 - missing, store.ReadCounts().Days);
        Assert.Equal(120 - missing, store.ReadArchive().Events.Count());
        var checks = store.ReadPortalChecks();
        Assert.Equal(120, checks.Count);
        Assert.Equal(PortalPageState.Missing, checks[new DateOnly(2017, 9, 13)].State);
        Assert.Equal(PortalPageState.Present, checks[First].State);
        Assert.Equal(Page(First, $"Event of {First:yyyy-MM-dd}."), store.ReadWikitext(First));
    }

    [Fact]
    public async Task A_second_fetch_downloads_only_the_day_whose_revision_changed()
    {
        var dates = Days(First, 10);
        foreach (var date in dates)
        {
            wiki.Save(PortalTitle.For(date), Page(date, "First version."));
        }

        using var store = Open();
        var first = await FetchAsync(store, dates);
        Assert.Equal(10, first.Added);

        var changedDay = First.AddDays(4);
        wiki.Save(PortalTitle.For(changedDay), Page(changedDay, "Second version."));
        int before = wiki.Requests.Count;

        var second = await FetchAsync(store, dates);

        var after = wiki.Requests.Skip(before).ToArray();
        var content = Assert.Single(after, r => r.Get("prop") == "revisions");
        Assert.Equal([PortalTitle.For(changedDay)], content.Titles);
        Assert.Equal(1, second.Replaced);
        Assert.Equal(9, second.Unchanged);
        Assert.Equal([changedDay], second.Changed);
        Assert.StartsWith("Second version.", store.ReadArchive().Days.Single(d => d.Date == changedDay).Events[0].Headline, StringComparison.Ordinal);

        int again = wiki.Requests.Count;
        var third = await FetchAsync(store, dates);
        Assert.DoesNotContain(wiki.Requests.Skip(again), r => r.Get("prop") == "revisions");
        Assert.Equal(10, third.Unchanged);
    }

    [Fact]
    public async Task A_new_revision_with_the_same_text_is_fetched_once_and_then_known()
    {
        var dates = Days(First, 2);
        foreach (var date in dates)
        {
            wiki.Save(PortalTitle.For(date), Page(date, "Same."));
        }

        using var store = Open();
        await FetchAsync(store, dates);
        wiki.Save(PortalTitle.For(First), Page(First, "Same.")); // a null edit: new id, same text

        var second = await FetchAsync(store, dates);
        int before = wiki.Requests.Count;
        var third = await FetchAsync(store, dates);

        Assert.Equal(2, second.Unchanged);
        Assert.Empty(second.Changed);
        Assert.DoesNotContain(wiki.Requests.Skip(before), r => r.Get("prop") == "revisions");
        Assert.Equal(2, third.Unchanged);
    }

    [Fact]
    public async Task An_unreadable_day_is_reported_with_its_line_and_the_other_days_are_stored()
    {
        var dates = Days(First, 3);
        foreach (var date in dates)
        {
            wiki.Save(PortalTitle.For(date), Page(date, "Fine."));
        }

        var bad = First.AddDays(1);
        wiki.Save(PortalTitle.For(bad), "{{Current events|year=2017|month=09|day=2|content=\n<!-- All news items below this line -->\n*Cut short");
        using var store = Open();
        var errors = new List<DayFetchError>();

        var report = await FetchAsync(store, dates, errors);

        var error = Assert.Single(report.Errors);
        Assert.Equal(error, Assert.Single(errors));
        Assert.Equal(bad, error.Date);
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
        Assert.Contains("above this line", error.Reason, StringComparison.Ordinal);
        Assert.Equal(2, report.Added);
        Assert.Equal(PortalPageState.Unreadable, store.ReadPortalChecks()[bad].State);
    }

    [Fact]
    public async Task A_day_page_that_only_redirects_is_missing_not_an_error()
    {
        wiki.Save("Portal:Current events/September 2017", "the month's page");
        wiki.Redirect(PortalTitle.For(First), "Portal:Current events/September 2017");
        using var store = Open();

        var report = await FetchAsync(store, [First]);

        Assert.Equal(1, report.Missing);
        Assert.Empty(report.Errors);
        Assert.Empty(wiki.ContentRequests);
    }

    [Fact]
    public async Task A_page_dated_otherwise_by_its_template_is_an_error_for_that_day()
    {
        wiki.Save(PortalTitle.For(First), Page(First.AddDays(1), "Misfiled."));
        using var store = Open();

        var report = await FetchAsync(store, [First]);

        Assert.Contains("2017-09-02", Assert.Single(report.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(0, store.ReadCounts().Days);
    }

    [Fact]
    public async Task An_API_error_fails_the_days_of_its_batch_only()
    {
        var dates = Days(First, 60);
        foreach (var date in dates)
        {
            wiki.Save(PortalTitle.For(date), Page(date, "Fine."));
        }

        // The second batch of content (days 51 to 60) is refused.
        wiki.ErrorFor = r => r.Get("prop") == "revisions" && r.Titles.Contains(PortalTitle.For(dates[55])) ? "internal_api_error_DBQueryError" : null;
        using var store = Open();

        var report = await FetchAsync(store, dates);

        Assert.Equal(50, report.Added);
        Assert.Equal(10, report.Errors.Count);
        Assert.All(report.Errors, e => Assert.Contains("internal_api_error_DBQueryError", e.Reason, StringComparison.Ordinal));
        Assert.False(report.Unreachable);
        Assert.Equal(PortalPageState.Failed, store.ReadPortalChecks()[dates[59]].State);

        // Next time the failed days are fetched, and only they.
        wiki.ErrorFor = null;
        int before = wiki.Requests.Count;
        var retry = await FetchAsync(store, dates);
        Assert.Equal(10, retry.Added);
        Assert.Equal(dates.Skip(50).Select(PortalTitle.For), Assert.Single(wiki.Requests.Skip(before), r => r.Get("prop") == "revisions").Titles);
    }

    [Fact]
    public async Task Lag_and_503s_in_the_middle_of_a_fetch_are_waited_out()
    {
        var dates = Days(First, 5);
        foreach (var date in dates)
        {
            wiki.Save(PortalTitle.For(date), Page(date, "Fine."));
        }

        wiki.LagOnce(5);
        wiki.FailOnce(503, retryAfter: 2);
        using var store = Open();

        var report = await FetchAsync(store, dates);

        Assert.Equal(5, report.Added);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public async Task A_wiki_that_answers_nothing_is_unreachable_and_nothing_is_stored()
    {
        wiki.ErrorFor = _ => "readapidenied";
        using var store = Open();

        var report = await FetchAsync(store, Days(First, 3));

        Assert.True(report.Unreachable);
        Assert.Equal(3, report.Errors.Count);
        Assert.Equal(0, store.ReadCounts().Days);
    }

    [Fact]
    public async Task After_a_failed_run_a_revision_known_to_hold_the_stored_text_is_not_downloaded_again()
    {
        var dates = Days(First, 2);
        foreach (var date in dates)
        {
            wiki.Save(PortalTitle.For(date), Page(date, "Same."));
        }

        using var store = Open();
        await FetchAsync(store, dates);
        wiki.Save(PortalTitle.For(First), Page(First, "Same.")); // a new revision, the same text
        await FetchAsync(store, dates); // downloads it once and learns its text is the stored one

        wiki.ErrorFor = _ => "readapidenied";
        var failed = await FetchAsync(store, dates);
        Assert.True(failed.Unreachable);
        Assert.Equal(PortalPageState.Failed, store.ReadPortalChecks()[First].State);

        wiki.ErrorFor = null;
        int before = wiki.Requests.Count;
        var after = await FetchAsync(store, dates);

        Assert.Equal(2, after.Unchanged);
        Assert.DoesNotContain(wiki.Requests.Skip(before), r => r.Get("prop") == "revisions");
    }
}
