using Dateline.Linking;
using Dateline.Publishing;
using Dateline.Store;

namespace Dateline.Building;

/// <summary>
/// What changed since the last build and which pages that reaches, for a build that follows it
/// (docs/SYNC.md, "Following the last build"). Made from the last build's state and the
/// archive's version (<see cref="Between"/>), then, once the changed days are linked, the pages
/// they reach (<see cref="Reach"/>). No disk: the store is asked only through the function
/// given. There is no change set when the build is a full one (see <see cref="CanFollow"/>).
/// </summary>
/// <param name="Rewritten">Days added, removed or stored again with other text: any of their pages may show other text.</param>
/// <param name="Reread">Those and the days naming a title that resolves otherwise since: read again and linked afresh.</param>
internal sealed record ChangeSet(IReadOnlySet<int> Rewritten, IReadOnlySet<int> Reread)
{
    /// <summary>The years of the rewritten days: those whose pages (and so whose sitemap files) can have come or gone or moved.</summary>
    public IReadOnlySet<int> RewrittenYears { get; } = Rewritten.Select(d => DateOnly.FromDayNumber(d).Year).ToHashSet();

    /// <summary>The events (indexes in the new archive order) whose related lists were ranked again rather than carried.</summary>
    public IReadOnlyList<int> Relinked { get; init; } = [];

    /// <summary>The events whose pages are rendered, ascending.</summary>
    public IReadOnlyList<int> Render { get; init; } = [];

    /// <summary>The days (day numbers) whose pages are rendered: the rewritten days and their neighbours, whose links to the previous and next day may change.</summary>
    public IReadOnlySet<int> DayPages { get; init; } = new HashSet<int>();

    /// <summary>Whether a build can follow the one that left <paramref name="previous"/>: the same Dateline, options and count of related events (<paramref name="source"/>).</summary>
    public static bool CanFollow(LinkState? previous, string source) => previous is not null && previous.Source == source;

    /// <summary>The days that changed between the last build and the archive as it is <paramref name="now"/>.</summary>
    /// <param name="daysNaming">The days (day numbers) whose events name any of the titles given (the store answers).</param>
    public static ChangeSet Between(LinkState previous, ArchiveVersion now, Func<IReadOnlyList<string>, IEnumerable<int>> daysNaming)
    {
        var rewritten = previous.ChangedDays(now.Days);
        var reread = new HashSet<int>(rewritten);
        reread.UnionWith(daysNaming(previous.TitlesResolvedOtherwise(now.Redirects)));
        return new ChangeSet(rewritten, reread);
    }

    /// <summary>
    /// The pages the change reaches, once the archive is linked again: the event pages of the
    /// re-read days (of the rewritten days only, without topics: a Markdown event page does not
    /// list the entities a redirect changes), of new events, of events whose source article
    /// changed (<paramref name="pages"/> against <paramref name="previousPages"/>) or whose
    /// related list changed (its events, their order, or a member's day rewritten); and the
    /// pages of the rewritten days and their neighbours.
    /// </summary>
    /// <param name="previousPages">For each event of the last build, the hash of what its page showed of its source article.</param>
    /// <param name="pages">The same for each event now.</param>
    public ChangeSet Reach(EntityIndex index, LinkUpdate update, LinkState previous, ReadOnlySpan<ulong> previousPages, ReadOnlySpan<ulong> pages, bool topics)
    {
        // For each event of the previous build, whether its day's text changed: its page may show other text.
        var keys = previous.Keys;
        var rewritten = new bool[previous.EventCount];
        for (int o = 0; o < rewritten.Length && Rewritten.Count > 0; o++)
        {
            rewritten[o] = Rewritten.Contains(keys[o].DayNumber);
        }

        var render = new List<int>();
        var relinked = new List<int>();
        for (int e = 0; e < index.Count; e++)
        {
            int o = update.Previous[e];
            int day = index.DayNumbers[e];

            // An HTML page lists the event's entities too: on a day naming a title that now resolves otherwise, they may differ.
            if (o < 0 || Rewritten.Contains(day) || previousPages[o] != pages[e] || !SameList(update, previous, rewritten, e, o)
                || (topics && Reread.Contains(day)))
            {
                render.Add(e);
            }

            if (!update.Carried[e])
            {
                relinked.Add(e);
            }
        }

        return this with { Render = render, Relinked = relinked, DayPages = DayPagesOf(index.DayNumbers) };
    }

