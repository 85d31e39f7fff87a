using System.Text;

namespace Dateline.Publishing.Html;

/// <summary>
/// The static website (<c>--format html</c>, alone or beside the Markdown): the pages, the
/// stylesheet and icon, an Atom feed of the latest events and one per topic with enough events
/// to follow, and the sitemaps. A topic's chart is inline in its page: no file beside it.
/// </summary>
/// <param name="besideMarkdown">Whether the Markdown pages are written too (the pages then name their twins).</param>
/// <param name="topicsBesideMarkdown">Whether the Markdown has entity and story pages too (<c>--topics</c>): only then do those pages name twins.</param>
internal sealed class HtmlFormat(string baseUrl, bool besideMarkdown, bool topicsBesideMarkdown) : PageFormat
{
    private readonly HtmlPages html = new(baseUrl, besideMarkdown, topicsBesideMarkdown);

    public override string Extension => HtmlPages.Extension;

    public override StringBuilder Event(EventPage page) => html.EventHtml(page);

    public override StringBuilder Day(DayPage page) => html.DayHtml(page);

    public override string Month(MonthPage page) => html.Month(page);

    public override string Root(SitePlan plan) => html.Root(plan.Root);

    public override StringBuilder Topic(TopicPage page) => html.TopicHtml(page);

    public override StringBuilder TopicYear(TopicYearPage page) => html.TopicYearHtml(page);

    public override IEnumerable<(string Path, string Content)> BesideTopic(TopicPage page) =>
        page.Feed is null ? [] : [(ArchivePaths.File(page.Feed, "atom"), SiteFeeds.Atom(html.BaseUrl, page.Title, page.Feed, page.Page, page.Latest))];

    public override IEnumerable<(string Path, string Content)> SiteFiles(SitePlan plan)
    {
        yield return (HtmlPages.StylesheetPath, SiteStylesheet.Css + "\n");
        yield return (HtmlPages.IconPath, HtmlPages.Icon);
        yield return (ArchivePaths.File(ArchivePaths.Feed, "atom"), SiteFeeds.Atom(html.BaseUrl, "Dateline: latest events", ArchivePaths.Feed, ArchivePaths.Root, plan.Latest));
        foreach (var file in SiteFeeds.Sitemaps(html.BaseUrl, plan.Sitemap))
        {
            yield return file;
        }
    }

    /// <summary>
    /// As every format's, and the site's feed, the sitemap's index and its files of topics (whose
    /// number can fall); a year's sitemap files are made again by a build that changes that year
    /// (see <c>ChangeSet.Retired</c>).
    /// </summary>
    public override bool IsRewrittenEveryBuild(ReadOnlySpan<char> path) =>
        base.IsRewrittenEveryBuild(path)
        || path.SequenceEqual(ArchivePaths.File(ArchivePaths.Feed, "atom"))
        || path.SequenceEqual(SiteFeeds.SitemapIndex)
        || (path.StartsWith(SiteFeeds.SitemapFolder, StringComparison.Ordinal) && !SiteFeeds.IsYearSitemap(path, out _));
}
