using Dateline.Linking;

namespace Dateline.Publishing;

/// <summary>Entity and story pages, and the feed of the latest events.</summary>
public sealed partial class SitePlan
{
    /// <summary>How many events the site's feed and each entity's feed carry.</summary>
    public const int FeedLength = 50;

    /// <summary>How many companions an entity or story page lists.</summary>
    public const int CoOccurringCount = 10;

    private void AddTopics(EntityIndex index, EventPage[] eventPages)
    {
        var timeline = new TimelineEntry[eventPages.Length];
        for (int i = 0; i < timeline.Length; i++)
        {
            var page = eventPages[i];
            timeline[i] = new TimelineEntry(page.Event.Date, page.Event.Headline, page.Page, page.Summary);
        }

        var entitySlugs = TopicSlugs.For(index.Titles);
        var entityLinks = new TopicLink[entitySlugs.Length];
        for (int id = 0; id < entityLinks.Length; id++)
        {
            entityLinks[id] = new TopicLink(index.Titles[id], ArchivePaths.Entity(entitySlugs[id]));
        }

        for (int i = 0; i < eventPages.Length; i++)
        {
            eventPages[i] = eventPages[i] with { Entities = [.. index.EventEntities[i].Select(id => entityLinks[id])] };
        }

        // Entities: their postings are the events that name them, already in archive order.
        var entityPages = new TopicPage[entityLinks.Length];
        Parallel.For(
            0,
            entityPages.Length,
            () => new Companions(entityLinks.Length),
            (id, _, companions) =>
            {
                var link = entityLinks[id];
                var postings = index.Postings[id];
                entityPages[id] = Topic(TopicKind.Entity, link, postings, timeline, companions.Top(index.EventEntities, postings, id, entityLinks), link.Page);
                return companions;
            },
            _ => { });

        // Stories: every story bullet above an event, at any depth, names a story.
        var storyEvents = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < eventPages.Length; i++)
        {
            foreach (var story in eventPages[i].Event.Stories.Distinct(StringComparer.Ordinal))
            {
                var title = story.Trim();
                if (title.Length == 0)
                {
                    continue;
                }

                if (!storyEvents.TryGetValue(title, out var list))
                {
                    storyEvents[title] = list = [];
                }

                list.Add(i);
            }
        }

        var storyTitles = storyEvents.Keys.Order(StringComparer.Ordinal).ToArray();
        var storySlugs = TopicSlugs.For(storyTitles);
        var storyPages = new TopicPage[storyTitles.Length];
        Parallel.For(
            0,
            storyPages.Length,
            () => new Companions(entityLinks.Length),
            (s, _, companions) =>
            {
                var link = new TopicLink(storyTitles[s], ArchivePaths.Story(storySlugs[s]));
                var postings = storyEvents[storyTitles[s]].ToArray();
                storyPages[s] = Topic(TopicKind.Story, link, postings, timeline, companions.Top(index.EventEntities, postings, -1, entityLinks), null);
                return companions;
            },
            _ => { });

        EntityPages = entityPages;
        StoryPages = storyPages;
        EntityLinks = entityLinks;
        EventEntityIds = index.EventEntities;
        Latest = [.. timeline.Reverse().Take(FeedLength)];
    }

    private static TopicPage Topic(TopicKind kind, TopicLink link, int[] postings, TimelineEntry[] timeline, (TopicLink, int)[] companions, string? feed)
    {
        var events = new TimelineEntry[postings.Length];
        for (int i = 0; i < postings.Length; i++)
        {
            events[i] = timeline[postings[postings.Length - 1 - i]]; // newest first
        }

        return new TopicPage(link.Page, kind, link.Title, events, MonthsOf(events), companions, link.Page + ".svg", feed);
    }

    /// <summary>Events per month from the first month to the last, oldest first, empty months as zero.</summary>
    private static MonthCount[] MonthsOf(TimelineEntry[] newestFirst)
    {
        if (newestFirst.Length == 0)
        {
            return [];
        }

        var first = newestFirst[^1].Date;
        var last = newestFirst[0].Date;
        int start = (first.Year * 12) + first.Month - 1;
        var counts = new int[(last.Year * 12) + last.Month - 1 - start + 1];
        foreach (var entry in newestFirst)
        {
            counts[(entry.Date.Year * 12) + entry.Date.Month - 1 - start]++;
        }

        var months = new MonthCount[counts.Length];
        for (int m = 0; m < counts.Length; m++)
        {
            months[m] = new MonthCount((start + m) / 12, ((start + m) % 12) + 1, counts[m]);
        }

        return months;
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
