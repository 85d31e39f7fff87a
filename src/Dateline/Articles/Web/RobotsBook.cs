using System.Collections.Concurrent;

namespace Dateline.Articles.Web;

/// <summary>
/// Every site's robots.txt, fetched once per origin (scheme, host, port) and kept for the run.
/// Concurrent first requests to a site share one fetch. The fetch runs on the fetcher's lifetime,
/// not on the first caller's token, so one caller giving up does not spoil the answer for others.
/// </summary>
internal sealed class RobotsBook(Func<Uri, Task<RobotsRules>> load)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsRules>>> sites = new(StringComparer.OrdinalIgnoreCase);

    public Task<RobotsRules> ForAsync(Uri url, CancellationToken cancel)
    {
        var origin = new Uri(url.GetLeftPart(UriPartial.Authority));
        var entry = sites.GetOrAdd(origin.AbsoluteUri, _ => new Lazy<Task<RobotsRules>>(() => load(origin)));
        return entry.Value.WaitAsync(cancel);
    }
}
