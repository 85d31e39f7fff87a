using System.Diagnostics;
using Dateline.Linking;
using Dateline.Model;
using Dateline.Publishing;
using Dateline.Publishing.Markdown;
using Dateline.Store;

namespace Dateline;

/// <summary>How long each step of a build took, and what it wrote.</summary>
public sealed record BuildReport(int Events, WriteReport Output, TimeSpan Read, TimeSpan Link, TimeSpan Publish);

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
    public static BuildReport Run(ArchiveStore store, string outputFolder, int parallelism = 0, Action<int, int>? progress = null, bool force = false)
    {
        var clock = Stopwatch.StartNew();

        // Like make: when the archive and this Dateline are what the last build used and its
        // pages are untouched, the pages would come out byte for byte the same.
        var source = $"{store.Fingerprint()} dateline {Version} markdown";
        var writer = new SiteWriter(outputFolder) { Source = source };
        if (!force && writer.IsCurrent(source))
        {
            return new BuildReport(store.ReadCounts().Events, writer.Unchanged(), clock.Elapsed, TimeSpan.Zero, TimeSpan.Zero);
        }

        var archive = store.ReadArchive();
        var read = clock.Elapsed;

        var index = EntityIndex.Build(archive);
        var related = RelatedEvents.Compute(index, RelatedEvents.DefaultCount, parallelism);
        var link = clock.Elapsed - read;

        var plan = SitePlan.Create(archive, index, related);
        var output = Publish(plan, writer, parallelism, progress);
        return new BuildReport(index.Events.Count, output, read, link, clock.Elapsed - read - link);
    }

    public static WriteReport Publish(SitePlan plan, SiteWriter writer, int parallelism = 0, Action<int, int>? progress = null)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        int total = plan.PageCount;
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
        return writer.Finish();
    }
}
