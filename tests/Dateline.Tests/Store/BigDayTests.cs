using Dateline.Model;
using Dateline.Portal;
using Dateline.Store;
using Dateline.Tests.Support;
using SQLitePCL;

namespace Dateline.Tests.Store;

/// <summary>
/// One very large day (issue 14, item 5): storing its events costs what storing them over many
/// days does, and no headline is stored longer than its bound. Times are in BENCHMARKS.md
/// ("Hardening (issue 14)", bench/Dateline.Hardening).
/// </summary>
public sealed class BigDayTests : IDisposable
{
    private static readonly DateOnly Date = new(2020, 3, 1);
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    private static Day Events(int count) => new(Date, [.. Enumerable.Range(1, count).Select(i =>
        new Event(Date, i, "Sports", ["Story"], $"Event {i}.", [$"Team {i % 50}"], [new Citation("A", $"https://a.example/{i}")], i))]);

    /// <summary>Pages SQLite fetched (from its cache or the file) while storing one day whose page text is <paramref name="textChars"/> long.</summary>
    private long PagesFetchedStoring(string name, int events, int textChars)
    {
        using var store = ArchiveStore.Open(work.File(name));
        var db = store.Connection.Handle!;
        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_CACHE_HIT, out _, out _, 1);
        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_CACHE_MISS, out _, out _, 1);
        using (var batch = store.BeginImport())
        {
            batch.StoreDay(new DayPageRecord(Date, "t", "s", "TemplateContent", null, null, new string('w', textChars)), Events(events));
            batch.Commit();
        }

        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_CACHE_HIT, out int hits, out _, 0);
        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_CACHE_MISS, out int misses, out _, 0);
        return hits + misses;
    }

    [Fact]
    public void Storing_a_days_events_does_not_read_the_days_page_text_once_per_event()
    {
        // Each event's foreign key looks its day up; were the 2 MB text in the day's row by
        // then, each lookup would read its ~500 overflow pages: a million page reads.
        long small = PagesFetchedStoring("small.db", 2000, 100);
        long large = PagesFetchedStoring("large.db", 2000, 2 * 1024 * 1024);

        long textPages = 2 * 1024 * 1024 / 4096;
        Assert.True(large < small + (4 * textPages), $"{large:N0} page fetches with a 2 MB text against {small:N0} with a small one");
    }

    [Fact]
    public void A_headline_beyond_the_bound_is_stored_cut_at_a_word_and_the_import_names_its_line()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 20_000)); // 99,999 characters
        var path = work.Write("in/" + DayPages.FileName(Date), DayPages.TemplateContent(Date, $"'''Sports'''\n*Short one.\n*{words}\n"));
        using var store = ArchiveStore.Open(work.File("a.db"));

        var report = ArchiveImport.Run(store, [path]);

        var stored = store.ReadArchive().Events.Select(e => e.Headline).ToList();
        Assert.Equal(2, stored.Count);
        Assert.True(stored[1].Length <= Headlines.MaxChars, $"{stored[1].Length:N0} characters stored");
        Assert.EndsWith("word…", stored[1], StringComparison.Ordinal);
        var warning = Assert.Single(report.Errors);
        Assert.Equal(5, warning.Line);
        Assert.Contains("99,999 characters", warning.Reason, StringComparison.Ordinal);
        Assert.Equal(words, store.ReadWikitext(Date)!.Split('\n')[4].TrimStart('*')); // the raw text keeps it whole
    }

    [Theory]
    [InlineData(3999, false)]
    [InlineData(4000, false)]
    [InlineData(4001, true)]
    public void The_bound_is_4000_characters(int length, bool cut)
    {
        var headline = new string('a', length);
        var bounded = Headlines.Bounded(headline);
        Assert.Equal(cut, bounded != headline);
        Assert.True(bounded.Length <= Headlines.MaxChars);
    }

    [Fact]
    public void A_cut_never_splits_a_character()
    {
        var headline = new string('a', Headlines.MaxChars - 2) + string.Concat(Enumerable.Repeat("😀", 10));
        var bounded = Headlines.Bounded(headline);
        Assert.EndsWith("…", bounded, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(bounded[^2]));
    }
}
