using System.IO.Compression;
using System.Security;
using System.Text;
using Dateline.Portal;
using Dateline.Tests.Support;
using SharpCompress.Compressors.BZip2;

namespace Dateline.Tests.Portal;

/// <summary>
/// MediaWiki XML exports (plain, gzip, bzip2), day-page files and folders, read through
/// <see cref="PortalInputs"/> as the import reads them, errors with their file and line.
/// </summary>
public sealed class ExportReaderTests
{
    private static string DayText(string date, string headline) =>
        $"{{{{Current events|{date}|content=\n<!-- All news items below this line -->\n*{headline}\n<!-- All news items above this line -->}}}}";

    private static string Page(string title, params (long Id, string Text)[] revisions)
    {
        var xml = new StringBuilder();
        xml.Append("  <page>\n    <title>").Append(SecurityElement.Escape(title)).Append("</title>\n    <ns>100</ns>\n    <id>7</id>\n");
        foreach (var (id, text) in revisions)
        {
            xml.Append("    <revision>\n      <id>").Append(id).Append("</id>\n      <timestamp>2017-09-29T10:00:00Z</timestamp>\n")
                .Append("      <contributor><username>Someone</username><id>1</id></contributor>\n")
                .Append("      <text bytes=\"").Append(text.Length).Append("\" xml:space=\"preserve\">").Append(SecurityElement.Escape(text)).Append("</text>\n")
                .Append("    </revision>\n");
        }

        return xml.Append("  </page>\n").ToString();
    }

    /// <summary>
    /// Two day pages, a day page with two revisions (the newer, id 30, listed first), the month's
    /// page, an article and a talk page about a day page: three day pages in all.
    /// </summary>
    private static string Export() =>
        "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\" version=\"0.10\" xml:lang=\"en\">\n" +
        "  <siteinfo>\n    <sitename>Wikipedia</sitename>\n  </siteinfo>\n" +
        Page("Portal:Current events/2017 September 28", (11, DayText("year=2017|month=09|day=28", "First day & <more>."))) +
        Page("Portal:Current events/2017 September", (12, "{{Current events month}} *not a day")) +
        Page("Islamic State", (13, DayText("year=2017|month=09|day=28", "An article, not news."))) +
        Page("Portal:Current events/2017 September 29", (30, DayText("year=2017|month=09|day=29", "Newest revision.")), (20, DayText("year=2017|month=09|day=29", "Older revision."))) +
        Page("Portal talk:Current events/2017 September 30", (14, DayText("year=2017|month=09|day=30", "Talk."))) +
        Page("Portal:Current events/2017 October 1", (15, DayText("year=2017|month=10|day=1", "Last day."))) +
        "</mediawiki>\n";

    private static (List<PortalPageText> Pages, List<PortalError> Errors) ReadAll(params string[] paths)
    {
        var errors = new List<PortalError>();
        var pages = PortalInputs.Read(paths, errors.Add).ToList();
        return (pages, errors);
    }

    private static void AssertTheExportsPages(List<PortalPageText> pages, string source)
    {
        Assert.Equal(
            ["Portal:Current events/2017 September 28", "Portal:Current events/2017 September 29", "Portal:Current events/2017 October 1"],
            pages.Select(p => p.Title));
        Assert.All(pages, p => Assert.Equal(source, p.Source));
        Assert.Equal([new DateOnly(2017, 9, 28), new DateOnly(2017, 9, 29), new DateOnly(2017, 10, 1)], pages.Select(p => p.ExpectedDate));
        Assert.Equal([11L, 30L, 15L], pages.Select(p => p.RevisionId));
        Assert.Equal(new DateTimeOffset(2017, 9, 29, 10, 0, 0, TimeSpan.Zero), pages[0].RevisionTime);

        var headlines = pages.Select(p => DayPageParser.Parse(p.Wikitext, p.ExpectedDate, p.ExpectedFrom)).Select(d => Assert.Single(d.Day.Events).Headline);
        Assert.Equal(["First day & <more>.", "Newest revision.", "Last day."], headlines);
    }

    [Fact]
    public void A_plain_export_yields_its_day_pages_newest_revision_first()
    {
        using var work = new TempFolder();
        var path = work.Write("export.xml", Export());
        var (pages, errors) = ReadAll(path);
        Assert.Empty(errors);
        AssertTheExportsPages(pages, path);
    }

    [Fact]
    public void A_gzip_export_reads_like_the_plain_one()
    {
        using var work = new TempFolder();
        var path = work.File("export.xml.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Export()));
        }

        Assert.Equal(0x1F, File.ReadAllBytes(path)[0]); // really compressed
        var (pages, errors) = ReadAll(path);
        Assert.Empty(errors);
        AssertTheExportsPages(pages, path);
    }

