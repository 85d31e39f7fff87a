using System.Globalization;
using Dateline.Building;
using Dateline.Portal;
using Dateline.Store;
using Dateline.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dateline.Tests;

/// <summary>
/// An archive made by an older release is brought up to this reader's reading from the
/// wikitext it keeps: by 'reparse', and by the first build after an upgrade, which then
/// follows the last build. One transaction; the days that read the same are left alone.
/// </summary>
public sealed class ArchiveReparseTests : IDisposable
{
    private const string OlderDay = "2019-10-27";

    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    private string Db => work.File("archive.db");

    private string Out => work.File("site");

    private static string[] SampleDays => [.. Directory.GetFiles(Path.Combine(TestPaths.Samples, "portal"), "*.wiki").Order(StringComparer.Ordinal)];

    [Fact]
    public void Reparse_gives_an_older_readers_day_this_readers_events_and_leaves_the_other_days_alone()
    {
        Import(SampleDays);
        var fresh = Events();
        ReadAsAnOlderReader();
        var ids = EventIds();

        var run = CliRun.Of("reparse", "--db", Db);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([$"{OlderDay}: 1 added, 0 removed, 2 changed"], DayLines(run.Output));
        Assert.Contains($"Read {SampleDays.Length} stored days again", run.Output, StringComparison.Ordinal);
        Assert.Contains($"1 changed (events: 1 added, 0 removed, 2 changed), {SampleDays.Length - 1} unchanged", run.Output, StringComparison.Ordinal);
        Assert.Equal(fresh, Events()); // as this reader reads the pages
        var after = EventIds();
        foreach (var (date, before) in ids)
        {
            if (date == OlderDay)
            {
                Assert.Empty(after[date].Intersect(before)); // stored again
            }
            else
            {
                Assert.Equal(before, after[date]); // untouched: the same rows
            }
        }

        Assert.Equal(0L, Scalar("SELECT count(*) FROM days WHERE reader <> " + DayPageParser.ReaderVersion.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(1L, Scalar("SELECT sum(rereadings) FROM days"));
    }

    [Fact]
    public void A_second_reparse_changes_nothing_and_says_so()
    {
        Import(SampleDays);
        ReadAsAnOlderReader();
        Assert.Equal(0, CliRun.Of("reparse", "--db", Db).ExitCode);
        var ids = EventIds();

        var again = CliRun.Of("reparse", "--db", Db);
        var all = CliRun.Of("reparse", "--all", "--db", Db);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Read 0 stored days again", again.Output, StringComparison.Ordinal);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains($"Read {SampleDays.Length} stored days again", all.Output, StringComparison.Ordinal);
        Assert.Contains($"0 changed (events: 0 added, 0 removed, 0 changed), {SampleDays.Length} unchanged", all.Output, StringComparison.Ordinal);
        Assert.Empty(DayLines(again.Output));
        Assert.Empty(DayLines(all.Output));
        Assert.Equal(ids, EventIds());
        Assert.Equal(1L, Scalar("SELECT sum(rereadings) FROM days")); // only the first re-reading changed a day
    }

    [Fact]
    public void A_day_whose_stored_wikitext_no_longer_reads_is_named_and_keeps_its_events()
    {
        Import(SampleDays);
        Execute($"UPDATE days SET reader = 1, wikitext = 'garbage, not a day page' WHERE date = '{OlderDay}'");
        var ids = EventIds();
        var events = Events();

        var run = CliRun.Of("reparse", "--db", Db);

        Assert.Equal(1, run.ExitCode); // done, but a day was skipped
        Assert.Contains($"not read again: {OlderDay}:", run.Error, StringComparison.Ordinal);
        Assert.Contains("the day keeps its events", run.Error, StringComparison.Ordinal);
        Assert.Equal(ids, EventIds());
        Assert.Equal(events, Events());
        Assert.Equal(1L, Scalar($"SELECT reader FROM days WHERE date = '{OlderDay}'")); // tried again next time
    }

    [Fact]
    public void Importing_an_unchanged_page_replaces_an_older_readers_reading()
    {
        Import(SampleDays);
        var fresh = Events();
        ReadAsAnOlderReader();

        var run = CliRun.Of("import", Path.Combine(TestPaths.Samples, "portal", OlderDay + ".wiki"), "--db", Db);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 replaced", run.Output, StringComparison.Ordinal);
        Assert.Equal(fresh.Where(e => e.StartsWith(OlderDay, StringComparison.Ordinal)), Events().Where(e => e.StartsWith(OlderDay, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_reparse_interrupted_or_failing_leaves_the_archive_as_it_was()
    {
        Import(SampleDays);
        ReadAsAnOlderReader(); // every day to read again, the changed one among them
        var before = Snapshot();

        using (var store = ArchiveStore.Open(Db))
        {
            using var cancel = new CancellationTokenSource();
            Assert.ThrowsAny<OperationCanceledException>(() => ArchiveReparse.Run(store, progress: (done, _) =>
            {
                if (done == SampleDays.Length - 2)
                {
                    cancel.Cancel(); // most days stored in the transaction, among them the one that changed
                }
            }, cancel: cancel.Token));
            Assert.Throws<IOException>(() => ArchiveReparse.Run(store, progress: (done, _) =>
            {
                if (done == SampleDays.Length)
                {
                    throw new IOException("disk full"); // after the last day, before the commit
                }
            }));
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void The_first_build_after_an_upgrade_reads_the_older_days_again_and_follows_the_last_build()
    {
        Import(SampleDays);
        ReadAsAnOlderReader();
        using (var store = ArchiveStore.Open(Db))
        {
            ArchiveBuild.Run(store, Out); // the site the older release published from its reading
        }

        var before = Files(Out);

        var run = CliRun.Of("build", "--out", Out, "--db", Db);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Re-read {SampleDays.Length} days stored by an older reader: 1 changed (events: 1 added, 0 removed, 2 changed)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Followed the last build", run.Output, StringComparison.Ordinal);

        // Written: the day's own pages, and only pages that link to that day (its neighbours,
        // related lists that reach it, the month and the front page).
        var after = Files(Out);
        var written = after.Keys.Union(before.Keys)
            .Where(path => !before.TryGetValue(path, out var old) || !after.TryGetValue(path, out var now) || !old.AsSpan().SequenceEqual(now))
            .ToArray();
        var dayFolder = "news/2019/10/27/";
        Assert.Contains(written, path => path.StartsWith(dayFolder, StringComparison.Ordinal));
        Assert.All(written, path => Assert.True(
            path.StartsWith(dayFolder, StringComparison.Ordinal) || path is "news/index.md" or "news/2019/10/index.md"
                || Links(before, path, "/" + dayFolder) || Links(after, path, "/" + dayFolder),
            $"{path} was written though it shows nothing of {OlderDay}"));
        Assert.True(written.Length < before.Count / 4, $"{written.Length} of {before.Count} files written");

        // And the result is a full build's, byte for byte.
        var fresh = work.File("fresh");
        Assert.Equal(0, CliRun.Of("build", "--out", fresh, "--db", Db).ExitCode);
        var expected = Files(fresh);
        Assert.Equal(expected.Keys, after.Keys);
        Assert.All(expected, file => Assert.True(file.Value.AsSpan().SequenceEqual(after[file.Key]), $"{file.Key} differs from the full build's"));

        var next = CliRun.Of("build", "--out", Out, "--db", Db);
        Assert.DoesNotContain("Re-read", next.Output, StringComparison.Ordinal);
        Assert.Contains(" 0 written", next.Output, StringComparison.Ordinal);
    }

    /// <summary>The lines naming a day that changed ("2019-10-27: 1 added, 0 removed, 2 changed").</summary>
    private static string[] DayLines(string output) =>
        [.. output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d{4}-\d{2}-\d{2}: "))];

    private static bool Links(SortedDictionary<string, byte[]> files, string path, string target) =>
        files.TryGetValue(path, out var bytes) && System.Text.Encoding.UTF8.GetString(bytes).Contains(target, StringComparison.Ordinal);

    /// <summary>
    /// What an older reader left of the sample's 2019-10-27: every day marked as its reading; on
    /// that day a headline read otherwise, an entity the new reader does not see, the last event missed.
    /// </summary>
    private void ReadAsAnOlderReader() => Execute($"""
        UPDATE days SET reader = 1;
        UPDATE events SET headline = 'Donald Trump announces, as an older reader read it' WHERE date = '{OlderDay}' AND position = 1;
        INSERT INTO event_entities(event_id, ordinal, title, story)
            SELECT id, 99, 'Uruguay', 0 FROM events WHERE date = '{OlderDay}' AND position = 4;
        DELETE FROM event_entities WHERE event_id = (SELECT id FROM events WHERE date = '{OlderDay}' AND position = 6);
        DELETE FROM citations WHERE event_id = (SELECT id FROM events WHERE date = '{OlderDay}' AND position = 6);
        DELETE FROM events WHERE date = '{OlderDay}' AND position = 6;
        """);

    private void Import(params string[] files)
    {
        var run = CliRun.Of(["import", .. files, "--db", Db]);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>Every stored event as one line of text, without its id: what a reading gave.</summary>
    private List<string> Events() => Rows("""
        SELECT e.date || ' ' || e.position || ' ' || e.category || ' ' || e.stories || ' ' || e.headline || ' ' || e.line
            || ' [' || coalesce((SELECT group_concat(x.title || '/' || x.story, '|') FROM (SELECT * FROM event_entities WHERE event_id = e.id ORDER BY ordinal) x), '') || ']'
            || ' [' || coalesce((SELECT group_concat(c.label || ' ' || c.url, '|') FROM (SELECT * FROM citations WHERE event_id = e.id ORDER BY ordinal) c), '') || ']'
        FROM events e ORDER BY e.date, e.position
        """);

    private Dictionary<string, long[]> EventIds()
    {
        var ids = new Dictionary<string, List<long>>();
        foreach (var row in Rows("SELECT date || ' ' || id FROM events ORDER BY date, position"))
        {
            var parts = row.Split(' ');
            (ids.TryGetValue(parts[0], out var list) ? list : ids[parts[0]] = []).Add(long.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        return ids.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    /// <summary>Everything a re-reading may write: the days' records and the events with their ids.</summary>
    private List<string> Snapshot() =>
    [
        .. Rows("SELECT date || ' ' || reader || ' ' || rereadings || ' ' || dropped_templates || ' ' || sha256 FROM days ORDER BY date"),
        .. Rows("SELECT id || ' ' || date || ' ' || position || ' ' || headline FROM events ORDER BY id"),
        .. Rows("SELECT event_id || ' ' || ordinal || ' ' || title || ' ' || story FROM event_entities ORDER BY event_id, ordinal"),
        .. Rows("SELECT event_id || ' ' || ordinal || ' ' || url FROM citations ORDER BY event_id, ordinal"),
    ];

    private List<string> Rows(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Open();
        return connection;
    }

    private static SortedDictionary<string, byte[]> Files(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).StartsWith(".dateline", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);
}
