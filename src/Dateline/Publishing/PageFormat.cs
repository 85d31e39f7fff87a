using System.Text;

namespace Dateline.Publishing;

/// <summary>
/// A way of writing the site: renders each kind of page from the one page model (see
/// <see cref="SitePlan"/>) under its own extension, at the same paths as every other format.
/// The build loops over its formats; adding one is a new folder beside Markdown and HTML with
/// a class like this, and its name in <c>Building.PageFormats</c>.
/// </summary>
internal abstract class PageFormat
{
    /// <summary>The file extension of the format's pages, without the dot.</summary>
    public abstract string Extension { get; }

    /// <summary>The file of a page (a path without extension, as the page model names it).</summary>
    public string FileOf(string page) => ArchivePaths.File(page, Extension);

    /// <summary>An event page. It may be the thread's own builder, valid until the thread renders another page: written out from there, 125,000 pages make no strings.</summary>
    public abstract StringBuilder Event(EventPage page);

    /// <inheritdoc cref="Event"/>
    public abstract StringBuilder Day(DayPage page);

    public abstract string Month(MonthPage page);

    /// <summary>The front page; the plan also gives the latest events, for formats that list them.</summary>
    public abstract string Root(SitePlan plan);

    /// <summary>Whether this format writes the entity and story pages (and their year pages and the files beside them) of a plan that has them.</summary>
    public virtual bool WritesTopics => true;

    /// <summary>An entity or story page (see <see cref="Event"/>).</summary>
    public abstract StringBuilder Topic(TopicPage page);

    /// <summary>One year of a topic's events (see <see cref="Event"/>).</summary>
    public abstract StringBuilder TopicYear(TopicYearPage page);

    /// <summary>The files written beside a topic's page (a chart, a feed): they change only when its events do.</summary>
    public virtual IEnumerable<(string Path, string Content)> BesideTopic(TopicPage page) => [];

    /// <summary>The files of the whole site in this format (a stylesheet, feeds, sitemaps), written by every build.</summary>
    public virtual IEnumerable<(string Path, string Content)> SiteFiles(SitePlan plan) => [];

    /// <summary>
    /// Whether the file is one of this format's that every build writes, whatever changed: the
    /// month pages and the front page (any not written again is gone). A build that follows
    /// another retires those it did not write.
    /// </summary>
    public virtual bool IsRewrittenEveryBuild(ReadOnlySpan<char> path) =>
        path.SequenceEqual(FileOf(ArchivePaths.Root))
        || (path.EndsWith("/index." + Extension, StringComparison.Ordinal) && path.Count('/') == 3);
}
