namespace Dateline.Portal.Api;

/// <summary>How Dateline talks to a MediaWiki Action API (Wikimedia's API etiquette by default).</summary>
public sealed record MediaWikiOptions
{
    /// <summary>English Wikipedia's Action API.</summary>
    public static readonly Uri DefaultEndpoint = new("https://en.wikipedia.org/w/api.php");

    /// <summary>The wiki's <c>api.php</c>.</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>The operator's email or URL, named in the User-Agent; required, so the wiki's operators can reach whoever runs Dateline.</summary>
    public required string Contact { get; init; }

    /// <summary>
    /// Sent as <c>maxlag</c>: when the wiki's replicas lag more than this many seconds it refuses
    /// the request and asks us to come back later, which we do.
    /// </summary>
    public int MaxLag { get; init; } = 5;

    /// <summary>Titles per request; 50 is the limit for clients without the apihighlimits right.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>How many times a refused request (maxlag, 429, 5xx, a dropped connection) is tried again.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The wait before a retry when the wiki does not say how long to wait; it doubles each retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait Dateline accepts; a Retry-After asking for more ends the retries instead of being shortened.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long one request (one attempt) may take, body included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A request whose query string would be longer than this is sent as a POST form instead (URLs have length limits).</summary>
    public int MaxGetLength { get; init; } = 2000;

    /// <summary>The most bytes of one answer read; a day page is tens of kilobytes, fifty of them a few megabytes.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024 * 1024;
}
