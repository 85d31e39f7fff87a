using Dateline.Linking;
using Dateline.Model;
using Dateline.Publishing;

namespace Dateline.Building;

internal sealed partial class BuildFollower
{
    /// <summary>
    /// Every event's stories (as <see cref="SitePlan.StoryRuns"/> lays them out): a re-read day's
    /// from its events (all in <paramref name="known"/>), any other's carried as ids from the
    /// previous build. Both title lists are in ordinal order, so an old id maps to a new one in
    /// the same order and a carried event's ids stay ascending.
    /// </summary>
    private (string[] Titles, int[] Start, int[] Ids) StoriesOf()
    {
        var start = published.StoryStart;
        var ids = published.Stories;
        var oldTitles = published.StoryTitles;
        int n = index.Count;
        var onChangedDay = new bool[n];
        var used = new bool[oldTitles.Length];
        var fresh = new SortedSet<string>(StringComparer.Ordinal);
        for (int e = 0; e < n; e++)
        {
            if (onChangedDay[e] = changes.Reread.Contains(index.DayNumbers[e]))
            {
                fresh.UnionWith(SitePlan.StoriesOf(known[e], versions.Redirects));
                continue;
            }

            int o = update.Previous[e];
            for (int k = start[o]; k < start[o + 1]; k++)
            {
                used[ids[k]] = true;
            }
        }

        // The titles of both, merged in order; each old title still used gets its new id.
        var titles = new List<string>(oldTitles.Length + fresh.Count);
        var newId = new int[oldTitles.Length];
        using (var next = fresh.GetEnumerator())
        {
            bool more = next.MoveNext();
            for (int t = 0; t < oldTitles.Length; t++)
            {
                if (!used[t])
                {
                    continue;
                }

                int order;
                while (more && (order = string.CompareOrdinal(next.Current, oldTitles[t])) <= 0)
                {
                    if (order < 0)
                    {
                        titles.Add(next.Current);
                    }

                    more = next.MoveNext();
                }

                newId[t] = titles.Count;
                titles.Add(oldTitles[t]);
            }

            for (; more; more = next.MoveNext())
            {
                titles.Add(next.Current);
            }
        }

        var idOf = new Dictionary<string, int>(fresh.Count, StringComparer.Ordinal);
        foreach (var title in fresh)
        {
            idOf[title] = titles.BinarySearch(title, StringComparer.Ordinal);
        }

        var newStart = new int[n + 1];
        var newIds = new List<int>(ids.Length + 16);
        for (int e = 0; e < n; e++)
        {
            if (onChangedDay[e])
            {
                newIds.AddRange(SitePlan.StoriesOf(known[e], versions.Redirects).Select(t => idOf[t]).Order());
            }
            else
            {
                int o = update.Previous[e];
                for (int k = start[o]; k < start[o + 1]; k++)
                {
                    newIds.Add(newId[ids[k]]);
                }
            }

            newStart[e + 1] = newIds.Count;
        }

        return ([.. titles], newStart, [.. newIds]);
    }
}
