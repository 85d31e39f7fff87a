using Dateline.Store;
using Dateline.Tests.Support;

namespace Dateline.Tests.Cli;

/// <summary>
/// A redirect table that cannot be read (missing, a folder, not UTF-8, unreadable) is not an
/// empty table: `redirects` and `import --redirects` change nothing and exit 3 (issue 14, item 1).
/// </summary>
public sealed class UnreadableRedirectsTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    private string Db => work.File("archive.db");

    private int StoredRedirects()
    {
        using var store = ArchiveStore.Open(Db);
        return store.ReadRedirects().Count;
    }

    private (int Days, int Redirects) Stored()
    {
        using var store = ArchiveStore.Open(Db);
        return (store.ReadDayVersions().Count, store.ReadRedirects().Count);
    }

    private string Unreadable(string kind)
    {
        switch (kind)
        {
            case "missing":
                return work.File("missing.tsv");
            case "folder":
                Directory.CreateDirectory(work.File("a-folder.tsv"));
                return work.File("a-folder.tsv");
            case "not utf-8":
                var path = work.File("latin1.tsv");
                File.WriteAllBytes(path, [(byte)'A', (byte)'\t', (byte)'B', (byte)'\n', (byte)'C', (byte)'\t', 0xE9, (byte)'\n']);
                return path;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("folder")]
    [InlineData("not utf-8")]
    public void The_redirects_command_keeps_the_stored_table_and_exits_3(string kind)
    {
        Assert.Equal(0, CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--redirects", Path.Combine(TestPaths.Samples, "redirects.tsv"), "--db", Db).ExitCode);
        int before = StoredRedirects();
        Assert.True(before > 0);
        var path = Unreadable(kind);

        var run = CliRun.Of("redirects", path, "--db", Db);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
        Assert.Contains("redirect table was not changed", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Stored", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, StoredRedirects());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("folder")]
    [InlineData("not utf-8")]
    public void An_import_with_an_unreadable_table_stores_nothing_and_exits_3(string kind)
    {
        Assert.Equal(0, CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal", "2019-10-01.wiki"), "--redirects", Path.Combine(TestPaths.Samples, "redirects.tsv"), "--db", Db).ExitCode);
        var before = Stored();
        var path = Unreadable(kind);

        var run = CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--redirects", path, "--db", Db);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public void A_table_that_cannot_be_opened_is_refused()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return; // root reads any file: nothing to test
        }

        var path = work.Write("secret.tsv", "A\tB\n");
        File.SetUnixFileMode(path, UnixFileMode.None);

        var run = CliRun.Of("redirects", path, "--db", Db);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("cannot be read", run.Error, StringComparison.Ordinal);
    }
}
