using System.Collections.Concurrent;
using Dateline.Building;
using Dateline.Store;
using Dateline.Tests.Support;

namespace Dateline.Tests.Building;

/// <summary>
/// A build's progress counts the pages it writes, format by format: it ends at its total in every
/// format, and a Markdown archive without <c>--topics</c> counts none of the entity and story pages
/// the website beside it writes.
/// </summary>
public sealed class BuildProgressTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    [Theory]
    [InlineData("md", false)]
    [InlineData("md", true)]
    [InlineData("html", false)]
    [InlineData("md,html", false)]
    [InlineData("md,html", true)]
    public void Progress_ends_at_its_total(string format, bool topics)
    {
        var (last, total, _) = Build(format, topics);
        Assert.True(total > 0);
        Assert.Equal(total, last);
    }

    [Fact]
    public void Markdown_beside_the_website_counts_topic_pages_only_with_topics()
    {
        var (_, without, site) = Build("md,html", topics: false);
        int topicPages = Directory.EnumerateFiles(Path.Combine(site, "news", "entity"), "*.html", SearchOption.AllDirectories).Count()
            + Directory.EnumerateFiles(Path.Combine(site, "news", "story"), "*.html", SearchOption.AllDirectories).Count();
        Assert.True(topicPages > 0);
        var (_, with, _) = Build("md,html", topics: true);
        Assert.Equal(without + topicPages, with); // the Markdown twin of each
    }

    /// <summary>The sample imported and built into a fresh folder: the last progress call's count and total, and the folder.</summary>
    private (int Last, int Total, string Site) Build(string format, bool topics)
    {
        var name = $"{format.Replace(',', '-')}-{topics}";
        var site = work.File(name);
        var calls = new ConcurrentQueue<(int Done, int Total)>();
        using var store = ArchiveStore.Open(work.File(name + ".db"));
        Assert.Empty(ArchiveImport.Run(store, [Path.Combine(TestPaths.Samples, "portal")], Path.Combine(TestPaths.Samples, "redirects.tsv")).Errors);
        ArchiveBuild.Run(store, site, BuildOptions.ForFormat(format, topics: topics)!, progress: (done, total) => calls.Enqueue((done, total)));
        Assert.NotEmpty(calls);
        Assert.Single(calls.Select(c => c.Total).Distinct());
        return (calls.Max(c => c.Done), calls.First().Total, site);
    }
}
