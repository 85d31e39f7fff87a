using Dateline.Linking;
using Dateline.Model;
using Dateline.Store;

namespace Dateline.Publishing;

/// <summary>
/// What a build published, as rows of the site tables (<see cref="SiteTables"/>, which writes
/// them): the server answers search and the JSON API from them, straight from the database, with
/// the same paths, entities and related lists as the pages. This side knows the pages: which
/// rows a plan gives.
/// </summary>
public static class SiteIndex
{
    /// <summary>
    /// True when the site tables are those of the build made from <paramref name="source"/> (see
    /// <see cref="SiteWriter.Source"/>; <see cref="SiteTables.Holds"/> says when that matters).
    /// </summary>
    /// <param name="events">How many events the tables must hold (by default, as many as the archive).</param>
    public static bool Holds(ArchiveStore store, string? source, int? events = null) => SiteTables.Holds(store, source, events);

    /// <summary>An event's id in the site tables: its key (day number, then place on the day), so ids follow archive order and stay put when other days change.</summary>
    public static long EventId(DateOnly date, int position) => new EventKey(date, position).Id;

    /// <summary>Replaces the site tables with the whole archive's <paramref name="plan"/>.</summary>
    /// <param name="related">Each event's related events (by index in archive order), as the plan's pages list them.</param>
    /// <param name="source">What the build was made from (see <see cref="Holds"/>).</param>
    public static void Replace(ArchiveStore store, SitePlan plan, EntityIndex index, IReadOnlyList<RelatedEvent[]?> related, string source) =>
        SiteTables.Replace(store, Entities(plan, index), Postings(plan, index), Events(plan, index, related), source);

    /// <summary>
    /// Writes what <see cref="Replace"/> writes, in a transaction the caller commits once the
    /// plan's pages are on disk, or disposes of to leave the tables as they were (see <see cref="SiteTables.Begin"/>).
    /// </summary>
    internal static SiteTables.Pending BeginReplace(ArchiveStore store, SitePlan plan, EntityIndex index, IReadOnlyList<RelatedEvent[]?> related, string source) =>
        SiteTables.Begin(store, Entities(plan, index), Postings(plan, index), Events(plan, index, related), source);

    /// <summary>
    /// For a build that followed another: the rows of the events in <paramref name="gone"/> (ids
    /// of the previous build, with the entity titles they named) and of the plan's events are
    /// replaced by the plan's events (see <see cref="SiteTables.Update"/>).
    /// </summary>
    public static void Update(ArchiveStore store, SitePlan plan, EntityIndex index, IReadOnlyList<RelatedEvent[]?> related, IReadOnlyList<(long Id, IReadOnlyList<string> Titles)> gone, string source) =>
        SiteTables.Update(store, Entities(plan, index), Links(plan, index), [.. Events(plan, index, related)], gone, source);

    /// <summary>Writes what <see cref="Update"/> writes, in a transaction the caller commits once the plan's pages are on disk (as <see cref="BeginReplace"/>).</summary>
    internal static SiteTables.Pending BeginUpdate(ArchiveStore store, SitePlan plan, EntityIndex index, IReadOnlyList<RelatedEvent[]?> related, IReadOnlyList<(long Id, IReadOnlyList<string> Titles)> gone, string source) =>
        SiteTables.BeginUpdate(store, Entities(plan, index), Links(plan, index), [.. Events(plan, index, related)], gone, source);

    /// <summary>Every entity title the plan links (ordinal title order), with its page's slug and how many events name it.</summary>
    private static SiteEntity[] Entities(SitePlan plan, EntityIndex index)
    {
        var entities = new SiteEntity[plan.EntityLinks.Count];
        for (int id = 0; id < entities.Length; id++)
        {
            var link = plan.EntityLinks[id];
            entities[id] = new SiteEntity(link.Title, link.Page["news/entity/".Length..], index.EntityPostings[id].Length);
        }

        return entities;
    }

    /// <summary>Each entity's events, entity by entity (postings are in archive order): the whole archive's links.</summary>
    private static IEnumerable<SiteLink> Postings(SitePlan plan, EntityIndex index)
    {
        for (int id = 0; id < plan.EntityLinks.Count; id++)
        {
            foreach (int e in index.EntityPostings[id])
            {
                yield return new SiteLink(id, index.KeyOf(e).Id);
            }
        }
    }

    /// <summary>The entities each of the plan's events names, event by event in plan order.</summary>
    private static IEnumerable<SiteLink> Links(SitePlan plan, EntityIndex index)
    {
        foreach (int e in plan.EventIndexes)
        {
            foreach (int entity in index.EventEntities[e])
            {
                yield return new SiteLink(entity, index.KeyOf(e).Id);
            }
        }
    }

    /// <summary>The rows of the plan's event pages, in archive order (the order of ids).</summary>
    private static IEnumerable<SiteEvent> Events(SitePlan plan, EntityIndex index, IReadOnlyList<RelatedEvent[]?> related)
    {
        foreach (int p in ArchiveOrder(plan))
        {
            var page = plan.EventPages[p];
            int e = plan.EventIndexes[p];
            var item = page.Event;
            var list = related[e] ?? throw new ArgumentException($"no related list for event {e}", nameof(related));

            // Arrays, which the site tables serialize as they are (a list would be copied into one first).
            JsonCitation[] citations = [.. item.Citations.Select(c => new JsonCitation(c.Label, c.Url))];
            JsonTopic[] entities = [.. page.Entities.Select(t => new JsonTopic(t.Title, t.Page))];
            JsonRelated[] contexts = [.. list.Select((r, k) => new JsonRelated(index.KeyOf(r.Event).Id, page.Related[k].Context))];
            yield return new SiteEvent(
                EventId(item.Date, item.Position),
                item.Date,
                item.Position,
                page.Page,
                item.Category,
                item.Headline,
                page.Summary,
                page.Image,
                citations,
                entities,
                contexts);
        }
    }

    /// <summary>Places in <paramref name="plan"/>'s event pages, sorted by date, then position (a stable sort: the plan's order breaks ties).</summary>
    private static int[] ArchiveOrder(SitePlan plan)
    {
        var pages = plan.EventPages;
        var order = new int[pages.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        return [.. order.OrderBy(i => pages[i].Event.Date).ThenBy(i => pages[i].Event.Position)];
    }
}
