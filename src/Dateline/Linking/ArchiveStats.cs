using Dateline.Model;

namespace Dateline.Linking;

/// <summary>What the archive holds, with redirects resolved: the counts and the busiest entities.</summary>
public sealed record ArchiveStats(
    int Days,
    int Events,
    int Entities,
    int Stories,
    int Citations,
    DateOnly? First,
    DateOnly? Last,
    IReadOnlyList<(string Entity, int Events)> BusiestEntities)
{
    public static ArchiveStats Compute(Archive archive, EntityIndex index, int top = 10)
    {
        // Stories by their titles (redirects resolved), as story pages name them.
        var stories = new HashSet<string>(StringComparer.Ordinal);
        int citations = 0;
        foreach (var item in archive.Events)
        {
            citations += item.Citations.Count;
            foreach (var title in item.StoryTitles)
            {
                stories.Add(archive.Redirects.Resolve(title));
            }
        }

        // Entities are the titles events link in their own text; a title only stories name is none.
        var linking = index.EntityPostings;
        var entities = Enumerable.Range(0, index.Titles.Count).Where(id => linking[id].Length > 0).ToArray();
        var busiest = entities
            .Select(id => (Entity: index.Titles[id], Events: linking[id].Length))
            .OrderByDescending(e => e.Events)
            .ThenBy(e => e.Entity, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
        var days = archive.Days.Where(d => d.Events.Count > 0).ToArray();
        return new ArchiveStats(
            archive.Days.Count,
            index.Count,
            entities.Length,
            stories.Count,
            citations,
            days.Length > 0 ? days[0].Date : null,
            days.Length > 0 ? days[^1].Date : null,
            busiest);
    }
}
