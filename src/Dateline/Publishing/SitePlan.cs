using Dateline.Linking;
using Dateline.Model;

namespace Dateline.Publishing;

/// <summary>
/// What a plan is given of the archive's events, each by its index in archive order: the event
/// itself, its headline (all a related link shows of it), its page's path (null: made from the
/// day's slugs), and the known articles.
/// </summary>
public sealed record KnownEvents(Func<int, Event> EventAt, Func<int, string> HeadlineOf, Func<int, string>? PathOf, IReadOnlyDictionary<string, Article> Articles);

/// <summary>
/// Lays out the whole archive as page models: the path of every event, the source and related
/// list of every event page, and the day, month and front pages.
/// </summary>
public sealed partial class SitePlan
{
    private readonly EventPage[] eventPages;

    private SitePlan(EventPage[] events, int[] eventIndexes, DayPage[] days, MonthPage[] months, RootPage root)
    {
        eventPages = events;
        EventPages = events;
        EventIndexes = eventIndexes;
        DayPages = days;
        MonthPages = months;
        Root = root;
    }

    public IReadOnlyList<EventPage> EventPages { get; }

    /// <summary>Each event page's event, by its index in archive order.</summary>
    public IReadOnlyList<int> EventIndexes { get; }

    public IReadOnlyList<DayPage> DayPages { get; }

    public IReadOnlyList<MonthPage> MonthPages { get; }

    public RootPage Root { get; }

    /// <summary>Where the pages of a plan made by <see cref="CreateFor"/> go (null for a whole plan).</summary>
    private Layout? layout;

    /// <summary>One page per entity, in entity-id (ordinal title) order.</summary>
    public IReadOnlyList<TopicPage> EntityPages { get; private set; } = [];

    /// <summary>One page per story title, in ordinal title order.</summary>
    public IReadOnlyList<TopicPage> StoryPages { get; private set; } = [];

    /// <summary>The year pages of topics that list their events a year a page (see <see cref="TopicPage.Years"/>).</summary>
    public IReadOnlyList<TopicYearPage> TopicYearPages { get; private set; } = [];

    /// <summary>The newest events of the archive, newest first (the site's Atom feed).</summary>
    public IReadOnlyList<TimelineEntry> Latest { get; private set; } = [];

    /// <summary>For each event (archive order), its entity ids (see <see cref="EntityLinks"/>).</summary>
    public IReadOnlyList<int[]> EventEntityIds { get; private set; } = [];

    /// <summary>Every entity's title and page, by entity id.</summary>
    public IReadOnlyList<TopicLink> EntityLinks { get; private set; } = [];

    /// <summary>Every story's title and page, by story id (ordinal title order).</summary>
    public IReadOnlyList<TopicLink> StoryLinks { get; private set; } = [];

    /// <summary>
    /// Every page of the archive (without extension), whether this plan makes it or not, as the
    /// sitemap groups them: the front page and the topics' pages, then each year's months, days
    /// and events (a plan made by <see cref="CreateFor"/> lists only the years it was asked for,
    /// and counts the others); empty without topics.
    /// </summary>
    public IReadOnlyList<SitemapGroup> Sitemap { get; private set; } = [];

    /// <summary>The pages of the plan in one format: events, days, months, the front page, entities and stories, and their year pages.</summary>
    public int PageCount => EventPages.Count + DayPages.Count + MonthPages.Count + 1 + EntityPages.Count + StoryPages.Count + TopicYearPages.Count;

    /// <param name="topics">Also plan the entity and story pages.</param>
    /// <param name="parallelism">Threads to use; 0 or less means one per core.</param>
    /// <param name="stories">Every event's stories (see <see cref="StoryRuns"/>), when already made.</param>
    /// <param name="yearPagesAbove">How many events a topic page lists at most before its events go a year a page.</param>
    public static SitePlan Create(Archive archive, EntityIndex index, RelatedEvent[][] related, bool topics = true, int parallelism = 0, (string[] Titles, int[] Start, int[] Ids)? stories = null, int yearPagesAbove = DefaultYearPagesAbove)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        // Each day's slugs, then each event's page, on every core: a page reads only its own
        // and its related events' paths, made beforehand, so the plan is the same on any number.
        var events = archive.Events.ToArray();
        var layout = new Layout(index, new KnownEvents(i => events[i], i => events[i].Headline, null, archive.Articles));
        Parallel.For(0, layout.DayCount, options, layout.MakePaths);
        var eventPages = new EventPage[index.Count];
        Parallel.For(0, eventPages.Length, options, i => eventPages[i] = layout.EventPage(i, related[i]));

        var dayPages = new DayPage[layout.DayCount];
        for (int d = 0; d < dayPages.Length; d++)
        {
            dayPages[d] = layout.DayPage(d);
        }

