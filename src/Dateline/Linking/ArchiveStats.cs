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
        var stories = new HashSet<string>(StringComparer.Ordinal);
        int citations = 0;
        foreach (var item in archive.Events)
        {
            citations += item.Citations.Count;
            for (int depth = 1; depth <= item.Stories.Count; depth++)
            {
                stories.Add(string.Join('\u001F', item.Stories.Take(depth)));
            }
        }

        var busiest = Enumerable.Range(0, index.Titles.Count)
            .Select(id => (Entity: index.Titles[id], Events: index.DocumentFrequency(id)))
            .OrderByDescending(e => e.Events)
            .ThenBy(e => e.Entity, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
        var days = archive.Days.Where(d => d.Events.Count > 0).ToArray();
        return new ArchiveStats(
            archive.Days.Count,
            index.Count,
            index.Titles.Count,
            stories.Count,
            citations,
            days.Length > 0 ? days[0].Date : null,
            days.Length > 0 ? days[^1].Date : null,
            busiest);
    }
}
