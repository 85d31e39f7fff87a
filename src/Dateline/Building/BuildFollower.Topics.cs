using Dateline.Linking;
using Dateline.Model;
using Dateline.Publishing;

namespace Dateline.Building;

internal sealed partial class BuildFollower
{
    /// <summary>
    /// The topic pages a change can reach, added to <paramref name="plan"/>: those of every entity
    /// and story an event of a changed day names (now or in the previous build) and of every
    /// event whose article changed. A topic that lists its events a year a page gets its own page
    /// again and the pages of the years a changed day falls in (all of them when it has just
    /// begun to go by year; the year that was its newest when that changed). Returns the pages
    /// (without extension) of the previous build's topics those replace or that are gone, or null
    /// when a topic's page moved (a new title took its slug: every link to it changes, and the
    /// build must be a full one).
    /// </summary>
    private HashSet<string>? FollowTopics(KnownEvents events, (string[] Titles, int[] Start, int[] Ids) stories, SitePlan plan)
    {
        var entityTitles = index.Titles.ToArray();
        var oldEntitySlugs = TopicSlugs.For(links.Titles);
        var entitySlugs = TopicSlugs.For(entityTitles);
        var oldStorySlugs = TopicSlugs.For(published.StoryTitles);
        var storySlugs = TopicSlugs.For(stories.Titles);
        var retired = new HashSet<string>(StringComparer.Ordinal);
        var entities = new HashSet<int>();
        var storyIds = new HashSet<int>();
        var entityYears = new TouchedYears(links.Titles, oldEntitySlugs, entityTitles, entitySlugs, ArchivePaths.Entity);
        var storyYears = new TouchedYears(published.StoryTitles, oldStorySlugs, stories.Titles, storySlugs, ArchivePaths.Story);

        // A previous topic an event of a changed day named: reached (its page is the same now) or
        // gone; false when its page moved.
        bool Previous(TouchedYears topics, HashSet<int> reached, int old, int year)
        {
            int id = Array.BinarySearch(topics.Titles, topics.OldTitles[old], StringComparer.Ordinal);
            if (id < 0 || (topics == entityYears && index.EntityPostings[id].Length == 0))
            {
                var page = topics.Page(topics.OldSlugs[old]);
                retired.Add(page); // no event names it now (or, of an entity, links it)
                topics.Gone(old, page);
                return true;
            }

            reached.Add(id);
            topics.Touch(id, year);
            return topics.Slugs[id] == topics.OldSlugs[old];
        }

        var keys = links.Keys;
        var entityStart = links.EntityStart;
        var oldEntities = links.Entities;
        var storyStart = published.StoryStart;
        var oldStories = published.Stories;
        for (int o = 0; o < keys.Length; o++)
        {
            if (!changes.Reread.Contains(keys[o].DayNumber))
            {
                continue;
            }

            int year = DateOnly.FromDayNumber(keys[o].DayNumber).Year;
            for (int k = entityStart[o]; k < entityStart[o + 1]; k++)
            {
                if (!Previous(entityYears, entities, oldEntities[k], year))
                {
                    return null;
                }
            }

            for (int k = storyStart[o]; k < storyStart[o + 1]; k++)
            {
                if (!Previous(storyYears, storyIds, oldStories[k], year))
                {
                    return null;
                }
            }
        }

        // Any other title of both builds must keep its slug: its page is kept, and so are the links to it.
        if (!SameSlugs(links.Titles, oldEntitySlugs, entityTitles, entitySlugs) || !SameSlugs(published.StoryTitles, oldStorySlugs, stories.Titles, storySlugs))
        {
            return null;
        }

        for (int e = 0; e < index.Count; e++)
        {
            int o = update.Previous[e];
            bool reread = changes.Reread.Contains(index.DayNumbers[e]);
            if (reread || o < 0 || published.Pages[o] != pages[e])
            {
                // An article's summary shows only in its topics' feeds: their pages, not their years'.
                int year = DateOf(e).Year;
                entities.UnionWith(index.EventEntities[e]);
                for (int k = stories.Start[e]; k < stories.Start[e + 1]; k++)
                {
                    storyIds.Add(stories.Ids[k]);
                    if (reread)
                    {
                        storyYears.Touch(stories.Ids[k], year);
                    }
                }

                if (reread)
                {
                    foreach (int id in index.EventEntities[e])
                    {
                        entityYears.Touch(id, year);
                    }
                }
            }
        }

        // The events those pages list, and the latest events (the front page and the site's feed).
        var storyPostings = new List<int>[stories.Titles.Length];
        for (int e = 0; e < index.Count; e++)
        {
            for (int k = stories.Start[e]; k < stories.Start[e + 1]; k++)
            {
                if (storyIds.Contains(stories.Ids[k]))
                {
                    (storyPostings[stories.Ids[k]] ??= []).Add(e);
                }
            }
        }

        // What the previous build made of the touched topics' years, read from its events.
        int above = build.Options.YearPagesAbove;
        entityYears.ReadPrevious(keys, entityStart, oldEntities, links.Linked);
        storyYears.ReadPrevious(keys, storyStart, oldStories, []);
        var entityRender = entityYears.Plan(id => index.EntityPostings[id], DateOf, above, retired);
        var storyRender = storyYears.Plan(id => storyPostings[id] ?? [], DateOf, above, retired);

        var latest = Enumerable.Range(Math.Max(0, index.Count - SitePlan.FeedLength), Math.Min(index.Count, SitePlan.FeedLength));
        var shown = new HashSet<int>(latest);
        var inFeeds = new HashSet<int>(latest);
        void Listed(IReadOnlyList<int> postings, IReadOnlySet<int> years)
        {
            if (postings.Count == 0)
            {
                return;
            }

            // Summaries: only feeds show them, and a feed the newest events of its topic (and the
            // site's feed the newest of all), so only those events' articles are read.
            for (int k = Math.Max(0, postings.Count - SitePlan.TopicFeedLength); k < postings.Count; k++)
            {
                inFeeds.Add(postings[k]);
                shown.Add(postings[k]);
            }

            bool byYear = SitePlan.GoesByYear(postings.Count, DateOf(postings[0]).Year, DateOf(postings[^1]).Year, above);
            int newest = DateOf(postings[^1]).Year;
            foreach (int e in postings)
            {
                if (!byYear || DateOf(e).Year == newest || years.Contains(DateOf(e).Year))
                {
                    shown.Add(e);
                }
            }
        }

        foreach (int id in entities.Where(id => index.EntityPostings[id].Length > 0))
        {
            Listed(index.EntityPostings[id], entityRender(id));
        }

        foreach (int id in storyIds)
        {
            Listed(storyPostings[id] ?? [], storyRender(id));
        }

        var headlines = store.ReadHeadlines(shown.Where(i => !known.ContainsKey(i)).Select(i => (DateOf(i), index.Positions[i])));
        var articles = store.ReadFirstKnownArticles(inFeeds.Select(i => (DateOf(i), index.Positions[i])).ToHashSet());
        var summaries = new Dictionary<int, string?>(inFeeds.Count);
        foreach (int i in inFeeds)
        {
            summaries[i] = articles.TryGetValue((DateOf(i), index.Positions[i]), out var article) ? article.Summary : null;
        }

        var entries = new Dictionary<int, TimelineEntry>(shown.Count);
        foreach (int i in shown)
        {
            var headline = known.TryGetValue(i, out var item) ? item.Headline : headlines.TryGetValue((DateOf(i), index.Positions[i]), out var h) ? h : throw ChangedMeanwhile(DateOf(i));
            entries[i] = new TimelineEntry(DateOf(i), headline, events.PathOf!(i), summaries.GetValueOrDefault(i));
        }

        plan.AddTopicsFor(index, stories, entities, storyIds, i => entries[i], above, (kind, id) => kind == TopicKind.Entity ? entityRender(id) : storyRender(id), changes.RewrittenYears);
        foreach (var page in plan.EntityPages.Concat(plan.StoryPages))
        {
            retired.Add(page.Page);
        }

        foreach (var page in plan.TopicYearPages)
        {
            retired.Add(page.Page);
        }

        return retired;
    }

