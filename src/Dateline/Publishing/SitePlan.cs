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
    /// <param name="parallelism">Threads to use; 0 or less means one per core.</param>
    public static SitePlan Create(Archive archive, EntityIndex index, RelatedEvent[][] related, bool topics = true, int parallelism = 0)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        // Each day's slugs, then each event's page, on every core: a page reads only its own
        // and its related events' paths, made beforehand, so the plan is the same on any number.
        var layout = new Layout(archive, index);
        Parallel.For(0, layout.Days.Length, options, layout.MakePaths);
        var eventPages = new EventPage[index.Events.Count];
        Parallel.For(0, eventPages.Length, options, i => eventPages[i] = layout.EventPage(i, related[i]));

        var dayPages = new DayPage[layout.Days.Length];
        for (int d = 0; d < dayPages.Length; d++)
        {
            dayPages[d] = layout.DayPage(d);
        }

        var plan = new SitePlan(eventPages, dayPages, layout.MonthPages(), layout.Root());
        if (topics)
        {
            plan.AddTopics(index, eventPages);
        }

        return plan;
    }

    /// <summary>
    /// Part of the archive's plan, for a build that follows another: the pages of
    /// <paramref name="events"/>, the day pages of the days in <paramref name="days"/> (day
    /// numbers) that have events, and every month page and the front page (a few hundred,
    /// cheap to compare). Paths are the ones <see cref="Create"/> gives.
    /// </summary>
    public static SitePlan CreateFor(Archive archive, EntityIndex index, IReadOnlyList<RelatedEvent[]> related, IEnumerable<int> events, IReadOnlySet<int> days)
    {
        var layout = new Layout(archive, index);
        var eventPages = events.Select(i => layout.EventPage(i, related[i])).ToArray();
        var dayPages = Enumerable.Range(0, layout.Days.Length)
            .Where(d => days.Contains(layout.Days[d].Date.DayNumber))
            .Select(layout.DayPage)
            .ToArray();
        return new SitePlan(eventPages, dayPages, layout.MonthPages(), layout.Root());
    }

    /// <summary>What an event's page shows of its source article: the first cited article that gives a summary or an image.</summary>
    public static (string? Summary, string? Image) ArticleOf(Event item, IReadOnlyDictionary<string, Article> articles)
    {
        var article = FirstKnownArticle(item, articles);
        return (article?.Summary, article?.Image);
    }

    /// <summary>
    /// Where every page goes: the days with events, each event's path (slugs are numbered per
    /// day, so a day's are made together, and only when a page asks for one of them).
    /// </summary>
    private sealed class Layout
    {
        private readonly Archive archive;
        private readonly IReadOnlyList<Event> events;
        private readonly int[] dayOf;
        private readonly int[] firstOf;
        private readonly string[]?[] paths;

        public Layout(Archive archive, EntityIndex index)
        {
            this.archive = archive;
            events = index.Events;
            Days = [.. archive.Days.Where(d => d.Events.Count > 0)];
            dayOf = new int[events.Count];
            firstOf = new int[Days.Length + 1];
            for (int d = 0, at = 0; d < Days.Length; d++)
            {
                firstOf[d] = at;
                for (int i = 0; i < Days[d].Events.Count; i++)
                {
                    dayOf[at++] = d;
                }

                firstOf[d + 1] = at;
            }

            paths = new string[]?[Days.Length];
        }

        public Day[] Days { get; }

        public string PathOf(int eventIndex)
        {
            int d = dayOf[eventIndex];
            if (paths[d] is null)
            {
                MakePaths(d);
            }

            return paths[d]![eventIndex - firstOf[d]];
        }

        /// <summary>The paths of day <paramref name="d"/>'s events (slugs are numbered per day).</summary>
        public void MakePaths(int d) => paths[d] = [.. Slugs.ForDay(Days[d].Events).Select(slug => ArchivePaths.Event(Days[d].Date, slug))];

        public EventPage EventPage(int i, RelatedEvent[] related)
        {
            var item = events[i];
            var article = FirstKnownArticle(item, archive.Articles);
            var links = related
                .Select(r => new RelatedLink(events[r.Event].Headline, PathOf(r.Event), r.Context))
                .ToArray();
            return new EventPage(PathOf(i), item, ArchivePaths.Day(item.Date), article?.Summary, article?.Image, links);
        }

        public DayPage DayPage(int d)
        {
            var day = Days[d];
            var entries = new DayEntry[day.Events.Count];
            for (int i = 0; i < entries.Length; i++)
            {
                var item = day.Events[i];
                entries[i] = new DayEntry(item.Category, item.Stories, item.Headline, PathOf(firstOf[d] + i));
            }

            return new DayPage(
                ArchivePaths.Day(day.Date),
                day.Date,
                ArchivePaths.Month(day.Date.Year, day.Date.Month),
                d > 0 ? new DayLink(Days[d - 1].Date, ArchivePaths.Day(Days[d - 1].Date)) : null,
                d + 1 < Days.Length ? new DayLink(Days[d + 1].Date, ArchivePaths.Day(Days[d + 1].Date)) : null,
                entries);
        }

        public MonthPage[] MonthPages()
        {
            var months = Months();
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

            return monthPages;
        }

        public RootPage Root() => new(
            ArchivePaths.Root,
            events.Count,
            Days.Length,
            [.. Months().Select(m => (m.Link, m.Days.Sum(d => d.Events.Count)))]);

        private (MonthLink Link, Day[] Days)[] Months() => [.. Days
            .GroupBy(d => (d.Date.Year, d.Date.Month))
            .Select(g => (Link: new MonthLink(g.Key.Year, g.Key.Month, ArchivePaths.Month(g.Key.Year, g.Key.Month)), Days: g.ToArray()))];
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
