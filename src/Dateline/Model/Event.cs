namespace Dateline.Model;

/// <summary>
/// One news item of a day page: a bullet that is not a story (a story has deeper bullets under
/// it and no citation of its own).
/// </summary>
/// <param name="Date">The day the Portal lists it under.</param>
/// <param name="Position">Its place on the day page, from 1, in page order.</param>
/// <param name="Category">The heading it stands under ("Armed conflicts and attacks"), or "" before any heading.</param>
/// <param name="Stories">The story bullets above it, outermost first, as a reader sees them (trimmed, a trailing ':' dropped).</param>
/// <param name="Headline">The bullet as a reader sees it: citations removed, white space folded, start trimmed, end kept.</param>
/// <param name="Entities">Titles linked in its own text, each once, as linked (before redirects). The story bullets' links are not among them: see <see cref="StoryTitles"/>.</param>
/// <param name="Citations">Its external links, in order.</param>
/// <param name="Line">The line of the day page's wikitext it was read from, for messages.</param>
public sealed record Event(
    DateOnly Date,
    int Position,
    string Category,
    IReadOnlyList<string> Stories,
    string Headline,
    IReadOnlyList<string> Entities,
    IReadOnlyList<Citation> Citations,
    int Line)
{
    /// <summary>
    /// The titles naming its stories, outermost first, each once, before redirects: the titles
    /// linked in each story bullet, or the bullet's text when it links nothing. They relate
    /// events as entities do, but are never shown as an event's entities or context.
    /// </summary>
    public IReadOnlyList<string> StoryTitles { get; init; } = [];
}

/// <summary>The bound on a stored headline.</summary>
internal static class Headlines
{
    /// <summary>
    /// The most characters of a headline the archive stores: 4,000. The Portal's longest bullets
    /// are a few hundred words (under 3,000 characters); a headline of megabytes is hostile input
    /// that would make pages and search answers of the same size. A longer one is cut at a word
    /// and ends with "…"; the day page's raw text keeps it whole.
    /// </summary>
    public const int MaxChars = 4000;

    /// <summary>The headline, or its first <see cref="MaxChars"/> characters at most, cut at a word, with "…".</summary>
    public static string Bounded(string headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        if (headline.Length <= MaxChars)
        {
            return headline;
        }

        int cut = MaxChars - 1; // room for the ellipsis
        if (char.IsLowSurrogate(headline[cut]))
        {
            cut--; // never half a character
        }

        int space = headline.LastIndexOf(' ', cut - 1, Math.Min(cut, 200));
        return string.Concat(headline.AsSpan(0, space > 0 ? space : cut).TrimEnd(), "…");
    }
}
