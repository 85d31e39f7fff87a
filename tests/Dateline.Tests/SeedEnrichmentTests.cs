using Dateline.Tests.Support;

namespace Dateline.Tests;

/// <summary>
/// The seed page with its article: from the seed fixture through the real command line (import,
/// enrich from the WARC snapshot, build), the 2017-09-28 event's page must be seed-event.md byte for byte.
/// </summary>
public sealed class SeedEnrichmentTests
{
    private const string SeedPage = "news/2017/09/28/the-islamic-state-of-iraq-and-the-levant-releases-footage-which-apparently-show-its-leader-abu-bakr-al-baghdadi-urging-his-followers-to-expa.md";

    [SharedSpecFact]
    public void Seed_event_page_with_the_article_snapshot_is_the_seed_byte_for_byte()
    {
        var spec = TestPaths.SharedSpec!;
        var fixture = Path.Combine(spec, "seed-fixture");
        using var work = new TempFolder();
        var db = work.File("archive.db");

        var import = CliRun.Of("import", Path.Combine(fixture, "portal"), "--redirects", Path.Combine(fixture, "redirects.tsv"), "--db", db);
        Assert.True(import.ExitCode == 0, import.ToString());
        var enrich = CliRun.Of("enrich", "--snapshots", Path.Combine(fixture, "articles.warc"), "--db", db);
        Assert.True(enrich.ExitCode == 0, enrich.ToString());
        Assert.Contains("(pages read: 1, already known: 0,", enrich.Output, StringComparison.Ordinal);
        var build = CliRun.Of("build", "--out", work.File("out"), "--db", db);
        Assert.True(build.ExitCode == 0, build.ToString());

        var expected = File.ReadAllBytes(Path.Combine(spec, "seed-event.md"));
        var actual = File.ReadAllBytes(work.File(Path.Combine("out", SeedPage)));
        Assert.Equal(expected, actual);
    }

    [SharedSpecFact]
    public void A_second_enrich_reads_nothing_again_and_the_page_stays_the_same()
    {
        var fixture = Path.Combine(TestPaths.SharedSpec!, "seed-fixture");
        using var work = new TempFolder();
        var db = work.File("archive.db");
        Assert.Equal(0, CliRun.Of("import", Path.Combine(fixture, "portal"), "--redirects", Path.Combine(fixture, "redirects.tsv"), "--db", db).ExitCode);
        Assert.Equal(0, CliRun.Of("enrich", "--snapshots", Path.Combine(fixture, "articles.warc"), "--db", db).ExitCode);

        var again = CliRun.Of("enrich", "--snapshots", Path.Combine(fixture, "articles.warc"), "--db", db);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("(pages read: 0, already known: 1,", again.Output, StringComparison.Ordinal);
    }
}
