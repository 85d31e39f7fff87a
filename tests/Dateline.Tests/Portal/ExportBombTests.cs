using System.IO.Compression;
using System.Text;
using Dateline.Portal;
using Dateline.Tests.Support;
using SharpCompress.Compressors.BZip2;

namespace Dateline.Tests.Portal;

/// <summary>
/// Exports whose pages hold more text than any day page does (issue 14, item 2): the page is
/// refused with the export's file and line and the pages after it are read. The memory an import
/// of a bomb takes is measured in bench/ (BENCHMARKS.md, "Hardening (issue 14)").
/// </summary>
public sealed class ExportBombTests
{
    private const string Head = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\" version=\"0.10\">\n";

    private static string DayPage(string title, int id, string text) =>
        $"  <page>\n    <title>{title}</title>\n    <ns>100</ns>\n    <revision>\n      <id>{id}</id>\n      <text xml:space=\"preserve\">{text}</text>\n    </revision>\n  </page>\n";

    private static string DayText(int day, string headline) =>
        $"{{{{Current events|year=2017|month=09|day={day}|content=\n&lt;!-- All news items below this line --&gt;\n*{headline}\n&lt;!-- All news items above this line --&gt;}}}}";

    /// <summary>A good day, a day whose text is <paramref name="chars"/> long, a good day; written through the compressor a piece at a time.</summary>
    private static void WriteBomb(Stream output, int chars)
    {
        void Write(string text) => output.Write(Encoding.UTF8.GetBytes(text));
        Write(Head);
        Write(DayPage("Portal:Current events/2017 September 1", 11, DayText(1, "Before the bomb.")));
        Write("  <page>\n    <title>Portal:Current events/2017 September 2</title>\n    <ns>100</ns>\n    <revision>\n      <id>12</id>\n      <text xml:space=\"preserve\">");
        var block = Encoding.UTF8.GetBytes(new string('x', 1 << 16));
        for (int left = chars; left > 0; left -= block.Length)
        {
            output.Write(block, 0, Math.Min(left, block.Length));
        }

        Write("</text>\n    </revision>\n  </page>\n");
        Write(DayPage("Portal:Current events/2017 September 3", 13, DayText(3, "After the bomb.")));
        Write("</mediawiki>\n");
    }

    [Theory]
    [InlineData("export.xml.gz")]
    [InlineData("export.xml.bz2")]
    [InlineData("export.xml")]
    public void A_page_with_more_than_16_Mi_characters_of_text_is_refused_with_its_line_and_the_rest_is_read(string name)
    {
        using var work = new TempFolder();
        var path = work.File(name);
        using (var file = File.Create(path))
        using (Stream compressed = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest)
            : name.EndsWith(".bz2", StringComparison.Ordinal) ? BZip2Stream.Create(file, SharpCompress.Compressors.CompressionMode.Compress, decompressConcatenated: false)
            : new BufferedStream(file))
        {
            WriteBomb(compressed, ExportReader.MaxWikitextChars + 1);
        }

        var errors = new List<PortalError>();
        var pages = PortalInputs.Read([path], errors.Add).ToList();

        Assert.Equal(["Portal:Current events/2017 September 1", "Portal:Current events/2017 September 3"], pages.Select(p => p.Title));
        var refused = Assert.Single(errors);
        Assert.Equal(path, refused.Source);
        Assert.Equal(18, refused.Line); // the line of the bomb's <text>
        Assert.Contains("Portal:Current events/2017 September 2", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("16 Mi characters", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_of_exactly_the_bound_is_read()
    {
        using var work = new TempFolder();
        var path = work.File("export.xml");
        using (var file = File.Create(path))
        {
            WriteBomb(file, ExportReader.MaxWikitextChars);
        }

        var errors = new List<PortalError>();
        var pages = PortalInputs.Read([path], errors.Add).ToList();

        Assert.Empty(errors);
        Assert.Equal(ExportReader.MaxWikitextChars, pages[1].Wikitext.Length);
    }

    [Fact]
    public void A_title_longer_than_any_title_refuses_its_page_only()
    {
        using var work = new TempFolder();
        var path = work.Write("export.xml", Head +
            DayPage("Portal:Current events/2017 September 1 " + new string('y', 10_000), 11, DayText(1, "Long title.")) +
            DayPage("Portal:Current events/2017 September 3", 13, DayText(3, "After it.")) + "</mediawiki>\n");

        var errors = new List<PortalError>();
        var pages = PortalInputs.Read([path], errors.Add).ToList();

        Assert.Equal(["Portal:Current events/2017 September 3"], pages.Select(p => p.Title));
        Assert.Equal(3, Assert.Single(errors).Line);
    }
}
