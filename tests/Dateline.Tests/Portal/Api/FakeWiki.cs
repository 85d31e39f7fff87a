using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dateline.Tests.Portal.Api;

/// <summary>
/// A MediaWiki Action API on 127.0.0.1 (Kestrel, any free port) that answers <c>action=query</c>
/// the way the real one does with <c>formatversion=2</c>: at most 50 titles a request,
/// <c>normalized</c> titles (underscores, first letter, Unicode NFC), <c>redirects</c> with
/// fragments, missing and invalid pages, <c>prop=info</c> latest revisions, <c>prop=revisions</c>
/// content with <c>continue</c> when an answer is cut short, gzip when asked; and, under
/// <c>/news/</c>, HTML source pages for the events to cite. Scripted trouble
/// (maxlag, 503, broken JSON, error objects) is answered first, one per request. It logs every
/// request and counts how many it answers at once.
/// </summary>
internal sealed class FakeWiki : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> trouble = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakePage> pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string To, string? Fragment)> redirects = new(StringComparer.Ordinal);
    private long nextRevision = 1000;
    private int inFlight;
    private int mostInFlight;

    private FakeWiki(WebApplication app) => this.app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<WikiRequest> Requests { get; } = new();

    public int MostInFlight => Volatile.Read(ref mostInFlight);

    /// <summary>How many pages of a <c>prop=revisions</c> answer carry their content; the rest come in continuations.</summary>
    public int ContentPerAnswer { get; set; } = 50;

    /// <summary>Answers with an error object of this code when the predicate holds (e.g. for one batch).</summary>
    public Func<WikiRequest, string?>? ErrorFor { get; set; }

    public static async Task<FakeWiki> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var wiki = new FakeWiki(app);
        app.Use((HttpContext context, RequestDelegate _) => wiki.AnswerAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        wiki.Endpoint = new Uri(address.TrimEnd('/') + "/w/api.php");
        return wiki;
    }

    /// <summary>Saves a page (a new revision when it exists) and returns the revision id.</summary>
    public long Save(string title, string content)
    {
        lock (gate)
        {
            long id = ++nextRevision;
            pages[title] = new FakePage(id, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(id), content);
            return id;
        }
    }

    public void Delete(string title)
    {
        lock (gate)
        {
            pages.Remove(title);
        }
    }

    public void Redirect(string from, string to, string? fragment = null)
    {
        lock (gate)
        {
            redirects[from] = (to, fragment);
        }
    }

    /// <summary>The next request gets a maxlag error (HTTP 200, as the real API) asking to retry after <paramref name="seconds"/>.</summary>
    public void LagOnce(int seconds) => trouble.Enqueue(async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Database-Lag"] = "7";
        await WriteJsonAsync(context, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = "maxlag", ["info"] = "Waiting for 10.0.0.1: 7 seconds lagged.", ["host"] = "10.0.0.1", ["lag"] = 7, ["type"] = "db" },
            ["servedby"] = "fake",
        });
    });

    /// <summary>The next request gets an HTTP status (503 by default), with Retry-After when given, and this body (a maintenance page by default).</summary>
    public void FailOnce(int status = 503, int? retryAfter = null, string? body = null) => trouble.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync(body ?? "<html><body>Our servers are currently under maintenance.</body></html>");
    });

    /// <summary>The next request is redirected (302 by default) to <paramref name="location"/>.</summary>
    public void RedirectOnce(Uri location, int status = 302) => trouble.Enqueue(context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location.AbsoluteUri;
        return Task.CompletedTask;
    });

    /// <summary>The next request is answered with nothing for <paramref name="stall"/> (or until the client gives up), as a wiki that hangs.</summary>
    public void StallOnce(TimeSpan stall) => trouble.Enqueue(context => Task.Delay(stall, context.RequestAborted));

    /// <summary>The next request gets a body that is not JSON.</summary>
    public void GarbleOnce() => trouble.Enqueue(async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"batchcomplete\":true,\"query\":{\"pages\":[{\"title\":");
    });

    public IEnumerable<WikiRequest> ContentRequests => Requests.Where(r => r.Get("prop") == "revisions");

    public IEnumerable<WikiRequest> InfoRequests => Requests.Where(r => r.Get("prop") == "info");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string Normalize(string title)
    {
        var text = title.Replace('_', ' ').Trim().Normalize(NormalizationForm.FormC);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static bool IsInvalid(string title) => title.Length == 0 || title.IndexOfAny(['<', '>', '[', ']', '{', '}']) >= 0;

    private async Task AnswerAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/news", StringComparison.Ordinal))
        {
            // The sources the fake day pages cite, so an update can enrich its events here too.
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!doctype html><html><head><title>Story</title><meta property=\"og:description\" content=\"Summary of {context.Request.Path.Value}.\"></head><body>Story</body></html>");
            return;
        }

        if (context.Request.Path.Value != "/w/api.php")
        {
            context.Response.StatusCode = 404;
            return;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync())
            {
                parameters[key] = value.ToString();
            }
        }

        var request = new WikiRequest(context.Request.Method, parameters, context.Request.Headers.UserAgent.ToString(),
            context.Request.Headers.AcceptEncoding.ToString());
        Requests.Enqueue(request);
        int now = Interlocked.Increment(ref inFlight);
        for (int seen = Volatile.Read(ref mostInFlight); now > seen; seen = Volatile.Read(ref mostInFlight))
        {
            if (Interlocked.CompareExchange(ref mostInFlight, now, seen) == seen)
            {
                break;
            }
        }

        try
        {
            // Long enough that two requests sent at once would overlap here.
            await Task.Delay(5);
            if (trouble.TryDequeue(out var answer))
            {
                await answer(context);
                return;
            }

            await WriteJsonAsync(context, Answer(request));
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private JsonObject Answer(WikiRequest request)
    {
        if (request.Get("format") != "json" || request.Get("formatversion") != "2" || request.Get("action") != "query")
        {
            return Error("badparams", "this fake answers action=query&format=json&formatversion=2 only");
        }

        if (ErrorFor?.Invoke(request) is { } code)
        {
            return Error(code, $"scripted error {code}");
        }

        var raw = request.Get("titles") ?? "";
        var titles = raw.StartsWith('\u001F') ? raw[1..].Split('\u001F') : raw.Split('|');
        if (titles.Length > 50)
        {
            return Error("toomanyvalues", "Too many values supplied for parameter \"titles\". The limit is 50.");
        }

        var query = new JsonObject();
        var normalized = new JsonArray();
        var redirectList = new JsonArray();
        var listed = new List<string>();
        lock (gate)
        {
            foreach (var asked in titles)
            {
                var title = Normalize(asked);
                if (title != asked && !IsInvalid(asked))
                {
                    normalized.Add(new JsonObject { ["fromencoded"] = false, ["from"] = asked, ["to"] = title });
                }

                // One level, as the real API: a double redirect shows its first hop only.
                if (request.Get("redirects") is "1" or "" && redirects.TryGetValue(title, out var hop))
                {
                    var entry = new JsonObject { ["from"] = title, ["to"] = hop.To };
                    if (hop.Fragment is { } fragment)
                    {
                        entry["tofragment"] = fragment;
                    }

                    redirectList.Add(entry);
                    title = hop.To;
                }

                if (!listed.Contains(IsInvalid(asked) ? asked : title))
                {
                    listed.Add(IsInvalid(asked) ? asked : title);
                }
            }

            var pageList = new JsonArray();
            int offset = int.TryParse(request.Get("rvcontinue"), out int o) ? o : 0;
            bool more = false;
            for (int i = 0; i < listed.Count; i++)
            {
                var title = listed[i];
                if (IsInvalid(title))
                {
                    pageList.Add(new JsonObject { ["title"] = title, ["invalidreason"] = "The requested page title contains invalid characters.", ["invalid"] = true });
                    continue;
                }

                if (redirects.ContainsKey(title))
                {
                    // A redirect not followed here (the second hop of a double redirect).
                    pageList.Add(new JsonObject { ["pageid"] = 1, ["ns"] = 0, ["title"] = title, ["redirect"] = true, ["lastrevid"] = 1 });
                    continue;
                }

                if (!pages.TryGetValue(title, out var page))
                {
                    pageList.Add(new JsonObject { ["ns"] = 0, ["title"] = title, ["missing"] = true });
                    continue;
                }

                var item = new JsonObject { ["pageid"] = Math.Abs(title.GetHashCode(StringComparison.Ordinal) % 100000), ["ns"] = 0, ["title"] = title };
                if (request.Get("prop") == "info")
                {
                    item["contentmodel"] = "wikitext";
                    item["lastrevid"] = page.Revision;
                    item["length"] = page.Content.Length;
                }
                else if (request.Get("prop") == "revisions" && request.Get("rvslots") == "main" && (request.Get("rvprop") ?? "").Contains("content", StringComparison.Ordinal))
                {
                    if (i >= offset && i < offset + ContentPerAnswer)
                    {
                        item["revisions"] = new JsonArray(new JsonObject
                        {
                            ["revid"] = page.Revision,
                            ["parentid"] = page.Revision - 1,
                            ["timestamp"] = page.Saved.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                            ["slots"] = new JsonObject { ["main"] = new JsonObject { ["contentmodel"] = "wikitext", ["contentformat"] = "text/x-wiki", ["content"] = page.Content } },
                        });
                    }
                    else if (i >= offset + ContentPerAnswer)
                    {
                        more = true;
                    }
                }

                pageList.Add(item);
            }

            if (normalized.Count > 0)
            {
                query["normalized"] = normalized;
            }

            if (redirectList.Count > 0)
            {
                query["redirects"] = redirectList;
            }

            query["pages"] = pageList;
            var root = new JsonObject();
            if (more)
            {
                root["continue"] = new JsonObject { ["rvcontinue"] = (offset + ContentPerAnswer).ToString(System.Globalization.CultureInfo.InvariantCulture), ["continue"] = "||" };
            }
            else
            {
                root["batchcomplete"] = true;
            }

            root["query"] = query;
            return root;
        }
    }

    private static JsonObject Error(string code, string info) => new()
    {
        ["error"] = new JsonObject { ["code"] = code, ["info"] = info, ["docref"] = "See /w/api.php for API usage." },
        ["servedby"] = "fake",
    };

    private static async Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        context.Response.ContentType = "application/json; charset=utf-8";
        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            context.Response.Headers.ContentEncoding = "gzip";
            bytes = packed.ToArray();
        }

        await context.Response.Body.WriteAsync(bytes);
    }

    private sealed record FakePage(long Revision, DateTimeOffset Saved, string Content);
}

/// <summary>One request as the fake wiki saw it: method, parameters (query and form), headers.</summary>
internal sealed record WikiRequest(string Method, IReadOnlyDictionary<string, string> Parameters, string UserAgent, string AcceptEncoding)
{
    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public string[] Titles => Get("titles") is { } raw ? (raw.StartsWith('\u001F') ? raw[1..].Split('\u001F') : raw.Split('|')) : [];
}
