using Dateline.Model;
using Dateline.Portal;
using Dateline.Store;
using Dateline.Tests.Support;

namespace Dateline.Tests.Store;

/// <summary>The day is the unit of change; one import is one transaction; bad pages are skipped, good ones kept.</summary>
public sealed class ImportTests : IDisposable
{
    private static readonly DateOnly Day1 = new(2020, 3, 1);
    private static readonly DateOnly Day2 = new(2020, 3, 2);
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public void Importing_a_day_again_replaces_its_events_and_the_same_page_twice_changes_nothing()
    {
        var path = work.Write("in/" + DayPages.FileName(Day1), DayPages.TemplateContent(Day1, "'''Sports'''\n*[[Ajax]] win the cup. [https://a.example/1 (A)]\n*[[PSV]] lose. [https://a.example/2 (B)]"));
        using var store = ArchiveStore.Open(work.File("a.db"));

        var first = ArchiveImport.Run(store, [path]);
        Assert.Equal((1, 0, 2), (first.Added, first.Replaced, first.Events));

        var again = ArchiveImport.Run(store, [path]);
        Assert.Equal((0, 0, 1), (again.Added, again.Replaced, again.Unchanged));

        File.WriteAllText(path, DayPages.TemplateContent(Day1, "'''Sports'''\n*[[Feyenoord]] draw. [https://a.example/3 (C)]"));
        var changed = ArchiveImport.Run(store, [path]);
        Assert.Equal(1, changed.Replaced);

        var archive = store.ReadArchive();
        var only = Assert.Single(archive.Events);
        Assert.Equal("Feyenoord draw. ", only.Headline);
        Assert.Equal(["Feyenoord"], only.Entities);
        Assert.Equal([new Citation("C", "https://a.example/3")], only.Citations);
    }

    [Fact]
    public void Headlines_are_read_the_same_for_a_few_keys_and_for_thousands()
    {
        var path = work.Write("in/" + DayPages.FileName(Day1), DayPages.TemplateContent(Day1, "'''Sports'''\n*[[Ajax]] win the cup. [https://a.example/1 (A)]\n*[[PSV]] lose. [https://a.example/2 (B)]"));
        using var store = ArchiveStore.Open(work.File("a.db"));
        ArchiveImport.Run(store, [path]);

        // A few keys are looked up one by one; thousands (here mostly keys of no event) are found in one pass.
        var few = store.ReadHeadlines([(Day1, 2), (Day1, 1), (Day1, 3), (Day2, 1)]);
        var many = store.ReadHeadlines([.. Enumerable.Range(1, 6000).Select(p => (Day1, p)), .. Enumerable.Range(1, 10).Select(p => (Day2, p))]);

        Assert.Equal(new Dictionary<(DateOnly, int), string> { [(Day1, 1)] = "Ajax win the cup. ", [(Day1, 2)] = "PSV lose. " }, few);
        Assert.Equal(few, many);
    }

    [Fact]
    public void A_newer_export_revision_wins_and_an_older_one_is_passed_over()
    {
        using var store = ArchiveStore.Open(work.File("a.db"));
        var newer = work.Write("newer.xml", Export(Day1, revision: 20, "*Newer text. [https://n.example/1 N]"));
        var older = work.Write("older.xml", Export(Day1, revision: 10, "*Older text. [https://o.example/1 O]"));

        Assert.Equal(1, ArchiveImport.Run(store, [newer]).Added);
        var report = ArchiveImport.Run(store, [older]);
        Assert.Equal(1, report.Older);
        Assert.Equal("Newer text. ", Assert.Single(store.ReadArchive().Events).Headline);
    }

