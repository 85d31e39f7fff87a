namespace Dateline.Articles.Web;

/// <summary>How the live fetcher behaves (see issue "Source enrichment", Live fetching).</summary>
public sealed record WebFetchOptions
{
    /// <summary>The contact the User-Agent names (an email or URL); required to fetch live.</summary>
    public required string Contact { get; init; }

    /// <summary>The most requests in flight at once, over all hosts.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>The most requests in flight at once to one host.</summary>
    public int PerHost { get; init; } = 2;

    /// <summary>The least time between the starts of two requests to the same host.</summary>
    public TimeSpan PerHostDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long resolving a host and opening a connection (TLS included) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one source may take, redirects, retries and waits included (a Wayback fallback gets its own).</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRedirects { get; init; } = 5;

    /// <summary>The most bytes of a page's body read (after content decoding); the rest is not read.</summary>
    public int MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>5 MiB: far more than any article's head, which is all the enrichment reads.</summary>
    public const int DefaultMaxBytes = 5 * 1024 * 1024;

    public bool IgnoreRobots { get; init; }

    /// <summary>Allow loopback and private addresses: for your own test servers only.</summary>
    public bool AllowPrivate { get; init; }

    /// <summary>Ask the Wayback Machine's availability API for dead links.</summary>
    public bool Wayback { get; init; }

    public Uri WaybackEndpoint { get; init; } = new("https://archive.org/wayback/available");

    /// <summary>How many times a 429, a 5xx or a dropped connection is retried (0: never).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first backoff when the server gives no Retry-After; it doubles (with jitter) each retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait before a retry; a Retry-After asking for more ends the retries instead.
    /// Kept well under <see cref="TotalTimeout"/>, which the waits count against.
    /// </summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(10);
}
