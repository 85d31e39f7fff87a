using Dateline.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dateline.Tests.Cli;

/// <summary>
/// A mistyped <c>--db</c>: only import and fetch (and update, which fetches) create an archive;
/// every other command refuses a missing file, or one that is not a Dateline archive, with exit 3
/// and nothing created or changed.
/// </summary>
public sealed class ArchiveDatabaseTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        work.Dispose();
    }

    public static TheoryData<string[]> CommandsThatNeedAnArchive => new()
    {
        new[] { "stats" },
        new[] { "build", "--out", "{site}" },
        new[] { "build", "--out", "{site}", "--html" },
        new[] { "redirects", "{redirects}" },
        new[] { "enrich", "--snapshots", "{warc}" },
        new[] { "resolve", "--contact", "tests@example.org", "--api", "http://127.0.0.1:9/w/api.php" },
    };

    [Theory]
    [MemberData(nameof(CommandsThatNeedAnArchive))]
    public void A_missing_database_is_refused_and_not_created(string[] command)
    {
        var db = work.File("no-dir/typo.db");
        var run = CliRun.Of([.. Fill(command), "--db", db]);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("typo.db: no archive database there", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.File("no-dir")));
        Assert.False(Directory.Exists(work.File("site")));
    }

    [Theory]
    [MemberData(nameof(CommandsThatNeedAnArchive))]
    public void Another_programs_database_is_refused_and_left_as_it_was(string[] command)
    {
        var db = OtherProgramsDatabase();
        var before = File.ReadAllBytes(db);
        var run = CliRun.Of([.. Fill(command), "--db", db]);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("not a Dateline archive", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void Import_refuses_another_programs_database_too()
    {
        var db = OtherProgramsDatabase();
        var before = File.ReadAllBytes(db);
        var run = CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--db", db);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void A_build_from_a_mistyped_database_leaves_the_published_archive_alone()
    {
        var db = work.File("archive.db");
        var site = work.File("site");
        Assert.Equal(0, CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--db", db).ExitCode);
        Assert.Equal(0, CliRun.Of("build", "--db", db, "--out", site).ExitCode);
        var pages = Directory.GetFiles(site, "*.md", SearchOption.AllDirectories).Order().ToArray();

        var run = CliRun.Of("build", "--db", work.File("typo.db"), "--out", site);

        Assert.Equal(3, run.ExitCode);
        Assert.False(File.Exists(work.File("typo.db")));
        Assert.Equal(pages, Directory.GetFiles(site, "*.md", SearchOption.AllDirectories).Order());
    }

    [Fact]
    public void Import_creates_the_archive_it_is_given()
    {
        var db = work.File("new-dir/archive.db");
        var run = CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--db", db);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, CliRun.Of("stats", "--db", db).ExitCode);
    }

    private string[] Fill(string[] command) =>
    [
        .. command.Select(a => a
            .Replace("{site}", work.File("site"), StringComparison.Ordinal)
            .Replace("{redirects}", Path.Combine(TestPaths.Samples, "redirects.tsv"), StringComparison.Ordinal)
            .Replace("{warc}", Path.Combine(TestPaths.Samples, "articles.warc.gz"), StringComparison.Ordinal)),
    ];

    private string OtherProgramsDatabase()
    {
        var path = work.File("other.sqlite");
        using var other = new SqliteConnection($"Data Source={path};Pooling=False");
        other.Open();
        using var command = other.CreateCommand();
        command.CommandText = "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('mine');";
        command.ExecuteNonQuery();
        return path;
    }
}