    [Fact]
    public void Bad_pages_are_reported_with_file_line_and_reason_and_the_good_ones_are_imported()
    {
        var good = work.Write("in/" + DayPages.FileName(Day1), DayPages.Sandwich(Day1, "*Good news. [https://g.example/1 G]"));
        var noMarkers = work.Write("in/2020-03-02.wiki", "{{Current events|year=2020|month=03|day=2|content=\n*No markers here.\n}}");
        var wrongDate = work.Write("in/2020-03-03.wiki", "\n\n" + DayPages.TemplateContent(new DateOnly(2020, 3, 4), "*Dated wrongly."));
        var badBytes = work.File("in/2020-03-05.wiki");
        File.WriteAllBytes(badBytes, [.. "{{Current events|year=2020|month=03|day=5|content=\nline two\n"u8.ToArray(), 0xC3, 0x28, (byte)'\n']);
        using var store = ArchiveStore.Open(work.File("a.db"));

        var report = ArchiveImport.Run(store, [work.File("in")]);

        Assert.Equal(1, report.Added);
        Assert.Equal(3, report.Errors.Count);
        var missing = Assert.Single(report.Errors, e => e.Source == noMarkers);
        Assert.Contains("marker", missing.Reason, StringComparison.Ordinal);
        var mismatch = Assert.Single(report.Errors, e => e.Source == wrongDate);
        Assert.Equal(3, mismatch.Line); // the template stands on the third line of the file
        Assert.Contains("2020-03-04", mismatch.Reason, StringComparison.Ordinal);
        Assert.Contains("2020-03-03", mismatch.Reason, StringComparison.Ordinal);
        var encoding = Assert.Single(report.Errors, e => e.Source == badBytes);
        Assert.Equal(3, encoding.Line); // the bad byte opens the third line
        Assert.Contains("UTF-8", encoding.Reason, StringComparison.Ordinal);
        Assert.Equal("Good news. ", store.ReadArchive().Days.Single().Events.Single().Headline);
        Assert.True(File.Exists(good));
    }

    [Fact]
    public void An_import_stopped_halfway_leaves_the_archive_as_it_was()
    {
        var first = work.Write("one/" + DayPages.FileName(Day1), DayPages.TemplateContent(Day1, "*Kept. [https://k.example/1 K]"));
        using var store = ArchiveStore.Open(work.File("a.db"));
        ArchiveImport.Run(store, [first]);

        work.Write("two/" + DayPages.FileName(Day1), DayPages.TemplateContent(Day1, "*Replacement that must not land."));
        work.Write("two/" + DayPages.FileName(Day2), DayPages.TemplateContent(Day2, "*New day that must not land."));
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => ArchiveImport.Run(store, [work.File("two")], progress: pages =>
        {
            if (pages == 1)
            {
                cancel.Cancel(); // the first page is stored inside the transaction; then the import dies
            }
        }, cancel: cancel.Token));

        // A second connection sees only committed data.
        using var reopened = ArchiveStore.Open(work.File("a.db"));
        var archive = reopened.ReadArchive();
        Assert.Equal("Kept. ", Assert.Single(archive.Events).Headline);
    }

    [Fact]
    public void The_raw_wikitext_of_each_day_is_kept_and_the_schema_is_versioned()
    {
        var text = DayPages.HeaderTable(Day1, ";Law and crime\n*A court rules. <!-- keep me -->");
        var path = work.Write(DayPages.FileName(Day1), text);
        using var store = ArchiveStore.Open(work.File("a.db"));
        ArchiveImport.Run(store, [path]);

        Assert.Equal(text, store.ReadWikitext(Day1));
        Assert.Equal(Schema.CurrentVersion, store.SchemaVersion); // every migration applied, whoever added the last one
    }

    [Fact]
    public void Redirects_are_stored_and_a_new_table_applies_without_reimport()
    {
        var page = work.Write(DayPages.FileName(Day1), DayPages.TemplateContent(Day1, "*[[ISIL]] attacks. [https://x.example/1 X]"));
        var table = work.Write("r.tsv", "ISIL\tIslamic State\n");
        using var store = ArchiveStore.Open(work.File("a.db"));
        ArchiveImport.Run(store, [page], table);
        Assert.Equal("Islamic State", store.ReadRedirects().Resolve("ISIL"));

        File.WriteAllText(table, "ISIL\tIslamic State of Iraq and the Levant\n");
        ArchiveImport.StoreRedirects(store, table);
        Assert.Equal("Islamic State of Iraq and the Levant", store.ReadRedirects().Resolve("ISIL"));
        Assert.Equal(["ISIL"], store.ReadArchive().Events.Single().Entities); // stored as linked
    }

    private static string Export(DateOnly date, long revision, string items)
    {
        var text = System.Security.SecurityElement.Escape(DayPages.TemplateContent(date, items));
        return $"""
            <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
              <page>
                <title>{PortalTitle.For(date)}</title>
                <ns>100</ns>
                <id>5</id>
                <revision>
                  <id>{revision}</id>
                  <timestamp>2020-03-02T10:00:00Z</timestamp>
                  <text bytes="1" xml:space="preserve">{text}</text>
                </revision>
              </page>
            </mediawiki>
            """;
    }
}
