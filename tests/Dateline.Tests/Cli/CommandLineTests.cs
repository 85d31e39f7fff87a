using Dateline.Tests.Support;

namespace Dateline.Tests.Cli;

/// <summary>The command line as a user runs it: the bundled sample in, the archive out.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    private string Db => work.File("archive.db");

    private CliRun ImportSample() =>
        CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal"), "--redirects", Path.Combine(TestPaths.Samples, "redirects.tsv"), "--db", Db);

    [Theory]
    [InlineData("import")]
    [InlineData("build")]
    [InlineData("stats")]
    [InlineData("redirects")]
    [InlineData("reparse")]
    public void Every_command_has_help(string command)
    {
        var run = CliRun.Of(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        // In-process the root command is named after the test host; the subcommand's usage line is what matters.
        Assert.Matches($@"Usage:\s+\S+ {command} ", run.Output);
        Assert.Contains("--db", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_command_line_is_a_usage_error()
    {
        var run = CliRun.Of("build", "--db", Db); // --out is required

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void The_sample_builds_the_same_bytes_whatever_the_thread_count()
    {
        Assert.Equal(0, ImportSample().ExitCode);
        var one = CliRun.Of("build", "--out", work.File("one"), "--threads", "1", "--db", Db);
        var two = CliRun.Of("build", "--out", work.File("two"), "--threads", "4", "--db", Db);
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(0, two.ExitCode);

        var filesOne = Snapshot(work.File("one"));
        var filesTwo = Snapshot(work.File("two"));
        Assert.True(filesOne.Count > 200, $"only {filesOne.Count} files were built");
        Assert.Equal(filesOne.Keys.Order(StringComparer.Ordinal), filesTwo.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in filesOne)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(filesTwo[path]), $"{path} differs between 1 and 4 threads");
        }
    }

    [Fact]
    public void A_build_that_cannot_write_its_pages_says_why_in_one_line_each_not_with_a_stack_trace()
    {
        Assert.Equal(0, ImportSample().ExitCode);
        var output = work.File("blocked");
        Directory.CreateDirectory(Path.Combine(output, "news", "2019"));
        File.WriteAllText(Path.Combine(output, "news", "2019", "10"), "a file where the build needs the October folder\n");

        var run = CliRun.Of("build", "--out", output, "--threads", "2", "--db", Db);

        Assert.Equal(Dateline.Cli.ExitCodes.Failure, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("dateline: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(Path.Combine("news", "2019", "10"), StringComparison.Ordinal));
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("a file where the build needs the October folder\n", File.ReadAllText(Path.Combine(output, "news", "2019", "10")));
    }

    [Fact]
    public void A_second_build_with_nothing_changed_writes_no_file()
    {
        Assert.Equal(0, ImportSample().ExitCode);
        var out1 = work.File("out");
        Assert.Equal(0, CliRun.Of("build", "--out", out1, "--db", Db).ExitCode);
        var before = Directory.EnumerateFiles(out1, "*.md", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var again = CliRun.Of("build", "--out", out1, "--db", Db);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains(" 0 written", again.Output, StringComparison.Ordinal);
        Assert.All(before, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));
    }

    [Fact]
    public void A_page_deleted_by_hand_is_restored_and_one_edited_by_hand_is_kept_and_reported()
    {
        Assert.Equal(0, ImportSample().ExitCode);
        var out1 = work.File("out");
        Assert.Equal(0, CliRun.Of("build", "--out", out1, "--db", Db).ExitCode);
        var day = Path.Combine(out1, "news", "2019", "10", "27", "index.md");
        var original = File.ReadAllText(day);
        File.Delete(day);

        var restore = CliRun.Of("build", "--out", out1, "--db", Db);
        Assert.Contains(" 1 written", restore.Output, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(day));

        File.AppendAllText(day, "my note");
        var edited = CliRun.Of("build", "--out", out1, "--db", Db, "--force");
        Assert.Equal(1, edited.ExitCode);
        Assert.Contains("news/2019/10/27/index.md", edited.Error, StringComparison.Ordinal);
        Assert.Equal(original + "my note", File.ReadAllText(day));
        Assert.Contains(" 0 written", edited.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_that_loses_an_event_loses_its_page_and_files_it_did_not_create_are_left_alone()
    {
        var day = work.Write("in/2020-05-01.wiki", DayPages.TemplateContent(new DateOnly(2020, 5, 1), "*First story. [https://a.example/1 A]\n*Second story. [https://a.example/2 B]"));
        var out1 = work.File("out");
        Assert.Equal(0, CliRun.Of("import", day, "--db", Db).ExitCode);
        Assert.Equal(0, CliRun.Of("build", "--out", out1, "--db", Db).ExitCode);
        var mine = work.Write("out/news/2020/05/1/notes.md", "my own notes");
        var second = Path.Combine(out1, "news", "2020", "05", "1", "second-story.md");
        Assert.True(File.Exists(second));

        File.WriteAllText(day, DayPages.TemplateContent(new DateOnly(2020, 5, 1), "*First story. [https://a.example/1 A]"));
        Assert.Equal(0, CliRun.Of("import", day, "--db", Db).ExitCode);
        var rebuild = CliRun.Of("build", "--out", out1, "--db", Db);

        Assert.Equal(0, rebuild.ExitCode);
        Assert.Contains("1 removed", rebuild.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(second));
        Assert.Equal("my own notes", File.ReadAllText(mine));
    }

    [Fact]
    public void Import_with_a_bad_page_says_which_and_exits_1_with_the_rest_imported()
    {
        work.Write("in/2020-05-01.wiki", DayPages.Sandwich(new DateOnly(2020, 5, 1), "*Fine. [https://a.example/1 A]"));
        var broken = work.Write("in/2020-05-02.wiki", "no template, no markers\n");

        var run = CliRun.Of("import", work.File("in"), "--db", Db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(broken + ":1:", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 new", run.Output, StringComparison.Ordinal);
        var stats = CliRun.Of("stats", "--db", Db);
        Assert.Contains("Events:    1", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_counts_what_the_sample_holds_and_names_the_busiest_entities()
    {
        Assert.Equal(0, ImportSample().ExitCode);

        var run = CliRun.Of("stats", "--db", Db, "--top", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Days:\s+35", run.Output);
        Assert.Matches(@"Events:\s+1\d\d", run.Output);
        Assert.Contains("Busiest entities:", run.Output, StringComparison.Ordinal);
        var listed = run.Output[(run.Output.IndexOf("Busiest entities:", StringComparison.Ordinal) + 17)..].Trim().Split('\n');
        Assert.Equal(3, listed.Length);

        // Brexit stands above 18 events as a story and is linked by none: a story, not an entity.
        Assert.DoesNotContain(listed, line => line.Contains("Brexit", StringComparison.Ordinal));
        Assert.Matches(@"^\s*9\s+Donald Trump$", listed[0]);
    }

    [Fact]
    public void The_database_can_come_from_the_environment()
    {
        var previous = Environment.GetEnvironmentVariable("DATELINE_DB");
        try
        {
            Environment.SetEnvironmentVariable("DATELINE_DB", Db);
            work.Write("in/2020-05-01.wiki", DayPages.Sandwich(new DateOnly(2020, 5, 1), "*Fine."));
            Assert.Equal(0, CliRun.Of("import", work.File("in")).ExitCode);
            Assert.True(File.Exists(Db));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DATELINE_DB", previous);
        }
    }

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(".dateline", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);
}
