using System.Globalization;
using System.Text;

namespace Dateline.Publishing.Markdown;

/// <summary>Renders the page model as Markdown that any Git host shows (layout: FORMAT.md).</summary>
public static class MarkdownPages
{
    public const string Extension = "md";

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    // One builder per thread, kept at its largest size: pages are built by the hundred thousand.
    [ThreadStatic]
    private static StringBuilder? builder;

    private static StringBuilder Builder()
    {
        var md = builder ??= new StringBuilder(16 * 1024);
        md.Clear();
        return md;
    }

    /// <summary>An event page, line for line as FORMAT.md gives it.</summary>
    public static string Event(EventPage page) => EventText(page).ToString();

    /// <summary>
    /// An event page in this thread's builder, valid until the thread renders another page: the
    /// build writes it out from there without making a string of each of 125,000 pages.
    /// </summary>
    internal static StringBuilder EventText(EventPage page)
    {
        var item = page.Event;
        var md = Builder();
        md.Append("### [").Append(item.Date.ToString("yyyy-MM-dd", English)).Append("](").AppendLink(page.DayPage).Append(")\n\n");
        md.Append("# ").AppendHeading(item.Headline).Append('\n');

        if (page.Summary is not null)
        {
            md.Append('\n').AppendParagraph(page.Summary).Append('\n');
            if (item.Citations.Count > 0 || page.Image is not null || page.Related.Count > 0)
            {
                md.Append('\n'); // the seed leaves two empty lines after the summary
            }
        }

        if (item.Citations.Count > 0 || page.Image is not null)
        {
            md.Append("\n### Source:\n\n");
            foreach (var citation in item.Citations)
            {
                md.Append("1. ").AppendSource(citation.Label, citation.Url).Append('\n');
            }

            if (page.Image is not null)
            {
                md.Append("1. ").AppendSource("Cover Image", page.Image).Append('\n');
            }
        }

        if (page.Related.Count > 0)
        {
            md.Append("\n### Related:\n\n");
            for (int i = 0; i < page.Related.Count; i++)
            {
                var related = page.Related[i];
                md.Append((i + 1).ToString(English)).Append(". [").AppendText(related.Headline).Append("](").AppendLink(related.Page).Append(')');
                if (related.Context.Count > 0)
                {
                    md.Append(" _Context: ");
                    for (int c = 0; c < related.Context.Count; c++)
                    {
                        md.Append(c == 0 ? string.Empty : ", ").AppendText(related.Context[c]);
                    }

                    md.Append('_');
                }

                md.Append('\n');
            }
        }

        return md;
    }

    /// <summary>A day: the date, the neighbouring days, then the events by category under their stories.</summary>
    public static string Day(DayPage page) => DayText(page).ToString();

    /// <summary><see cref="Day"/> in this thread's builder, valid until the thread renders another page (see <see cref="EventText"/>).</summary>
    internal static StringBuilder DayText(DayPage page)
    {
        var md = Builder();
        md.Append("### [").Append(MonthTitle(page.Date.Year, page.Date.Month)).Append("](").AppendLink(page.MonthPage).Append(")\n\n");
        md.Append("# ").Append(page.Date.ToString("dddd, d MMMM yyyy", English)).Append('\n');
        AppendNeighbours(md, page.Previous, page.Next);

        string? category = null;
        IReadOnlyList<string> openStories = [];
        foreach (var entry in page.Events)
        {
            if (entry.Category != category)
            {
                category = entry.Category;
                openStories = [];
                md.Append("\n## ").AppendHeading(category.Length == 0 ? "Other news" : category).Append("\n\n");
            }

            // Stories already open above this event are not repeated; the rest open here.
            int shared = 0;
            while (shared < openStories.Count && shared < entry.Stories.Count && openStories[shared] == entry.Stories[shared])
            {
                shared++;
            }

            for (int s = shared; s < entry.Stories.Count; s++)
            {
                // As a paragraph: a story such as "1. FC Köln" must not open a list inside the list.
                md.Append(' ', s * 2).Append("- ").AppendParagraph(entry.Stories[s]).Append('\n');
            }

            openStories = entry.Stories;
            md.Append(' ', entry.Stories.Count * 2).Append("- [").AppendText(entry.Headline.TrimEnd()).Append("](").AppendLink(entry.Page).Append(")\n");
        }

        return md;
    }

