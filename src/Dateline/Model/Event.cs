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
