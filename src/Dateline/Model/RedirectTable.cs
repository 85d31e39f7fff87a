namespace Dateline.Model;

/// <summary>
/// Maps entity titles to the current titles of their articles, following chains
/// (A → B → C gives C). A title in a cycle is left as it is and listed in <see cref="Cycles"/>.
/// </summary>
public sealed class RedirectTable
{
    private readonly Dictionary<string, string> direct;
    private readonly Dictionary<string, string> resolved = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

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

        Cycles = FindCycles();
    }

    public static RedirectTable Empty { get; } = new([]);

    public int Count => direct.Count;

    /// <summary>Titles whose redirects lead back to themselves; they are not resolved.</summary>
    public IReadOnlyList<string> Cycles { get; }

    public IEnumerable<KeyValuePair<string, string>> Entries => direct.OrderBy(e => e.Key, StringComparer.Ordinal);

    /// <summary>The current title for <paramref name="title"/> (itself when it is not a redirect).</summary>
    public string Resolve(string title)
    {
        if (direct.Count == 0 || !direct.ContainsKey(title))
        {
            return title;
        }

        lock (gate)
        {
            if (resolved.TryGetValue(title, out var known))
            {
                return known;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal) { title };
            var current = title;
            while (direct.TryGetValue(current, out var next))
            {
                if (!seen.Add(next))
                {
                    current = title; // a cycle: leave the title as it is
                    break;
                }

                current = next;
            }

            resolved[title] = current;
            return current;
        }
    }

    private List<string> FindCycles()
    {
        var cycles = new List<string>();
        foreach (var start in direct.Keys.Order(StringComparer.Ordinal))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { start };
            var current = start;
            while (direct.TryGetValue(current, out var next))
            {
                if (next == start)
                {
                    cycles.Add(start);
                    break;
                }

                if (!seen.Add(next))
                {
                    break; // leads into a cycle it is not part of
                }

                current = next;
            }
        }

        return cycles;
    }
}
