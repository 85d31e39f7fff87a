namespace Dateline.Articles.Web;

/// <summary>Fetches source pages from the live web. (Contract only: the live fetcher is being written.)</summary>
public sealed class WebSourcePages(WebFetchOptions options, HttpMessageHandler? handler = null) : ISourcePages, IDisposable
{
    public WebFetchOptions Options { get; } = options;

    public Task<SourceFetch> FetchAsync(string url, DateOnly eventDate, CancellationToken cancel) =>
        throw new NotSupportedException($"live fetching is not available yet ({handler?.GetType().Name})");

    public void Dispose()
    {
    }
}
