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
/// An entity's or a story's page: every event that names it (newest first), its events per
/// month from its first month to its last (months without events included, as zero), and the
/// entities that most often appear with it.
/// </summary>
/// <param name="Page">The page's path without extension.</param>
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
    string? Feed);
