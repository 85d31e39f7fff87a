namespace Dateline.Portal;

/// <summary>
/// Finds the next occurrence of a needle from ever-increasing positions, remembering the last
/// answer so that a line full of unclosed brackets is scanned once, not once per bracket.
/// </summary>
internal struct ForwardFinder(string text, string needle, StringComparison comparison = StringComparison.Ordinal)
{
    private int searchedFrom = int.MaxValue;
    private int found = -1;

    public int Next(int from)
    {
        if (from >= searchedFrom && (found < 0 || found >= from))
        {
            return found;
        }

        searchedFrom = from;
        found = from >= text.Length ? -1 : text.IndexOf(needle, from, comparison);
        return found;
    }
}
