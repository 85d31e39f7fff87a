using System.Diagnostics;
using Dateline.Publishing;
using Dateline.Publishing.Html;

namespace Dateline.Building;

/// <summary>Writes a plan's pages in every format: the publish step of a full build and of one that follows another.</summary>
internal static class SitePublisher
{
    /// <summary>Writes every page of <paramref name="plan"/> in each format, then finishes the writer (manifest, removals).</summary>
    /// <param name="htmlTime">Given the wall and processor time the HTML site took (see <see cref="BuildReport.Html"/>).</param>
    public static WriteReport Publish(SitePlan plan, SiteWriter writer, IReadOnlyList<PageFormat> formats, int parallelism, Action<int, int>? progress, Action<(TimeSpan Wall, TimeSpan Processor)>? htmlTime)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        // A format that writes no entity and story pages (Markdown without --topics) counts none.
        int topicPages = plan.EntityPages.Count + plan.StoryPages.Count + plan.TopicYearPages.Count;
        int total = formats.Sum(format => plan.PageCount - (format.WritesTopics ? 0 : topicPages));
        int done = 0;
        void Step()
        {
            int now = Interlocked.Increment(ref done);
            if (progress is not null && (now % 1000 == 0 || now == total))
            {
                progress(now, total);
            }
        }

        foreach (var format in formats)
        {
            var clock = Stopwatch.StartNew();
            var processor = Environment.CpuUsage.TotalTime;
            Publish(plan, writer, format, options, Step);
            if (format is HtmlFormat)
            {
                htmlTime?.Invoke((clock.Elapsed, Environment.CpuUsage.TotalTime - processor));
            }
        }

        return writer.Finish();
    }

    /// <summary>The pages of one format, one step each (a topic's companions go with its page), then the format's site-wide files.</summary>
    private static void Publish(SitePlan plan, SiteWriter writer, PageFormat format, ParallelOptions options, Action step)
    {
        Parallel.ForEach(plan.EventPages, options, page =>
        {
            writer.Write(format.FileOf(page.Page), format.Event(page));
            step();
        });
        Parallel.ForEach(plan.DayPages, options, page =>
        {
            writer.Write(format.FileOf(page.Page), format.Day(page));
            step();
        });
        foreach (var page in plan.MonthPages)
        {
            writer.Write(format.FileOf(page.Page), format.Month(page));
            step();
        }

        writer.Write(format.FileOf(plan.Root.Page), format.Root(plan));
        step();
        if (format.WritesTopics)
        {
            Parallel.ForEach(plan.EntityPages.Concat(plan.StoryPages), options, page =>
            {
                writer.Write(format.FileOf(page.Page), format.Topic(page));
                foreach (var (path, content) in format.BesideTopic(page))
                {
                    writer.Write(path, content);
                }

                step();
            });
            Parallel.ForEach(plan.TopicYearPages, options, page =>
            {
                writer.Write(format.FileOf(page.Page), format.TopicYear(page));
                step();
            });
        }

        foreach (var (path, content) in format.SiteFiles(plan))
        {
            writer.Write(path, content);
        }
    }
}
