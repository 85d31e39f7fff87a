using System.Diagnostics;
using Dateline.Linking;
using Dateline.Model;
using Dateline.Publishing;
using Dateline.Publishing.Html;
using Dateline.Publishing.Markdown;
using Dateline.Store;

namespace Dateline;

/// <summary>How long each step of a build took, and what it wrote.</summary>
public sealed record BuildReport(int Events, WriteReport Output, TimeSpan Read, TimeSpan Link, TimeSpan Publish)
{
    /// <summary>Of <see cref="Publish"/>, the time spent on the HTML site (zero without it).</summary>
    public TimeSpan Html { get; init; }

    /// <summary>The processor time (all threads, user and system) the HTML site took: on a shared machine a steadier figure than <see cref="Html"/>.</summary>
    public TimeSpan HtmlProcessor { get; init; }

    /// <summary>The time spent writing the site tables (search index, API) into the database.</summary>
    public TimeSpan Index { get; init; }
}

/// <summary>What a build publishes besides the Markdown archive of events, days and months.</summary>
/// <param name="Html">Also write the HTML site: a page beside every Markdown page, the stylesheet, Atom feeds, the sitemap and the search tables the server reads.</param>
/// <param name="BaseUrl">Where the site will be served, for the absolute URLs of feeds, the sitemap and JSON-LD.</param>
/// <param name="Topics">Also write entity and story pages (always with <paramref name="Html"/>).</param>
public sealed record BuildOptions(bool Html = false, string BaseUrl = BuildOptions.DefaultBaseUrl, bool Topics = false)
{
    public const string DefaultBaseUrl = "http://127.0.0.1:8080";

    public static BuildOptions MarkdownOnly { get; } = new();

    /// <summary>Entity and story pages: asked for, or part of the website.</summary>
    public bool WithTopics => Topics || Html;

    /// <summary>What is published, as part of what a build is made from (see the up-to-date check).</summary>
    public string Describe() => "markdown" + (WithTopics ? " topics" : string.Empty) + (Html ? $" html {BaseUrl}" : string.Empty);
}

/// <summary>
/// The build: read the archive from the store, link every event to its related events, and
/// publish the Markdown archive into a folder. Same database in, same bytes out, whatever
/// <c>parallelism</c> is.
/// </summary>
public static class ArchiveBuild
{
    /// <summary>This Dateline's version: a new version may render pages differently.</summary>
    public static string Version { get; } =
        typeof(ArchiveBuild).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "dev";

    /// <param name="parallelism">Threads for linking and publishing; 0 or less means one per core.</param>
    /// <param name="progress">Called as pages are written, with the count so far and the total.</param>
    /// <param name="force">Render every page even when the archive has not changed since the last build.</param>
    public static BuildReport Run(ArchiveStore store, string outputFolder, int parallelism = 0, Action<int, int>? progress = null, bool force = false) =>
        Run(store, outputFolder, BuildOptions.MarkdownOnly, parallelism, progress, force);

    /// <inheritdoc cref="Run(ArchiveStore, string, int, Action{int, int}?, bool)"/>
    public static BuildReport Run(ArchiveStore store, string outputFolder, BuildOptions options, int parallelism = 0, Action<int, int>? progress = null, bool force = false)
    {
        var clock = Stopwatch.StartNew();

        // Like make: when the archive and this Dateline are what the last build used and its
        // pages are untouched, the pages would come out byte for byte the same.
        // What is published is part of the source: an HTML build, or another base URL, is not current after a Markdown one.
        var source = $"{store.Fingerprint()} dateline {Version} {options.Describe()}";
        var writer = new SiteWriter(outputFolder) { Source = source };
        if (!force && writer.IsCurrent(source) && (!options.Html || SiteIndex.IsFilled(store)))
        {
            return new BuildReport(store.ReadCounts().Events, writer.Unchanged(), clock.Elapsed, TimeSpan.Zero, TimeSpan.Zero);
        }

        var archive = store.ReadArchive();
        var read = clock.Elapsed;

        var index = EntityIndex.Build(archive);
        var related = RelatedEvents.Compute(index, RelatedEvents.DefaultCount, parallelism);
        var link = clock.Elapsed - read;

        var plan = SitePlan.Create(archive, index, related, options.WithTopics);
        var html = (Wall: TimeSpan.Zero, Processor: TimeSpan.Zero);
        var output = Publish(plan, writer, options, parallelism, progress, elapsed => html = elapsed);
        var publish = clock.Elapsed - read - link;

        // The site tables follow the pages just written, so search and the API link to pages that exist.
        if (options.Html)
        {
            SiteIndex.Replace(store, plan);
        }

        return new BuildReport(index.Events.Count, output, read, link, publish) { Html = html.Wall, HtmlProcessor = html.Processor, Index = clock.Elapsed - read - link - publish };
    }

