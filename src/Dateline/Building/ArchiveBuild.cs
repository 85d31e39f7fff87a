using System.Diagnostics;
using Dateline.Linking;
using Dateline.Model;
using Dateline.Publishing;
using Dateline.Store;

namespace Dateline.Building;

/// <summary>
/// The build: read the archive from the store, link every event to its related events, and
/// publish it into a folder in every format asked for. Same database in, same bytes out,
/// whatever <c>parallelism</c> is. In steps: check (is the folder already current?) → read the
/// last build's state → plan (a full build, or a <see cref="ChangeSet"/> that a
/// <see cref="BuildFollower"/> follows) → publish → site tables → remember the state.
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

        // One build at a time in a folder (see OutputLock): taken before the manifest is read.
        using var folderLock = OutputLock.Take(outputFolder);

        // Check. Like make: when the archive and this Dateline are what the last build used and
        // its pages are untouched, the pages would come out byte for byte the same.
        // What is published is part of the source: an HTML build, or another base URL, is not current after a Markdown one.
        // The store's versions and fingerprint, and the manifest (the output folder), are read
        // side by side. The versions come before any event is read: a day stored while this
        // build reads is one the next build sees as changed, never one it takes for what this
        // build linked.
        var reading = Task.Run(() =>
        {
            var version = store.ReadVersion();
            return (Version: version, Fingerprint: store.Fingerprint(version));
        });
        var writer = new SiteWriter(outputFolder);
        var (archive, fingerprint) = reading.GetAwaiter().GetResult();
        var source = $"{fingerprint} dateline {Version} {options.Describe()}";
        writer.Source = source;
        if (!force && writer.IsCurrent(source) && (!options.Html || SiteIndex.Holds(store, source)))
        {
            return new BuildReport(store.ReadCounts().Events, writer.Unchanged(), clock.Elapsed, TimeSpan.Zero, TimeSpan.Zero);
        }

        // Read the state. It describes the pages on disk only while no build is under way: it is
        // taken away first and written again once the manifest is, so a build that dies halfway
        // leaves none, and the next build links everything.
        var statePath = Path.Combine(writer.Root, SiteWriter.StateFolder, BuildState.FileName);
        var previous = force || writer.HasUnlistedPages ? null : BuildState.Read(statePath);
        if (File.Exists(statePath))
        {
            File.Delete(statePath);
        }

        // Plan: follow the last build when it was made the same way, else build everything.
        var linkSource = $"dateline {Version} {options.Describe()} related {RelatedEvents.DefaultCount}";
        var formats = PageFormats.For(options);
        var build = new BuildContext(store, archive, linkSource, writer, options, formats, clock, parallelism, progress);
        (BuildReport Report, BuildState State)? followed = null;
        if (ChangeSet.CanFollow(previous?.Links, linkSource))
        {
            // A stat a page, on threads of their own while the changed days are read and
            // linked, and joined before anything is written (see BuildFollower).
            var pagesAsLeft = writer.StartPageCheck();
            var changes = ChangeSet.Between(previous!.Links, archive, titles => store.ReadDaysNaming(titles).Select(d => d.DayNumber));
            followed = new BuildFollower(build, previous, changes).Run(pagesAsLeft);
        }

        var (report, state) = followed ?? BuildAll(build);

        // Remember what was built, for the next build to follow.
        state.Write(statePath);
        previous?.Dispose(); // read in place until now
        return report;
    }

    /// <summary>Reads the whole archive, links every event and publishes every page.</summary>
    private static (BuildReport Report, BuildState State) BuildAll(BuildContext build)
    {
        var (store, versions, clock, options) = (build.Store, build.Archive, build.Clock, build.Options);
        var archive = store.ReadArchive(versions.Redirects);
        var read = clock.Elapsed;

        var index = EntityIndex.Build(archive);
        var (lists, next, nextSameSet) = RelatedEvents.ComputeFor(index, null, RelatedEvents.DefaultCount, build.Parallelism);
        var link = clock.Elapsed - read;

        var stories = SitePlan.StoryRuns([.. archive.Events.Select(e => SitePlan.StoriesOf(e, archive.Redirects))]);
        var plan = SitePlan.Create(archive, index, lists!, options.WithTopics, build.Parallelism, stories, options.YearPagesAbove);
        var (output, html, published, alongside) = build.Publish(plan, options.Html ? () => SiteIndex.BeginReplace(store, plan, index, lists!, build.Writer.Source!) : null);
        var publish = published - read - link;
        var report = new BuildReport(index.Count, output, read, link, publish)
        {
            Html = html.Wall,
            HtmlProcessor = html.Processor,
            Index = clock.Elapsed - read - link - publish,
            IndexAlongside = alongside,
        };
        var pages = plan.EventPages.Select(p => BuildContext.PageInput(p.Summary, p.Image, p.ImageSize)).ToArray();
        var state = new BuildState(
            LinkState.Create(build.LinkSource, versions.Days, versions.Redirects, index, LinkState.Flatten(lists!), next, nextSameSet),
            PublishState.Create(versions.Articles, pages, TextTable.Of([.. plan.EventPages.Select(p => p.Page)]), stories));
        return (report, state);
    }
}

