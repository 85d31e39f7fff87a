namespace Dateline.Model;

/// <summary>
/// Everything a build needs, read from the store in one go: the days in date order, the redirect
/// table and what is known of the cited articles (by URL as cited).
/// </summary>
public sealed record Archive(
    IReadOnlyList<Day> Days,
    RedirectTable Redirects,
    IReadOnlyDictionary<string, Article> Articles)
{
    public IEnumerable<Event> Events => Days.SelectMany(d => d.Events);
}
