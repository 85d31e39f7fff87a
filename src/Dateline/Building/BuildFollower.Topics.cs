using Dateline.Linking;
using Dateline.Model;
using Dateline.Publishing;

namespace Dateline.Building;

internal sealed partial class BuildFollower
{
    /// <summary>
    /// The topic pages a change can reach, added to <paramref name="plan"/>: those of every entity
    /// and story an event of a changed day names (now or in the previous build) and of every
    /// event whose article changed; each with all its events (read for the timeline). Returns the
    /// pages (without extension) of the previous build's topics those replace or that are gone,
    /// or null when a topic's page moved (a new title took its slug: every link to it changes,
    /// and the build must be a full one).
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

        // A previous topic: the same page now, or gone; null when it moved.
        bool Previous(string title, string oldSlug, string[] titles, string[] slugs, HashSet<int> affected, Func<string, string> page)
        {
            int id = Array.BinarySearch(titles, title, StringComparer.Ordinal);
            if (id < 0 || (titles == entityTitles && index.EntityPostings[id].Length == 0))
            {
                retired.Add(page(oldSlug)); // no event names it now (or, of an entity, links it)
                return true;
            }

            affected.Add(id);
            return slugs[id] == oldSlug;
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

            for (int k = entityStart[o]; k < entityStart[o + 1]; k++)
            {
                if (!Previous(links.Titles[oldEntities[k]], oldEntitySlugs[oldEntities[k]], entityTitles, entitySlugs, entities, ArchivePaths.Entity))
                {
                    return null;
                }
            }

            for (int k = storyStart[o]; k < storyStart[o + 1]; k++)
            {
                if (!Previous(published.StoryTitles[oldStories[k]], oldStorySlugs[oldStories[k]], stories.Titles, storySlugs, storyIds, ArchivePaths.Story))
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
            if (changes.Reread.Contains(index.DayNumbers[e]) || o < 0 || published.Pages[o] != pages[e])
            {
                entities.UnionWith(index.EventEntities[e]);
                for (int k = stories.Start[e]; k < stories.Start[e + 1]; k++)
                {
                    storyIds.Add(stories.Ids[k]);
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

        var shown = new HashSet<int>(Enumerable.Range(Math.Max(0, index.Count - SitePlan.FeedLength), Math.Min(index.Count, SitePlan.FeedLength)));
        foreach (int id in entities)
        {
            shown.UnionWith(index.EntityPostings[id]);
        }

        foreach (var postings in storyPostings)
        {
            shown.UnionWith(postings ?? []);
        }

        var headlines = store.ReadHeadlines(shown.Where(i => !known.ContainsKey(i)).Select(i => (DateOf(i), index.Positions[i])));

        // Summaries: only feeds show them, and a feed the newest events of its topic (and the
        // site's feed the newest of all), so only those events' articles are read.
        var inFeeds = new HashSet<int>(Enumerable.Range(Math.Max(0, index.Count - SitePlan.FeedLength), Math.Min(index.Count, SitePlan.FeedLength)));
        foreach (var postings in entities.Select(id => (IReadOnlyList<int>)index.EntityPostings[id]).Concat(storyPostings.OfType<List<int>>()))
        {
            for (int k = Math.Max(0, postings.Count - SitePlan.FeedLength); k < postings.Count; k++)
            {
                inFeeds.Add(postings[k]);
            }
        }

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

        plan.AddTopicsFor(index, stories, entities, storyIds, i => entries[i]);
        foreach (var page in plan.EntityPages.Concat(plan.StoryPages))
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
}
