using Microsoft.Extensions.Caching.Memory;

namespace Dateline.Web;

/// <summary>
/// Answers to recent searches, as the bytes sent. The archive only changes when a build
/// rewrites the site tables, so an answer stays right until then; entries live a minute at most
/// so a rebuild shows within a minute without any signal between the build and the server. The
/// cache is bounded in bytes, so a flood of distinct queries cannot grow it without limit.
/// </summary>
public sealed class SearchCache : IDisposable
{
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly MemoryCache? cache;

    /// <param name="enabled">False turns it off (configuration <c>Dateline:SearchCache</c>), e.g. to measure the search itself.</param>
    public SearchCache(bool enabled)
    {
        cache = enabled ? new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxBytes }) : null;
    }

    public bool TryGet(string key, out byte[] answer)
    {
        answer = [];
        return cache is not null && cache.TryGetValue(key, out answer!);
    }

    public void Add(string key, byte[] answer)
    {
        cache?.Set(key, answer, new MemoryCacheEntryOptions { Size = answer.Length + (key.Length * 2) + 64, AbsoluteExpirationRelativeToNow = Lifetime });
    }

    public void Dispose() => cache?.Dispose();
}
