using Dateline.Model;

namespace Dateline.Publishing;

/// <summary>
/// The page model: what each page of the archive says, independent of format. Markdown (and
/// later HTML) renderers turn these into bytes; nothing is re-parsed from rendered text.
/// </summary>
/// <param name="Page">The page's path without extension (see <see cref="ArchivePaths"/>).</param>
public sealed record EventPage(
    string Page,
    Event Event,
    string DayPage,
    string? Summary,
    string? Image,
    IReadOnlyList<RelatedLink> Related)
{
    /// <summary>The event's entities (redirects resolved, ordinal order) with their pages; HTML lists them, Markdown does not (FORMAT.md).</summary>
    public IReadOnlyList<TopicLink> Entities { get; init; } = [];

    /// <summary>The cover image's size as the page that gave it declared it (og:image:width/height), or null when it did not.</summary>
    public ImageSize? ImageSize { get; init; }
}

/// <summary>An image's size in CSS pixels.</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>The size an article's page declared for its image: only both, positive, and only with an image.</summary>
    public static ImageSize? Of(Article? article) =>
        article is { Image: not null, ImageWidth: int width and > 0, ImageHeight: int height and > 0 } ? new ImageSize(width, height) : null;
}

/// <summary>One line of an event page's "Related:" list: the related event's headline, page and date (HTML shows the date beside it; Markdown does not, FORMAT.md).</summary>
public sealed record RelatedLink(string Headline, string Page, DateOnly Date, IReadOnlyList<string> Context);

/// <summary>A day: its events by category, in page order, with links to the neighbouring days.</summary>
public sealed record DayPage(
    string Page,
    DateOnly Date,
    string MonthPage,
    DayLink? Previous,
    DayLink? Next,
    IReadOnlyList<DayEntry> Events);

/// <summary>An event as listed on its day page.</summary>
public sealed record DayEntry(string Category, IReadOnlyList<string> Stories, string Headline, string Page);

public sealed record DayLink(DateOnly Date, string Page);

/// <summary>A month: its days with their counts of events.</summary>
public sealed record MonthPage(
    string Page,
    int Year,
    int Month,
    MonthLink? Previous,
    MonthLink? Next,
    IReadOnlyList<(DayLink Day, int Events)> Days);

public sealed record MonthLink(int Year, int Month, string Page);

/// <summary>The archive's front page: years and months with their counts of events.</summary>
public sealed record RootPage(
    string Page,
    int Events,
    int Days,
    IReadOnlyList<(MonthLink Month, int Events)> Months)
{
    /// <summary>How many of the latest days with events the front page shows.</summary>
    public const int LatestDayCount = 7;

    /// <summary>The latest days with events (at most <see cref="LatestDayCount"/>), newest first, each with its events in page order; HTML shows them, Markdown does not.</summary>
    public IReadOnlyList<(DayLink Day, IReadOnlyList<DayEntry> Events)> LatestDays { get; init; } = [];
}

/// <summary>A link to an entity or story page.</summary>
public sealed record TopicLink(string Title, string Page);

/// <summary>Which kind of topic a <see cref="TopicPage"/> is about.</summary>
public enum TopicKind
{
    /// <summary>An article the Portal links (<c>[[Islamic State]]</c>).</summary>
    Entity,

    /// <summary>A story bullet events stand under (<c>*[[Syrian Civil War]]</c>).</summary>
    Story,
}

/// <summary>An event as a topic page or feed lists it.</summary>
public sealed record TimelineEntry(DateOnly Date, string Headline, string Page, string? Summary);

/// <summary>How many of a topic's events fall in one month (the bar chart).</summary>
public readonly record struct MonthCount(int Year, int Month, int Events);

/// <summary>
/// An entity's or a story's page: the events that name it (newest first), its events per
/// month from its first month to its last (months without events included, as zero), and the
/// entities that most often appear with it. A topic with many events over several years lists
/// only its newest year's here and each other year's on a page of its own (see <see cref="Years"/>).
/// </summary>
/// <param name="Page">The page's path without extension.</param>
/// <param name="Events">The events this page lists: all of them, or those of the newest year when the topic has <see cref="Years"/>.</param>
/// <param name="Chart">The path (with extension) of the bar chart's SVG file, for formats that cannot inline it; null when the topic has no chart (it spans a single month).</param>
/// <param name="Feed">The path (without extension) of its Atom feed, or null when it has none (too few events).</param>
public sealed record TopicPage(
    string Page,
    TopicKind Kind,
    string Title,
    IReadOnlyList<TimelineEntry> Events,
    IReadOnlyList<MonthCount> Months,
    IReadOnlyList<(TopicLink Entity, int Together)> CoOccurring,
    string? Chart,
    string? Feed)
{
    /// <summary>How many events name the topic, all years together.</summary>
    public int EventCount { get; init; } = Events.Count;

    /// <summary>The dates of the topic's first and last events (all years), or null when it has none.</summary>
    public (DateOnly First, DateOnly Last)? Span { get; init; } = Events.Count == 0 ? null : (Events[^1].Date, Events[0].Date);

    /// <summary>
    /// Every year with events, newest first, when the topic lists them a year a page (each
    /// year's page, the newest year's being this one); empty when this page lists every event.
    /// </summary>
    public IReadOnlyList<TopicYear> Years { get; init; } = [];

    /// <summary>The newest events, newest first, at most <see cref="SitePlan.TopicFeedLength"/>: the topic's feed.</summary>
    public IReadOnlyList<TimelineEntry> Latest { get; init; } = [.. Events.Take(SitePlan.TopicFeedLength)];
}

/// <summary>A year of a topic: how many of its events fall in it, and the page that lists them.</summary>
public sealed record TopicYear(int Year, int Events, string Page);

/// <summary>
/// The events of one year of a topic that lists them a year a page (see <see cref="TopicPage.Years"/>),
/// newest first; every year's but the newest's, which the topic's own page lists.
/// </summary>
/// <param name="Page">This page's path without extension: the topic's page, a slash and the year.</param>
/// <param name="Topic">The topic's own page.</param>
public sealed record TopicYearPage(string Page, TopicKind Kind, string Title, string Topic, int Year, IReadOnlyList<TimelineEntry> Events);