    private static WriteReport Publish(SitePlan plan, SiteWriter writer, BuildOptions buildOptions, int parallelism, Action<int, int>? progress, Action<(TimeSpan Wall, TimeSpan Processor)>? htmlTime)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        int total = plan.PageCount * (buildOptions.Html ? 2 : 1);
        int done = 0;
        void Step()
        {
            int now = Interlocked.Increment(ref done);
            if (progress is not null && (now % 1000 == 0 || now == total))
            {
                progress(now, total);
            }
        }

        string File(string page) => ArchivePaths.File(page, MarkdownPages.Extension);

        Parallel.ForEach(plan.EventPages, options, page =>
        {
            writer.Write(File(page.Page), MarkdownPages.Event(page));
            Step();
        });
        Parallel.ForEach(plan.DayPages, options, page =>
        {
            writer.Write(File(page.Page), MarkdownPages.Day(page));
            Step();
        });
        foreach (var page in plan.MonthPages)
        {
            writer.Write(File(page.Page), MarkdownPages.Month(page));
            Step();
        }

        writer.Write(File(plan.Root.Page), MarkdownPages.Root(plan.Root));
        Step();
        Parallel.ForEach(plan.EntityPages.Concat(plan.StoryPages), options, page =>
        {
            writer.Write(File(page.Page), MarkdownTopics.Topic(page));
            writer.Write(page.Chart, TopicChart.Svg(page.Months));
            Step();
        });

        if (buildOptions.Html)
        {
            var clock = Stopwatch.StartNew();
            var processor = Environment.CpuUsage.TotalTime;
            PublishHtml(plan, writer, buildOptions, options, Step);
            htmlTime?.Invoke((clock.Elapsed, Environment.CpuUsage.TotalTime - processor));
        }

        return writer.Finish();
    }

    /// <summary>The HTML site from the same page models: pages, stylesheet, feeds, sitemap.</summary>
    private static void PublishHtml(SitePlan plan, SiteWriter writer, BuildOptions buildOptions, ParallelOptions options, Action step)
    {
        var html = new HtmlPages(buildOptions.BaseUrl);
        var baseUrl = html.BaseUrl;
        string File(string page) => ArchivePaths.File(page, HtmlPages.Extension);

        writer.Write(HtmlPages.StylesheetPath, SiteStylesheet.Css + "\n");
        writer.Write(HtmlPages.IconPath, HtmlPages.Icon);
        Parallel.ForEach(plan.EventPages, options, page =>
        {
            writer.Write(File(page.Page), html.Event(page));
            step();
        });
        Parallel.ForEach(plan.DayPages, options, page =>
        {
            writer.Write(File(page.Page), html.Day(page));
            step();
        });
        foreach (var page in plan.MonthPages)
        {
            writer.Write(File(page.Page), html.Month(page));
            step();
        }

        writer.Write(File(plan.Root.Page), html.Root(plan.Root, plan.Latest));
        step();
        Parallel.ForEach(plan.EntityPages.Concat(plan.StoryPages), options, page =>
        {
            writer.Write(File(page.Page), html.Topic(page));
            if (page.Feed is not null)
            {
                writer.Write(ArchivePaths.File(page.Feed, "atom"), SiteFeeds.Atom(baseUrl, page.Title, page.Feed, page.Page, page.Events.Take(SitePlan.FeedLength).ToArray()));
            }

            step();
        });

        writer.Write(ArchivePaths.File(ArchivePaths.Feed, "atom"), SiteFeeds.Atom(baseUrl, "Dateline: latest events", ArchivePaths.Feed, ArchivePaths.Root, plan.Latest));
        var pages = new[] { plan.Root.Page }
            .Concat(plan.MonthPages.Select(p => p.Page))
            .Concat(plan.DayPages.Select(p => p.Page))
            .Concat(plan.EventPages.Select(p => p.Page))
            .Concat(plan.EntityPages.Select(p => p.Page))
            .Concat(plan.StoryPages.Select(p => p.Page));
        foreach (var (path, content) in SiteFeeds.Sitemaps(baseUrl, pages))
        {
            writer.Write(path, content);
        }
    }
}
