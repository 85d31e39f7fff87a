using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text;
using Dateline.Common;
using Dateline.Http;
using Polly;

namespace Dateline.Portal.Api;

/// <summary>
/// Why the wiki gave no usable answer: its own error (with its code), an HTTP status, a broken
/// connection, an answer that is not JSON. The message is written for the user.
/// </summary>
internal sealed class MediaWikiException(string message, string? code = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The API's error code (<c>maxlag</c>, <c>badvalue</c>, …) when the wiki answered with an error object.</summary>
    public string? Code { get; } = code;
}

/// <summary>
/// A client for one MediaWiki Action API that keeps Wikimedia's etiquette: one request at a time,
/// a User-Agent naming Dateline, its version and the operator's contact, gzip, <c>maxlag</c> on
/// every request with the wait the wiki asks for when it refuses, Retry-After honoured on 429 and
/// 5xx, long requests sent as POST, and no redirect followed (an answer from another host is not
/// the wiki's, and a POST redirected becomes a GET without its form). Every answer is checked to be a JSON object without an
/// <c>error</c>; anything else becomes a <see cref="MediaWikiException"/>. Only cancellation is
/// thrown otherwise. Retries, backoff, Retry-After, timeouts and capped reads are Dateline's one
/// HTTP stack (<see cref="PoliteRetry"/>), the same the cited sources are read through.
/// </summary>
public sealed class MediaWikiClient : IDisposable
{
    /// <summary>How much of an error answer's body is read, and how much of its text is shown.</summary>
    private const int ExcerptBytes = 16 * 1024;
    private const int ExcerptChars = 300;

    private readonly HttpClient client;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly RetryRules rules;
    private readonly ResiliencePipeline<Outcome> retry;
    private int requests;

    /// <param name="options">Which wiki and how politely.</param>
    /// <param name="handler">A transport to use instead of the default one (not disposed with the client).</param>
    public MediaWikiClient(MediaWikiOptions options, HttpMessageHandler? handler = null)
        : this(options, handler, TimeProvider.System)
    {
    }

    /// <param name="options">Which wiki and how politely.</param>
    /// <param name="handler">A transport to use instead of the default one (not disposed with the client).</param>
    /// <param name="waits">The clock the waits between retries are measured on; tests skip them.</param>
    internal MediaWikiClient(MediaWikiOptions options, HttpMessageHandler? handler, TimeProvider waits)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Refused here, before any request: a contact the User-Agent cannot hold made every
        // request fail inside the HTTP stack, retried for minutes as if the wiki were down.
        var contact = ContactAddress.Parse(options.Contact, nameof(options));

        if (!options.Endpoint.IsAbsoluteUri || (options.Endpoint.Scheme != Uri.UriSchemeHttps && options.Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The API address {options.Endpoint} is not an http or https URL.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        ArgumentNullException.ThrowIfNull(waits);
        Options = options;
        UserAgent = contact.UserAgentFor(PoliteTransport.Product);

        // No jitter: one client, one request at a time, and the wiki's etiquette names the waits.
        rules = new RetryRules(options.MaxRetries, options.RetryDelay, options.MaxRetryWait) { AttemptTimeout = options.RequestTimeout };
        retry = PoliteRetry.Build<Outcome>(rules, waits);
        client = PoliteTransport.Client(handler ?? CreateHandler(), disposeHandler: handler is null, UserAgent, "application/json", nameof(options));
    }

    public MediaWikiOptions Options { get; }

    /// <summary>What the client calls itself: <c>Dateline/{version} (+{contact})</c>.</summary>
    public string UserAgent { get; }

    /// <summary>Requests sent so far (retries included).</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>
    /// One <c>action=query</c> (or other) request and every continuation of it: each answer is
    /// yielded as it comes (the caller disposes it), and the next is asked with the previous
    /// answer's <c>continue</c> values, until an answer has none.
    /// </summary>
    public async IAsyncEnumerable<JsonDocument> QueryAllAsync(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var continuation = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var answer = await SendAsync([.. parameters, .. continuation], cancel).ConfigureAwait(false);
            var next = ContinuationOf(answer.RootElement);
            yield return answer;
            if (next is null)
            {
                yield break;
            }

            // A wiki that hands back the same continuation twice would keep us asking forever.
            var key = string.Join('&', next.Select(p => $"{p.Key}={p.Value}"));
            if (!seen.Add(key))
            {
                throw new MediaWikiException("the wiki's answers keep asking to continue from the same place");
            }

            continuation = next;
        }
    }

