using System.Buffers;
using System.Globalization;
using System.Text;
using Dateline.Common;
using Dateline.Http;

namespace Dateline.Articles.Web;

/// <summary>
/// Fetches cited source pages from the live web, politely and safely: a User-Agent naming Dateline
/// and its operator, robots.txt obeyed, per-host and global concurrency limits, retries that honour
/// Retry-After, redirects followed one checked hop at a time, connections only to public addresses,
/// HTML only and only as much of it as the enrichment needs. Dead links (404, 410, no such host)
/// can fall back to the Wayback Machine's closest copy. Failures come back as
/// <see cref="SourceFetch.Failed"/>; only cancellation is thrown. Safe to use from many threads.
/// </summary>
public sealed class WebSourcePages : ISourcePages, IDisposable
{
    // RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt.
    private static readonly BodyRule RobotsBody = new(_ => true, 500 * 1024, StopAfterHead: false);
    private static readonly SearchValues<char> SchemeCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    private static readonly BodyRule WaybackAnswerBody = new(_ => true, 1024 * 1024, StopAfterHead: false);

    private readonly HttpClient client;
    private readonly HopSender sender;
    private readonly RobotsBook robots;
    private readonly BodyRule pageBody;
    private readonly CancellationTokenSource lifetime = new();
    private readonly CancellationToken lifetimeToken;
    private int disposed;

    /// <param name="options">How to fetch.</param>
    /// <param name="handler">
    /// A transport to use instead of the guarded one (it is not disposed with this object). It then
    /// owns what the default transport does at connect time, the private-address check included,
    /// and must not follow redirects itself.
    /// </param>
    public WebSourcePages(WebFetchOptions options, HttpMessageHandler? handler = null)
        : this(options, handler, WebFetchHooks.None)
    {
    }

    internal WebSourcePages(WebFetchOptions options, HttpMessageHandler? handler, WebFetchHooks hooks)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(hooks);
        Options = options;
        lifetimeToken = lifetime.Token;
        // Printable ASCII that a User-Agent can hold, or an ArgumentException saying why not.
        UserAgent = ContactAddress.Parse(options.Contact, nameof(options)).UserAgentFor(PoliteTransport.Product);