    /// <summary>True when every title of <paramref name="oldTitles"/> that is also in <paramref name="titles"/> has the same slug in both (both lists ascending).</summary>
    private static bool SameSlugs(string[] oldTitles, string[] oldSlugs, string[] titles, string[] slugs)
    {
        for (int o = 0, n = 0; o < oldTitles.Length && n < titles.Length;)
        {
            int order = string.CompareOrdinal(oldTitles[o], titles[n]);
            if (order == 0 && oldSlugs[o++] != slugs[n++])
            {
                return false;
            }

            if (order < 0)
            {
                o++;
            }
            else if (order > 0)
            {
                n++;
            }
        }

        return true;
    }

    /// <summary>
    /// For the entities or the stories: the years a change touched of each topic (by id now),
    /// the topics gone, and what the previous build made of both (read from its events), so that
    /// a topic that goes a year a page gets again only the year pages that change.
    /// </summary>
    private sealed class TouchedYears(string[] oldTitles, string[] oldSlugs, string[] titles, string[] slugs, Func<string, string> page)
    {
        private static readonly HashSet<int> None = [];
        private readonly Dictionary<int, HashSet<int>> touched = [];
        private readonly Dictionary<int, Years> previous = [];
        private readonly Dictionary<int, (string Page, Years Years)> gone = [];

