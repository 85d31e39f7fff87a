using System.Globalization;
using System.Text.RegularExpressions;
using Dateline.Model;

namespace Dateline.Portal;

/// <summary>The three layouts the Portal's day pages have used over the years.</summary>
public enum DayPageLayout
{
    /// <summary><c>{{Current events header|2014|06|29}}</c> … <c>|}</c> (older pages).</summary>
    HeaderTable,

    /// <summary><c>{{Current events|year=…|content=</c> … <c>}}</c>.</summary>
    TemplateContent,

    /// <summary><c>{{Current events|…|top=yes}}</c> … <c>{{Current events|…|bottom=yes}}</c> (current).</summary>
    Sandwich,
}

/// <summary>A day page read into its events.</summary>
/// <param name="DroppedTemplates">Templates in the news items that print text this reader does not know, by name, with how often each stood there: text a reader of the page sees that the archive lacks.</param>
public sealed record DayPage(DateOnly Date, DayPageLayout Layout, Day Day, IReadOnlyDictionary<string, int> DroppedTemplates);

/// <summary>
/// Reads one day page's wikitext into its events (FORMAT.md, "Input: the Portal's day pages").
/// Throws <see cref="DayPageException"/> with the page's line when the page cannot be read.
/// </summary>
public static partial class DayPageParser
{
    /// <summary>
    /// The version of this reader. Each stored day records the version that read it; days read
    /// by an older one are read again from their stored wikitext (<c>dateline reparse</c>).
    /// Raise it whenever a change to the reader can change what a day page gives.
    /// </summary>
    public const int ReaderVersion = 2;

    /// <summary>Templates whose text a reader could not show (see <see cref="DayPage.DroppedTemplates"/>) as one line, most frequent first: "{{Foo}} ×3, {{Bar}} ×1".</summary>
    public static string DescribeDropped(IReadOnlyDictionary<string, int> dropped) => TextTemplates.Describe(dropped);

    private const string BelowMarker = "All news items below this line";
    private const string AboveMarker = "All news items above this line";

    /// <param name="wikitext">The page's wikitext.</param>
    /// <param name="expectedDate">The date a title or file name gives, if any; a template that disagrees is an error.</param>
    /// <param name="expectedFrom">What gave <paramref name="expectedDate"/>, for the message ("title", "file name").</param>
    public static DayPage Parse(string wikitext, DateOnly? expectedDate = null, string expectedFrom = "title")
    {
        var (date, layout, templateLine) = ReadDate(wikitext, expectedDate);
        if (expectedDate is { } expected && expected != date)
        {
            throw new DayPageException(
                templateLine,
                $"the page's template dates it {Iso(date)} but its {expectedFrom} says {Iso(expected)}");
        }

        var below = MarkerRegex().Match(wikitext);
        while (below.Success && !below.Groups["which"].Value.Equals("below", StringComparison.OrdinalIgnoreCase))
        {
            below = below.NextMatch();
        }

        if (!below.Success)
        {
            throw new DayPageException(templateLine, $"no \"<!-- {BelowMarker} -->\" marker: cannot tell where the news items start");
        }

        var above = below.NextMatch();
        while (above.Success && !above.Groups["which"].Value.Equals("above", StringComparison.OrdinalIgnoreCase))
        {
            above = above.NextMatch();
        }

        int regionStart = below.Index + below.Length;
        if (!above.Success)
        {
            throw new DayPageException(LineOf(wikitext, below.Index), $"no \"<!-- {AboveMarker} -->\" marker after the start of the news items: the page looks cut short");
        }

        var region = MappedText.FromSource(WithoutControlCharacters(wikitext[regionStart..above.Index]), LineOf(wikitext, regionStart));
        var dropped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var events = new BulletReader(date).Read(MarkupStripper.Strip(region, dropped));
        return new DayPage(date, layout, new Day(date, events), dropped);
    }

    private static (DateOnly Date, DayPageLayout Layout, int Line) ReadDate(string wikitext, DateOnly? fallback)
    {
        var header = HeaderRegex().Match(wikitext);
        var template = TemplateRegex().Match(wikitext);
        if (header.Success && (!template.Success || header.Index <= template.Index))
        {
            int line = LineOf(wikitext, header.Index);
            var date = MakeDate(header.Groups["y"].Value, header.Groups["m"].Value, header.Groups["d"].Value, line);
            return (date, DayPageLayout.HeaderTable, line);
        }

        if (template.Success)
        {
            int line = LineOf(wikitext, template.Index);
            var parameters = template.Groups["params"].Value.Split('|')
                .Select(p => p.Split('=', 2))
                .Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim().ToLowerInvariant())
                .ToDictionary(g => g.Key, g => g.First()[1].Trim());
            var layout = template.Groups["end"].Value.StartsWith("content", StringComparison.OrdinalIgnoreCase)
                ? DayPageLayout.TemplateContent
                : DayPageLayout.Sandwich;
            if (parameters.TryGetValue("year", out var y) && parameters.TryGetValue("month", out var m) && parameters.TryGetValue("day", out var d))
            {
                return (MakeDate(y, m, d, line), layout, line);
            }

            if (fallback is { } titleDate)
            {
                return (titleDate, layout, line);
            }

            throw new DayPageException(line, "the Current events template has no year, month and day");
        }

        if (fallback is { } onlyDate && MarkerRegex().IsMatch(wikitext))
        {
            return (onlyDate, DayPageLayout.Sandwich, 1);
        }

        throw new DayPageException(1, "no {{Current events}} or {{Current events header}} template: the page has no date");
    }

    private static DateOnly MakeDate(string year, string month, string day, int line)
    {
        if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out int y)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            && int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out int d)
            && y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateOnly(y, m, d);
        }

        throw new DayPageException(line, $"the template's date {year}-{month}-{day} is not a date");
    }

    /// <summary>
    /// C0 control characters other than tab, line feed and carriage return are replaced with
    /// U+FFFD, as MediaWiki does when a page is saved (they never reach an export). A day-page
    /// file may still hold them, and in text they would pass for the archive's own separators
    /// (as would the reader's own mark for a citation, also replaced).
    /// </summary>
    private static string WithoutControlCharacters(string text)
    {
        int first = 0;
        while (first < text.Length && !IsControl(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }

    private static bool IsControl(char c) => (c < ' ' && c is not '\t' and not '\n' and not '\r') || c == InlineParser.CitationMark;

    internal static int LineOf(string text, int index) => text.AsSpan(0, Math.Min(index, text.Length)).Count('\n') + 1;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // NonBacktracking: matching time stays linear in the page, whatever a hostile page holds.
    [GeneratedRegex(@"\{\{\s*[Cc]urrent[ _]events[ _]header\s*\|\s*(?<y>[0-9]{1,4})\s*\|\s*(?<m>[0-9]{1,2})\s*\|\s*(?<d>[0-9]{1,2})\s*(\||\}\})", RegexOptions.NonBacktracking)]
    private static partial Regex HeaderRegex();

    [GeneratedRegex(@"\{\{\s*[Cc]urrent[ _]events\s*\|(?<params>[^{}\n]{0,400}?)(?<end>content\s*=|\}\})", RegexOptions.NonBacktracking)]
    private static partial Regex TemplateRegex();

    [GeneratedRegex(@"<!--\s*All news items (?<which>below|above) this line\s*-->", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase)]
    private static partial Regex MarkerRegex();
}
