using Dateline.Publishing;
using Dateline.Tests.Support;

namespace Dateline.Tests.Publishing;

/// <summary>
/// One build at a time in an output folder, and pages left by a build that did not finish taken
/// back by the next (issue 14, item 6).
/// </summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    private string Db => work.File("archive.db");

    private string Out => work.File("site");

    private CliRun Import() =>
        CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--redirects", Path.Combine(TestPaths.Samples, "redirects.tsv"), "--db", Db);

    [Fact]
    public void A_build_into_a_folder_another_build_holds_changes_nothing_and_says_who_holds_it()
    {
        Assert.Equal(0, Import().ExitCode);
        using (OutputLock.Take(Out))
        {
            var run = CliRun.Of("build", "--out", Out, "--db", Db);

            Assert.Equal(3, run.ExitCode);
            Assert.Contains($"pid {Environment.ProcessId} on {Environment.MachineName}, since ", run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(Out, "news")));
            Assert.False(File.Exists(Path.Combine(Out, SiteWriter.ManifestPath)));
        }

        Assert.Equal(0, CliRun.Of("build", "--out", Out, "--db", Db).ExitCode); // released with its holder
    }

    [Fact]
    public void A_lock_file_left_behind_by_a_build_that_died_does_not_hold_the_folder()
    {
        Assert.Equal(0, Import().ExitCode);
        Directory.CreateDirectory(Path.Combine(Out, SiteWriter.StateFolder));
        File.WriteAllText(Path.Combine(Out, OutputLock.LockPath), "");
        File.WriteAllText(Path.Combine(Out, OutputLock.OwnerPath), "pid 1 on elsewhere, since 2020-01-01 00:00:00Z\n");

        var run = CliRun.Of("build", "--out", Out, "--db", Db);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>
    /// A build that died after creating a page and before saving its manifest (or one that raced
    /// another, before the lock): the page is on disk, listed in no manifest, and holds another
    /// archive's text. Taken for a file of the user's, it was never written again nor removed,
    /// even by --force.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pages_a_build_that_did_not_finish_created_are_written_again_or_removed(bool force)
    {
        Assert.Equal(0, Import().ExitCode);
        Assert.Equal(0, CliRun.Of("build", "--out", Out, "--db", Db).ExitCode);
        var manifest = Path.Combine(Out, SiteWriter.ManifestPath);
        var lines = File.ReadAllLines(manifest);
        var page = lines.First(l => l.StartsWith("news/2019/10/1/", StringComparison.Ordinal) && !l.Contains("index.md", StringComparison.Ordinal)).Split('\t')[0];
        const string ghost = "news/2019/10/1/an-event-of-the-other-archive.md";

        // What the dead build left: its pages, written down as being created, and the manifest before it.
        File.WriteAllLines(manifest, lines.Where(l => !l.StartsWith(page + "\t", StringComparison.Ordinal)));
        var expected = File.ReadAllText(Path.Combine(Out, page));
        File.WriteAllText(Path.Combine(Out, page), "# The other archive's event\n");
        File.WriteAllText(Path.Combine(Out, ghost), "# An event only the other archive has\n");
        File.WriteAllText(Path.Combine(Out, SiteWriter.CreatingPath), $"{page}\n{ghost}\n");

        var run = CliRun.Of(["build", "--out", Out, "--db", Db, .. force ? new[] { "--force" } : []]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, File.ReadAllText(Path.Combine(Out, page)));
        Assert.False(File.Exists(Path.Combine(Out, ghost)));
        Assert.False(File.Exists(Path.Combine(Out, SiteWriter.CreatingPath)));
        Assert.Contains(page + "\t", File.ReadAllText(manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_the_users_in_no_list_is_still_never_touched()
    {
        Assert.Equal(0, Import().ExitCode);
        Assert.Equal(0, CliRun.Of("build", "--out", Out, "--db", Db).ExitCode);
        var mine = Path.Combine(Out, "news", "2019", "10", "1", "my-notes.md");
        File.WriteAllText(mine, "mine\n");

        Assert.Equal(0, CliRun.Of("build", "--out", Out, "--db", Db, "--force").ExitCode);

        Assert.Equal("mine\n", File.ReadAllText(mine));
        Assert.False(File.Exists(Path.Combine(Out, SiteWriter.CreatingPath)));
    }
}
