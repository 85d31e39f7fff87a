using Dateline.Linking;
using Dateline.Model;

namespace Dateline.Publishing;

/// <summary>Entity and story pages, and the feed of the latest events.</summary>
public sealed partial class SitePlan
{
    /// <summary>How many events the site's feed carries: about a day of the Portal at its busiest.</summary>
    public const int FeedLength = 50;

    /// <summary>
    /// How many events a topic's feed carries: a reader polls a topic far more often than it
    /// gains 20 events (the busiest of the benchmark archive's gain about 220 a year), as
    /// blogs' feeds carry their last 10 or 20 posts; 50 made the website's 6,600 topic feeds
    /// 142 MB, a tenth of all it writes.
    /// </summary>
    public const int TopicFeedLength = 20;

    /// <summary>
    /// How many events a topic needs for a feed of its own: a feed of fewer would hardly ever
    /// get a new entry, and each is a file written (most topics are named once or twice).
    /// </summary>
    public const int TopicFeedThreshold = 10;

    /// <summary>How many months a topic must span for a chart: one bar says no more than the page's line of dates.</summary>
    public const int ChartThreshold = 2;

    /// <summary>How many companions an entity or story page lists.</summary>
    public const int CoOccurringCount = 10;

    /// <summary>
    /// How many events a topic page lists at most before the topic's events go a year a page
    /// (its page then lists the newest year's): a page of thousands of events is megabytes no
    /// reader scrolls, and a year's page changes only when that year does, so a build that
    /// follows another renders the newest year again, not every year.
    /// </summary>
    public const int DefaultYearPagesAbove = 300;

