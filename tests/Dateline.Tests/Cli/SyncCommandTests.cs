using Dateline.Portal;
using Dateline.Tests.Portal.Api;
using Dateline.Tests.Support;

namespace Dateline.Tests.Cli;

/// <summary>fetch, resolve and update through the real command line, against the fake wiki on loopback.</summary>
public sealed class SyncCommandTests : IAsyncLifetime
{
    private const string Contact = "ops@dateline.test";

    private readonly TempFolder work = new();
    private FakeWiki wiki = null!;

    public async Task InitializeAsync() => wiki = await FakeWiki.StartAsync();

    public async Task DisposeAsync()
    {
        await wiki.DisposeAsync();
        work.Dispose();
    }

    private string Db => work.File("archive.db");

    private string Out => work.File("site");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private CliRun Run(params string[] args) => CliRun.Of([.. args, "--db", Db, "--api", wiki.Endpoint.AbsoluteUri, "--contact", Contact]);

    private static string DayFile(DateOnly date) => $"news/{date:yyyy}/{date:MM}/{date.Day}/index.md";

    private string Read(string relative) => File.ReadAllText(Path.Combine(Out, relative));

    [Theory]
    [InlineData("fetch")]
    [InlineData("resolve")]
    [InlineData("update")]
    public void Every_sync_command_has_help(string command)
    {
        var run = CliRun.Of(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"Usage:\s+\S+ {command} ", run.Output);
        Assert.Contains("--api", run.Output, StringComparison.Ordinal);
        Assert.Contains("--contact", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fetch")]
    [InlineData("fetch", "--days", "3", "--month", "2017-09")]
    [InlineData("fetch", "--from", "2017-09-30", "--to", "2017-09-01")]
    [InlineData("fetch", "--to", "2017-09-01")]
    [InlineData("fetch", "--month", "2017-13")]
    [InlineData("fetch", "--days", "0")]
    [InlineData("resolve", "--older-than", "soon")]
    [InlineData("update", "--days", "3")]
    public void A_wrong_command_line_is_a_usage_error_and_nothing_is_asked(params string[] args)
    {
        var run = Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(wiki.Requests);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void Without_a_contact_nothing_is_asked_and_the_message_says_how_to_give_one()
    {
        // A contact in the environment is a valid contact: nothing to refuse then.
        if (Environment.GetEnvironmentVariable("DATELINE_CONTACT") is { Length: > 0 })
        {
            return;
        }

        var run = CliRun.Of("fetch", "--days", "2", "--db", Db, "--api", wiki.Endpoint.AbsoluteUri);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--contact", run.Error, StringComparison.Ordinal);
        Assert.Contains("DATELINE_CONTACT", run.Error, StringComparison.Ordinal);
        Assert.Empty(wiki.Requests);
    }

    [Fact]
    public void Fetch_a_month_reports_new_and_missing_days_then_nothing_on_a_second_run()
    {
        for (int day = 1; day <= 28; day++)
        {
            var date = new DateOnly(2017, 9, day);
            wiki.Save(PortalTitle.For(date), ArchiveFetchTests.Page(date, $"Event {day}."));
        }

        var first = Run("fetch", "--month", "2017-09");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Fetched 30 days (2017-09-01 to 2017-09-30)", first.Output, StringComparison.Ordinal);
        Assert.Contains("28 new, 0 replaced, 0 unchanged, 2 missing on the wiki, 0 failed", first.Output, StringComparison.Ordinal);

        int before = wiki.Requests.Count;
        var second = Run("fetch", "--from", "2017-09-01", "--to", "2017-09-30");
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain(wiki.Requests.Skip(before), r => r.Get("prop") == "revisions");
        Assert.Contains("; 1 requests.", second.Output, StringComparison.Ordinal);
        Assert.Contains("0 new, 0 replaced, 28 unchanged, 2 missing on the wiki", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Changed days", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fetch_names_each_day_that_failed_and_exits_1()
    {
        var good = new DateOnly(2017, 9, 1);
        var bad = new DateOnly(2017, 9, 2);
        wiki.Save(PortalTitle.For(good), ArchiveFetchTests.Page(good, "Fine."));
        wiki.Save(PortalTitle.For(bad), "no template at all");

        var run = Run("fetch", "--from", "2017-09-01", "--to", "2017-09-02");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not fetched: 2017-09-02 [Portal:Current events/2017 September 2]:", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 new", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fetch_days_asks_about_today_and_the_days_before_it()
    {
        var run = Run("fetch", "--days", "3");

        Assert.Equal(0, run.ExitCode);
        var asked = Assert.Single(wiki.InfoRequests);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => PortalTitle.For(Today.AddDays(i - 2))), asked.Titles);
        Assert.Contains("3 missing on the wiki", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_with_an_unreadable_day_builds_the_rest_names_the_day_and_exits_1()
    {
        var good = Today.AddDays(-1);
        wiki.Save(PortalTitle.For(good), ArchiveFetchTests.Page(good, "Fine."));
        wiki.Save(PortalTitle.For(Today), "{{Current events|year=1999|month=01|day=1|top=yes}}\n<!-- All news items below this line -->\n<!-- All news items above this line -->");

        var run = Run("update", "--days", "2", "--out", Out, "--no-enrich");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"not fetched: {Today:yyyy-MM-dd}", run.Error, StringComparison.Ordinal);
        Assert.Contains("1999-01-01", run.Error, StringComparison.Ordinal);
        Assert.Contains("Fine.", Read(DayFile(good)), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_with_html_publishes_the_html_site_too()
    {
        wiki.Save(PortalTitle.For(Today), ArchiveFetchTests.Page(Today, "Fine."));

        var run = Run("update", "--days", "1", "--out", Out, "--no-enrich", "--html", "--base-url", "https://news.example");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(Out, "news", "index.html")), "no news/index.html");
        Assert.Contains("Fine.", Read(DayFile(Today)), StringComparison.Ordinal);
        Assert.Contains("of which HTML", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_update_with_html_follows_the_first_and_the_search_tables_see_the_new_revision()
    {
        wiki.Save(PortalTitle.For(Today), DayPages.Sandwich(Today, "'''Sports'''\n*[[Ajax]] win the cup."));
        var first = Run("update", "--days", "1", "--out", Out, "--no-enrich", "--html");
        Assert.True(first.ExitCode == 0, first.ToString());

        // A new revision of the day: one event more, naming a new entity.
        wiki.Save(PortalTitle.For(Today), DayPages.Sandwich(Today, "'''Sports'''\n*[[Ajax]] win the cup.\n*[[Feyenoord]] appoint a new coach."));
        var second = Run("update", "--days", "1", "--out", Out, "--no-enrich", "--html");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Followed the last build", second.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "news", "entity", "feyenoord.html")), "no entity page for the new title");
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False");
        db.Open();
        using var search = db.CreateCommand();
        search.CommandText = "SELECT e.headline FROM site_search JOIN site_events e ON e.id = site_search.rowid WHERE site_search MATCH 'coach'";
        Assert.Equal("Feyenoord appoint a new coach.", search.ExecuteScalar());
        search.CommandText = "SELECT events FROM site_entities WHERE title = 'Feyenoord'";
        Assert.Equal(1L, search.ExecuteScalar());
    }

    [Fact]
    public void A_wiki_that_refuses_every_question_is_a_failure_and_nothing_is_built()
    {
        wiki.ErrorFor = _ => "readapidenied";

        var run = Run("update", "--days", "2", "--out", Out);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("readapidenied", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Update_fetches_resolves_and_builds_then_rewrites_only_what_a_changed_day_touches()
    {
        var days = Enumerable.Range(0, 3).Select(i => Today.AddDays(-i)).ToArray();
        string Source(DateOnly date) => new Uri(wiki.Endpoint, $"/news/{date.DayNumber}").AbsoluteUri;
        foreach (var date in days)
        {
            wiki.Save(PortalTitle.For(date), DayPages.Sandwich(date,
                $"'''Armed conflicts and attacks'''\n*[[Syrian civil war]]\n**Fighting on day {date.Day} involves [[ISIL]]. [{Source(date)} (Reuters)]"));
        }

        wiki.Save("Islamic State", "article");
        wiki.Redirect("ISIL", "Islamic State");
        wiki.Save("Syrian civil war", "article");

        var first = Run("update", "--days", "3", "--out", Out, "--allow-private");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("3 new, 0 replaced", first.Output, StringComparison.Ordinal);
        Assert.Contains("Resolved 2 of 2 entity titles: 1 lead to another title", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"Built 3 events into .*: \d+ pages, \d+ written, 0 unchanged", first.Output);
        var eventFile = Directory.EnumerateFiles(Path.Combine(Out, "news", $"{days[0]:yyyy}", $"{days[0]:MM}", $"{days[0].Day}"), "fighting-*.md").Single();
        var page = File.ReadAllText(eventFile);
        Assert.Contains($"# Fighting on day {days[0].Day} involves ISIL. \n\nSummary of /news/{days[0].DayNumber}.\n", page, StringComparison.Ordinal);
        Assert.Contains("Enriched 3 of 3 events", first.Output, StringComparison.Ordinal);
        Assert.Contains("_Context: Islamic State_", page, StringComparison.Ordinal); // the story relates them, and is not shown
        Assert.Contains("Fighting on day", Read(DayFile(days[1])), StringComparison.Ordinal);

        // The wiki gets a new revision of one day; the next update fetches that day only.
        wiki.Save(PortalTitle.For(days[1]), DayPages.Sandwich(days[1],
            $"'''Armed conflicts and attacks'''\n*[[Syrian civil war]]\n**Fighting on day {days[1].Day} involves [[ISIL]]. [{Source(days[1])} (Reuters)]\n*A ceasefire is announced in [[Idlib]]."));
        wiki.Save("Idlib", "article");
        int before = wiki.Requests.Count;

        var second = Run("update", "--days", "3", "--out", Out, "--allow-private");

        Assert.True(second.ExitCode == 0, second.ToString());
        var content = Assert.Single(wiki.Requests.Skip(before), r => r.Get("prop") == "revisions");
        Assert.Equal([PortalTitle.For(days[1])], content.Titles);
        Assert.Contains("0 new, 1 replaced, 2 unchanged", second.Output, StringComparison.Ordinal);
        Assert.Contains($"Changed days: {days[1]:yyyy-MM-dd}", second.Output, StringComparison.Ordinal);
        Assert.Contains("Resolved 1 of 1 entity titles", second.Output, StringComparison.Ordinal);
        Assert.Contains("A ceasefire is announced in Idlib.", Read(DayFile(days[1])), StringComparison.Ordinal);
        var written = int.Parse(System.Text.RegularExpressions.Regex.Match(second.Output, @"(\d+) written").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(written, 1, 6); // the new event, its day, its month, the front page, at most

        var third = Run("update", "--days", "3", "--out", Out, "--no-enrich");
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains(" 0 written", third.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fetch_where_every_question_failed_does_not_say_other_days_were_stored()
    {
        wiki.Save(PortalTitle.For(new DateOnly(2017, 9, 1)), ArchiveFetchTests.Page(new DateOnly(2017, 9, 1), "Fine."));
        wiki.ErrorFor = _ => "readapidenied";

        var run = Run("fetch", "--from", "2017-09-01", "--to", "2017-09-02");

        Assert.Equal(3, run.ExitCode);
        Assert.DoesNotContain("were stored", run.Error, StringComparison.Ordinal);
        Assert.Contains("no day was stored", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolve_where_every_batch_failed_says_none_was_resolved()
    {
        var date = new DateOnly(2017, 9, 1);
        wiki.Save(PortalTitle.For(date), ArchiveFetchTests.Page(date, "Fine."));
        Assert.Equal(0, Run("fetch", "--from", "2017-09-01", "--to", "2017-09-01").ExitCode);
        wiki.ErrorFor = _ => "readapidenied";

        var run = Run("resolve");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Resolved 0 of 2 entity titles", run.Output, StringComparison.Ordinal);
        Assert.Contains("readapidenied", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fetch", "--days", "1")]
    [InlineData("resolve")]
    public void A_contact_that_is_not_ascii_is_refused_at_once_with_exit_2(params string[] args)
    {
        var run = CliRun.Of([.. args, "--db", Db, "--api", wiki.Endpoint.AbsoluteUri, "--contact", "José <jose@example.org>"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'é'", run.Error, StringComparison.Ordinal);
        Assert.Empty(wiki.Requests);
    }
}
