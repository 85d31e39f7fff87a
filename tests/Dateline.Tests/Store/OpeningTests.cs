using Dateline.Store;
using Dateline.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dateline.Tests.Store;

/// <summary>
/// Only the commands that bring pages in create an archive (<see cref="ArchiveStore.Open"/>);
/// the others open an existing one (<see cref="ArchiveStore.OpenExisting"/>); neither ever
/// writes to a database that is not a Dateline archive.
/// </summary>
public sealed class OpeningTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        work.Dispose();
    }

    [Fact]
    public void Open_creates_an_archive_and_OpenExisting_opens_it_again()
    {
        var path = work.File("new/archive.db");
        using (var created = ArchiveStore.Open(path))
        {
            Assert.True(created.SchemaVersion >= 1);
        }

        using var opened = ArchiveStore.OpenExisting(path);
        Assert.True(opened.SchemaVersion >= 1);
    }

    [Fact]
    public void OpenExisting_refuses_a_missing_file_and_creates_nothing()
    {
        var path = work.File("no-dir/typo.db");
        var refused = Assert.Throws<ArchiveStoreException>(() => ArchiveStore.OpenExisting(path));
        Assert.Contains("no archive database there", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.File("no-dir")));
    }

    [Fact]
    public void OpenExisting_refuses_an_empty_database_file_and_leaves_it_empty()
    {
        var path = work.Write("empty.db", string.Empty);
        var refused = Assert.Throws<ArchiveStoreException>(() => ArchiveStore.OpenExisting(path));
        Assert.Contains("not a Dateline archive", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Another_programs_database_is_refused_and_left_byte_for_byte_as_it_was(bool create)
    {
        var path = work.File("other.sqlite");
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('mine');";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(path);
        var refused = Assert.Throws<ArchiveStoreException>(() => create ? ArchiveStore.Open(path) : ArchiveStore.OpenExisting(path));
        Assert.Contains("not a Dateline archive", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public void A_database_with_a_version_but_not_the_archives_tables_is_refused()
    {
        var path = work.File("versioned.sqlite");
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE things(id INTEGER PRIMARY KEY); PRAGMA user_version = 3;";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(path);
        Assert.Throws<ArchiveStoreException>(() => ArchiveStore.Open(path));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_text_file_is_refused_not_overwritten()
    {
        var path = work.Write("notes.md", "# My notes\n\nNot a database.\n");
        Assert.Throws<ArchiveStoreException>(() => ArchiveStore.OpenExisting(path));
        Assert.Throws<ArchiveStoreException>(() => ArchiveStore.Open(path));
        Assert.Equal("# My notes\n\nNot a database.\n", File.ReadAllText(path));
    }
}
