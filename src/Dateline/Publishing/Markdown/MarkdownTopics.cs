using System.Globalization;
using System.Text;

namespace Dateline.Publishing.Markdown;

/// <summary>Entity and story pages as Markdown: the chart as an SVG image beside the page, companions, then every event, newest first.</summary>
public static class MarkdownTopics
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static string Topic(TopicPage page) => TopicText(page).ToString();

    internal static StringBuilder TopicText(TopicPage page)
    {
        var md = new StringBuilder(512 + (page.Events.Count * 160));
        md.Append("### [News archive](").AppendUrl(Link(ArchivePaths.Root)).Append(")\n\n");
        md.Append("# ").AppendHeading(page.Title).Append('\n');
        md.Append('\n').Append(page.Kind == TopicKind.Entity ? "Entity" : "Story").Append(": ")
            .Append(page.Events.Count == 1 ? "1 event" : $"{page.Events.Count.ToString("N0", English)} events");
        if (page.Events.Count > 0)
        {
            md.Append(", ").Append(Date(page.Events[^1].Date)).Append(" to ").Append(Date(page.Events[0].Date));
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

        md.Append("\n## Events\n\n");
        foreach (var entry in page.Events)
        {
            md.Append("- ").Append(Date(entry.Date)).Append(": [").AppendText(entry.Headline.TrimEnd()).Append("](").AppendUrl(Link(entry.Page)).Append(")\n");
        }

        return md;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", English);

    private static string Link(string page) => ArchivePaths.Link(page, MarkdownPages.Extension);
}
