using Dateline.Publishing;
using Dateline.Tests.Support;

namespace Dateline.Tests.Publishing;

/// <summary>How one page reaches the disk: whole, under its own name, never over a file that appeared meanwhile.</summary>
public sealed class PageFilesTests
{
    [Fact]
    public void A_new_page_is_created_whole_with_the_time_the_file_system_gives_it()
    {
        using var folder = new TempFolder();
        var full = folder.File("page.md");
        var bytes = "# A headline\n"u8.ToArray();

        long? modified = PageFiles.CreateNew(full, full + ".tmp", bytes);

        Assert.NotNull(modified);
        Assert.Equal(bytes, File.ReadAllBytes(full));
        Assert.Equal(File.GetLastWriteTimeUtc(full).Ticks, modified);
        Assert.False(File.Exists(full + ".tmp"));
    }

    [Fact]
    public void A_file_already_there_is_never_overwritten_by_a_new_page()
    {
        using var folder = new TempFolder();
        var full = folder.Write("page.md", "someone else's notes\n");

        long? modified = PageFiles.CreateNew(full, full + ".tmp", "# ours\n"u8.ToArray());

        Assert.Null(modified);
        Assert.Equal("someone else's notes\n", File.ReadAllText(full));
        Assert.Equal(["page.md"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_page_created_in_place_is_written_whole_with_no_temporary_file()
    {
        using var folder = new TempFolder();
        var full = folder.File("page.md");
        var bytes = "# A headline\n"u8.ToArray();

        long? modified = PageFiles.CreateInPlace(full, bytes);

        Assert.NotNull(modified);
        Assert.Equal(bytes, File.ReadAllBytes(full));
        Assert.Equal(File.GetLastWriteTimeUtc(full).Ticks, modified);
        Assert.Equal(["page.md"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_page_created_in_place_never_overwrites_a_file_or_writes_through_a_link()
    {
        using var folder = new TempFolder();
        var full = folder.Write("page.md", "someone else's notes\n");
        var outside = folder.Write("outside.txt", "not Dateline's\n");
        var linked = folder.File("linked.md");
        File.CreateSymbolicLink(linked, outside);
        var dangling = folder.File("dangling.md");
        File.CreateSymbolicLink(dangling, folder.File("nowhere.txt"));

        Assert.Null(PageFiles.CreateInPlace(full, "# ours\n"u8.ToArray()));
        Assert.Null(PageFiles.CreateInPlace(linked, "# ours\n"u8.ToArray()));
        Assert.Null(PageFiles.CreateInPlace(dangling, "# ours\n"u8.ToArray()));

        Assert.Equal("someone else's notes\n", File.ReadAllText(full));
        Assert.Equal("not Dateline's\n", File.ReadAllText(outside));
        Assert.False(File.Exists(folder.File("nowhere.txt")));
    }

    [Fact]
    public void A_page_that_cannot_be_created_in_place_names_the_file()
    {
        using var folder = new TempFolder();
        var full = Path.Combine(folder.Path, "no-such-folder", "page.md");

        var error = Assert.ThrowsAny<IOException>(() => PageFiles.CreateInPlace(full, "x"u8.ToArray()));

        Assert.Contains("page.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replacing_a_page_swaps_in_the_new_bytes_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        var full = folder.Write("page.md", "an old version that is longer than the new one\n");
        File.WriteAllText(full + ".tmp", "left over from an interrupted build");

        long modified = PageFiles.Replace(full, full + ".tmp", "new\n"u8.ToArray());

        Assert.Equal("new\n", File.ReadAllText(full));
        Assert.Equal(File.GetLastWriteTimeUtc(full).Ticks, modified);
        Assert.Equal(["page.md"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_page_matches_only_its_own_length_and_time()
    {
        using var folder = new TempFolder();
        var full = folder.Write("page.md", "# A headline\n");
        var info = new FileInfo(full);

        Assert.True(PageFiles.Matches(full, info.Length, info.LastWriteTimeUtc.Ticks));
        Assert.False(PageFiles.Matches(full, info.Length + 1, info.LastWriteTimeUtc.Ticks));
        Assert.False(PageFiles.Matches(full, info.Length, info.LastWriteTimeUtc.Ticks - 1));
        Assert.False(PageFiles.Matches(folder.File("gone.md"), info.Length, info.LastWriteTimeUtc.Ticks));
        File.SetLastWriteTimeUtc(full, new DateTime(2019, 10, 27, 8, 30, 0, 123, DateTimeKind.Utc).AddTicks(4567));
        Assert.True(PageFiles.Matches(full, info.Length, new FileInfo(full).LastWriteTimeUtc.Ticks));
    }

    [Fact]
    public void A_page_that_cannot_be_created_names_the_file()
    {
        using var folder = new TempFolder();
        var full = Path.Combine(folder.Path, "no-such-folder", "page.md");

        var error = Assert.ThrowsAny<IOException>(() => PageFiles.CreateNew(full, full + ".tmp", "x"u8.ToArray()));

        Assert.Contains("page.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_planted_at_the_temporary_name_is_removed_not_written_through()
    {
        using var folder = new TempFolder();
        var outside = folder.Write("outside.txt", "not Dateline's\n");
        var full = folder.File("page.md");
        File.CreateSymbolicLink(full + ".tmp", outside);

        long? modified = PageFiles.CreateNew(full, full + ".tmp", "# ours\n"u8.ToArray());

        Assert.NotNull(modified);
        Assert.Equal("# ours\n", File.ReadAllText(full));
        Assert.Equal("not Dateline's\n", File.ReadAllText(outside));
        Assert.False(File.Exists(full + ".tmp") || new FileInfo(full + ".tmp").LinkTarget is not null);
    }

    [Fact]
    public void A_temporary_file_left_by_a_build_that_died_is_replaced()
    {
        using var folder = new TempFolder();
        var full = folder.File("page.md");
        File.WriteAllText(full + ".tmp", "half a pa");

        PageFiles.Replace(full, full + ".tmp", "# a whole page\n"u8.ToArray());

        Assert.Equal("# a whole page\n", File.ReadAllText(full));
        Assert.False(File.Exists(full + ".tmp"));
    }
}
