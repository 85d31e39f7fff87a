using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dateline.Articles.Web;

namespace Dateline.Portal.Api;

/// <summary>
/// Why the wiki gave no usable answer: its own error (with its code), an HTTP status, a broken
/// connection, an answer that is not JSON. The message is written for the user.
/// </summary>
public sealed class MediaWikiException(string message, string? code = null, Exception? inner = null) : Exception(message, inner)
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
/// thrown otherwise.
/// </summary>
public sealed partial class MediaWikiClient : IDisposable
{
    /// <summary>How much of an error answer's body is read, and how much of its text is shown.</summary>
    private const int ExcerptBytes = 16 * 1024;
    private const int ExcerptChars = 300;

    private readonly HttpClient client;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private int requests;

    /// <param name="options">Which wiki and how politely.</param>
    /// <param name="handler">A transport to use instead of the default one (not disposed with the client).</param>
    public MediaWikiClient(MediaWikiOptions options, HttpMessageHandler? handler = null)
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
        Options = options;
        UserAgent = contact.UserAgentFor($"Dateline/{ProductVersion}");
        client = new HttpClient(handler ?? CreateHandler(), disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        if (!client.DefaultRequestHeaders.UserAgent.TryParseAdd(UserAgent))
        {
            client.Dispose();
            throw new ArgumentException($"The contact \"{contact}\" cannot be written in a User-Agent.", nameof(options));
        }

        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    public MediaWikiOptions Options { get; }

    /// <summary>What the client calls itself: <c>Dateline/{version} (+{contact})</c>.</summary>
    public string UserAgent { get; }

    /// <summary>Requests sent so far (retries included).</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>How the client waits before a retry; tests replace it to see the waits without sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    private static string ProductVersion { get; } = FindVersion();

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

        await oneAtATime.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                var outcome = await AttemptAsync(form, cancel).ConfigureAwait(false);
                if (outcome.Answer is { } answer)
                {
                    return answer;
                }

                var refusal = outcome.Refusal!;
                if (!refusal.Retryable)
                {
                    throw new MediaWikiException(refusal.Reason, refusal.Code);
                }

                var wait = refusal.RetryAfter ?? Backoff(attempt);
                if (wait > Options.MaxRetryWait)
                {
                    throw new MediaWikiException($"{refusal.Reason}; asked to wait {Seconds(wait)}, more than the {Seconds(Options.MaxRetryWait)} Dateline waits", refusal.Code);
                }

                if (attempt >= Options.MaxRetries)
                {
                    throw new MediaWikiException(
                        Options.MaxRetries == 0 ? refusal.Reason : $"{refusal.Reason} (still, after {Options.MaxRetries} retries)",
                        refusal.Code);
                }

                await Delay(wait, cancel).ConfigureAwait(false);
            }
        }
        finally
        {
            oneAtATime.Release();
        }
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

    private static SocketsHttpHandler CreateHandler() => new()
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,

        // The API answers where it is asked; a redirect is reported with its Location instead.
        AllowAutoRedirect = false,

        // One request at a time is the etiquette; one connection keeps it so even if a caller forgets.
        MaxConnectionsPerServer = 1,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
    };

    private static string FindVersion()
    {
        var assembly = typeof(MediaWikiClient).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        // Build metadata (+commit) means nothing to the wiki's operators.
        return informational is { Length: > 0 }
            ? informational.Split('+')[0]
            : assembly.GetName().Version?.ToString(3) ?? "0";
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private TimeSpan Backoff(int attempt)
    {
        var wait = Options.RetryDelay * Math.Pow(2, Math.Min(attempt, 16));
        return wait < Options.MaxRetryWait ? wait : Options.MaxRetryWait;
    }

    private async Task<Outcome> AttemptAsync(string form, CancellationToken cancel)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        budget.CancelAfter(Options.RequestTimeout);
        var host = Options.Endpoint.Authority;
        try
        {
            using var request = Options.Endpoint.Query.Length + form.Length + 1 > Options.MaxGetLength
                ? new HttpRequestMessage(HttpMethod.Post, Options.Endpoint) { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") }
                : new HttpRequestMessage(HttpMethod.Get, new UriBuilder(Options.Endpoint) { Query = AppendQuery(Options.Endpoint.Query, form) }.Uri);
            Interlocked.Increment(ref requests);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token).ConfigureAwait(false);
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
                var said = await ReadExcerptAsync(response, budget.Token).ConfigureAwait(false);
                return new Refusal(said.Length > 0 ? $"HTTP {status} from {host}: {said}" : $"HTTP {status} from {host}", Retryable: false);
            }

            byte[]? body;
            var stream = await response.Content.ReadAsStreamAsync(budget.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                body = await ReadCappedAsync(stream, Options.MaxResponseBytes, budget.Token).ConfigureAwait(false);
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

    /// <summary>The start of an error answer's body as one line of text: tags dropped, escaped, capped.</summary>
    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var head = new byte[ExcerptBytes];
        int read;
        var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancel).ConfigureAwait(false);
        }

        var text = Encoding.UTF8.GetString(head, 0, read);
        text = Markup().Replace(text, " ");
        return ShownText.Of(WebUtility.HtmlDecode(text), ExcerptChars);
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, int limit, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            int read = await body.ReadAsync(chunk, cancel).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>Tags, and the content of style and script elements, of an HTML error page.</summary>
    [GeneratedRegex(@"<(script|style)\b.*?(</\1\s*>|$)|<[^>]*>?", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    private sealed record Refusal(string Reason, bool Retryable, TimeSpan? RetryAfter = null, string? Code = null);

    /// <summary>An answer, or why there is none.</summary>
    private sealed record Outcome(JsonDocument? Answer, Refusal? Refusal)
    {
        public static implicit operator Outcome(JsonDocument answer) => new(answer, null);

        public static implicit operator Outcome(Refusal refusal) => new(null, refusal);
    }
}