    /// <summary>A rewritten day's page, and the pages of the days with events on either side of it.</summary>
    /// <param name="dayNumbers">Each event's day, in archive order (ascending).</param>
    private HashSet<int> DayPagesOf(IReadOnlyList<int> dayNumbers)
    {
        var withEvents = dayNumbers.Distinct().ToArray(); // ascending: events are in date order
        var days = new HashSet<int>();
        foreach (int day in Rewritten)
        {
            int at = Array.BinarySearch(withEvents, day);
            int before = at >= 0 ? at - 1 : ~at - 1;
            int after = at >= 0 ? at + 1 : ~at;
            days.Add(day);
            days.UnionWith(new[] { before, after }.Where(i => i >= 0 && i < withEvents.Length).Select(i => withEvents[i]));
        }

        return days;
    }

    /// <summary>
    /// Whether a page the last build wrote and this build does not write is gone: a page in a
    /// rewritten day's folder (an event no longer there), a page each format writes every build
    /// (see <see cref="PageFormat.IsRewrittenEveryBuild"/>), a sitemap file of a year with a
    /// rewritten day, or a page of a topic in <paramref name="retiredTopics"/> (paths without
    /// extension: the page and its companions).
    /// </summary>
    public SiteWriter.PagePredicate Retired(IReadOnlyList<PageFormat> formats, IReadOnlySet<string> retiredTopics)
    {
        var folders = Rewritten.Select(d => ArchivePaths.Day(DateOnly.FromDayNumber(d))).Select(p => p[..(p.LastIndexOf('/') + 1)]).ToHashSet(StringComparer.Ordinal);
        var inRewrittenFolder = folders.GetAlternateLookup<ReadOnlySpan<char>>();
        var topics = retiredTopics.ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        return path =>
        {
            if (inRewrittenFolder.Contains(path[..(path.LastIndexOf('/') + 1)]))
            {
                return true;
            }

            foreach (var format in formats)
            {
                if (format.IsRewrittenEveryBuild(path))
                {
                    return true;
                }
            }

            if (SiteFeeds.IsYearSitemap(path, out int year))
            {
                return RewrittenYears.Contains(year);
            }

            return path.StartsWith("news/", StringComparison.Ordinal) && path.LastIndexOf('.') is int dot and > 0 && topics.Contains(path[..dot]);
        };
    }

    /// <summary>
    /// True when event e's new list names the same events, in the same order, as its previous
    /// page did, none of them on a rewritten day (whose events may have a new headline or path).
    /// </summary>
    /// <param name="rewritten">For each event of the previous build, whether its day's text changed.</param>
    private static bool SameList(LinkUpdate update, LinkState previous, bool[] rewritten, int e, int o)
    {
        int start = previous.RelatedStart[o];
        int length = previous.RelatedStart[o + 1] - start;
        var related = previous.Related;
        if (update.SameMembers(e))
        {
            // The previous list's members, paired; each still has to be on a day that did not change.
            for (int i = start; i < start + length; i++)
            {
                if (rewritten[related[i]])
                {
                    return false;
                }
            }

            return true;
        }

        var list = update.ListOf(e);
        if (length != list.Length)
        {
            return false;
        }

        for (int i = 0; i < list.Length; i++)
        {
            int member = list[i].Event;
            if (update.Previous[member] != related[start + i] || update.Previous[member] < 0 || rewritten[update.Previous[member]])
            {
                return false;
            }
        }

        return true;
    }
}
