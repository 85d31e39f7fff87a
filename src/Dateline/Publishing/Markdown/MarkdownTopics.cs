using System.Globalization;
using System.Text;

namespace Dateline.Publishing.Markdown;

/// <summary>Entity and story pages as Markdown: the chart as an SVG image beside the page, companions, then every event, newest first (or the years, and the newest year's events).</summary>
public static class MarkdownTopics
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static string Topic(TopicPage page) => TopicText(page).ToString();

    internal static StringBuilder TopicText(TopicPage page)
    {
        var md = new StringBuilder(512 + (page.Events.Count * 160));
        md.Append("### [News archive](").AppendUrl(Link(ArchivePaths.Root)).Append(")\n\n");
        md.Append("# ").AppendHeading(page.Title).Append('\n');
        md.Append('\n').Append(KindName(page.Kind)).Append(": ").Append(Count(page.EventCount));
        if (page.Span is var (first, last))
        {
            md.Append(", ").Append(Date(first)).Append(" to ").Append(Date(last));
        }

        md.Append(".\n");
        if (page.Chart is not null)
        {
            md.Append("\n![Events per month](").AppendUrl("/" + page.Chart).Append(")\n");
        }

        if (page.CoOccurring.Count > 0)
        {
            md.Append("\n## Often with\n\n");
            foreach (var (entity, together) in page.CoOccurring)
            {
                md.Append("- [").AppendText(entity.Title).Append("](").AppendUrl(Link(entity.Page)).Append("): ")
                    .Append(together.ToString("N0", English)).Append('\n');
            }
        }

        if (page.Years.Count == 0)
        {
            md.Append("\n## Events\n\n");
        }
        else
        {
            md.Append("\n## Years\n\n");
            foreach (var year in page.Years)
            {
                md.Append("- [").Append(year.Year.ToString("D4", English)).Append("](").AppendUrl(Link(year.Page)).Append("): ")
                    .Append(year.Events.ToString("N0", English)).Append('\n');
            }

            md.Append("\n## Events in ").Append(page.Years[0].Year.ToString("D4", English)).Append("\n\n");
        }

        return AppendEvents(md, page.Events);
    }

    /// <summary>One year of a topic's events, newest first, under a link back to the topic's page (which lists every year).</summary>
    public static string TopicYear(TopicYearPage page) => TopicYearText(page).ToString();

    internal static StringBuilder TopicYearText(TopicYearPage page)
    {
        var year = page.Year.ToString("D4", English);
        var md = new StringBuilder(512 + (page.Events.Count * 160));
        md.Append("### [News archive](").AppendUrl(Link(ArchivePaths.Root)).Append(")\n\n");
        md.Append("# ").AppendHeading(page.Title).Append(": ").Append(year).Append('\n');
        md.Append('\n').Append(KindName(page.Kind)).Append(": ").Append(Count(page.Events.Count)).Append(" in ").Append(year)
            .Append(". [Every year](").AppendUrl(Link(page.Topic)).Append(")\n");
        md.Append("\n## Events\n\n");
        return AppendEvents(md, page.Events);
    }

    private static StringBuilder AppendEvents(StringBuilder md, IReadOnlyList<TimelineEntry> events)
    {
        foreach (var entry in events)
        {
            md.Append("- ").Append(Date(entry.Date)).Append(": [").AppendText(entry.Headline.TrimEnd()).Append("](").AppendUrl(Link(entry.Page)).Append(")\n");
        }

        return md;
    }

    private static string KindName(TopicKind kind) => kind == TopicKind.Entity ? "Entity" : "Story";

    private static string Count(int events) => events == 1 ? "1 event" : $"{events.ToString("N0", English)} events";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", English);

    private static string Link(string page) => ArchivePaths.Link(page, MarkdownPages.Extension);
}
