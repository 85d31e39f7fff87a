namespace Dateline.Articles;

/// <summary>
/// A cited source page as fetched live or read from a web archive: what was asked for, where it
/// ended up, the HTTP response and its (decoded-from-transfer, still charset-encoded) body.
/// </summary>
/// <param name="RequestedUrl">The URL as cited.</param>
/// <param name="FinalUrl">The URL after redirects (relative links resolve against it).</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="ContentType">The Content-Type header, if any.</param>
/// <param name="Headers">The response headers, in order.</param>
/// <param name="Body">The body: transfer and content encodings undone, charset untouched.</param>
/// <param name="FetchedAt">When the response was received (for an archive: the record's date).</param>
/// <param name="ArchivedFrom">Set when the page is a web archive's copy (e.g. the Wayback Machine URL).</param>
public sealed record SourcePage(
    string RequestedUrl,
    string FinalUrl,
    int Status,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    DateTimeOffset FetchedAt,
    string? ArchivedFrom = null);

/// <summary>The result of asking for one source page: the page, or why there is none.</summary>
public sealed record SourceFetch(SourcePage? Page, string? Failure)
{
    public static SourceFetch Failed(string reason) => new(null, reason);

    public static SourceFetch Of(SourcePage page) => new(page, null);
}

/// <summary>Where source pages come from: the live web, or web archives on disk.</summary>
public interface ISourcePages
{
    /// <param name="url">The cited URL.</param>
    /// <param name="eventDate">The date of the event citing it (a web archive's nearest copy is chosen by it).</param>
    Task<SourceFetch> FetchAsync(string url, DateOnly eventDate, CancellationToken cancel);
}
