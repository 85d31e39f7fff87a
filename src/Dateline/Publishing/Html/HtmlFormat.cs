using System.Text;

namespace Dateline.Publishing.Html;

/// <summary>
/// The static website (<c>--html</c>): a page beside every Markdown page, the stylesheet and
/// icon, an Atom feed per topic and one of the latest events, and the sitemaps.
/// </summary>
internal sealed class HtmlFormat(string baseUrl) : PageFormat
{
    private readonly HtmlPages html = new(baseUrl);

    public override string Extension => HtmlPages.Extension;

    public override StringBuilder Event(EventPage page) => html.EventHtml(page);

    public override StringBuilder Day(DayPage page) => html.DayHtml(page);

    public override string Month(MonthPage page) => html.Month(page);

    public override string Root(SitePlan plan) => html.Root(plan.Root, plan.Latest);

    public override StringBuilder Topic(TopicPage page) => html.TopicHtml(page);

    public override IEnumerable<(string Path, string Content)> BesideTopic(TopicPage page) =>
        page.Feed is null ? [] : [(ArchivePaths.File(page.Feed, "atom"), SiteFeeds.Atom(html.BaseUrl, page.Title, page.Feed, page.Page, page.Events.Take(SitePlan.FeedLength).ToArray()))];

    public override IEnumerable<(string Path, string Content)> SiteFiles(SitePlan plan)
    {
        yield return (HtmlPages.StylesheetPath, SiteStylesheet.Css + "\n");
        yield return (HtmlPages.IconPath, HtmlPages.Icon);
        yield return (ArchivePaths.File(ArchivePaths.Feed, "atom"), SiteFeeds.Atom(html.BaseUrl, "Dateline: latest events", ArchivePaths.Feed, ArchivePaths.Root, plan.Latest));
        foreach (var file in SiteFeeds.Sitemaps(html.BaseUrl, plan.AllPages))
        {
            yield return file;
        }
    }

    /// <summary>As every format's, and the site's feed and sitemaps (whose number of parts can fall).</summary>
    public override bool IsRewrittenEveryBuild(ReadOnlySpan<char> path) =>
        base.IsRewrittenEveryBuild(path)
        || path.SequenceEqual(ArchivePaths.File(ArchivePaths.Feed, "atom"))
        || path.SequenceEqual(SiteFeeds.SitemapIndex)
        || path.StartsWith(SiteFeeds.SitemapFolder, StringComparison.Ordinal);
}
