namespace Dateline.Portal;

/// <summary>
/// One day page's wikitext as found in an input, before parsing.
/// </summary>
/// <param name="Source">The file it came from (for an export, the export file).</param>
/// <param name="FirstLine">The line of <paramref name="Source"/> on which the wikitext starts, so page lines map to file lines.</param>
/// <param name="Title">The page title, when the input has one (exports do).</param>
/// <param name="ExpectedDate">The date the title or file name gives, if any.</param>
/// <param name="ExpectedFrom">What gave <paramref name="ExpectedDate"/>: "title" or "file name".</param>
/// <param name="RevisionId">The MediaWiki revision, when known: a newer one replaces an older one.</param>
/// <param name="RevisionTime">When that revision was saved, when known.</param>
/// <param name="Wikitext">The page's text.</param>
internal sealed record PortalPageText(
    string Source,
    int FirstLine,
    string? Title,
    DateOnly? ExpectedDate,
    string ExpectedFrom,
    long? RevisionId,
    DateTimeOffset? RevisionTime,
    string Wikitext)
{
    /// <summary>Maps a line of the page to the line of its source file.</summary>
    public int FileLine(int pageLine) => FirstLine + Math.Max(pageLine, 1) - 1;

    /// <summary>The source as a message names it: the file, and for an export the page's title too.</summary>
    public string DisplaySource => Title is null ? Source : $"{Source} [{Title}]";
}
