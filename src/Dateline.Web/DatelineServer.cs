using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dateline.Web;

/// <summary>Where the server finds the site and the archive (configuration section "Dateline").</summary>
public sealed class ServeOptions
{
    public const string Section = "Dateline";

    /// <summary>The folder a <c>dateline build --html</c> wrote.</summary>
    public string Site { get; set; } = "site";

    /// <summary>The archive database the build read (and wrote its site tables into).</summary>
    public string Database { get; set; } = "dateline.db";

    /// <summary>Keep recent search answers in memory (see <see cref="Web.SearchCache"/>).</summary>
    public bool SearchCache { get; set; } = true;
}

/// <summary>
/// The local server: the built site as static files, the search page, and the JSON API, all
/// answered from the site folder and the archive database. Loopback only unless told otherwise.
/// </summary>
public static partial class DatelineServer
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>
    /// No script at all (default-src 'none' and no script-src), styles and images only from the
    /// site (images also from the web: cover images are hot-linked), forms only to the site, and
    /// no framing.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' https: http:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Builds the application from command-line style arguments (<c>--urls</c>, <c>--Dateline:Site</c>, <c>--Dateline:Database</c>).</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        // Per-request logs would cost more than the requests themselves.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<ServeOptions>(builder.Configuration.GetSection(ServeOptions.Section));
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = 4096; // the site takes no uploads: GET and HEAD only
            limits.MaxRequestLineSize = 4096;
            limits.MaxRequestHeadersTotalSize = 16 * 1024;
            limits.MaxRequestHeaderCount = 64;
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
        });
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<ServeOptions>>().Value;
            // A site built with --format html alone has no Markdown pages for the answers to name.
            return new ArchiveQueries(Path.GetFullPath(options.Database), markdown: File.Exists(Path.Combine(options.Site, "news", "index.md")));
        });
        builder.Services.AddSingleton(services => new SearchCache(services.GetRequiredService<IOptions<ServeOptions>>().Value.SearchCache));
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = RequestTimeout });
        builder.Services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Dateline archive API";
            document.Info.Description = "Events of a day, one event with its related events, an entity's events, and full-text search.";
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        var serve = app.Services.GetRequiredService<IOptions<ServeOptions>>().Value;
        var siteRoot = Path.GetFullPath(serve.Site);
        if (!Directory.Exists(siteRoot))
        {
            throw new DirectoryNotFoundException($"{siteRoot}: no site there (run 'dateline build --out DIR --html' first)");
        }

        // The archive is checked now, so a database that is not one stops the server at start
        // instead of answering 500 to every search.
        app.Services.GetRequiredService<ArchiveQueries>();

        var failures = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dateline.Web");
        app.Use((context, next) => SecurityHeaders(context, next, failures));
        app.UseRequestTimeouts();
        app.MapGet("/", () => Results.Redirect("/news/index.html")).ExcludeFromDescription();
        app.MapGet("/search", (HttpContext context, ArchiveQueries archive, SearchCache cache) => SearchHtml(context, archive, cache)).ExcludeFromDescription();
        ArchiveApi.Map(app);
        app.MapOpenApi("/api/openapi.json");

        // Static files last: PhysicalFileProvider never serves a path outside its root, nor
        // dot-files (the build's manifest) or hidden and system files; SiteFiles follows no symbolic link.
        var files = new SiteFiles(new PhysicalFileProvider(siteRoot, ExclusionFilters.Sensitive));
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".md"] = "text/markdown; charset=utf-8";
        types.Mappings[".atom"] = "application/atom+xml; charset=utf-8";
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        types.Mappings[".xml"] = "application/xml; charset=utf-8";
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, DefaultFileNames = ["index.html"] });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=300",
        });
        return app;
    }

    /// <summary>
    /// Headers every answer carries, failures included, and only GET and HEAD are accepted. A
    /// failure is answered here (Kestrel's own 500 would drop the headers) and logged as one
    /// line: a request that keeps failing must not fill the log with stack traces.
    /// </summary>
    private static async Task SecurityHeaders(HttpContext context, Func<Task> next, ILogger failures)
    {
        AddSecurityHeaders(context.Response.Headers);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }

        // Dot-folders (the build's .dateline manifest) are the build's, not the site's; the file
        // provider only hides dot-files, so refuse any path with a segment starting with '.'.
        if (context.Request.Path.Value is { } path && path.Contains("/.", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        try
        {
            await next();
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            failures.LogError("{Method} {Path}: {Error}: {Message}", context.Request.Method, context.Request.Path.Value, e.GetType().Name, OneLine(e.Message));
            if (context.Response.HasStarted)
            {
                throw; // part of the answer is sent: the connection is all there is left to end
            }

            context.Response.Clear();
            AddSecurityHeaders(context.Response.Headers);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.Headers.CacheControl = "no-store";
        }
    }

    private static void AddSecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>
    /// Why <paramref name="urls"/> (as <c>--urls</c> takes them: one or more separated by ';')
    /// cannot be listened on, or null when every one is an http or https address with a port
    /// that can be, so a mistyped address is a clear message at start, not a crash.
    /// </summary>
    public static string? ListenProblem(string? urls)
    {
        var each = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (each.Length == 0)
        {
            return "--urls: give at least one address to listen on, e.g. " + DefaultUrls;
        }

        foreach (var url in each)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                return $"--urls: '{url}' is not an address to listen on (write it as http://HOST:PORT, e.g. {DefaultUrls})";
            }

            if (address.Scheme is not ("http" or "https") || address.Host.Length == 0 || (!address.IsUnixPipe && address.Port is < 0 or > 65535))
            {
                return $"--urls: '{url}' is not an http or https address with a port from 0 to 65535 (e.g. {DefaultUrls})";
            }
        }

        return null;
    }

    private static IResult SearchHtml(HttpContext context, ArchiveQueries archive, SearchCache cache)
    {
        var query = context.Request.Query;
        SearchRequest? request = null;
        SearchResults? results = null;
        (string, string)? problem = null;
        context.Response.Headers.CacheControl = "no-cache";
        if (query.Count > 0)
        {
            request = SearchRequest.Read(query, archive, out problem);
            if (request is not null)
            {
                // The page shows the fields as typed, so the typed values are part of the key.
                var key = request.CacheKey("html") + "\u001F" + string.Join('\u001F', query["from"], query["to"], query["entity"], query["size"]);
                if (cache.TryGet(key, out var page))
                {
                    return Results.Bytes(page, "text/html; charset=utf-8");
                }

                results = archive.Search(request.Query, request.From, request.To, request.Entity, request.Offset, request.Size);
                page = System.Text.Encoding.UTF8.GetBytes(SearchPage.Render(query, request, results, problem));
                cache.Add(key, page);
                return Results.Bytes(page, "text/html; charset=utf-8");
            }
        }

        var html = SearchPage.Render(query, request, results, problem);
        return Results.Content(html, "text/html; charset=utf-8", null, problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>A slug as the site makes them: a-z, 0-9 and '-', nothing else.</summary>
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,299})$", RegexOptions.CultureInvariant)]
    internal static partial Regex Slug();
}
