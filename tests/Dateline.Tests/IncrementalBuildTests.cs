using Dateline.Tests.Support;

namespace Dateline.Tests;

/// <summary>
/// A build that follows another renders only what a change can reach, and must leave the
/// output folder exactly as a build from scratch would: every file, byte for byte.
/// </summary>
public sealed class IncrementalBuildTests : IDisposable
{
    private readonly TempFolder work = new();

    /// <summary>What the test's builds publish (<c>--format</c>): with the website come topics, feeds, sitemap and the site tables.</summary>
    private string format = "md";

    private bool Html => format.Contains("html", StringComparison.Ordinal);

    /// <summary>The extension of the pages every build of the test writes: Markdown's, unless it writes the website alone.</summary>
    private string PageExtension => format.Contains("md", StringComparison.Ordinal) ? "md" : "html";

    public void Dispose() => work.Dispose();

    /// <summary>Where this run's database and site go: a property's runs share the test's folder, each with a folder of its own.</summary>
    private string runFolder = string.Empty;

    private string Db => work.File(runFolder + "archive.db");

    private string Out => work.File(runFolder + "site");

    private static string[] SampleDays => [.. Directory.GetFiles(Path.Combine(TestPaths.Samples, "portal"), "*.wiki").Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void Days_added_one_at_a_time_give_the_archive_a_full_build_gives(string format)
    {
        this.format = format;
        var days = SampleDays;
        Import([.. days[..^6]]);
        Assert.Equal(0, Build(Out).ExitCode);

        // New days at the end, and one in the middle of the month (a gap filled).
        foreach (var day in days[^6..^1].Append(days[^1]))
        {
            Import(day);
            var run = Build(Out);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Followed the last build", run.Output, StringComparison.Ordinal);
        }

        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void An_edited_day_gives_the_archive_a_full_build_gives(string format)
    {
        this.format = format;
        Import(SampleDays);
        Assert.Equal(0, Build(Out).ExitCode);

        // The day of the Barisha raid, rewritten: an event gone, an event's entity changed.
        var day = SampleDays.Single(p => p.EndsWith("2019-10-27.wiki", StringComparison.Ordinal));
        var lines = File.ReadAllLines(day).ToList();
        int firstEvent = lines.FindIndex(l => l.StartsWith("**", StringComparison.Ordinal) && !l.StartsWith("***", StringComparison.Ordinal));
        lines.RemoveAt(firstEvent);
        var edited = string.Join('\n', lines).Replace("[[Islamic State", "[[Kurdistan Workers' Party", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(day), edited);
        Import(work.Write("edited/2019-10-27.wiki", edited));

        var run = Build(Out);
        Assert.Contains("Followed the last build", run.Output, StringComparison.Ordinal);
        Assert.Contains("removed", run.Output, StringComparison.Ordinal);
        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void Summaries_arriving_from_enrichment_reach_the_pages_that_show_them(string format)
    {
        this.format = format;
        Import(SampleDays);
        Assert.Equal(0, Build(Out).ExitCode);
        Assert.Equal(0, CliRun.Of("enrich", "--snapshots", Path.Combine(TestPaths.Samples, "articles.warc.gz"), "--db", Db).ExitCode);

        var run = Build(Out);
        Assert.Contains("Followed the last build", run.Output, StringComparison.Ordinal);
        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("html")]
    [InlineData("md,html")]
    public void Days_added_to_an_enriched_archive_keep_the_feeds_summaries_a_full_build_gives(string format)
    {
        // A build that follows reads the summaries of the events feeds show, not of every event:
        // here the newest events of the topics the new days reach, enriched with them.
        this.format = format;
        var days = SampleDays;
        Import([.. days[..^3]]);
        Assert.Equal(0, CliRun.Of("enrich", "--snapshots", Path.Combine(TestPaths.Samples, "articles.warc.gz"), "--db", Db).ExitCode);
        Assert.Equal(0, Build(Out).ExitCode);
        Import(days[^3]);
        Assert.Contains("Followed the last build", Build(Out).Output, StringComparison.Ordinal);

        Import([.. days[^2..]]);
        Assert.Equal(0, CliRun.Of("enrich", "--snapshots", Path.Combine(TestPaths.Samples, "articles.warc.gz"), "--db", Db).ExitCode);
        var run = Build(Out);
        Assert.Contains("Followed the last build", run.Output, StringComparison.Ordinal);
        Assert.Contains(Directory.EnumerateFiles(Out, "*.atom", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("<summary type=\"text\">", StringComparison.Ordinal));
        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("html")]
    [InlineData("md,html")]
    public void A_declared_image_size_arriving_alone_reaches_the_pages_that_show_the_image(string format)
    {
        this.format = format;
        Import(SampleDays);
        Assert.Equal(0, CliRun.Of("enrich", "--snapshots", Path.Combine(TestPaths.Samples, "articles.warc.gz"), "--db", Db).ExitCode);
        Assert.Equal(0, Build(Out).ExitCode);

        // Only the size changes: the summary and the image's URL are as the last build showed them.
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            db.Open();
            using var update = db.CreateCommand();
            update.CommandText = "UPDATE articles SET image_width = 640, image_height = 427 WHERE image IS NOT NULL";
            Assert.True(update.ExecuteNonQuery() > 0);
        }

        var run = Build(Out);
        Assert.Contains("Followed the last build", run.Output, StringComparison.Ordinal);
        Assert.Contains(Directory.EnumerateFiles(Out, "*.html", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("width=\"640\" height=\"427\"", StringComparison.Ordinal));
        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void Redirects_added_changed_and_removed_are_followed_through_the_days_naming_their_titles(string format)
    {
        this.format = format;
        Import(SampleDays);
        Assert.Equal(0, CliRun.Of("redirects", work.Write("redirects-1.tsv", "Syria\tSyrian Arab Republic\nMTR\tMass Transit Railway\n"), "--db", Db).ExitCode);
        Assert.Equal(0, Build(Out).ExitCode);

        // One redirect added (a chain through an existing one), one changed, one removed.
        Assert.Equal(0, CliRun.Of("redirects", work.Write("redirects-2.tsv", "Islamic State\tDaesh\nDaesh\tSyrian Arab Republic\nSyria\tSyrian Republic\n"), "--db", Db).ExitCode);

        var run = Build(Out);
        Assert.Contains("Followed the last build", run.Output, StringComparison.Ordinal);
        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void Pages_are_rendered_in_full_again_when_the_links_state_is_damaged(string format)
    {
        this.format = format;
        var days = SampleDays;
        Import([.. days[..^1]]);
        Assert.Equal(0, Build(Out).ExitCode);
        var state = Path.Combine(Out, ".dateline", "links.bin");
        var bytes = File.ReadAllBytes(state);
        File.WriteAllBytes(state, bytes[..(bytes.Length / 2)]);
        Import(days[^1]);

        AssertBuiltInFull();
        Assert.Equal(bytes.Length > 0, File.Exists(state)); // a new state is written
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void A_page_deleted_by_hand_comes_back_even_when_the_archive_changed_too(string format)
    {
        this.format = format;
        var days = SampleDays;
        Import([.. days[..^1]]);
        Assert.Equal(0, Build(Out).ExitCode);
        var deleted = Directory.GetFiles(Path.Combine(Out, "news", "2019", "10", "3"), "*." + PageExtension).First(f => !f.EndsWith("index." + PageExtension, StringComparison.Ordinal));
        File.Delete(deleted);
        Import(days[^1]);

        var run = Build(Out);
        Assert.DoesNotContain("Followed", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(deleted));
        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void A_day_stored_again_without_events_loses_its_pages_as_in_a_full_build(string format)
    {
        this.format = format;
        Import(SampleDays);
        Assert.Equal(0, Build(Out).ExitCode);
        var day = SampleDays.Single(p => p.EndsWith("2019-10-05.wiki", StringComparison.Ordinal));
        var emptied = string.Join('\n', File.ReadAllLines(day).Where(l => !l.StartsWith('*')));
        Import(work.Write("emptied/2019-10-05.wiki", emptied));

        var run = Build(Out);
        Assert.Contains("Followed the last build", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out, "news", "2019", "10", "05")));
        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void A_page_edited_by_hand_is_kept_by_a_build_that_follows_and_reported_by_one_that_would_write_it(string format)
    {
        this.format = format;
        var days = SampleDays;
        Import([.. days[..^1]]);
        Assert.Equal(0, Build(Out).ExitCode);
        var edited = Path.Combine(Out, "news", "2019", "10", "3", "index." + PageExtension); // a day page far from the new day: no follow writes it
        File.AppendAllText(edited, "A note of the archivist's own.\n");
        var text = File.ReadAllText(edited);
        Import(days[^1]);

        // Edited in place, the page's folder keeps its time: the build follows, and keeps the
        // page as it keeps every page it does not write.
        var run = Build(Out);
        Assert.True(run.ExitCode == 0 && run.Output.Contains("Followed", StringComparison.Ordinal), run.ToString());
        Assert.Equal(text, File.ReadAllText(edited));

        // A build that would write it (every page: --force) leaves it and says so.
        var all = CliRun.Of(["build", "--out", Out, "--db", Db, "--format", format, "--force", .. options]);
        Assert.Contains("not written: " + Path.GetRelativePath(Out, edited).Replace('\\', '/'), all.Error, StringComparison.Ordinal);
        Assert.Equal(1, all.ExitCode); // done, but not everything written (ExitCodes.Partial)
        Assert.Equal(text, File.ReadAllText(edited));
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void A_page_put_in_place_by_hand_makes_the_next_build_a_full_one_that_reports_it(string format)
    {
        this.format = format;
        var days = SampleDays;
        Import([.. days[..^1]]);
        Assert.Equal(0, Build(Out).ExitCode);
        var replaced = Directory.GetFiles(Path.Combine(Out, "news", "2019", "10", "3"), "*." + PageExtension).First(f => !f.EndsWith("index." + PageExtension, StringComparison.Ordinal));
        var copy = replaced + ".edited";
        File.WriteAllText(copy, "An archivist's own page.\n");
        File.Move(copy, replaced, overwrite: true); // as an editor that saves by renaming does
        Import(days[^1]);

        var run = Build(Out);
        Assert.DoesNotContain("Followed", run.Output, StringComparison.Ordinal); // its folder moved: a full build, the one that notices
        Assert.Contains("not written: " + Path.GetRelativePath(Out, replaced).Replace('\\', '/'), run.Error, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("An archivist's own page.\n", File.ReadAllText(replaced));
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("md,html")]
    public void A_day_whose_events_changed_behind_its_version_stops_the_build_before_it_writes_and_the_next_is_full(string format)
    {
        this.format = format;
        var days = SampleDays;
        Import([.. days[..^1]]);
        Assert.Equal(0, Build(Out).ExitCode);

        // The day before the new one loses its last event, its page's hash untouched: as if
        // another process stored days while the build read them. The new day's neighbour page shows it.
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            db.Open();
            using var delete = db.CreateCommand();
            delete.CommandText = """
                DELETE FROM event_entities WHERE event_id = (SELECT max(id) FROM events WHERE date = (SELECT max(date) FROM days));
                DELETE FROM citations WHERE event_id = (SELECT max(id) FROM events WHERE date = (SELECT max(date) FROM days));
                DELETE FROM events WHERE id = (SELECT max(id) FROM events WHERE date = (SELECT max(date) FROM days));
                """;
            Assert.True(delete.ExecuteNonQuery() > 0);
        }

        var before = Files(Out);
        Import(days[^1]);

        var stopped = Build(Out);
        Assert.NotEqual(0, stopped.ExitCode);
        Assert.Contains("the archive changed while this build read it", stopped.Error, StringComparison.Ordinal);
        Assert.Equal(before, Files(Out), new BytesEqual()); // nothing written

        AssertBuiltInFull();
    }

    private sealed class BytesEqual : IEqualityComparer<KeyValuePair<string, byte[]>>
    {
        public bool Equals(KeyValuePair<string, byte[]> x, KeyValuePair<string, byte[]> y) => x.Key == y.Key && x.Value.AsSpan().SequenceEqual(y.Value);

        public int GetHashCode(KeyValuePair<string, byte[]> obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }

    private void Import(params string[] files)
    {
        var run = CliRun.Of(["import", .. files, "--db", Db]);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>Options every build of the test is given besides the format.</summary>
    private string[] options = [];

    private CliRun Build(string folder) => CliRun.Of(["build", "--out", folder, "--db", Db, "--format", format, .. options]);

    [FsCheck.Xunit.Property(MaxTest = 10)]
    public void Website_builds_following_random_changes_equal_full_builds(int seed) => BuildsFollowingRandomChangesEqualFullBuilds(seed, "md,html");

    [FsCheck.Xunit.Property(MaxTest = 10)]
    public void Website_alone_builds_following_random_changes_equal_full_builds(int seed) => BuildsFollowingRandomChangesEqualFullBuilds(seed, "html");

    /// <summary>
    /// Topics over a few events going a year a page: days over three years, added, stored again
    /// and emptied, so that topics begin and stop going by year, gain a newer year and lose their
    /// newest, and the year pages a followed build keeps must be those a full build writes.
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 10)]
    public void Year_pages_following_random_changes_equal_full_builds(int seed)
    {
        options = ["--year-pages-above", "3"];
        BuildsFollowingRandomChangesEqualFullBuilds(seed, "md,html", years: 3);
    }

    private void BuildsFollowingRandomChangesEqualFullBuilds(int seed, string format, int years = 1)
    {
        this.format = format;
        runFolder = $"run-{Guid.NewGuid():N}/";
        Directory.CreateDirectory(work.File(runFolder));
        var random = new Random(seed);

        // Titles whose slugs collide ("AJAX" sorts before "Ajax" and would take its slug), stories
        // that differ only by a trailing space, events moving between days and stories.
        string[] entities = ["Ajax", "AJAX", "PSV", "Feyenoord", "FC Utrecht", "Twente", "Vitesse", "Groningen"];
        string[] stories = ["Eredivisie", "Eredivisie ", "KNVB Cup", "European football"];
        var start = new DateOnly(2020, 1, 1);
        DateOnly Date(int days) => start.AddYears(random.Next(years)).AddDays(days); // the same days of `years` years
        var known = new List<(DateOnly Date, string[] Entities, string[] Stories)>();
        int file = 0;
        string Day(DateOnly date, string[] pool, string[] storyPool, int events)
        {
            var lines = new List<string> { "'''Sports'''" };
            for (int k = 0; k < events; k++)
            {
                var named = pool.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
                var text = $"Match report {random.Next(1000)}: [[{string.Join("]] meet [[", named)}]] on matchday {k + 1}. [https://sport.example/{seed}/{date:yyyyMMdd}/{k}/{random.Next(3)} (Sport)]";
                if (random.Next(2) == 0)
                {
                    lines.Add($"*[[{storyPool[random.Next(storyPool.Length)]}]]");
                    lines.Add("*" + text.Replace("Match", "*Match", StringComparison.Ordinal));
                }
                else
                {
                    lines.Add("*" + text);
                }
            }

            return DayPages.TemplateContent(date, string.Join('\n', lines));
        }

        void Store(DateOnly date, string[] pool, string[] storyPool, int events)
        {
            Import(work.Write($"{runFolder}days-{file++}/{DayPages.FileName(date)}", Day(date, pool, storyPool, events)));
            known.RemoveAll(d => d.Date == date);
            known.Add((date, pool, storyPool));
        }

        for (int d = 0; d < 6; d++)
        {
            Store(Date(random.Next(20)), [.. entities.Where(e => e != "AJAX")], stories[..3], random.Next(1, 5));
        }

        if (years > 1)
        {
            // One topic surely goes by year from the start (eight events over two years), whatever the seed.
            Store(start.AddDays(21), ["PSV"], stories[..1], 4);
            Store(start.AddYears(1).AddDays(21), ["PSV"], stories[..1], 4);
        }

        Assert.Equal(0, Build(Out).ExitCode);
        Assert.Equal(years > 1, File.Exists(Path.Combine(Out, "news", "entity", "psv", "2020.html")));

        // First a new day naming only titles and stories already there: nothing can move, so it must follow.
        var used = known.SelectMany(d => d.Entities).Distinct().ToArray();
        Store(start.AddYears(years - 1).AddDays(25), used, [.. known.SelectMany(d => d.Stories).Distinct()], 3);
        var followed = Build(Out);
        Assert.True(followed.ExitCode == 0 && followed.Output.Contains("Followed the last build", StringComparison.Ordinal), followed.ToString());
        AssertSameAsFullBuild();

        // Then random changes: a day added or stored again (any titles), or emptied.
        for (int round = 0; round < 3; round++)
        {
            var date = random.Next(3) == 0 && known.Count > 0 ? known[random.Next(known.Count)].Date : Date(random.Next(30));
            Store(date, entities, stories, random.Next(4) == 0 ? 0 : random.Next(1, 5));
            var run = Build(Out);
            Assert.True(run.ExitCode == 0, run.ToString());
            AssertSameAsFullBuild();
        }
    }

    [Fact]
    public void Site_tables_emptied_behind_the_last_build_make_the_next_website_build_a_full_one()
    {
        format = "md,html";
        var days = SampleDays;
        Import([.. days[..^1]]);
        Assert.Equal(0, Build(Out).ExitCode);
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            db.Open();
            using var empty = db.CreateCommand();
            empty.CommandText = "DELETE FROM site_events; INSERT INTO site_search(site_search) VALUES('delete-all')";
            empty.ExecuteNonQuery();
        }

        Import(days[^1]);
        AssertBuiltInFull();
    }

    [Fact]
    public void Site_tables_filled_by_another_build_make_the_next_website_build_a_full_one()
    {
        format = "md,html";
        var days = SampleDays;
        Import([.. days[..^1]]);
        Assert.Equal(0, Build(Out).ExitCode);

        // Another site is built from the database while a day reads otherwise (same number of
        // events: only the tables' mark can tell), then the day is put back and a new day added.
        var day = days.Single(p => p.EndsWith("2019-10-27.wiki", StringComparison.Ordinal));
        var edited = File.ReadAllText(day).Replace("Barisha", "Barisha village", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(day), edited);
        Import(work.Write("edited/2019-10-27.wiki", edited));
        Assert.Equal(0, CliRun.Of("build", "--out", work.File("other"), "--db", Db, "--html").ExitCode);
        Import(day);
        Import(days[^1]);

        AssertBuiltInFull();
    }

    [Fact]
    public void Site_tables_emptied_while_nothing_else_changed_are_filled_again_by_the_next_build()
    {
        format = "md,html";
        Import(SampleDays);
        Assert.Equal(0, Build(Out).ExitCode);
        long Rows(string sql)
        {
            using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False");
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }

        long events = Rows("SELECT count(*) FROM events");
        Assert.Equal(events, Rows("SELECT count(*) FROM site_events"));
        Rows("DELETE FROM site_events; INSERT INTO site_search(site_search) VALUES('delete-all'); SELECT 0");

        Assert.Equal(0, Build(Out).ExitCode); // the pages are current; the tables are not
        Assert.Equal(events, Rows("SELECT count(*) FROM site_events"));
        AssertSameAsFullBuild();
    }

    [Fact]
    public void Site_tables_written_alongside_pages_that_fail_stay_those_of_the_last_build()
    {
        // The tables are written on a thread of their own while the pages are, and committed only after them.
        format = "html";
        Import(SampleDays);
        Assert.Equal(0, Build(Out).ExitCode);
        string Tables()
        {
            using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False");
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT (SELECT source FROM site_build) || ' ' || (SELECT count(*) FROM site_events) || ' ' || (SELECT group_concat(page) FROM site_events)";
            return (string)command.ExecuteScalar()!;
        }

        var before = Tables();
        Import(work.Write("edited/2019-10-27.wiki", File.ReadAllText(SampleDays.Single(d => d.EndsWith("2019-10-27.wiki", StringComparison.Ordinal))).Replace("]] announces that [[Abu", "]] says that [[Abu", StringComparison.Ordinal)));
        using (var store = Dateline.Store.ArchiveStore.OpenExisting(Db))
        {
            var failed = Assert.ThrowsAny<Exception>(() => Dateline.Building.ArchiveBuild.Run(store, Out, Dateline.Building.BuildOptions.ForFormat(format)!, progress: (_, _) => throw new IOException("disk full"), force: true));
            Assert.Contains("disk full", failed.ToString(), StringComparison.Ordinal); // as it is, or from inside a parallel loop
        }

        Assert.Equal(before, Tables());
        AssertBuiltInFull();
        Assert.NotEqual(before, Tables());
    }

    [Fact]
    public void Site_tables_a_followed_build_writes_alongside_pages_that_fail_stay_those_of_the_last_build()
    {
        // A build that follows another writes its rows (and search entries) while its pages are written.
        format = "html";
        Import(SampleDays);
        var full = Build(Out);
        Assert.Equal(0, full.ExitCode);
        string Tables()
        {
            using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False");
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT (SELECT source FROM site_build) || ' ' || (SELECT group_concat(headline, '|') FROM site_events) || ' ' || (SELECT count(*) FROM site_search_docsize)";
            return (string)command.ExecuteScalar()!;
        }

        var before = Tables();
        Import(work.Write("edited/2019-10-27.wiki", File.ReadAllText(SampleDays.Single(d => d.EndsWith("2019-10-27.wiki", StringComparison.Ordinal))).Replace("]] announces that [[Abu", "]] says that [[Abu", StringComparison.Ordinal)));
        int pages = 0;
        using (var store = Dateline.Store.ArchiveStore.OpenExisting(Db))
        {
            var failed = Assert.ThrowsAny<Exception>(() => Dateline.Building.ArchiveBuild.Run(store, Out, Dateline.Building.BuildOptions.ForFormat(format)!, progress: (_, total) =>
            {
                pages = total;
                throw new IOException("disk full");
            }));
            Assert.Contains("disk full", failed.ToString(), StringComparison.Ordinal);
        }

        Assert.InRange(pages, 1, Directory.EnumerateFiles(Out, "*.html", SearchOption.AllDirectories).Count() / 2); // a build that followed, not a full one
        Assert.Equal(before, Tables());
        AssertBuiltInFull();
        Assert.NotEqual(before, Tables());
        Assert.Contains("says that", Tables(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_title_that_takes_an_existing_topic_slug_makes_the_website_build_a_full_one()
    {
        format = "md,html";
        Import(SampleDays);
        Assert.Equal(0, Build(Out).ExitCode);
        var before = File.ReadAllText(Path.Combine(Out, "news", "entity", "islamic-state.html"));

        // "ISLAMIC STATE" sorts before "Islamic State" and has the same slug: it takes
        // islamic-state, and every page linking to the old one must now link to islamic-state-2.
        Import(work.Write("taken/2019-11-05.wiki", """
            {{Current events|year=2019|month=11|day=5|top=yes}}
            <!-- All news items below this line -->
            '''Armed conflicts and attacks'''
            *A spokesman for the [[ISLAMIC STATE]] group is named in a new statement. [https://news.example/isis-spokesman (News)]
            <!-- All news items above this line -->
            """));

        var run = Build(Out);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Followed", run.Output, StringComparison.Ordinal);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(Out, "news", "entity", "islamic-state.html")));
        Assert.True(File.Exists(Path.Combine(Out, "news", "entity", "islamic-state-2.html")));
        AssertSameAsFullBuild();
    }

    /// <summary>The next build does not follow the last one (it cannot trust what it would keep), and comes out as a full build.</summary>
    private void AssertBuiltInFull()
    {
        var run = Build(Out);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Followed", run.Output, StringComparison.Ordinal);
        AssertSameAsFullBuild();
    }

    /// <summary>Every file of the incremental output equals the full build's, and no file is missing or extra.</summary>
    private void AssertSameAsFullBuild()
    {
        var tables = Html ? SiteTables() : null;
        var fresh = work.File("fresh-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(0, Build(fresh).ExitCode);
        if (tables is not null)
        {
            var full = SiteTables();
            Assert.Equal(full.Count, tables.Count);
            for (int i = 0; i < full.Count; i++)
            {
                Assert.True(full[i] == tables[i], $"site table row {i}: the full build has\n{full[i]}\nthe followed one\n{tables[i]}");
            }
        }

        var expected = Files(fresh);
        var actual = Files(Out);
        if (!format.Contains("md", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(actual.Keys, path => path.EndsWith(".md", StringComparison.Ordinal) || (path.EndsWith(".svg", StringComparison.Ordinal) && path != "assets/icon.svg"));
        }

        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, content) in expected)
        {
            Assert.True(content.SequenceEqual(actual[path]), $"{path} differs from the full build's");
        }
    }

    /// <summary>
    /// The site tables as text, row by row, after FTS5's own check that the search index holds
    /// exactly the rows' text; then what a search for each entity title and a few words finds.
    /// </summary>
    private List<string> SiteTables()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Open();
        var rows = new List<string>();
        void Read(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        using (var check = connection.CreateCommand())
        {
            check.CommandText = "INSERT INTO site_search(site_search, rank) VALUES('integrity-check', 1)";
            check.ExecuteNonQuery(); // throws when the index and the rows disagree
        }

        Read("SELECT * FROM site_events ORDER BY id");
        // Entity ids are kept from build to build (a full build numbers them afresh): compared by title.
        Read("SELECT title, slug, events FROM site_entities ORDER BY title");
        Read("SELECT e.title, x.event_id FROM site_event_entities x JOIN site_entities e ON e.id = x.entity_id ORDER BY e.title, x.event_id");
        Read("SELECT 'links to no entity', count(*) FROM site_event_entities WHERE entity_id NOT IN (SELECT id FROM site_entities)");
        Read("SELECT 'links to no event', count(*) FROM site_event_entities WHERE event_id NOT IN (SELECT id FROM site_events)");
        foreach (var word in new[] { "Baghdadi", "protest*", "Hong Kong", "earthquake", "Bolivia" })
        {
            Read($"SELECT '{word}', rowid FROM site_search WHERE site_search MATCH '\"{word.TrimEnd('*')}\"{(word.EndsWith('*') ? "*" : string.Empty)}' ORDER BY bm25(site_search), rowid");
        }

        return rows;
    }

    private static SortedDictionary<string, byte[]> Files(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).StartsWith(".dateline", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);
}
