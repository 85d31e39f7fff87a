using System.Text;
using Dateline.Building;
using Dateline.Linking;
using Dateline.Model;
using Dateline.Tests.Support;

namespace Dateline.Tests.Linking;

/// <summary>The state a build leaves (links and pages): read back as written, and anything else read as no state at all.</summary>
public sealed class LinkStateTests
{
    private static BuildState Sample()
    {
        var date = new DateOnly(2019, 10, 27);
        var events = new[]
        {
            new Event(date, 1, "c", ["Syrian civil war"], "a", ["Islamic State", "Syria"], [], 1),
            new Event(date, 2, "c", [], "b", ["Syria"], [], 2),
            new Event(date.AddDays(1), 1, "c", ["Syrian civil war", "Ünterwelt", "Barisha raid"], "c", ["Islamic State"], [], 1),
        };
        var index = EntityIndex.Build(new Archive([new Day(date, events[..2]), new Day(date.AddDays(1), events[2..])], RedirectTable.Empty, new Dictionary<string, Article>()));
        var (lists, next, nextSameSet) = RelatedEvents.ComputeFor(index, null);
        return new BuildState(
            LinkState.Create("source", [(date, 7UL), (date.AddDays(1), 8UL), (date.AddDays(3), 9UL)], new RedirectTable([new("ISIS", "Islamic State")]), index, LinkState.Flatten(lists!), next, nextSameSet),
            PublishState.Create("articles", [1, 2, 3], TextTable.Of(["news/a", "news/b", "news/é"]), Dateline.Publishing.SitePlan.StoryRuns([.. events.Select(e => Dateline.Publishing.SitePlan.StoriesOf(e with { StoryTitles = e.Stories }, RedirectTable.Empty))])));
    }

    [Fact]
    public void A_state_reads_back_as_it_was_written()
    {
        using var folder = new TempFolder();
        var written = Sample();
        written.Write(folder.File("links.bin"));

        using var both = BuildState.Read(folder.File("links.bin"))!;
        var (state, read) = (written.Links, both.Links);
        var (pages, readPages) = (written.Published, both.Published);

        Assert.Equal(state.Source, read.Source);
        Assert.Equal(state.Keys, read.Keys);
        Assert.Equal(pages.Articles, readPages.Articles);
        Assert.Equal(state.Redirects, read.Redirects);
        Assert.Equal(state.Days, read.Days);
        Assert.Equal(state.DayVersions, read.DayVersions);
        Assert.Equal(["Barisha raid", "Syrian civil war", "Ünterwelt"], readPages.StoryTitles);
        Assert.Equal([0, 1, 1, 4], readPages.StoryStart.ToArray());
        Assert.Equal([1, 0, 1, 2], readPages.Stories.ToArray());
        Assert.Equal(Enumerable.Range(0, 3).Select(i => pages.Paths[i]), Enumerable.Range(0, 3).Select(i => readPages.Paths[i]));
        Assert.Equal(pages.Pages, readPages.Pages);
        Assert.Equal(state.Titles, read.Titles);
        Assert.Equal(state.Entities, read.Entities);
        Assert.Equal(state.Related, read.Related);
        Assert.Equal(state.Next, read.Next);
        Assert.Equal(state.NextSameSet, read.NextSameSet);
        Assert.False(File.Exists(folder.File("links.bin.dateline-tmp")));
    }

    [Fact]
    public void Changed_days_are_those_added_removed_or_stored_in_another_version()
    {
        var date = new DateOnly(2019, 10, 27);
        var state = Sample().Links; // days 27 (version 7), 28 (8) and 30 (9)

        var changed = state.ChangedDays([(date.AddDays(-1), 1UL), (date, 7UL), (date.AddDays(1), 5UL), (date.AddDays(2), 8UL)]);

        Assert.Equal(
            new[] { date.AddDays(-1), date.AddDays(1), date.AddDays(2), date.AddDays(3) }.Select(d => d.DayNumber).Order(),
            changed.Order());
        Assert.Empty(state.ChangedDays([(date, 7UL), (date.AddDays(1), 8UL), (date.AddDays(3), 9UL)]));
    }

    [Fact]
    public void A_state_claiming_more_than_the_file_holds_is_no_state()
    {
        using var folder = new TempFolder();
        using (var writer = new BinaryWriter(File.Create(folder.File("links.bin")), Encoding.UTF8))
        {
            writer.Write("dateline-state 7");
            writer.Write("source");
            writer.Write(int.MaxValue); // keys: two billion of them, in a file of a few bytes
        }

        Assert.Null(BuildState.Read(folder.File("links.bin")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a state")]
    public void Anything_else_is_no_state(string content)
    {
        using var folder = new TempFolder();
        var path = folder.Write("links.bin", content);

        Assert.Null(BuildState.Read(path));
        Assert.Null(BuildState.Read(folder.File("missing.bin")));
    }

    [Fact]
    public void A_state_whose_lists_point_past_its_events_is_no_state()
    {
        using var folder = new TempFolder();
        var path = folder.File("links.bin");
        Sample().Write(path);
        var bytes = File.ReadAllBytes(path);

        // The related events are written as 32-bit indexes after their count; make one absurd.
        byte[] pattern;
        using (var state = BuildState.Read(path)!)
        {
            pattern = System.Runtime.InteropServices.MemoryMarshal.AsBytes(state.Links.Related).ToArray();
        }

        int at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at > 0);
        BitConverter.GetBytes(1_000_000).CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);

        Assert.Null(BuildState.Read(path));
    }
}