    /// <summary>The titles of the stories an event stands under, redirects resolved, each once (FORMAT.md: a story is named by its bullet's links, else its text).</summary>
    public static IReadOnlyList<string> StoriesOf(Event item, RedirectTable redirects)
    {
        // Most events stand under no story or one title: no set made for those (this runs for every event of every build).
        var stories = item.StoryTitles;
        if (stories.Count == 0)
        {
            return [];
        }

        if (stories.Count == 1)
        {
            var title = redirects.Resolve(stories[0]);
            return title.Length == 0 ? [] : [title];
        }

        return [.. stories.Select(redirects.Resolve).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every event's stories as ids into the sorted titles: event i's are
    /// <c>Ids[Start[i]..Start[i + 1]]</c> (ascending), as the links state keeps them.
    /// </summary>
    public static (string[] Titles, int[] Start, int[] Ids) StoryRuns(IReadOnlyList<IReadOnlyList<string>> storiesOfEvents)
    {
        // Ids in order of first sight, then renumbered in title order: one pass, one sort of the titles.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var start = new int[storiesOfEvents.Count + 1];
        var ids = new List<int>();
        for (int i = 0; i < storiesOfEvents.Count; i++)
        {
            foreach (var title in storiesOfEvents[i])
            {
                if (!seen.TryGetValue(title, out int id))
                {
                    seen[title] = id = seen.Count;
                }

                ids.Add(id);
            }

            start[i + 1] = ids.Count;
        }

        var titles = seen.Keys.ToArray();
        var firstSeen = Enumerable.Range(0, titles.Length).ToArray();
        Array.Sort(titles, firstSeen, StringComparer.Ordinal);
        var rank = new int[titles.Length];
        for (int r = 0; r < firstSeen.Length; r++)
        {
            rank[firstSeen[r]] = r;
        }

        var result = new int[ids.Count];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = rank[ids[k]];
        }

        for (int i = 0; i < storiesOfEvents.Count; i++)
        {
            if (start[i + 1] - start[i] > 1)
            {
                Array.Sort(result, start[i], start[i + 1] - start[i]);
            }
        }

        return (titles, start, result);
    }

    /// <summary>
    /// The entity and story pages, the entities of the plan's event pages, the feed of the
    /// latest events and the list of every page (the sitemap; the pages of the years in
    /// <paramref name="sitemapYears"/>, null: all). <paramref name="entities"/> and
    /// <paramref name="stories"/>, when given, are the only topic pages made (a build that
    /// follows another); <paramref name="entryOf"/> is then asked only for the events those
    /// pages list and the latest ones, and <paramref name="yearsOf"/> says which of a topic's
    /// year pages to make (null: all).
    /// </summary>
    private void AddTopics(EntityIndex index, (string[] Titles, int[] Start, int[] Ids) storyRuns, Func<int, TimelineEntry> entryOf, IReadOnlySet<int>? entities, IReadOnlySet<int>? stories, Func<int, string> pathOf, DateOnly[] dayDates, int yearPagesAbove, Func<TopicKind, int, IReadOnlySet<int>?>? yearsOf, IReadOnlySet<int>? sitemapYears)
    {
        var entitySlugs = TopicSlugs.For(index.Titles);
        var entityLinks = new TopicLink[entitySlugs.Length];
        for (int id = 0; id < entityLinks.Length; id++)
        {
            entityLinks[id] = new TopicLink(index.Titles[id], ArchivePaths.Entity(entitySlugs[id]));
        }

        var eventPages = this.eventPages;
        for (int p = 0; p < eventPages.Length; p++)
        {
            eventPages[p] = eventPages[p] with { Entities = [.. index.EventEntities[EventIndexes[p]].Select(id => entityLinks[id])] };
        }

        var days = index.DayNumbers;
        var topics = new TopicLayout(i => DateOnly.FromDayNumber(days[i]), entryOf, yearPagesAbove);

        // Entities: their postings are the events that link them, already in archive order. A
        // title only stories name has no entity page (its story page lists its events).
        var entityPostings = index.EntityPostings;
        var entityIds = (entities ?? (IEnumerable<int>)Enumerable.Range(0, entityLinks.Length)).Where(id => entityPostings[id].Length > 0).Order().ToArray();
        var entityPages = new (TopicPage Page, TopicYearPage[] Years)[entityIds.Length];
        Parallel.For(
            0,
            entityPages.Length,
            () => new Companions(entityLinks.Length),
            (k, _, companions) =>
            {
                int id = entityIds[k];
                var postings = entityPostings[id];
                entityPages[k] = topics.Topic(TopicKind.Entity, entityLinks[id], postings, companions.Top(index.EventEntities, postings, id, entityLinks), yearsOf?.Invoke(TopicKind.Entity, id));
                return companions;
            },
            _ => { });

        // Stories: every story bullet above an event, at any depth, names a story.
        var (storyTitles, storyStart, storyOf) = storyRuns;
        var storyEvents = new List<int>[storyTitles.Length];
        for (int i = 0; i < index.Count; i++)
        {
            for (int k = storyStart[i]; k < storyStart[i + 1]; k++)
            {
                (storyEvents[storyOf[k]] ??= []).Add(i);
            }
        }

        var storySlugs = TopicSlugs.For(storyTitles);
        var storyLinks = new TopicLink[storyTitles.Length];
        for (int s = 0; s < storyLinks.Length; s++)
        {
            storyLinks[s] = new TopicLink(storyTitles[s], ArchivePaths.Story(storySlugs[s]));
        }

        var storyIds = stories is null ? [.. Enumerable.Range(0, storyTitles.Length)] : stories.Order().ToArray();
        var storyPages = new (TopicPage Page, TopicYearPage[] Years)[storyIds.Length];
        Parallel.For(
            0,
            storyPages.Length,
            () => new Companions(entityLinks.Length),
            (k, _, companions) =>
            {
                int s = storyIds[k];
                var postings = storyEvents[s]?.ToArray() ?? [];
                storyPages[k] = topics.Topic(TopicKind.Story, storyLinks[s], postings, companions.Top(index.EventEntities, postings, -1, entityLinks), yearsOf?.Invoke(TopicKind.Story, s));
                return companions;
            },
            _ => { });

        EntityPages = [.. entityPages.Select(p => p.Page)];
        StoryPages = [.. storyPages.Select(p => p.Page)];
        TopicYearPages = [.. entityPages.SelectMany(p => p.Years), .. storyPages.SelectMany(p => p.Years)];
        EntityLinks = entityLinks;
        StoryLinks = storyLinks;
        EventEntityIds = index.EventEntities;
        Latest = [.. Enumerable.Range(Math.Max(0, index.Count - FeedLength), Math.Min(index.Count, FeedLength)).Reverse().Select(entryOf)];
        var topicPages = entityLinks.Select((link, id) => (link.Page, (IReadOnlyList<int>)entityPostings[id])).Where(t => t.Item2.Count > 0)
            .Concat(storyLinks.Select((link, s) => (link.Page, (IReadOnlyList<int>)(storyEvents[s] ?? []))))
            .SelectMany(t => (IEnumerable<string>)[t.Page, .. topics.YearPagesOf(t.Page, t.Item2)]);
        Sitemap = SitemapGroups(index.DayNumbers, pathOf, dayDates, [.. topicPages], sitemapYears);
    }

    /// <summary>Whether a topic's events go a year a page: more than one page should list (<paramref name="above"/>), over more than one year.</summary>
    public static bool GoesByYear(int events, int firstYear, int lastYear, int above) => events > above && firstYear != lastYear;

    /// <summary>How a topic's events are laid out on its page, and on its year pages when it has them.</summary>
    private sealed class TopicLayout(Func<int, DateOnly> dateOf, Func<int, TimelineEntry> entryOf, int yearPagesAbove)
    {
        /// <summary>
        /// A topic's page, with a chart only when it spans <see cref="ChartThreshold"/> months and
        /// a feed only when it has <see cref="TopicFeedThreshold"/> events; and the pages of the
        /// years of <paramref name="render"/> (null: all) when it goes a year a page.
        /// </summary>
        /// <param name="postings">The topic's events, oldest first (archive order).</param>
        public (TopicPage Page, TopicYearPage[] Years) Topic(TopicKind kind, TopicLink link, int[] postings, (TopicLink, int)[] companions, IReadOnlySet<int>? render)
        {
            int count = postings.Length;
            var months = MonthsOf(postings);
            var chart = months.Length >= ChartThreshold ? link.Page + ".svg" : null;
            var feed = count >= TopicFeedThreshold ? link.Page : null;
            if (!ByYear(postings))
            {
                // Every event on the page: its count, span and feed are the page's own (TopicPage's defaults).
                return (new TopicPage(link.Page, kind, link.Title, Entries(postings, 0, count), months, companions, chart, feed), []);
            }

            var years = new List<TopicYear>();
            var yearPages = new List<TopicYearPage>();
            TimelineEntry[] newest = [];
            foreach (var (year, start, end) in YearsOf(postings))
            {
                var page = years.Count == 0 ? link.Page : ArchivePaths.TopicYear(link.Page, year);
                years.Add(new TopicYear(year, end - start, page));
                if (years.Count == 1)
                {
                    newest = Entries(postings, start, end);
                }
                else if (render is null || render.Contains(year))
                {
                    yearPages.Add(new TopicYearPage(page, kind, link.Title, link.Page, year, Entries(postings, start, end)));
                }
            }

            var topic = new TopicPage(link.Page, kind, link.Title, newest, months, companions, chart, feed)
            {
                EventCount = count,
                Span = (dateOf(postings[0]), dateOf(postings[^1])),
                Years = years,
                Latest = Entries(postings, Math.Max(0, count - TopicFeedLength), count),
            };
            return (topic, [.. yearPages]);
        }

        /// <summary>The pages of a topic's years but the newest (none when its page lists every event), oldest first.</summary>
        public IEnumerable<string> YearPagesOf(string topic, IReadOnlyList<int> postings) =>
            ByYear(postings) ? YearsOf(postings).Skip(1).Reverse().Select(y => ArchivePaths.TopicYear(topic, y.Year)) : [];

        /// <summary>Whether a topic's events go a year a page (see <see cref="GoesByYear"/>).</summary>
        public bool ByYear(IReadOnlyList<int> postings) =>
            postings.Count > 0 && GoesByYear(postings.Count, dateOf(postings[0]).Year, dateOf(postings[^1]).Year, yearPagesAbove);

        /// <summary>Each year with events, newest first, with the range of <paramref name="postings"/> (oldest first) it holds.</summary>
        private IEnumerable<(int Year, int Start, int End)> YearsOf(IReadOnlyList<int> postings)
        {
            for (int end = postings.Count; end > 0;)
            {
                int year = dateOf(postings[end - 1]).Year;
                int start = end - 1;
                while (start > 0 && dateOf(postings[start - 1]).Year == year)
                {
                    start--;
                }

                yield return (year, start, end);
                end = start;
            }
        }

        /// <summary>The entries of <c>postings[start..end]</c>, newest first.</summary>
        private TimelineEntry[] Entries(int[] postings, int start, int end)
        {
            var entries = new TimelineEntry[end - start];
            for (int i = 0; i < entries.Length; i++)
            {
                entries[i] = entryOf(postings[end - 1 - i]);
            }

            return entries;
        }

        /// <summary>Events per month from the first month to the last, oldest first, empty months as zero.</summary>
        private MonthCount[] MonthsOf(int[] postings)
        {
            if (postings.Length == 0)
            {
                return [];
            }

            var first = dateOf(postings[0]);
            var last = dateOf(postings[^1]);
            int start = (first.Year * 12) + first.Month - 1;
            var counts = new int[(last.Year * 12) + last.Month - 1 - start + 1];
            foreach (int e in postings)
            {
                var date = dateOf(e);
                counts[(date.Year * 12) + date.Month - 1 - start]++;
            }

            var months = new MonthCount[counts.Length];
            for (int m = 0; m < counts.Length; m++)
            {
                months[m] = new MonthCount((start + m) / 12, ((start + m) % 12) + 1, counts[m]);
            }

            return months;
        }
    }

    /// <summary>Per-thread scratch space for counting the entities that appear with a topic.</summary>
    private sealed class Companions(int entities)
    {
        private readonly int[] counts = new int[entities];
        private readonly List<int> touched = [];

        /// <summary>The entities most often named with the events, most first, then by id (ordinal title); <paramref name="self"/> left out.</summary>
        public (TopicLink, int)[] Top(int[][] eventEntities, int[] events, int self, TopicLink[] links)
        {
            foreach (int e in events)
            {
                foreach (int id in eventEntities[e])
                {
                    if (id != self && counts[id]++ == 0)
                    {
                        touched.Add(id);
                    }
                }
            }

            var top = touched
                .OrderByDescending(id => counts[id])
                .ThenBy(id => id)
                .Take(CoOccurringCount)
                .Select(id => (links[id], counts[id]))
                .ToArray();
            foreach (int id in touched)
            {
                counts[id] = 0;
            }

            touched.Clear();
            return top;
        }
    }
}