        var plan = new SitePlan(eventPages, [.. Enumerable.Range(0, eventPages.Length)], dayPages, layout.MonthPages(), layout.Root());
        if (topics)
        {
            var timeline = new TimelineEntry[eventPages.Length];
            for (int i = 0; i < timeline.Length; i++)
            {
                var page = eventPages[i];
                timeline[i] = new TimelineEntry(page.Event.Date, page.Event.Headline, page.Page, page.Summary);
            }

            plan.AddTopics(index, stories ?? StoryRuns([.. events.Select(e => StoriesOf(e, archive.Redirects))]), i => timeline[i], null, null, i => eventPages[i].Page, [.. dayPages.Select(d => d.Date)], yearPagesAbove, null, null);
        }

        return plan;
    }

    /// <summary>
    /// Part of the archive's plan, for a build that follows another: the pages of
    /// <paramref name="events"/>, the day pages of the days in <paramref name="days"/> (day
    /// numbers) that have events, and every month page and the front page (a few hundred,
    /// cheap to compare). <paramref name="known"/> must give the events these pages show (those
    /// asked for and the events of those days), the headlines of their related events, and every
    /// event's path as <see cref="Create"/> gave it.
    /// </summary>
    public static SitePlan CreateFor(EntityIndex index, KnownEvents known, IReadOnlyList<RelatedEvent[]?> related, IEnumerable<int> events, IReadOnlySet<int> days)
    {
        var layout = new Layout(index, known);
        var eventIndexes = events.ToArray();
        var eventPages = eventIndexes.Select(i => layout.EventPage(i, related[i] ?? throw new ArgumentException($"no related list for event {i}", nameof(related)))).ToArray();
        var dayPages = Enumerable.Range(0, layout.DayCount)
            .Where(d => days.Contains(layout.DateOf(d).DayNumber))
            .Select(layout.DayPage)
            .ToArray();
        var plan = new SitePlan(eventPages, eventIndexes, dayPages, layout.MonthPages(), layout.Root());
        plan.layout = layout;
        return plan;
    }

    /// <summary>
    /// For a plan made by <see cref="CreateFor"/>: the entity pages of <paramref name="entities"/>
    /// and the story pages of <paramref name="stories"/> (ids as <see cref="EntityIndex.Titles"/>
    /// and <paramref name="storyRuns"/> give them), the entities of the event pages, the feed
    /// of the latest events and the list of every page; of the topics that go a year a page, the
    /// pages of the years <paramref name="yearsOf"/> gives (by kind and id). <paramref name="entryOf"/>
    /// is asked for the events those pages list, each topic's latest and the archive's. The
    /// sitemap lists the pages of the years in <paramref name="sitemapYears"/>; the others' files
    /// are the last build's.
    /// </summary>
    public void AddTopicsFor(EntityIndex index, (string[] Titles, int[] Start, int[] Ids) storyRuns, IReadOnlySet<int> entities, IReadOnlySet<int> stories, Func<int, TimelineEntry> entryOf, int yearPagesAbove, Func<TopicKind, int, IReadOnlySet<int>> yearsOf, IReadOnlySet<int> sitemapYears)
    {
        var made = layout ?? throw new InvalidOperationException("only for a plan made by CreateFor");
        var days = Enumerable.Range(0, made.DayCount).Select(made.DateOf).ToArray();
        AddTopics(index, storyRuns, entryOf, entities, stories, made.PathOf, days, yearPagesAbove, yearsOf, sitemapYears);
    }

    /// <summary>
    /// The sitemap's groups: the front page and <paramref name="topicPages"/>, then for each year
    /// its month pages, day pages (<paramref name="days"/>: the days with events, ascending) and
    /// event pages; a year not in <paramref name="years"/> (null: all) only counted.
    /// </summary>
    private List<SitemapGroup> SitemapGroups(int[] dayNumbers, Func<int, string> pathOf, DateOnly[] days, IReadOnlyList<string> topicPages, IReadOnlySet<int>? years)
    {
        var groups = new List<SitemapGroup> { new(SiteFeeds.TopicsSitemap, 1 + topicPages.Count, [Root.Page, .. topicPages]) };
        int m = 0, d = 0, e = 0;
        while (d < days.Length)
        {
            int year = days[d].Year;
            var (firstMonth, firstDay, firstEvent) = (m, d, e);
            while (m < MonthPages.Count && MonthPages[m].Year == year)
            {
                m++;
            }

            while (d < days.Length && days[d].Year == year)
            {
                d++;
            }

            while (e < dayNumbers.Length && DateOnly.FromDayNumber(dayNumbers[e]).Year == year)
            {
                e++;
            }

            int count = (m - firstMonth) + (d - firstDay) + (e - firstEvent);
            IReadOnlyList<string>? pages = years is null || years.Contains(year)
                ? [.. MonthPages.Skip(firstMonth).Take(m - firstMonth).Select(p => p.Page), .. days[firstDay..d].Select(ArchivePaths.Day), .. Enumerable.Range(firstEvent, e - firstEvent).Select(pathOf)]
                : null;
            groups.Add(new SitemapGroup(year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), count, pages));
        }

        return groups;
    }

    /// <summary>The paths of a day's event pages, in page order: slugs are numbered per day.</summary>
    public static string[] EventPaths(Day day) => [.. Slugs.ForDay(day.Events).Select(slug => ArchivePaths.Event(day.Date, slug))];

    /// <summary>What an event's page shows of its source article: the first cited article that gives a summary or an image (null: none).</summary>
    public static Article? ArticleOf(Event item, IReadOnlyDictionary<string, Article> articles) => FirstKnownArticle(item, articles);

    /// <summary>
    /// Where every page goes: the days with events (from the index), each event's path (slugs
    /// are numbered per day, so a day's are made together, and only when a page asks for one of
    /// them, unless the paths are given).
    /// </summary>
    private sealed class Layout
    {
        private readonly KnownEvents known;

        /// <summary>Each event's day: a related link's date comes from the index, so it needs no read of the event.</summary>
        private readonly int[] dayNumbers;
        private readonly int[] dayOf;
        private readonly int[] firstOf;
        private readonly DateOnly[] dates;
        private readonly string[]?[] paths;

        public Layout(EntityIndex index, KnownEvents known)
        {
            this.known = known;
            dayNumbers = index.DayNumbers;
            int n = index.Count;
            dayOf = new int[n];
            var firsts = new List<int>();
            for (int i = 0; i < n; i++)
            {
                if (i == 0 || index.DayNumbers[i] != index.DayNumbers[i - 1])
                {
                    firsts.Add(i);
                }

                dayOf[i] = firsts.Count - 1;
            }

            firsts.Add(n);
            firstOf = [.. firsts];
            dates = [.. firsts.SkipLast(1).Select(i => DateOnly.FromDayNumber(index.DayNumbers[i]))];
            paths = new string[]?[dates.Length];
        }

        /// <summary>How many days have events.</summary>
        public int DayCount => dates.Length;

        public DateOnly DateOf(int d) => dates[d];

        private int EventCountOf(int d) => firstOf[d + 1] - firstOf[d];

        public string PathOf(int eventIndex)
        {
            if (known.PathOf is { } given)
            {
                return given(eventIndex);
            }

            int d = dayOf[eventIndex];
            if (paths[d] is null)
            {
                MakePaths(d);
            }

            return paths[d]![eventIndex - firstOf[d]];
        }

        /// <summary>The paths of day <paramref name="d"/>'s events (slugs are numbered per day).</summary>
        public void MakePaths(int d) => paths[d] = EventPaths(new Day(dates[d], [.. Enumerable.Range(firstOf[d], EventCountOf(d)).Select(known.EventAt)]));

        public EventPage EventPage(int i, RelatedEvent[] related)
        {
            var item = known.EventAt(i);
            var article = FirstKnownArticle(item, known.Articles);
            var links = related
                .Select(r => new RelatedLink(known.HeadlineOf(r.Event), PathOf(r.Event), DateOnly.FromDayNumber(dayNumbers[r.Event]), r.Context))
                .ToArray();
            return new EventPage(PathOf(i), item, ArchivePaths.Day(item.Date), article?.Summary, article?.Image, links) { ImageSize = ImageSize.Of(article) };
        }

        public DayPage DayPage(int d)
        {
            var date = dates[d];
            var entries = Entries(d);
            return new DayPage(
                ArchivePaths.Day(date),
                date,
                ArchivePaths.Month(date.Year, date.Month),
                d > 0 ? new DayLink(dates[d - 1], ArchivePaths.Day(dates[d - 1])) : null,
                d + 1 < dates.Length ? new DayLink(dates[d + 1], ArchivePaths.Day(dates[d + 1])) : null,
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
                    [.. months[m].Days.Select(d => (new DayLink(dates[d], ArchivePaths.Day(dates[d])), EventCountOf(d)))]);
            }

            return monthPages;
        }

        public RootPage Root() => new(
            ArchivePaths.Root,
            dayOf.Length,
            dates.Length,
            [.. Months().Select(m => (m.Link, m.Days.Sum(EventCountOf)))])
        {
            LatestDays = [.. LatestDays().Select(d => (new DayLink(dates[d], ArchivePaths.Day(dates[d])), (IReadOnlyList<DayEntry>)Entries(d)))],
        };

        /// <summary>The latest days with events, newest first (the front page lists them, so a build that follows reads their events).</summary>
        public IEnumerable<int> LatestDays() => Enumerable.Range(0, dates.Length).Reverse().Take(RootPage.LatestDayCount);

        private DayEntry[] Entries(int d)
        {
            var entries = new DayEntry[EventCountOf(d)];
            for (int i = 0; i < entries.Length; i++)
            {
                var item = known.EventAt(firstOf[d] + i);
                entries[i] = new DayEntry(item.Category, item.Stories, item.Headline, PathOf(firstOf[d] + i));
            }

            return entries;
        }

        private (MonthLink Link, int[] Days)[] Months() => [.. Enumerable.Range(0, dates.Length)
            .GroupBy(d => (dates[d].Year, dates[d].Month))
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
