using Dateline.Building;
using Dateline.Linking;
using Dateline.Model;
using Dateline.Publishing;
using Dateline.Publishing.Html;
using Dateline.Publishing.Markdown;
using Dateline.Store;

namespace Dateline.Tests.Building;

/// <summary>
/// What a build that follows another finds changed, and the pages that reaches: made in memory
/// from a links state and an archive version, no store or folder.
/// </summary>
public sealed class ChangeSetTests
{
    private static readonly DateOnly Start = new(2019, 10, 1);
    private static readonly PageFormat[] Markdown = [new MarkdownFormat(topics: false)];

    private static Event E(int day, int position, params string[] entities) =>
        new(Start.AddDays(day), position, "c", [], $"h{day}.{position} {string.Join(" ", entities)}", entities, [], 1);

    private static readonly Day[] Before =
    [
        new(Start, [E(0, 1, "A"), E(0, 2, "B")]),
        new(Start.AddDays(1), [E(1, 1, "A", "C")]),
        new(Start.AddDays(3), [E(3, 1, "D"), E(3, 2, "D", "ISIS")]),
        new(Start.AddDays(5), [E(5, 1, "E"), E(5, 2, "E")]),
    ];

    [Fact]
    public void A_build_follows_only_a_state_made_the_same_way()
    {
        var state = StateOf(Before, RedirectTable.Empty);
        Assert.True(ChangeSet.CanFollow(state, "test"));
        Assert.False(ChangeSet.CanFollow(state, "test --html"));
        Assert.False(ChangeSet.CanFollow(null, "test"));
    }

    [Fact]
    public void Nothing_changed_reaches_no_page()
    {
        var state = StateOf(Before, RedirectTable.Empty);
        var (changes, _, _) = Follow(state, Before, RedirectTable.Empty, topics: false);

        Assert.Empty(changes.Rewritten);
        Assert.Empty(changes.Reread);
        Assert.Empty(changes.Render);
        Assert.Empty(changes.Relinked);
        Assert.Empty(changes.DayPages);
    }

    [Fact]
    public void A_new_day_renders_its_events_its_page_and_its_neighbour_s()
    {
        var state = StateOf(Before, RedirectTable.Empty);
        Day[] after = [.. Before, new Day(Start.AddDays(8), [E(8, 1, "E")])];
        var (changes, index, _) = Follow(state, after, RedirectTable.Empty, topics: false);

        int added = index.Count - 1;
        Assert.Equal([Start.AddDays(8).DayNumber], changes.Rewritten);
        Assert.Equal(changes.Rewritten, changes.Reread);
        Assert.Contains(added, changes.Render);
        Assert.Contains(added, changes.Relinked);

        // The events sharing its entity get it in their related lists: their pages change; the others' do not.
        Assert.Equal([5, 6, added], changes.Render);
        Assert.Equal(new HashSet<int> { Start.AddDays(5).DayNumber, Start.AddDays(8).DayNumber }, changes.DayPages);
    }

    [Fact]
    public void A_removed_day_renders_its_neighbours_pages_and_retires_its_folder()
    {
        var state = StateOf(Before, RedirectTable.Empty);
        Day[] after = [Before[0], Before[1], Before[3]];
        var (changes, _, _) = Follow(state, after, RedirectTable.Empty, topics: false);

        int gone = Start.AddDays(3).DayNumber;
        Assert.Equal([gone], changes.Rewritten);
        Assert.Equal(new HashSet<int> { gone, Start.AddDays(1).DayNumber, Start.AddDays(5).DayNumber }, changes.DayPages);

        var retired = changes.Retired(Markdown, new HashSet<string>());
        Assert.True(retired(ArchivePaths.File(ArchivePaths.Event(Start.AddDays(3), "h3-1-d"), "md")));
        Assert.False(retired(ArchivePaths.File(ArchivePaths.Event(Start.AddDays(5), "h5-1-e"), "md")));
    }

