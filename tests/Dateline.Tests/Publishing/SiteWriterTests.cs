using System.Diagnostics;
using Dateline.Publishing;
using Dateline.Tests.Support;

namespace Dateline.Tests.Publishing;

/// <summary>
/// The output folder: only changed files are written, each atomically; pages gone from a build
/// are removed with their empty folders; files Dateline did not write are never touched; no path
/// leaves the folder.
/// </summary>
public sealed class SiteWriterTests
{
    private static WriteReport Build(string folder, params (string Path, string Content)[] pages)
    {
        var writer = new SiteWriter(folder);
        foreach (var (path, content) in pages)
        {
            writer.Write(path, content);
        }

        return writer.Finish();
    }

    /// <summary>The file's inode and modification time, as the file system reports them.</summary>
    private static string Identity(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i %Y.%y", path]) { RedirectStandardOutput = true })!;
        var identity = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        Assert.Equal(0, stat.ExitCode);
        return identity;
    }

    private static List<string> FilesUnder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_manifest_saved_with_windows_line_ends_is_still_read()
    {
        using var work = new TempFolder();
        var pages = new[] { ("news/index.md", "root\n"), ("news/2017/09/28/an-event.md", "event\n") };
        Build(work.Path, pages);
        var manifest = work.File(SiteWriter.ManifestPath);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\n", "\r\n", StringComparison.Ordinal));

        var again = Build(work.Path, [.. pages, ("news/2017/09/28/another.md", "another\n")]);

        Assert.Empty(again.Conflicts);
        Assert.Equal(2, again.Unchanged);
        Assert.Equal(1, again.Written);
    }

    [Fact]
    public void A_manifest_put_out_of_order_by_hand_is_still_read_and_the_later_of_two_lines_counts()
    {
        using var work = new TempFolder();
        var pages = new[] { ("news/index.md", "root\n"), ("news/2017/09/28/an-event.md", "event\n"), ("news/2017/09/28/b.md", "b\n") };
        Build(work.Path, pages);
        var manifest = work.File(SiteWriter.ManifestPath);
        var lines = File.ReadAllLines(manifest);
        var root = lines.Single(l => l.StartsWith("news/index.md\t", StringComparison.Ordinal));
        // Reversed, and a stale line for the front page before the true one: the later wins.
        var edited = lines.Take(1).Concat(lines.Skip(1).Reverse()).Append(root).Prepend("news/index.md\tffff\t5\t1").Prepend(lines[0]).Distinct().ToList();
        edited.Remove(root);
        edited.Add(root);
        File.WriteAllLines(manifest, edited);

        var again = Build(work.Path, pages);

        Assert.Empty(again.Conflicts);
        Assert.Equal(3, again.Unchanged);
        Assert.Equal(0, again.Written);
        Assert.Equal(lines, File.ReadAllLines(manifest)); // written back in order, one line a page
    }

