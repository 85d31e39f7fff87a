using Dateline.Linking;
using Dateline.Model;

namespace Dateline.Publishing;

/// <summary>
/// Lays out the whole archive as page models: the path of every event, the source and related
/// list of every event page, and the day, month and front pages.
/// </summary>
public sealed partial class SitePlan
{
    private SitePlan(EventPage[] events, DayPage[] days, MonthPage[] months, RootPage root)
    {
        EventPages = events;
        DayPages = days;
        MonthPages = months;
        Root = root;
    }

    public IReadOnlyList<EventPage> EventPages { get; }

    public IReadOnlyList<DayPage> DayPages { get; }

    public IReadOnlyList<MonthPage> MonthPages { get; }

    public RootPage Root { get; }

    /// <summary>One page per entity, in entity-id (ordinal title) order.</summary>
    public IReadOnlyList<TopicPage> EntityPages { get; private set; } = [];

    /// <summary>One page per story title, in ordinal title order.</summary>
    public IReadOnlyList<TopicPage> StoryPages { get; private set; } = [];

    /// <summary>The newest events of the archive, newest first (the site's Atom feed).</summary>
    public IReadOnlyList<TimelineEntry> Latest { get; private set; } = [];

    /// <summary>For each event (archive order), its entity ids (see <see cref="EntityLinks"/>).</summary>
    public IReadOnlyList<int[]> EventEntityIds { get; private set; } = [];

    /// <summary>Every entity's title and page, by entity id.</summary>
    public IReadOnlyList<TopicLink> EntityLinks { get; private set; } = [];

    /// <summary>The Markdown pages of the archive: events, days, months, the front page, entities and stories.</summary>
    public int PageCount => EventPages.Count + DayPages.Count + MonthPages.Count + 1 + EntityPages.Count + StoryPages.Count;

    /// <param name="topics">Also plan the entity and story pages.</param>
    public static SitePlan Create(Archive archive, EntityIndex index, RelatedEvent[][] related, bool topics = true)
    {
        var events = index.Events;
        var eventPaths = new string[events.Count];
        var days = archive.Days.Where(d => d.Events.Count > 0).ToArray();
        int at = 0;
        foreach (var day in days)
        {
            var slugs = Slugs.ForDay(day.Events);
            for (int i = 0; i < slugs.Length; i++)
            {
                eventPaths[at++] = ArchivePaths.Event(day.Date, slugs[i]);
            }
        }

        var eventPages = new EventPage[events.Count];
        for (int i = 0; i < events.Count; i++)
        {
            var item = events[i];
            var article = FirstKnownArticle(item, archive.Articles);
            var links = related[i]
                .Select(r => new RelatedLink(events[r.Event].Headline, eventPaths[r.Event], r.Context))
                .ToArray();
            eventPages[i] = new EventPage(eventPaths[i], item, ArchivePaths.Day(item.Date), article?.Summary, article?.Image, links);
        }

        var dayPages = new DayPage[days.Length];
        at = 0;
        for (int d = 0; d < days.Length; d++)
        {
            var day = days[d];
            var entries = new DayEntry[day.Events.Count];
            for (int i = 0; i < entries.Length; i++, at++)
            {
                var item = day.Events[i];
                entries[i] = new DayEntry(item.Category, item.Stories, item.Headline, eventPaths[at]);
            }

            dayPages[d] = new DayPage(
                ArchivePaths.Day(day.Date),
                day.Date,
                ArchivePaths.Month(day.Date.Year, day.Date.Month),
                d > 0 ? new DayLink(days[d - 1].Date, ArchivePaths.Day(days[d - 1].Date)) : null,
                d + 1 < days.Length ? new DayLink(days[d + 1].Date, ArchivePaths.Day(days[d + 1].Date)) : null,
                entries);
        }

        var months = days
            .GroupBy(d => (d.Date.Year, d.Date.Month))
            .Select(g => (Link: new MonthLink(g.Key.Year, g.Key.Month, ArchivePaths.Month(g.Key.Year, g.Key.Month)), Days: g.ToArray()))
            .ToArray();
        var monthPages = new MonthPage[months.Length];
        for (int m = 0; m < months.Length; m++)
        {
            monthPages[m] = new MonthPage(
                months[m].Link.Page,
                months[m].Link.Year,
                months[m].Link.Month,
                m > 0 ? months[m - 1].Link : null,
                m + 1 < months.Length ? months[m + 1].Link : null,
                [.. months[m].Days.Select(d => (new DayLink(d.Date, ArchivePaths.Day(d.Date)), d.Events.Count))]);
        }

        var root = new RootPage(
            ArchivePaths.Root,
            events.Count,
            days.Length,
            [.. months.Select(m => (m.Link, m.Days.Sum(d => d.Events.Count)))]);
        var plan = new SitePlan(eventPages, dayPages, monthPages, root);
        if (topics)
        {
            plan.AddTopics(index, eventPages);
        }

        return plan;
    }

    /// <summary>The citations are tried in order until one's article gives a summary or an image.</summary>
    private static Article? FirstKnownArticle(Event item, IReadOnlyDictionary<string, Article> articles)
    {
        foreach (var citation in item.Citations)
        {
            if (articles.TryGetValue(citation.Url, out var article) && (article.Summary is not null || article.Image is not null))
            {
                return article;
            }
        }

        return null;
    }
}
