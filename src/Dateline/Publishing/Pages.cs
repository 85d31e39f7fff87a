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
    IReadOnlyList<RelatedLink> Related);

/// <summary>One line of an event page's "Related:" list.</summary>
public sealed record RelatedLink(string Headline, string Page, IReadOnlyList<string> Context);

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
    IReadOnlyList<(MonthLink Month, int Events)> Months);
