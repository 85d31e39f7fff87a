using Dateline.Tests.Support;

namespace Dateline.Tests.Cli;

/// <summary>No text lost silently: templates whose text the reader cannot show are named by 'import' and counted by 'stats'.</summary>
public sealed class DroppedTemplatesTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    private string Db => work.File("archive.db");

    [Fact]
    public void Import_names_the_templates_it_could_not_show_and_stats_counts_them_over_the_archive()
    {
        var first = work.Write("pages/2020-01-05.wiki", DayPages.TemplateContent(new DateOnly(2020, 1, 5), """
            '''Disasters and accidents'''
            *A {{Quake scale|6.4}} earthquake strikes [[Puerto Rico]]; {{Quake scale|5.1}} aftershocks follow. [https://news.example/pr (News)]
            """));
        var second = work.Write("pages/2020-01-06.wiki", DayPages.TemplateContent(new DateOnly(2020, 1, 6), """
            '''Sports'''
            *A {{Frobnicate|draw}} ends the [[Ashes]] test. [https://news.example/ashes (News)]
            *A {{Quake scale|4.0}} tremor stops play in [[Wellington]]. [https://news.example/nz (News)]
            """));

        var run = CliRun.Of("import", first, second, "--db", Db);

        Assert.True(run.ExitCode == 0, run.ToString()); // not an error: the pages are stored
        Assert.Contains($"{first}: templates not shown: {{{{Quake scale}}}} ×2", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{second}: templates not shown: {{{{Frobnicate}}}} ×1, {{{{Quake scale}}}} ×1", run.Error, StringComparison.Ordinal);
        Assert.Contains("3 events stored; 4 templates not shown: {{Quake scale}} ×3, {{Frobnicate}} ×1.", run.Output, StringComparison.Ordinal);

        var stats = CliRun.Of("stats", "--db", Db);

        Assert.Equal(0, stats.ExitCode);
        var listed = stats.Output[stats.Output.IndexOf("Templates not shown:", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
        Assert.Equal(["Templates not shown:", "3  {{Quake scale}}", "1  {{Frobnicate}}"], listed);
    }

    [Fact]
    public void Pages_that_hold_only_known_templates_add_nothing_to_the_import_line()
    {
        var run = CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--db", Db);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("templates not shown", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Templates not shown", CliRun.Of("stats", "--db", Db).Output, StringComparison.Ordinal);
    }
}