        /// <summary>The previous build's titles, ordinal order (ids as that build's).</summary>
        public string[] OldTitles => oldTitles;

        public string[] OldSlugs => oldSlugs;

        /// <summary>This build's titles, ordinal order.</summary>
        public string[] Titles => titles;

        public string[] Slugs => slugs;

        /// <summary>A topic's page, from its slug.</summary>
        public string Page(string slug) => page(slug);

        /// <summary>Topic <paramref name="id"/> had or has an event on a changed day of <paramref name="year"/>.</summary>
        public void Touch(int id, int year)
        {
            if (!touched.TryGetValue(id, out var years))
            {
                touched[id] = years = [];
            }

            years.Add(year);
        }

        /// <summary>The previous build's topic <paramref name="old"/> (its page <paramref name="page"/>) has no page now.</summary>
        public void Gone(int old, string page) => gone.TryAdd(old, (page, new Years()));

        /// <summary>Reads the years of the touched and gone topics' events in the previous build.</summary>
        /// <param name="listed">Beside each of <paramref name="ids"/>: 1 when the topic's page lists the event; empty when all are listed.</param>
        public void ReadPrevious(ReadOnlySpan<EventKey> keys, ReadOnlySpan<int> start, ReadOnlySpan<int> ids, ReadOnlySpan<byte> listed)
        {
            var wanted = new Dictionary<int, Years>();
            foreach (int id in touched.Keys)
            {
                int old = Array.BinarySearch(oldTitles, titles[id], StringComparer.Ordinal);
                if (old >= 0)
                {
                    wanted[old] = previous[id] = new Years();
                }
            }

            foreach (var (old, (_, years)) in gone)
            {
                wanted[old] = years;
            }

            for (int o = 0; o < keys.Length; o++)
            {
                for (int k = start[o]; k < start[o + 1]; k++)
                {
                    if ((listed.IsEmpty || listed[k] == 1) && wanted.TryGetValue(ids[k], out var years))
                    {
                        years.Add(DateOnly.FromDayNumber(keys[o].DayNumber).Year);
                    }
                }
            }
        }

        /// <summary>
        /// Which year pages to make of each topic (by id): of a touched topic that goes a year a
        /// page, those of the touched years and of the year that was its newest, or all when it
        /// did not go by year before. Adds to <paramref name="retired"/> the previous year pages
        /// that are made again or are gone.
        /// </summary>
        public Func<int, IReadOnlySet<int>> Plan(Func<int, IReadOnlyList<int>> postingsOf, Func<int, DateOnly> dateOf, int above, HashSet<string> retired)
        {
            foreach (var (page, years) in gone.Values)
            {
                foreach (int year in years.Pages(above))
                {
                    retired.Add(ArchivePaths.TopicYear(page, year));
                }
            }

            var make = new Dictionary<int, IReadOnlySet<int>>();
            foreach (var (id, changed) in touched)
            {
                var before = previous.GetValueOrDefault(id) ?? new Years();
                var now = new Years();
                foreach (int e in postingsOf(id))
                {
                    now.Add(dateOf(e).Year);
                }

                var pages = now.Pages(above);
                var again = before.ByYear(above) ? pages.Where(y => changed.Contains(y) || y == before.Newest).ToHashSet() : pages;
                foreach (int year in before.Pages(above))
                {
                    if (!pages.Contains(year) || again.Contains(year))
                    {
                        retired.Add(ArchivePaths.TopicYear(page(slugs[id]), year));
                    }
                }

                make[id] = again;
            }

            return id => make.GetValueOrDefault(id) ?? None;
        }
    }

    /// <summary>The years of a topic's events: how many events, which years, the first and the newest.</summary>
    private sealed class Years
    {
        private readonly HashSet<int> years = [];
        private int count;
        private int first = int.MaxValue;

        public int Newest { get; private set; } = int.MinValue;

        public void Add(int year)
        {
            count++;
            years.Add(year);
            first = Math.Min(first, year);
            Newest = Math.Max(Newest, year);
        }

        public bool ByYear(int above) => count > 0 && SitePlan.GoesByYear(count, first, Newest, above);

        /// <summary>The years that have a page of their own: all but the newest, when the topic goes by year.</summary>
        public HashSet<int> Pages(int above) => ByYear(above) ? years.Where(y => y != Newest).ToHashSet() : [];
    }
}
