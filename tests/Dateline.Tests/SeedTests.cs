using Dateline.Tests.Support;

namespace Dateline.Tests;

/// <summary>
/// The page the product exists to produce: from the seed fixture, through the real command line
/// (import, then build), the 2017-09-28 event's page must be seed-event.md, laid out by FORMAT.md.
/// </summary>
public sealed class SeedTests
{
    private const string SeedPage = "news/2017/09/28/the-islamic-state-of-iraq-and-the-levant-releases-footage-which-apparently-show-its-leader-abu-bakr-al-baghdadi-urging-his-followers-to-expa.md";

    [SharedSpecFact]
    public void Seed_event_page_without_article_snapshot_is_the_seed_less_summary_and_cover_image()
    {
        var spec = TestPaths.SharedSpec!;
        using var work = new TempFolder();
        var db = work.File("archive.db");

        var import = CliRun.Of("import", Path.Combine(spec, "seed-fixture", "portal"), "--redirects", Path.Combine(spec, "seed-fixture", "redirects.tsv"), "--db", db);
        Assert.True(import.ExitCode == 0, import.ToString());
        var build = CliRun.Of("build", "--out", work.File("out"), "--db", db);
        Assert.True(build.ExitCode == 0, build.ToString());

        var expected = WithoutArticle(File.ReadAllText(Path.Combine(spec, "seed-event.md")));
        var actual = File.ReadAllText(work.File(Path.Combine("out", SeedPage)));
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// FORMAT.md: without a summary the heading is followed by one empty line and then
    /// "### Source:"; without an image there is no Cover Image line.
    /// </summary>
    internal static string WithoutArticle(string seed)
    {
        var lines = seed.Split('\n').ToList();
        int heading = lines.FindIndex(l => l.StartsWith("# ", StringComparison.Ordinal));
        int source = lines.FindIndex(l => l == "### Source:");
        Assert.True(heading >= 0 && source > heading + 2, "seed-event.md no longer has a heading, a summary and a Source section");
        lines.RemoveRange(heading + 1, source - heading - 1);
        lines.Insert(heading + 1, string.Empty);
        lines.RemoveAll(l => l.StartsWith("1. [Cover Image](", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }
}
