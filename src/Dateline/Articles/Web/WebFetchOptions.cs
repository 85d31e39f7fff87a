namespace Dateline.Articles.Web;

/// <summary>How the live fetcher behaves (see issue "Source enrichment", Live fetching).</summary>
public sealed record WebFetchOptions
{
    /// <summary>The contact the User-Agent names (an email or URL); required to fetch live.</summary>
    public required string Contact { get; init; }

    public int Concurrency { get; init; } = 8;

    public int PerHost { get; init; } = 2;

    public TimeSpan PerHostDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRedirects { get; init; } = 5;

    public int MaxBytes { get; init; } = 5 * 1024 * 1024;

    public bool IgnoreRobots { get; init; }

    /// <summary>Allow loopback and private addresses: for your own test servers only.</summary>
    public bool AllowPrivate { get; init; }

    /// <summary>Ask the Wayback Machine's availability API for dead links.</summary>
    public bool Wayback { get; init; }

    public Uri WaybackEndpoint { get; init; } = new("https://archive.org/wayback/available");
}