        // The budget is ours (TotalTimeout, covering redirects, retries and the body), not HttpClient's.
        client = PoliteTransport.Client(
            handler ?? CreateHandler(options, hooks),
            disposeHandler: handler is null,
            UserAgent,
            "text/html, application/xhtml+xml, */*;q=0.1",
            nameof(options));
        sender = new HopSender(client, options, TimeProvider.System);
        robots = new RobotsBook(LoadRobotsAsync);
        pageBody = new BodyRule(IsPageType, options.MaxBytes, StopAfterHead: true);
    }

    public WebFetchOptions Options { get; }

    /// <summary>What the fetcher calls itself: <c>Dateline/{version} (+{contact})</c>.</summary>
    public string UserAgent { get; }

    public async Task<SourceFetch> FetchAsync(string url, DateOnly eventDate, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(url);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);

        // Without a scheme of its own, "/a/b" would pass as an absolute file path on Unix.
        if (!HasScheme(url.Trim()) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var start))
        {
            return SourceFetch.Failed("not an absolute URL");
        }

        if (!IsWebScheme(start))
        {
            return SourceFetch.Failed($"unsupported scheme {start.Scheme}: only http and https are fetched");
        }

        var live = await WithinBudgetAsync(token => FetchPageAsync(start, token), cancel).ConfigureAwait(false);
        if (live.Page is { } page)
        {
            return SourceFetch.Of(page with { RequestedUrl = url });
        }

        var problem = live.Problem!;
        if (!problem.DeadLink || !Options.Wayback)
        {
            return SourceFetch.Failed(problem.Reason);
        }

        // The copy gets a budget of its own: finding the link dead may have used up most of the first.
        var archived = await WithinBudgetAsync(token => FetchFromWaybackAsync(url, eventDate, token), cancel)
            .ConfigureAwait(false);
        return archived.Page is { } copy
            ? SourceFetch.Of(copy with { RequestedUrl = url })
            : SourceFetch.Failed($"{problem.Reason}; {archived.Problem!.Reason}");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        // Stops robots.txt fetches shared between callers, and any fetch still running.
        lifetime.Cancel();
        client.Dispose();
        lifetime.Dispose();
    }

    private static void Validate(WebFetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(!string.IsNullOrWhiteSpace(options.Contact), "A contact (email or URL) is required: sites must be able to reach whoever runs the fetcher.");
        Require(options.Concurrency >= 1, "Concurrency must be at least 1.");
        Require(options.PerHost >= 1, "PerHost must be at least 1.");
        Require(options.PerHostDelay >= TimeSpan.Zero, "PerHostDelay cannot be negative.");
        Require(options.ConnectTimeout > TimeSpan.Zero, "ConnectTimeout must be positive.");
        Require(options.TotalTimeout > TimeSpan.Zero, "TotalTimeout must be positive.");
        Require(options.MaxRedirects >= 0, "MaxRedirects cannot be negative.");
        Require(options.MaxBytes >= 1, "MaxBytes must be at least 1.");
        Require(options.MaxRetries >= 0, "MaxRetries cannot be negative.");
        Require(options.RetryDelay >= TimeSpan.Zero, "RetryDelay cannot be negative.");
        Require(options.MaxRetryWait >= options.RetryDelay, "MaxRetryWait cannot be shorter than RetryDelay.");
        Require(options.WaybackEndpoint is { IsAbsoluteUri: true }, "WaybackEndpoint must be an absolute URL.");

        static void Require(bool valid, string message)
        {
            if (!valid)
            {
                throw new ArgumentException(message, nameof(options));
            }
        }
    }

    // Each hop is checked (scheme, robots.txt, count) before it is followed, so the transport
    // follows none; pooled connections are re-made every two minutes, so DNS changes are seen (and re-checked).
    private static SocketsHttpHandler CreateHandler(WebFetchOptions options, WebFetchHooks hooks)
    {
        var handler = PoliteTransport.Handler(options.PerHost, options.ConnectTimeout, connectionLifetime: TimeSpan.FromMinutes(2));
        handler.ConnectCallback = new GuardedConnector(options.AllowPrivate, hooks).ConnectAsync;

        // Through a proxy the connection goes to the proxy, and the address check would judge it
        // instead of the site.
        handler.UseProxy = false;

        // A body abandoned after its head is not downloaded to keep the connection.
        handler.MaxResponseDrainSize = 64 * 1024;
        return handler;
    }

    private static bool HasScheme(string url)
    {
        int colon = url.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && char.IsAsciiLetter(url[0])
            && !url.AsSpan(0, colon).ContainsAnyExcept(SchemeCharacters);
    }

    private static bool IsWebScheme(Uri url) => url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;

    private static bool IsPageType(string? mediaType) => mediaType is "text/html" or "application/xhtml+xml";

    private static string Span(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1)
            ? $"{span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private async Task<Outcome> WithinBudgetAsync(Func<CancellationToken, Task<Outcome>> work, CancellationToken cancel)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancel, lifetimeToken);
        budget.CancelAfter(Options.TotalTimeout);
        try
        {
            return await work(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested && !lifetimeToken.IsCancellationRequested)
        {
            return new FetchProblem($"timeout: no complete answer within {Span(Options.TotalTimeout)}");
        }
    }

    private async Task<Outcome> FetchPageAsync(Uri start, CancellationToken cancel)
    {
        var followed = await FollowAsync(start, checkRobots: !Options.IgnoreRobots, pageBody, cancel).ConfigureAwait(false);
        if (followed.Problem is { } problem)
        {
            return problem;
        }

        var response = followed.Response!;
        if (response.Status is 404 or 410)
        {
            return new FetchProblem($"HTTP {response.Status}", DeadLink: true);
        }

        if (!response.IsSuccess)
        {
            return new FetchProblem(response switch
            {
                _ when sender.Rules.TooLongWait(response) is { } wait =>
                    $"HTTP {response.Status} (asked to retry after {Span(wait)}, more than the {Span(Options.MaxRetryWait)} cap)",
                { IsRetryable: true } when Options.MaxRetries > 0 =>
                    $"HTTP {response.Status} (still, after {Options.MaxRetries} retries)",
                _ => $"HTTP {response.Status}",
            });
        }

        if (!IsPageType(response.MediaType))
        {
            return new FetchProblem($"content type {response.ContentType ?? "missing"}: only HTML is read");
        }

        return new SourcePage(
            start.AbsoluteUri,
            response.Url.AbsoluteUri,
            response.Status,
            response.ContentType,
            response.Headers,
            response.Body ?? [],
            response.ReceivedAt);
    }

    private async Task<Outcome> FetchFromWaybackAsync(string url, DateOnly eventDate, CancellationToken cancel)
    {
        var query = WaybackLookup.QueryFor(Options.WaybackEndpoint, url, eventDate);

        // The availability API is made for programs: robots.txt rules are for crawling pages.
        var answer = await FollowAsync(query, checkRobots: false, WaybackAnswerBody, cancel).ConfigureAwait(false);
        if (answer.Problem is { } problem)
        {
            return new FetchProblem($"Wayback lookup failed: {problem.Reason}");
        }

        if (answer.Response is not { IsSuccess: true, Body: { } json })
        {
            return new FetchProblem($"Wayback lookup failed: HTTP {answer.Response!.Status}");
        }

        if (WaybackLookup.Closest(json) is not { } snapshot)
        {
            return new FetchProblem("no Wayback snapshot");
        }

        var copy = await FetchPageAsync(snapshot.Url, cancel).ConfigureAwait(false);
        if (copy.Page is not { } page)
        {
            return new FetchProblem($"Wayback snapshot {snapshot.Url} failed: {copy.Problem!.Reason}");
        }

        return page with { ArchivedFrom = snapshot.Url.AbsoluteUri, FetchedAt = snapshot.CapturedAt ?? page.FetchedAt };
    }

    /// <summary>Follows redirects from <paramref name="start"/> to a final response, checking each hop.</summary>
    private async Task<Followed> FollowAsync(Uri start, bool checkRobots, BodyRule body, CancellationToken cancel)
    {
        var current = start;
        for (int redirects = 0; ; redirects++)
        {
            if (checkRobots)
            {
                var rules = await robots.ForAsync(current, cancel).ConfigureAwait(false);
                if (rules.Check(current) is { } refusal)
                {
                    return refusal;
                }
            }

            HopResponse response;
            FetchProblem? problem = null;
            try
            {
                response = await sender.SendAsync(current, body, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancel.IsCancellationRequested && e.InnerException is TimeoutException)
            {
                return new FetchProblem(
                    $"connect timeout: no connection to {current.Authority} within {Span(Options.ConnectTimeout)}",
                    Connection: true);
            }
            catch (Exception e) when ((problem = FetchProblem.FromException(e, current)) is not null)
            {
                return problem;
            }

            if (!response.IsRedirect)
            {
                return response;
            }

            if (redirects == Options.MaxRedirects)
            {
                return new FetchProblem($"too many redirects (more than {Options.MaxRedirects})");
            }

            if (response.Location is null)
            {
                return new FetchProblem($"HTTP {response.Status} redirect without a usable Location");
            }

            var next = new Uri(current, response.Location);
            if (!IsWebScheme(next))
            {
                return new FetchProblem($"redirect to unsupported scheme {next.Scheme}: only http and https are fetched");
            }

            current = next;
        }
    }

    private async Task<RobotsRules> LoadRobotsAsync(Uri origin)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(lifetimeToken);
        budget.CancelAfter(Options.TotalTimeout);
        try
        {
            var followed = await FollowAsync(new Uri(origin, "/robots.txt"), checkRobots: false, RobotsBody, budget.Token)
                .ConfigureAwait(false);
            if (followed.Problem is { } problem)
            {
                return RobotsRules.Unreachable(problem);
            }

            var response = followed.Response!;
            return response switch
            {
                { IsSuccess: true } => RobotsRules.Parse(Encoding.UTF8.GetString(response.Body ?? []).TrimStart('\uFEFF')),

                // A site that is failing or asking us to slow down has not said we may crawl it;
                // 429 is a 4xx but means "not now" rather than "no robots.txt".
                { IsRetryable: true } => RobotsRules.Unreachable(new FetchProblem($"HTTP {response.Status}")),
                _ => RobotsRules.AllowAll,
            };
        }
        catch (OperationCanceledException) when (!lifetimeToken.IsCancellationRequested)
        {
            return RobotsRules.Unreachable(new FetchProblem($"timeout after {Span(Options.TotalTimeout)}"));
        }
    }

    /// <summary>A page, or why there is none.</summary>
    private sealed record Outcome(SourcePage? Page, FetchProblem? Problem)
    {
        public static implicit operator Outcome(SourcePage page) => new(page, null);

        public static implicit operator Outcome(FetchProblem problem) => new(null, problem);
    }

    /// <summary>The final response of a redirect chain, or why there is none.</summary>
    private sealed record Followed(HopResponse? Response, FetchProblem? Problem)
    {
        public static implicit operator Followed(HopResponse response) => new(response, null);

        public static implicit operator Followed(FetchProblem problem) => new(null, problem);
    }
}
