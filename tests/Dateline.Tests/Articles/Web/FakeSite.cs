using System.Collections.Concurrent;
using System.Diagnostics;
using Dateline.Articles.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dateline.Tests.Articles.Web;

/// <summary>
/// A real web server on 127.0.0.1 (Kestrel, any free port) standing in for a cited site. It keeps
/// a log of what it was asked and counts how many requests it is answering at once, so tests can
/// see what the fetcher did on the wire rather than what it claims.
/// </summary>
internal sealed class FakeSite : IAsyncDisposable
{
    private readonly WebApplication app;
    private int inFlight;
    private int mostInFlight;

    private FakeSite(WebApplication app) => this.app = app;

    public Uri BaseUri { get; private set; } = null!;

    public int Port => BaseUri.Port;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>The most requests for pages (robots.txt aside) the site was answering at the same time.</summary>
    public int MostInFlight => Volatile.Read(ref mostInFlight);

    public IEnumerable<SeenRequest> PageRequests => Requests.Where(r => r.Path != "/robots.txt");

    public int CountOf(string path) => Requests.Count(r => r.Path == path);

    /// <summary>Starts a site; requests the handler leaves unanswered get a 404.</summary>
    public static async Task<FakeSite> StartAsync(Func<HttpContext, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var site = new FakeSite(app);
        app.Use((HttpContext context, RequestDelegate _) => site.AnswerAsync(context, handle));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        site.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return site;
    }

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public string Link(string pathAndQuery) => Url(pathAndQuery).AbsoluteUri;

    public static async Task HtmlAsync(HttpContext context, string html, string contentType = "text/html; charset=utf-8")
    {
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(html);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, Func<HttpContext, Task> handle)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(new SeenRequest(
            path,
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.UserAgent.ToString(),
            context.Request.Headers.AcceptEncoding.ToString(),
            Stopwatch.GetTimestamp()));
        bool counted = path != "/robots.txt";
        if (counted)
        {
            int now = Interlocked.Increment(ref inFlight);
            for (int seen = Volatile.Read(ref mostInFlight); now > seen; seen = Volatile.Read(ref mostInFlight))
            {
                if (Interlocked.CompareExchange(ref mostInFlight, now, seen) == seen)
                {
                    break;
                }
            }
        }

        try
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await handle(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The fetcher hung up (as it should after a timeout or a capped body).
        }
        finally
        {
            if (counted)
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
    }
}

/// <summary>One request as the fake site saw it.</summary>
internal sealed record SeenRequest(string Path, string Query, string UserAgent, string AcceptEncoding, long Timestamp);

/// <summary>Options for tests: loopback allowed (the fake sites live there), short waits everywhere.</summary>
internal static class TestOptions
{
    public const string Contact = "ops@dateline.test";

    public static WebFetchOptions Fast => new()
    {
        Contact = Contact,
        AllowPrivate = true,
        PerHostDelay = TimeSpan.Zero,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(10),
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryWait = TimeSpan.FromSeconds(2),
    };

    public static readonly DateOnly EventDate = new(2020, 1, 2);
}