    [Theory]
    [InlineData("news/a", "news/b")]
    [InlineData("news/a", "news/a/b")]
    [InlineData("news/\uFFFD", "news/\U0001F600")] // UTF-16 puts the surrogate pair first; UTF-8 (and the manifest) the other way
    [InlineData("news/\uD7FF", "news/\U00010000")]
    [InlineData("news/\U0001F600", "news/\U0001F601")]
    public void Pages_are_ordered_as_their_utf8_bytes(string first, string second)
    {
        Assert.True(System.Text.Encoding.UTF8.GetBytes(first).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(second)) < 0);
        Assert.True(SiteWriter.CodePointOrder(first, second) < 0);
        Assert.True(SiteWriter.CodePointOrder(second, first) > 0);
        Assert.Equal(0, SiteWriter.CodePointOrder(first, new string(first)));
    }

    [Fact]
    public void Pages_whose_names_need_four_utf8_bytes_are_found_again_by_the_next_build()
    {
        using var work = new TempFolder();
        var pages = new[] { ("news/\uFFFD.md", "a\n"), ("news/\U0001F600.md", "b\n"), ("news/z.md", "c\n") };
        Build(work.Path, pages);

        var again = Build(work.Path, pages);

        Assert.Equal(3, again.Unchanged);
        Assert.Equal(0, again.Written);
        Assert.Empty(again.Conflicts);
    }

    [Fact]
    public void A_second_build_of_the_same_pages_writes_nothing()
    {
        using var work = new TempFolder();
        var pages = new[] { ("news/index.md", "root\n"), ("news/2017/09/28/index.md", "day\n"), ("news/2017/09/28/an-event.md", "event\n") };
        var first = Build(work.Path, pages);
        Assert.Equal(3, first.Written);
        Assert.Equal(0, first.Unchanged);
        var before = pages.ToDictionary(p => p.Item1, p => Identity(work.File(p.Item1)));

        Thread.Sleep(1100); // a rewrite now would show in whole-second times too
        var second = Build(work.Path, pages);
        Assert.Equal(0, second.Written);
        Assert.Equal(3, second.Unchanged);
        Assert.Equal(3, second.Pages);
        Assert.Equal(before, pages.ToDictionary(p => p.Item1, p => Identity(work.File(p.Item1))));
    }

    [Fact]
    public void Only_the_changed_page_is_rewritten()
    {
        using var work = new TempFolder();
        Build(work.Path, ("a.md", "one\n"), ("b.md", "two\n"));
        var a = Identity(work.File("a.md"));
        var b = Identity(work.File("b.md"));

        Thread.Sleep(1100);
        var report = Build(work.Path, ("a.md", "one\n"), ("b.md", "TWO\n"));
        Assert.Equal(1, report.Written);
        Assert.Equal(1, report.Unchanged);
        Assert.Equal(a, Identity(work.File("a.md")));
        Assert.NotEqual(b, Identity(work.File("b.md")));
        Assert.Equal("TWO\n", File.ReadAllText(work.File("b.md")));
    }

    [Fact]
    public void Pages_are_as_left_while_their_folders_are_and_a_manifest_without_folders_is_checked_page_by_page()
    {
        using var work = new TempFolder();
        Build(work.Path, ("news/a/1.md", "one\n"), ("news/b/2.md", "two\n"), ("root.md", "r\n"));
        Assert.True(new SiteWriter(work.Path).PagesAsLeft());
        var manifest = work.File(SiteWriter.ManifestPath);
        Assert.Equal(["#folder\t\t", "#folder\tnews/a\t", "#folder\tnews/b\t"], File.ReadAllLines(manifest).Where(l => l.StartsWith("#folder", StringComparison.Ordinal)).Select(l => l[..(l.LastIndexOf('\t') + 1)]));

        // Edited in place: no folder moves, and the page is taken as left (a build that writes it finds out).
        File.AppendAllText(work.File("news/a/1.md"), "a note\n");
        Assert.True(new SiteWriter(work.Path).PagesAsLeft());

        // A manifest of an earlier Dateline, without folders: every page is looked at.
        var folders = File.ReadAllLines(manifest).Where(l => l.StartsWith("#folder", StringComparison.Ordinal)).ToArray();
        File.WriteAllLines(manifest, File.ReadAllLines(manifest).Except(folders));
        Assert.False(new SiteWriter(work.Path).PagesAsLeft());
        File.AppendAllLines(manifest, folders);

        // A page removed, or one put in place by renaming, moves its folder.
        File.Delete(work.File("news/b/2.md"));
        Assert.False(new SiteWriter(work.Path).PagesAsLeft());
        Build(work.Path, ("news/a/1.md", "one\n"), ("news/b/2.md", "two\n"), ("root.md", "r\n")); // reports 1.md, writes 2.md again
        Assert.True(new SiteWriter(work.Path).PagesAsLeft());
        File.WriteAllText(work.File("root.md.new"), "mine\n");
        File.Move(work.File("root.md.new"), work.File("root.md"), overwrite: true);
        Assert.False(new SiteWriter(work.Path).PagesAsLeft());
    }

    [Fact]
    public void A_page_deleted_by_hand_is_written_again()
    {
        using var work = new TempFolder();
        Build(work.Path, ("x/a.md", "one\n"));
        File.Delete(work.File("x/a.md"));
        var report = Build(work.Path, ("x/a.md", "one\n"));
        Assert.Equal(1, report.Written);
        Assert.Equal("one\n", File.ReadAllText(work.File("x/a.md")));
    }

    [Fact]
    public void Writes_are_atomic_and_leave_no_temporary_files()
    {
        using var work = new TempFolder();
        var pages = Enumerable.Range(0, 200).Select(i => ($"news/{i % 7}/page-{i}.md", new string('x', i * 10))).ToArray();
        var writer = new SiteWriter(work.Path);
        Parallel.ForEach(pages, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p => writer.Write(p.Item1, p.Item2));
        var report = writer.Finish();
        Assert.Equal(200, report.Written);
        var files = FilesUnder(work.Path);
        Assert.DoesNotContain(files, f => f.EndsWith(".dateline-tmp", StringComparison.Ordinal));
        Assert.Equal(pages.Select(p => p.Item1).Append(SiteWriter.ManifestPath).Order(StringComparer.Ordinal), files);
        Assert.All(pages, p => Assert.Equal(p.Item2, File.ReadAllText(work.File(p.Item1))));
    }

    /// <summary>
    /// The first build into a folder writes its new pages in place (no temporary name, no
    /// rename): one that dies half way through a page leaves that page half written, named in the
    /// creating list; the next build takes it for its own and writes it whole, and removes a page
    /// it no longer has.
    /// </summary>
    [Fact]
    public void A_page_half_written_in_place_by_a_first_build_that_died_is_written_whole_by_the_next()
    {
        using var work = new TempFolder();
        var whole = string.Concat(Enumerable.Repeat("a line of the page\n", 500));
        var untouched = work.Write("news/a.md.dateline-tmp", "a temporary name the first build has no use for");
        var dying = new SiteWriter(work.Path);
        dying.Write("news/a.md", whole);
        dying.Write("news/gone.md", "a page the next build does not have\n");
        Assert.Equal("a temporary name the first build has no use for", File.ReadAllText(untouched)); // written in place
        File.Delete(untouched);

        // The build dies: no manifest, and the last page it wrote cut short.
        using (var page = File.OpenWrite(work.File("news/a.md")))
        {
            page.SetLength(whole.Length / 2);
        }

        Assert.False(File.Exists(work.File(SiteWriter.ManifestPath)));
        Assert.Equal(["news/a.md", "news/gone.md"], File.ReadAllLines(work.File(SiteWriter.CreatingPath)));

        var next = new SiteWriter(work.Path);
        Assert.True(next.HasUnlistedPages);
        next.Write("news/a.md", whole);
        next.Write("news/b.md", "b\n");
        var report = next.Finish();

        Assert.Empty(report.Conflicts);
        Assert.Equal(whole, File.ReadAllText(work.File("news/a.md")));
        Assert.False(File.Exists(work.File("news/gone.md")));
        Assert.Equal([SiteWriter.ManifestPath, "news/a.md", "news/b.md"], FilesUnder(work.Path));
        Assert.Equal(0, Build(work.Path, ("news/a.md", whole), ("news/b.md", "b\n")).Written);
    }

    /// <summary>Once a build has finished in the folder, a new page goes through a temporary name again: a reader never sees half of it.</summary>
    [Fact]
    public void Only_the_first_build_into_a_folder_writes_pages_in_place()
    {
        using var work = new TempFolder();
        Build(work.Path, ("a.md", "a\n"));
        var writer = new SiteWriter(work.Path);
        var planted = work.File("b.md.dateline-tmp");
        File.WriteAllText(planted, "left by a build that died");
        writer.Write("b.md", "b\n");

        Assert.False(File.Exists(planted), "the new page was written under its temporary name, then renamed");
        Assert.Equal("b\n", File.ReadAllText(work.File("b.md")));
        writer.Finish();
    }

    [Fact]
    public void Pages_gone_from_the_new_build_are_removed_with_their_empty_folders()
    {
        using var work = new TempFolder();
        Build(work.Path, ("news/index.md", "root\n"), ("news/2017/09/28/index.md", "day\n"), ("news/2017/09/28/gone.md", "event\n"), ("news/2016/01/1/index.md", "old day\n"));
        work.Write("news/2017/keep.txt", "the user's");

        var report = Build(work.Path, ("news/index.md", "root\n"));
        Assert.Equal(3, report.Removed);
        Assert.Equal([SiteWriter.ManifestPath, "news/2017/keep.txt", "news/index.md"], FilesUnder(work.Path));
        Assert.False(Directory.Exists(work.File("news/2017/09")));
        Assert.False(Directory.Exists(work.File("news/2016")));
        Assert.True(Directory.Exists(work.File("news/2017")), "a folder holding a file Dateline did not write stays");
        Assert.True(Directory.Exists(work.Path));
    }

    [Fact]
    public void A_file_dateline_did_not_create_is_never_overwritten_but_reported()
    {
        using var work = new TempFolder();
        work.Write("news/index.md", "my own front page\n");
        var report = Build(work.Path, ("news/index.md", "root\n"), ("news/2017/09/28/index.md", "day\n"));
        Assert.Equal(["news/index.md"], report.Conflicts);
        Assert.Equal("my own front page\n", File.ReadAllText(work.File("news/index.md")));
        Assert.Equal(1, report.Written);

        // Still not Dateline's on the next build, and never removed when the page is gone.
        var again = Build(work.Path, ("news/index.md", "root\n"));
        Assert.Equal(["news/index.md"], again.Conflicts);
        var last = Build(work.Path);
        Assert.Empty(last.Conflicts);
        Assert.Equal("my own front page\n", File.ReadAllText(work.File("news/index.md")));
    }

    [Fact]
    public void A_file_with_the_very_bytes_dateline_would_write_is_adopted()
    {
        using var work = new TempFolder();
        work.Write("a.md", "same\n");
        var report = Build(work.Path, ("a.md", "same\n"));
        Assert.Empty(report.Conflicts);
        Assert.Equal(1, Build(work.Path).Removed); // now Dateline's own: removed when the page is gone
        Assert.False(File.Exists(work.File("a.md")));
    }

    [Fact]
    public void A_page_the_user_has_since_edited_is_neither_overwritten_nor_removed()
    {
        using var work = new TempFolder();
        Build(work.Path, ("a.md", "dateline's\n"), ("b.md", "dateline's\n"));
        File.WriteAllText(work.File("a.md"), "edited by hand\n");
        File.WriteAllText(work.File("b.md"), "edited by hand\n");

        var report = Build(work.Path, ("a.md", "dateline's, new\n"));
        Assert.Equal("edited by hand\n", File.ReadAllText(work.File("a.md")));
        Assert.Equal("edited by hand\n", File.ReadAllText(work.File("b.md")));
        Assert.Equal(["a.md", "b.md"], report.Conflicts);
        Assert.Equal(0, report.Removed);
    }

    [Theory]
    [InlineData("../outside.md")]
    [InlineData("news/../../outside.md")]
    [InlineData("/tmp/outside.md")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("news//x.md")]
    [InlineData("./x.md")]
    [InlineData("news/")]
    [InlineData("a\0b.md")]
    public void Paths_that_would_leave_the_folder_are_refused(string path)
    {
        using var work = new TempFolder();
        var output = work.File("out");
        var writer = new SiteWriter(output);
        Assert.Throws<InvalidOperationException>(() => writer.Write(path, "x"));
        writer.Finish();
        Assert.Equal(["out/" + SiteWriter.ManifestPath], FilesUnder(work.Path));
        Assert.False(File.Exists("/tmp/outside.md"));
    }

    [Fact]
    public void A_backslash_is_part_of_a_name_not_a_way_out()
    {
        using var work = new TempFolder();
        var output = work.File("out");
        var writer = new SiteWriter(output);
        try
        {
            writer.Write("..\\..\\outside.md", "x");
        }
        catch (InvalidOperationException)
        {
            // refusing is as good as staying inside
        }

        writer.Finish();
        Assert.All(FilesUnder(work.Path), f => Assert.StartsWith("out/", f, StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_linked_to_somewhere_else_is_not_written_through()
    {
        using var work = new TempFolder();
        var output = work.File("out");
        var elsewhere = Directory.CreateDirectory(work.File("elsewhere")).FullName;
        Directory.CreateDirectory(output);
        Directory.CreateSymbolicLink(Path.Combine(output, "news"), elsewhere);

        var writer = new SiteWriter(output);
        writer.Write("news/2017/index.md", "x");
        writer.Write("other/index.md", "y");
        var report = writer.Finish();
        Assert.Equal(["news/2017/index.md"], report.Conflicts);
        Assert.Equal(1, report.Written);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public void A_stale_page_behind_a_folder_now_linked_elsewhere_is_not_deleted()
    {
        using var work = new TempFolder();
        var output = work.File("out");
        Build(output, ("news/2017/gone.md", "x"), ("news/index.md", "root"));
        var elsewhere = Directory.CreateDirectory(work.File("elsewhere")).FullName;
        File.WriteAllText(Path.Combine(elsewhere, "gone.md"), "x"); // same name, same bytes, not Dateline's
        Directory.Delete(work.File("out/news/2017"), recursive: true);
        Directory.CreateSymbolicLink(work.File("out/news/2017"), elsewhere);

        var report = Build(output, ("news/index.md", "root"));
        Assert.Equal(["news/2017/gone.md"], report.Conflicts);
        Assert.True(File.Exists(Path.Combine(elsewhere, "gone.md")));
        Assert.Equal(0, report.Removed);
    }

    [Fact]
    public void A_tampered_manifest_cannot_make_it_delete_outside_the_folder()
    {
        using var work = new TempFolder();
        var output = work.File("out");
        var outside = work.Write("outside.md", "precious\n");
        Build(output, ("a.md", "a\n"));
        var manifest = Path.Combine(output, SiteWriter.ManifestPath);
        var line = File.ReadAllLines(manifest).Single(l => !l.StartsWith('#'));
        File.AppendAllText(manifest, "../outside.md" + line[line.IndexOf('\t', StringComparison.Ordinal)..] + "\n" + "/" + outside.TrimStart('/') + line[line.IndexOf('\t', StringComparison.Ordinal)..] + "\n");

        var report = Build(output, ("a.md", "a\n"));
        Assert.Equal("precious\n", File.ReadAllText(outside));
        Assert.Equal(0, report.Removed);
        Assert.Equal(1, report.Unchanged);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# A headline\n")]
    [InlineData("<!DOCTYPE html>\n<html lang=\"en\">é😀</html>\n")]
    public void The_manifest_writes_a_pages_hash_as_earlier_versions_did(string page)
    {
        // Sites built before the hash was kept as a number must read as unchanged, not be rewritten.
        var bytes = System.Text.Encoding.UTF8.GetBytes(page);
        Assert.Equal(Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(bytes)), SiteWriter.HashText(bytes));
    }
}
