using Dateline.Http;
using Polly;

namespace Dateline.Articles.Web;

/// <summary>
/// Sends one GET (one hop of a redirect chain) politely: inside the host's and the global
/// concurrency limits, retried through Dateline's one retry pipeline (<see cref="PoliteRetry"/>:
/// exponential backoff with jitter on 429 and 5xx as long as the server's Retry-After stays
/// within the configured cap), body read under a byte limit.
/// </summary>
internal sealed class HopSender
{
    private readonly HttpClient client;
    private readonly HostThrottle throttle;
    private readonly SemaphoreSlim global;
    private readonly TimeProvider time;
    private readonly ResiliencePipeline<HopResponse> retry;

    public HopSender(HttpClient client, WebFetchOptions options, TimeProvider time)
    {
        this.client = client;
        this.time = time;
        throttle = new HostThrottle(options.PerHost, options.PerHostDelay, time);
        global = new SemaphoreSlim(options.Concurrency, options.Concurrency);

        // Many sites are asked at once, so the backoff is spread; the source's own budget
        // (TotalTimeout, over redirects, retries and waits) bounds the attempts, not a timeout each.
        Rules = new RetryRules(options.MaxRetries, options.RetryDelay, options.MaxRetryWait) { Jitter = true };
        retry = PoliteRetry.Build<HopResponse>(Rules, time, IsDropped);
    }

    public RetryRules Rules { get; }

    public async Task<HopResponse> SendAsync(Uri url, BodyRule rule, CancellationToken cancel) =>
        await retry.ExecuteAsync(token => SendOnceAsync(url, rule, token), cancel).ConfigureAwait(false);

    // The connection dropped mid-answer: a fresh attempt usually works. Only failures after the
    // connection was made: refused connections, DNS and TLS failures and the address policy's
    // refusals would fail the same way again.
    private static bool IsDropped(Exception exception) => exception switch
    {
        HttpIOException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => true,
        HttpRequestException { HttpRequestError: HttpRequestError.Unknown, InnerException: IOException inner } =>
            inner is not AddressRefusedException && inner.InnerException is not AddressRefusedException,
        _ => false,
    };

    private async ValueTask<HopResponse> SendOnceAsync(Uri url, BodyRule rule, CancellationToken cancel)
    {
        // Host slot first, then a global one: a request waiting for its host holds no global slot,
        // so a busy host cannot starve the others.
        using var hostLease = await throttle.EnterAsync(url.IdnHost, cancel).ConfigureAwait(false);
        await global.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel)
                .ConfigureAwait(false);
            var receivedAt = time.GetUtcNow();
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var header in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
            {
                foreach (var value in header.Value)
                {
                    headers.Add(new(header.Key, value));
                }
            }

            var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var types)
                ? types.ToString()
                : null;
            var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
            byte[]? body = null;
            if (response.IsSuccessStatusCode && rule.Accepts(mediaType))
            {
                var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    body = await CappedBody.ReadAsync(stream, rule.Limit, rule.StopAfterHead, cancel).ConfigureAwait(false);
                }
            }

            return new HopResponse(
                url,
                (int)response.StatusCode,
                contentType,
                mediaType,
                headers,
                body,
                response.Headers.Location,
                RetryAfter.Of(response.Headers.RetryAfter, receivedAt),
                receivedAt);
        }
        finally
        {
            global.Release();
        }
    }
}

/// <summary>Which bodies to read and how much of them.</summary>
/// <param name="Accepts">Whether a success response with this media type (lower case, may be null) has a body worth reading.</param>
/// <param name="Limit">The most bytes read.</param>
/// <param name="StopAfterHead">Stop once the HTML head has ended.</param>
internal sealed record BodyRule(Func<string?, bool> Accepts, int Limit, bool StopAfterHead);

/// <summary>One HTTP response, fully read (as far as its <see cref="BodyRule"/> allows) and released.</summary>
internal sealed record HopResponse(
    Uri Url,
    int Status,
    string? ContentType,
    string? MediaType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    Uri? Location,
    TimeSpan? RetryAfter,
    DateTimeOffset ReceivedAt) : IRetryable
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308;

    public bool IsRetryable => Status is 429 or >= 500;
}
