namespace Dateline.Model;

/// <summary>
/// Maps entity titles to the current titles of their articles, following chains
/// (A → B → C gives C). A title in a cycle is left as it is and listed in <see cref="Cycles"/>.
/// </summary>
/// <remarks>
/// Every title is resolved once, when the table is made, in one walk over the redirects: each
/// title is visited a bounded number of times, so a 100,000-long cycle or 20,000 chained
/// redirects cost linear time (walking each chain from each of its titles was quadratic).
/// </remarks>
public sealed class RedirectTable
{
    private readonly Dictionary<string, string> direct;
    private readonly Dictionary<string, string> resolved;

    public RedirectTable(IEnumerable<KeyValuePair<string, string>> redirects)
    {
        direct = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in redirects)
        {
            var source = Entity.NormalizeTitle(from);
            var target = Entity.NormalizeTitle(to);
            if (source.Length > 0 && target.Length > 0 && source != target)
            {
                direct[source] = target;
            }
        }

        (resolved, Cycles) = ResolveAll(direct);
    }

    public static RedirectTable Empty { get; } = new([]);

    public int Count => direct.Count;

    /// <summary>Titles whose redirects lead back to themselves; they are not resolved.</summary>
    public IReadOnlyList<string> Cycles { get; }

    public IEnumerable<KeyValuePair<string, string>> Entries => direct.OrderBy(e => e.Key, StringComparer.Ordinal);

    /// <summary>The current title for <paramref name="title"/> (itself when it is not a redirect).</summary>
    public string Resolve(string title) => resolved.TryGetValue(title, out var current) ? current : title;

    /// <summary>
    /// Each redirect's final title, and the titles on cycles (in ordinal order). Every title has
    /// at most one redirect, so the walk from a title is a path that ends at a title that is not
    /// a redirect, at one already resolved, or at one on the path itself (a cycle). A title on a
    /// cycle, or whose chain leads into one, is left as it is.
    /// </summary>
    private static (Dictionary<string, string> Resolved, List<string> Cycles) ResolveAll(Dictionary<string, string> direct)
    {
        var resolved = new Dictionary<string, string>(direct.Count, StringComparer.Ordinal);
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var cycles = new List<string>();
        foreach (var start in direct.Keys)
        {
            if (resolved.ContainsKey(start))
            {
                continue;
            }

            path.Clear();
            onPath.Clear();
            var current = start;
            string? end = null; // the final title of the path, or null when it runs into a cycle
            while (true)
            {
                if (resolved.TryGetValue(current, out var known))
                {
                    end = known == current ? null : known; // a redirect left as it is leads into a cycle
                    break;
                }

                if (onPath.TryGetValue(current, out int cycleStart))
                {
                    for (int i = cycleStart; i < path.Count; i++)
                    {
                        cycles.Add(path[i]);
                    }

                    break;
                }

                if (!direct.TryGetValue(current, out var next))
                {
                    end = current;
                    break;
                }

                onPath[current] = path.Count;
                path.Add(current);
                current = next;
            }

            foreach (var title in path)
            {
                resolved[title] = end ?? title;
            }
        }

        cycles.Sort(StringComparer.Ordinal);
        return (resolved, cycles);
    }
}
