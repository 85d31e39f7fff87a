using Dateline.Tests.Support;

namespace Dateline.Tests.Articles;

public sealed class EnrichCommandTests
{
    [Fact]
    public void Live_mode_without_a_contact_is_a_usage_error_that_says_how_to_set_one()
    {
        if (Environment.GetEnvironmentVariable("DATELINE_CONTACT") is { Length: > 0 })
        {
            return; // the machine running the tests has a contact set: live mode would be allowed
        }

        using var work = new TempFolder();
        var run = CliRun.Of("enrich", "--db", work.File("a.db"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--contact", run.Error, StringComparison.Ordinal);
        Assert.Contains("DATELINE_CONTACT", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_page_in_the_snapshots_gives_exit_1_and_a_summary_line()
    {
        using var work = new TempFolder();
        work.Write("portal/2020-02-02.wiki", """
            {{Current events|year=2020|month=02|day=2|content=
            <!-- All news items below this line -->
            '''Sports'''
            *A marathon is run in [[Example City]]. [https://gone.example.org/run (Gone)]
            *A regatta is sailed. [https://fine.example.org/sail (Fine)]
            <!-- All news items above this line -->}}
            """);
        var warc = new RawWarc()
            .Response("https://gone.example.org/run", RawWarc.HttpResponse("HTTP/1.1 404 Not Found\n", "missing"))
            .Response("https://fine.example.org/sail", RawWarc.HttpResponse("HTTP/1.1 200 OK\nContent-Type: text/html\n",
                "<meta property=\"og:description\" content=\"Forty boats sailed.\">"))
            .Save(work.File("s.warc.gz"), gzip: true);
        var db = work.File("a.db");
        Assert.Equal(0, CliRun.Of("import", work.File("portal"), "--db", db).ExitCode);

        var run = CliRun.Of("enrich", "--snapshots", warc, "--db", db, "--from", "2020-02-01", "--to", "2020-02-28");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Enriched 1 of 2 events with a summary or image (pages read: 2, already known: 0, failed: 1).", run.Output, StringComparison.Ordinal);
        Assert.Contains("--retry-failed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_range_outside_the_archive_reads_nothing()
    {
        using var work = new TempFolder();
        var warc = new RawWarc().Response("https://x.example.org/", RawWarc.HttpResponse("HTTP/1.1 200 OK\n", "x")).Save(work.File("x.warc"), gzip: false);
        using (Dateline.Store.ArchiveStore.Open(work.File("a.db")))
        {
            // an empty archive: enrich opens an archive, it does not create one
        }

        var run = CliRun.Of("enrich", "--snapshots", warc, "--db", work.File("a.db"), "--from", "1999-01-01", "--to", "1999-12-31");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Enriched 0 of 0 events", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reversed_dates_and_a_broken_snapshot_file_are_refused()
    {
        using var work = new TempFolder();
        Assert.Equal(2, CliRun.Of("enrich", "--snapshots", "x.warc", "--from", "2020-02-02", "--to", "2020-01-01", "--db", work.File("a.db")).ExitCode);

        var badDate = CliRun.Of("enrich", "--snapshots", "x.warc", "--from", "2017-13-01", "--db", work.File("a.db"));
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("'2017-13-01' is not a date", badDate.Error, StringComparison.Ordinal);

        var broken = work.Write("broken.warc", "this is not a web archive\r\n\r\n");
        var run = CliRun.Of("enrich", "--snapshots", broken, "--db", work.File("a.db"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("broken.warc", run.Error, StringComparison.Ordinal);
    }
}