    /// <summary>
    /// Sends one request (format=json, formatversion=2 and maxlag are added), retrying what the
    /// wiki asks to be retried, and returns its answer, a JSON object without an error.
    /// </summary>
    public async Task<JsonDocument> SendAsync(IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var all = new List<KeyValuePair<string, string>>(parameters.Count + 3);
        all.AddRange(parameters);
        all.Add(new("format", "json"));
        all.Add(new("formatversion", "2"));
        all.Add(new("maxlag", Options.MaxLag.ToString(CultureInfo.InvariantCulture)));
        var form = string.Join('&', all.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

        // The slot is held through the waits too: a lagged or refusing wiki is not asked anything else meanwhile.
        await oneAtATime.WaitAsync(cancel).ConfigureAwait(false);
        Outcome outcome;
        try
        {
            outcome = await retry.ExecuteAsync(attempt => AttemptAsync(form, attempt, cancel), cancel).ConfigureAwait(false);
        }
        finally
        {
            oneAtATime.Release();
        }

        if (outcome.Answer is { } answer)
        {
            return answer;
        }

        var refusal = outcome.Refusal!;
        if (rules.TooLongWait(outcome) is { } wait)
        {
            throw new MediaWikiException($"{refusal.Reason}; asked to wait {Seconds(wait)}, more than the {Seconds(Options.MaxRetryWait)} Dateline waits", refusal.Code);
        }

        throw new MediaWikiException(
            refusal.Retryable && Options.MaxRetries > 0 ? $"{refusal.Reason} (still, after {Options.MaxRetries} retries)" : refusal.Reason,
            refusal.Code);
    }

    public void Dispose()
    {
        client.Dispose();
        oneAtATime.Dispose();
    }

    /// <summary>The <c>continue</c> object's members as parameters, or null when the answer is complete.</summary>
    private static List<KeyValuePair<string, string>>? ContinuationOf(JsonElement root)
    {
        if (!root.TryGetProperty("continue", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var next = new List<KeyValuePair<string, string>>();
        foreach (var member in values.EnumerateObject())
        {
            next.Add(new(member.Name, member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText()));
        }

        return next.Count > 0 ? next : null;
    }

    // The API answers where it is asked (no redirect is followed: it is reported with its
    // Location); one request at a time is the etiquette, one connection keeps it so even if a caller forgets.
    private static SocketsHttpHandler CreateHandler() =>
        PoliteTransport.Handler(connectionsPerServer: 1, connectTimeout: TimeSpan.FromSeconds(15), connectionLifetime: TimeSpan.FromMinutes(5));

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    /// <summary>One attempt: <paramref name="attempt"/> ends with its timeout, <paramref name="cancel"/> is the caller's.</summary>
    private async ValueTask<Outcome> AttemptAsync(string form, CancellationToken attempt, CancellationToken cancel)
    {
        var host = Options.Endpoint.Authority;
        try
        {
            using var request = Options.Endpoint.Query.Length + form.Length + 1 > Options.MaxGetLength
                ? new HttpRequestMessage(HttpMethod.Post, Options.Endpoint) { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") }
                : new HttpRequestMessage(HttpMethod.Get, new UriBuilder(Options.Endpoint) { Query = AppendQuery(Options.Endpoint.Query, form) }.Uri);
            Interlocked.Increment(ref requests);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt).ConfigureAwait(false);
            var retryAfter = RetryAfter.Of(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
            int status = (int)response.StatusCode;
            if (status is 429 or >= 500)
            {
                return new Refusal($"HTTP {status} from {host}", Retryable: true, retryAfter);
            }

            if (status is >= 300 and < 400)
            {
                var location = response.Headers.Location is { } to ? ShownText.Of(to.OriginalString, 300) : "nowhere (no Location)";
                return new Refusal(
                    $"HTTP {status} from {host}: the API redirects to {location}; Dateline follows no redirect of the wiki's API (if that is the API, ask it there)",
                    Retryable: false);
            }

            if (!response.IsSuccessStatusCode)
            {
                // The wiki says why in the body (an HTML error page, a JSON object): its first words, escaped.
                var said = ShownText.Of(await BodyExcerpt.ReadAsync(response, ExcerptBytes, attempt).ConfigureAwait(false), ExcerptChars);
                return new Refusal(said.Length > 0 ? $"HTTP {status} from {host}: {said}" : $"HTTP {status} from {host}", Retryable: false);
            }

            byte[]? body;
            var stream = await response.Content.ReadAsStreamAsync(attempt).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                body = await CappedBody.ReadWholeAsync(stream, Options.MaxResponseBytes, attempt).ConfigureAwait(false);
            }

            if (body is null)
            {
                return new Refusal($"the answer from {host} is larger than {Options.MaxResponseBytes / (1024 * 1024)} MiB", Retryable: false);
            }

            JsonDocument answer;
            try
            {
                answer = JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                return new Refusal($"the answer from {host} is not valid JSON ({e.Message})", Retryable: false);
            }

            if (answer.RootElement.ValueKind != JsonValueKind.Object)
            {
                answer.Dispose();
                return new Refusal($"the answer from {host} is JSON but not an object", Retryable: false);
            }

            if (answer.RootElement.TryGetProperty("error", out var error))
            {
                var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) ? c.ToString() : "unknown";
                var info = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("info", out var i) ? i.ToString() : error.ToString();
                answer.Dispose();

                // maxlag: the replicas are behind and the wiki asks bots to wait (Retry-After) and
                // come back; any other error would come back the same, so it ends the request.
                return code == "maxlag"
                    ? new Refusal($"the wiki is lagged ({info})", Retryable: true, retryAfter, code)
                    : new Refusal($"the wiki answered error \"{code}\": {info}", Retryable: false, Code: code);
            }

            return answer;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new Refusal($"no answer from {host} within {Seconds(Options.RequestTimeout)}", Retryable: true);
        }
        catch (HttpRequestException e)
        {
            // Connections that fail or drop are usually back a little later; the retries are capped.
            return new Refusal($"cannot reach {host}: {e.Message}", Retryable: true);
        }
        catch (IOException e)
        {
            return new Refusal($"the connection to {host} broke: {e.Message}", Retryable: true);
        }
        catch (InvalidDataException e)
        {
            return new Refusal($"the answer from {host} cannot be decompressed: {e.Message}", Retryable: false);
        }
    }

    private static string AppendQuery(string existing, string form) =>
        existing.Length > 1 ? $"{existing[1..]}&{form}" : form;

    private sealed record Refusal(string Reason, bool Retryable, TimeSpan? RetryAfter = null, string? Code = null);

    /// <summary>An answer, or why there is none.</summary>
    private sealed record Outcome(JsonDocument? Answer, Refusal? Refusal) : IRetryable
    {
        public bool IsRetryable => Refusal?.Retryable ?? false;

        public TimeSpan? RetryAfter => Refusal?.RetryAfter;

        public static implicit operator Outcome(JsonDocument answer) => new(answer, null);

        public static implicit operator Outcome(Refusal refusal) => new(null, refusal);
    }
}