    [Fact]
    public void A_redirect_rereads_the_days_naming_the_title_without_rewriting_them()
    {
        var state = StateOf(Before, RedirectTable.Empty);
        var redirects = new RedirectTable([new("ISIS", "Islamic State")]);
        IReadOnlyList<string>? asked = null;
        var changes = ChangeSet.Between(state, VersionOf(Before, redirects), titles =>
        {
            asked = titles;
            return [Start.AddDays(3).DayNumber];
        });

        Assert.Equal(["ISIS"], asked);
        Assert.Empty(changes.Rewritten);
        Assert.Equal([Start.AddDays(3).DayNumber], changes.Reread);

        // The Markdown pages show no entity: only a changed related list renders one. With
        // topics (HTML event pages list the entities) every event of the day is rendered.
        var markdown = Follow(state, Before, redirects, topics: false).Changes;
        var topics = Follow(state, Before, redirects, topics: true).Changes;
        Assert.DoesNotContain(3, markdown.Render.Except(markdown.Relinked));
        Assert.Superset(new HashSet<int> { 3, 4 }, topics.Render.ToHashSet());
        Assert.Empty(topics.DayPages);
    }

    [Fact]
    public void A_new_summary_renders_only_its_event_s_page()
    {
        var state = StateOf(Before, RedirectTable.Empty);
        var index = IndexOf(Before, RedirectTable.Empty);
        var changes = ChangeSet.Between(state, VersionOf(Before, RedirectTable.Empty), _ => []);
        var update = LinkUpdate.Compute(index, state, changes.Reread);
        var pages = new ulong[index.Count];
        pages[2] = 42; // event 2's source article now gives a summary

        var reached = changes.Reach(index, update, state, new ulong[index.Count], pages, topics: false);
        Assert.Equal([2], reached.Render);
        Assert.Empty(reached.DayPages);
    }

    [Fact]
    public void Every_build_rewrites_the_month_and_front_pages_of_each_of_its_formats()
    {
        var state = StateOf(Before, RedirectTable.Empty);
        var changes = ChangeSet.Between(state, VersionOf(Before, RedirectTable.Empty), _ => []);
        var markdown = changes.Retired(Markdown, new HashSet<string>());
        var site = changes.Retired([new MarkdownFormat(topics: true), new HtmlFormat("http://127.0.0.1:8080", besideMarkdown: true, topicsBesideMarkdown: true)], new HashSet<string> { ArchivePaths.Entity("islamic-state") });

        Assert.True(markdown("news/index.md"));
        Assert.True(markdown("news/2019/10/index.md"));
        Assert.False(markdown("news/2019/10/1/index.md"));
        Assert.False(markdown("news/feed.atom"));
        Assert.True(site("news/2019/10/index.html"));
        Assert.True(site("news/feed.atom"));
        Assert.True(site("sitemaps/sitemap-2.xml"));
        Assert.True(site(ArchivePaths.Entity("islamic-state") + ".svg"));
        Assert.False(site(ArchivePaths.Entity("islamic") + ".md"));
    }

    private static (ChangeSet Changes, EntityIndex Index, LinkUpdate Update) Follow(LinkState state, IReadOnlyList<Day> days, RedirectTable redirects, bool topics)
    {
        var version = VersionOf(days, redirects);
        var changes = ChangeSet.Between(state, version, titles => days.Where(d => d.Events.Any(e => e.Entities.Intersect(titles).Any())).Select(d => d.Date.DayNumber));
        var index = EntityIndex.Follow(state, changes.Reread, [.. days.Where(d => changes.Reread.Contains(d.Date.DayNumber))], redirects);
        var update = LinkUpdate.Compute(index, state, changes.Reread);
        return (changes.Reach(index, update, state, new ulong[state.EventCount], new ulong[index.Count], topics), index, update);
    }

    private static LinkState StateOf(IReadOnlyList<Day> days, RedirectTable redirects)
    {
        var index = IndexOf(days, redirects);
        var (lists, next, nextSameSet) = RelatedEvents.ComputeFor(index, null);
        return LinkState.Create("test", VersionOf(days, redirects).Days, redirects, index, LinkState.Flatten(lists!), next, nextSameSet);
    }

    private static EntityIndex IndexOf(IReadOnlyList<Day> days, RedirectTable redirects) =>
        EntityIndex.Build(new Archive(days, redirects, new Dictionary<string, Article>()));

    /// <summary>Each day with a version of its events, as the store gives one of its page.</summary>
    private static ArchiveVersion VersionOf(IEnumerable<Day> days, RedirectTable redirects) =>
        new([.. days.Select(d => (d.Date, System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", d.Events.Select(e => e.Headline))))))], "no articles", redirects);
}