    [Fact]
    public void A_bzip2_export_reads_like_the_plain_one()
    {
        using var work = new TempFolder();
        var path = work.File("export.xml.bz2");
        WriteBzip2(path, Encoding.UTF8.GetBytes(Export()));
        Assert.Equal("BZh", Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 3));
        var (pages, errors) = ReadAll(path);
        Assert.Empty(errors);
        AssertTheExportsPages(pages, path);
    }

    [Fact]
    public void A_compressed_export_is_recognised_by_its_bytes_whatever_its_name()
    {
        using var work = new TempFolder();
        var path = work.File("dump.wiki");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Export()));
        }

        var (pages, errors) = ReadAll(path);
        Assert.Empty(errors);
        AssertTheExportsPages(pages, path);
    }

    private static void WriteBzip2(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var bzip2 = BZip2Stream.Create(file, SharpCompress.Compressors.CompressionMode.Compress, decompressConcatenated: false);
        bzip2.Write(bytes);
    }

    [Fact]
    public void Page_lines_map_to_lines_of_the_export_file()
    {
        using var work = new TempFolder();
        var xml = Export();
        var path = work.Write("export.xml", xml);
        var (pages, _) = ReadAll(path);
        var lines = xml.Split('\n');
        foreach (var page in pages)
        {
            // The page's first line is on the file line its <text> element starts on.
            var first = page.Wikitext.Split('\n')[0];
            Assert.Contains(SecurityElement.Escape(first), lines[page.FileLine(1) - 1], StringComparison.Ordinal);
            var bullet = page.Wikitext.Split('\n')[2];
            Assert.StartsWith(SecurityElement.Escape(bullet), lines[page.FileLine(3) - 1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_day_page_of_an_export_that_disagrees_with_its_title_is_reported_with_title_and_line()
    {
        using var work = new TempFolder();
        var xml = "<mediawiki>\n" + Page("Portal:Current events/2017 September 28", (1, DayText("year=2017|month=09|day=27", "Wrong."))) + "</mediawiki>\n";
        var path = work.Write("export.xml", xml);
        using var store = Dateline.Store.ArchiveStore.Open(work.File("a.db"));
        var report = ArchiveImport.Run(store, [path]);
        var error = Assert.Single(report.Errors);
        Assert.Contains(path, error.Source, StringComparison.Ordinal);
        Assert.Contains("2017 September 28", error.Source, StringComparison.Ordinal);
        Assert.Contains("2017-09-27", error.Reason, StringComparison.Ordinal);
        Assert.Contains("2017-09-28", error.Reason, StringComparison.Ordinal);
        int templateLine = xml.Split('\n').ToList().FindIndex(l => l.Contains("{{Current events", StringComparison.Ordinal)) + 1;
        Assert.Equal(templateLine, error.Line);
        Assert.Equal(0, report.Pages);
    }

    [Fact]
    public void A_truncated_export_reports_file_and_line_and_keeps_the_pages_before_the_cut()
    {
        using var work = new TempFolder();
        var xml = Export();
        int cut = xml.IndexOf("Newest revision.", StringComparison.Ordinal);
        var truncated = xml[..cut];
        var path = work.Write("export.xml", truncated);

        var (pages, errors) = ReadAll(path);

        Assert.Equal(["Portal:Current events/2017 September 28"], pages.Select(p => p.Title));
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Source);
        Assert.Equal(truncated.Split('\n').Length, error.Line); // the last line, where the file breaks off
        Assert.Contains("before this point were read", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_gzip_export_is_reported_and_keeps_the_pages_before_the_cut()
    {
        using var work = new TempFolder();
        var filler = Convert.ToHexString(new Random(7).GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], 150_000));
        var xml = "<mediawiki>\n" +
            Page("Portal:Current events/2017 September 28", (1, DayText("year=2017|month=09|day=28", "Before the cut."))) +
            Page("Filler", (2, filler)) +
            Page("Portal:Current events/2017 October 1", (3, DayText("year=2017|month=10|day=1", "After the cut."))) +
            "</mediawiki>\n";
        var full = new MemoryStream();
        using (var gzip = new GZipStream(full, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(xml));
        }

        var path = work.File("export.xml.gz");
        File.WriteAllBytes(path, full.ToArray()[..(int)(full.Length / 2)]); // the cut falls inside the filler
        var (pages, errors) = ReadAll(path);
        Assert.Equal(["Portal:Current events/2017 September 28"], pages.Select(p => p.Title));
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Source);
    }

    private static string FillerExport(int fillerBytes)
    {
        var filler = Convert.ToHexString(new Random(11).GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], fillerBytes));
        return "<mediawiki>\n" +
            Page("Portal:Current events/2017 September 28", (1, DayText("year=2017|month=09|day=28", "Before the cut."))) +
            Page("Filler", (2, filler)) +
            Page("Portal:Current events/2017 October 1", (3, DayText("year=2017|month=10|day=1", "After the cut."))) +
            "</mediawiki>\n";
    }

    [Fact]
    public void A_bzip2_export_cut_inside_its_first_block_is_reported_not_thrown()
    {
        using var work = new TempFolder();
        var whole = work.File("whole.xml.bz2");
        WriteBzip2(whole, Encoding.UTF8.GetBytes(FillerExport(100_000)));
        var bytes = File.ReadAllBytes(whole);
        var path = work.File("export.xml.bz2");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var (pages, errors) = ReadAll(path);
        Assert.Empty(pages); // a bzip2 block is all or nothing
        Assert.Equal(path, Assert.Single(errors).Source);
    }

    [Fact]
    public void A_truncated_bzip2_export_is_reported_and_keeps_the_pages_before_the_cut()
    {
        using var work = new TempFolder();
        var whole = work.File("whole.xml.bz2");
        WriteBzip2(whole, Encoding.UTF8.GetBytes(FillerExport(1_000_000))); // bzip2 blocks hold 900 kB: this makes three
        var bytes = File.ReadAllBytes(whole);
        var path = work.File("export.xml.bz2");
        File.WriteAllBytes(path, bytes[..(bytes.Length * 3 / 4)]);

        var (pages, errors) = ReadAll(path);
        Assert.Equal(["Portal:Current events/2017 September 28"], pages.Select(p => p.Title));
        Assert.Equal(path, Assert.Single(errors).Source);
    }

    [Theory]
    [InlineData("gzip", "export.xml.gz")]
    [InlineData("bzip2", "export.xml.bz2")]
    [InlineData("gzip", "dump.wiki")]
    [InlineData("bzip2", "dump.wiki")]
    public void A_corrupt_compressed_export_is_reported_not_thrown(string format, string name)
    {
        using var work = new TempFolder();
        var path = work.File(name);
        var garbage = new Random(3).GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], 5000);
        byte[] magic = format == "gzip" ? [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3] : [(byte)'B', (byte)'Z', (byte)'h', (byte)'9'];
        File.WriteAllBytes(path, [.. magic, .. garbage]);
        var good = work.Write("2017-09-28.wiki", DayText("year=2017|month=09|day=28", "Fine."));

        var (pages, errors) = ReadAll(path, good);
        Assert.Equal([good], pages.Select(p => p.Source)); // the next input is still read
        Assert.Equal(path, Assert.Single(errors).Source);
    }

    [Fact]
    public void Malformed_xml_is_reported_with_its_line()
    {
        using var work = new TempFolder();
        var xml = "<mediawiki>\n" + Page("Portal:Current events/2017 September 28", (1, DayText("year=2017|month=09|day=28", "Fine."))) + "  <page>\n    <title>x</titel>\n  </page>\n</mediawiki>\n";
        var path = work.Write("export.xml", xml);
        var (pages, errors) = ReadAll(path);
        Assert.Single(pages);
        var error = Assert.Single(errors);
        Assert.Equal(xml.Split('\n').ToList().FindIndex(l => l.Contains("</titel>", StringComparison.Ordinal)) + 1, error.Line);
    }

    [Fact]
    public void Invalid_utf8_in_a_day_page_file_names_the_line_of_the_bad_byte()
    {
        using var work = new TempFolder();
        var good = Encoding.UTF8.GetBytes("{{Current events|year=2017|month=09|day=28|content=\n<!-- All news items below this line -->\n*Caf\u00e9 one.\n*Two ");
        var rest = Encoding.UTF8.GetBytes(" three.\n<!-- All news items above this line -->}}\n");
        var path = work.File("2017-09-28.wiki");
        File.WriteAllBytes(path, [.. good, 0xC3, 0x28, .. rest]); // 0xC3 must be followed by a continuation byte
        var (pages, errors) = ReadAll(path);
        Assert.Empty(pages);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Source);
        Assert.Equal(4, error.Line);
        Assert.Contains("UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, 1)]
    [InlineData(new byte[] { (byte)'a', (byte)'\n', (byte)'\n', 0xED, 0xA0, 0x80 }, 3)] // an encoded surrogate
    [InlineData(new byte[] { (byte)'a', (byte)'\n', 0xE2, 0x82 }, 2)] // cut in the middle of a character
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'\n', 0xC0, 0x80 }, 2)] // overlong, after a byte-order mark
    public void Strict_utf8_decoding_finds_the_line_of_the_first_bad_byte(byte[] bytes, int line)
    {
        Assert.False(PortalInputs.TryDecodeUtf8(bytes, out _, out int badLine));
        Assert.Equal(line, badLine);
    }

    [Fact]
    public void A_byte_order_mark_is_dropped()
    {
        Assert.True(PortalInputs.TryDecodeUtf8([0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i'], out var text, out _));
        Assert.Equal("hi", text);
    }

    [Fact]
    public void A_folder_is_read_recursively_in_ordinal_path_order()
    {
        using var work = new TempFolder();
        string Day(string relative, int day) =>
            work.Write(relative, DayText($"year=2017|month=09|day={day}", $"Day {day}."));
        Day("b/2017-09-03.wiki", 3);
        Day("B.txt", 1);
        Day("a/z/deep.wikitext", 4);
        Day("a.mediawiki", 2);
        Day("a/Z.wiki", 5);
        work.Write("notes.md", "not a day page");
        work.Write(".hidden/2017-09-09.wiki", "not read");
        work.Write("exports/x.xml", "<mediawiki>\n" + Page("Portal:Current events/2017 September 6", (1, DayText("year=2017|month=09|day=6", "Day 6."))) + "</mediawiki>\n");

        var (pages, errors) = ReadAll(work.Path);
        Assert.Empty(errors);
        // Ordinal: upper case before lower case, '.' (0x2E) before '/' (0x2F).
        Assert.Equal(
            [work.File("B.txt"), work.File("a.mediawiki"), work.File("a/Z.wiki"), work.File("a/z/deep.wikitext"), work.File("b/2017-09-03.wiki"), work.File("exports/x.xml")],
            pages.Select(p => p.Source));
        Assert.Equal(new DateOnly(2017, 9, 3), pages[4].ExpectedDate);
        Assert.Equal("file name", pages[4].ExpectedFrom);
        Assert.Null(pages[0].ExpectedDate);
        Assert.Equal("Portal:Current events/2017 September 6", pages[5].Title);
    }

    [Fact]
    public void A_missing_input_is_reported_and_the_others_still_read()
    {
        using var work = new TempFolder();
        var good = work.Write("2017-09-28.wiki", DayText("year=2017|month=09|day=28", "Fine."));
        var missing = work.File("nope.wiki");
        var (pages, errors) = ReadAll(missing, good);
        Assert.Equal([good], pages.Select(p => p.Source));
        Assert.Equal(missing, Assert.Single(errors).Source);
    }

    [Fact]
    public void Page_titles_and_file_names_give_dates()
    {
        Assert.True(PortalTitle.TryParse("Portal:Current events/2017 September 28", out var date));
        Assert.Equal(new DateOnly(2017, 9, 28), date);
        Assert.False(PortalTitle.TryParse("Portal:Current events/2017 September", out _));
        Assert.False(PortalTitle.TryParse("Portal:Current events/2017 Septembre 28", out _));
        Assert.False(PortalTitle.TryParse("Portal:Current events/2017 February 30", out _));
        Assert.Equal("Portal:Current events/2017 September 8", PortalTitle.For(new DateOnly(2017, 9, 8)));
        Assert.True(PortalTitle.TryParseFileName("/x/2017-09-08.wiki", out date));
        Assert.Equal(new DateOnly(2017, 9, 8), date);
        Assert.True(PortalTitle.TryParseFileName("2017_September_8.txt", out date));
        Assert.Equal(new DateOnly(2017, 9, 8), date);
        Assert.False(PortalTitle.TryParseFileName("notes.txt", out _));
    }

    [Fact]
    public void The_import_command_names_file_and_line_of_each_unreadable_page_and_imports_the_rest()
    {
        using var work = new TempFolder();
        var folder = work.File("portal");
        var good = work.Write("portal/2017-09-28.wiki", DayText("year=2017|month=09|day=28", "Fine."));
        var wrongDate = work.Write("portal/2017-09-29.wiki", "\n\n" + DayText("year=2017|month=09|day=30", "Misfiled."));
        var cut = work.Write("portal/2017-09-30.wiki", "{{Current events|year=2017|month=09|day=30|content=\n\n<!-- All news items below this line -->\n*Cut short");
        var export = work.Write("portal/export.xml", Export()[..Export().IndexOf("Newest revision.", StringComparison.Ordinal)]);

        var run = CliRun.Of("import", folder, "--db", work.File("archive.db"));

        Assert.True(run.ExitCode == 1, run.ToString()); // partial: problems reported, the rest imported
        Assert.Contains($"{wrongDate}:3: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("2017-09-29", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{cut}:3: ", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{export}:{Export()[..Export().IndexOf("Newest revision.", StringComparison.Ordinal)].Split('\n').Length}: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(good, run.Error, StringComparison.Ordinal);
        Assert.Contains("Imported 2 day pages", run.Output, StringComparison.Ordinal); // the good file and the export's first page
    }
}
