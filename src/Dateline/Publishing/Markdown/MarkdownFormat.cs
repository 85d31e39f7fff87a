using System.Text;

namespace Dateline.Publishing.Markdown;

/// <summary>The Markdown archive (FORMAT.md), the default format; a topic's chart is an SVG file beside its page, for topics that have one.</summary>
/// <param name="topics">Whether it has entity and story pages (<c>--topics</c>): FORMAT.md's archive has none, beside the website or not.</param>
internal sealed class MarkdownFormat(bool topics) : PageFormat
{
    public override string Extension => MarkdownPages.Extension;

    public override bool WritesTopics => topics;

    public override StringBuilder Event(EventPage page) => MarkdownPages.EventText(page);

    public override StringBuilder Day(DayPage page) => MarkdownPages.DayText(page);

    public override string Month(MonthPage page) => MarkdownPages.Month(page);

    public override string Root(SitePlan plan) => MarkdownPages.Root(plan.Root);

    public override StringBuilder Topic(TopicPage page) => MarkdownTopics.TopicText(page);

    public override StringBuilder TopicYear(TopicYearPage page) => MarkdownTopics.TopicYearText(page);

    public override IEnumerable<(string Path, string Content)> BesideTopic(TopicPage page) =>
        page.Chart is null ? [] : [(page.Chart, TopicChart.Svg(page.Months))];
}