    /// <summary>A month: its days with their counts of events.</summary>
    public static string Month(MonthPage page)
    {
        var md = Builder();
        md.Append("### [News archive](").AppendLink(ArchivePaths.Root).Append(")\n\n");
        md.Append("# ").Append(MonthTitle(page.Year, page.Month)).Append('\n');
        var previous = page.Previous is { } p ? (MonthTitle(p.Year, p.Month), p.Page) : default((string, string)?);
        var next = page.Next is { } n ? (MonthTitle(n.Year, n.Month), n.Page) : default((string, string)?);
        AppendNeighbours(md, previous, next);
        md.Append('\n');
        foreach (var (day, events) in page.Days)
        {
            md.Append("- [").Append(day.Date.ToString("dddd, d MMMM yyyy", English)).Append("](").AppendLink(day.Page).Append("): ")
                .Append(Count(events, "event")).Append('\n');
        }

        return md.ToString();
    }

    /// <summary>The front page: every year with its months and their counts.</summary>
    public static string Root(RootPage page)
    {
        var md = Builder();
        md.Append("# News archive\n\n");
        md.Append(Count(page.Events, "event")).Append(" on ").Append(Count(page.Days, "day"));
        if (page.Months.Count > 0)
        {
            md.Append(", ").Append(page.Months[0].Month.Year.ToString(English));
            if (page.Months[^1].Month.Year != page.Months[0].Month.Year)
            {
                md.Append('–').Append(page.Months[^1].Month.Year.ToString(English));
            }
        }

        md.Append(".\n");
        foreach (var year in page.Months.GroupBy(m => m.Month.Year).OrderByDescending(g => g.Key))
        {
            md.Append("\n## ").Append(year.Key.ToString(English)).Append(" (").Append(Count(year.Sum(m => m.Events), "event")).Append(")\n\n");
            foreach (var (month, events) in year)
            {
                md.Append("- [").Append(PortalMonth(month.Month)).Append("](").AppendLink(month.Page).Append("): ").Append(Count(events, "event")).Append('\n');
            }
        }

        return md.ToString();
    }

    private static void AppendNeighbours(StringBuilder md, DayLink? previous, DayLink? next) =>
        AppendNeighbours(
            md,
            previous is null ? null : (previous.Date.ToString("yyyy-MM-dd", English), previous.Page),
            next is null ? null : (next.Date.ToString("yyyy-MM-dd", English), next.Page));

    private static void AppendNeighbours(StringBuilder md, (string Title, string Page)? previous, (string Title, string Page)? next)
    {
        if (previous is null && next is null)
        {
            return;
        }

        md.Append('\n');
        if (previous is { } p)
        {
            md.Append("[← ").Append(p.Title).Append("](").AppendLink(p.Page).Append(')');
        }

        if (previous is not null && next is not null)
        {
            md.Append(" · ");
        }

        if (next is { } n)
        {
            md.Append('[').Append(n.Title).Append(" →](").AppendLink(n.Page).Append(')');
        }

        md.Append('\n');
    }

    /// <summary>A link to another page of the archive: its path is digits, a-z, '-' and '/', nothing to escape.</summary>
    /// <summary>
    /// A source as a link when its URL is http or https (the same test as the HTML's), else the
    /// label as text and the URL after it as code: readable, never clickable (a <c>mailto:</c>,
    /// <c>ftp:</c>, <c>javascript:</c> or scheme-relative <c>//host</c> citation).
    /// </summary>
    private static StringBuilder AppendSource(this StringBuilder md, string label, string url) =>
        Html.HtmlText.IsWebUrl(url)
            ? md.Append('[').AppendText(label).Append("](").AppendUrl(url).Append(')')
            : md.AppendText(label).Append(' ').AppendUrlAsText(url);

    private static StringBuilder AppendLink(this StringBuilder md, string page) => md.Append('/').Append(page).Append('.').Append(Extension);

    private static string MonthTitle(int year, int month) => $"{PortalMonth(month)} {year.ToString(English)}";

    private static string PortalMonth(int month) => English.DateTimeFormat.GetMonthName(month);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString("N0", English)} {noun}s";
}