/// <summary>What every step of one build works with.</summary>
/// <param name="Archive">The archive's version as the build read it first: the days it links are these.</param>
/// <param name="LinkSource">What the related lists are computed under (see <see cref="LinkState.Source"/>).</param>
internal sealed record BuildContext(ArchiveStore Store, ArchiveVersion Archive, string LinkSource, SiteWriter Writer, BuildOptions Options, IReadOnlyList<PageFormat> Formats, Stopwatch Clock, int Parallelism, Action<int, int>? Progress)
{
    /// <summary>Writes the plan's pages in every format; returns what was written and the HTML site's time.</summary>
    public (WriteReport Output, (TimeSpan Wall, TimeSpan Processor) Html) Publish(SitePlan plan)
    {
        var html = (Wall: TimeSpan.Zero, Processor: TimeSpan.Zero);
        var output = SitePublisher.Publish(plan, Writer, Formats, Parallelism, Progress, elapsed => html = elapsed);
        return (output, html);
    }

    /// <summary>
    /// <see cref="Publish(SitePlan)"/>, with the site tables written by <paramref name="beginTables"/>
    /// (when given) on a thread of their own meanwhile and committed once the pages are on disk;
    /// rolled back when the pages fail (see <see cref="SiteTablesAlongside"/>). Returns also when
    /// the pages were done (on <see cref="Clock"/>) and how long the tables took.
    /// </summary>
    public (WriteReport Output, (TimeSpan Wall, TimeSpan Processor) Html, TimeSpan Published, TimeSpan TablesAlongside) Publish(SitePlan plan, Func<SiteTables.Pending>? beginTables)
    {
        var tables = beginTables is null ? null : SiteTablesAlongside.Start(beginTables);
        WriteReport output;
        (TimeSpan Wall, TimeSpan Processor) html;
        try
        {
            (output, html) = Publish(plan);
        }
        catch
        {
            tables?.Abandon();
            throw;
        }

        var published = Clock.Elapsed;
        return (output, html, published, tables?.Commit() ?? TimeSpan.Zero);
    }

    /// <summary>A hash of what an event's page shows of its article (0: nothing).</summary>
    /// <remarks>A declared image size is part of the image's text only when there is one, so pages without stay as the last build hashed them.</remarks>
    public static ulong PageInput(string? summary, string? image, ImageSize? size) =>
        summary is null && image is null ? 0 : LinkState.TextHash(summary, size is { } s ? $"{image}\u001F{s.Width}x{s.Height}" : image);

    /// <summary><see cref="PageInput(string?, string?, ImageSize?)"/> of an article (null: the page shows none).</summary>
    public static ulong PageInput(Article? article) => PageInput(article?.Summary, article?.Image, ImageSize.Of(article));
}
