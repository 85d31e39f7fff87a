using Dateline.Linking;
using Dateline.Model;
using Dateline.Publishing;
using Dateline.Store;

namespace Dateline.Building;

/// <summary>
/// A build that follows the last one: reads only the days that changed since (the
/// <see cref="ChangeSet"/>), ranks again the related lists a change can reach (see
/// <see cref="LinkUpdate"/>), reads the events of the pages that can change and renders those,
/// keeping every other page of the previous build as it is. Those are the pages of the changed
/// days' events, of events whose related list or source article changed, the changed days'
/// pages and their neighbours', every month page and the front page; with topics, also the
/// topic pages a change reaches (see <see cref="FollowTopics"/>), and with HTML the feeds, the
/// sitemap and the site tables' rows of those events (see <see cref="SiteIndex.Update"/>).
/// </summary>
internal sealed partial class BuildFollower(BuildContext build, BuildState previous, ChangeSet changes)
{
    private readonly LinkState links = previous.Links;
    private readonly PublishState published = previous.Published;
    private readonly ArchiveStore store = build.Store;
    private readonly ArchiveVersion versions = build.Archive;

    /// <summary>The events known in full, by index in the new archive order: those of the re-read days, then of the pages rendered.</summary>
    private readonly Dictionary<int, Event> known = [];

    /// <summary>The pages of the re-read days' events, by index.</summary>
    private readonly Dictionary<int, string> freshPaths = [];

    private EntityIndex index = null!;
    private LinkUpdate update = null!;

    /// <summary>Each event's hash of what its page shows of its source article (see <see cref="PageInputs"/>).</summary>
    private ulong[] pages = [];

    /// <summary>The build, or null when <paramref name="pagesAsLeft"/> finds a page not as the last build left it (a page deleted or edited by hand): then nothing was written, and the build must be a full one, which restores or reports it.</summary>
    public (BuildReport Report, BuildState State)? Run(SiteWriter.PageCheck pagesAsLeft)
    {
        var clock = build.Clock;
        var reread = changes.Reread;
        var changed = store.ReadDays(reread.Select(DateOnly.FromDayNumber));
        var read = clock.Elapsed;
        index = EntityIndex.Follow(links, reread, changed, versions.Redirects);
        update = LinkUpdate.Compute(index, links, reread, RelatedEvents.DefaultCount, build.Parallelism);
        var link = clock.Elapsed - read;

        // The events of the days read again (in archive order, as in the index) and their pages.
        // Those of days with other text are all rendered: their text may differ even where
        // linking paired them with the previous build's.
        int e = 0;
        foreach (var day in changed)
        {
            var paths = SitePlan.EventPaths(day);
            for (int k = 0; k < day.Events.Count; k++)
            {
                while (!reread.Contains(index.DayNumbers[e]))
                {
                    e++;
                }

                known[e] = day.Events[k];
                freshPaths[e++] = paths[k];
            }
        }

        pages = PageInputs();
        var reached = changes.Reach(index, update, links, published.Pages, pages, build.Options.WithTopics);
        var lists = new RelatedEvent[]?[index.Count];
        foreach (int r in reached.Render)
        {
            lists[r] = update.Carried[r] ? RelatedEvents.WithContexts(index, r, update.ListOf(r)) : update.ListOf(r);
        }

        var events = ReadShown(reached, lists);

        // Each event's stories: a re-read day's as its events say now, any other's as the previous build knew them.
        var stories = StoriesOf();
        var plan = SitePlan.CreateFor(index, events, lists, reached.Render, reached.DayPages);
        var topics = build.Options.WithTopics ? FollowTopics(events, stories, plan) : null;
        if (!pagesAsLeft.Result() || (build.Options.WithTopics && topics is null) || (build.Options.Html && !SiteIndex.Holds(store, build.Writer.PreviousSource, links.EventCount)))
        {
            return null;
        }

        build.Writer.KeepPreviousPages(changes.Retired(build.Formats, topics ?? []));
        var gone = build.Options.Html ? Gone() : null;
        var (output, html, pagesDone, alongside) = build.Publish(plan, gone is null ? null : () => SiteIndex.BeginUpdate(store, plan, index, lists, gone, build.Writer.Source!));
        var publish = pagesDone - read - link;
        var report = new BuildReport(index.Count, output, read, link, publish)
        {
            Followed = (update.Relinked, reached.Render.Count),
            Html = html.Wall,
            HtmlProcessor = html.Processor,
            Index = clock.Elapsed - read - link - publish,
            IndexAlongside = alongside,
        };
        var state = new BuildState(
            LinkState.Create(build.LinkSource, versions.Days, versions.Redirects, index, update.Flat(), update.Next, update.NextSameSet),
            PublishState.Create(versions.Articles, pages, Paths(), stories));
        return (report, state);
    }

    /// <summary>
    /// What the pages rendered show of other days: the rendered events and the events of the
    /// day pages and of the front page's latest days, whole; of their related events, the headlines; of the rendered events, their
    /// source articles.
    /// </summary>
    private KnownEvents ReadShown(ChangeSet reached, RelatedEvent[]?[] lists)
    {
        var reread = changes.Reread;
        // The front page (rendered every build) lists the latest days' events too.
        var latest = Enumerable.Reverse(index.DayNumbers).Distinct().Take(RootPage.LatestDayCount);
        var shown = reached.Render.Select(i => index.DayNumbers[i]).Concat(reached.DayPages).Concat(latest);
        foreach (var day in store.ReadDays(shown.Where(d => !reread.Contains(d)).Select(DateOnly.FromDayNumber)))
        {
            int first = Array.BinarySearch(index.DayNumbers, day.Date.DayNumber);
            while (first > 0 && index.DayNumbers[first - 1] == day.Date.DayNumber)
            {
                first--;
            }

            for (int k = 0; k < day.Events.Count; k++)
            {
                // An unchanged day holds the events the state knows; if not, the archive was written meanwhile.
                if (first + k >= index.Count || index.DayNumbers[first + k] != day.Date.DayNumber || index.Positions[first + k] != day.Events[k].Position)
                {
                    throw ChangedMeanwhile(day.Date);
                }

                known[first + k] = day.Events[k];
            }
        }

        var linked = reached.Render.SelectMany(r => lists[r]!.Select(x => x.Event)).Where(i => !known.ContainsKey(i)).Distinct().ToArray();
        var headlines = store.ReadHeadlines(linked.Select(i => (DateOf(i), index.Positions[i])));
        var articles = store.ReadArticles(reached.Render.SelectMany(r => known[r].Citations.Select(c => c.Url)));
        return new KnownEvents(
            i => known.TryGetValue(i, out var item) ? item : throw ChangedMeanwhile(DateOf(i)),
            i => known.TryGetValue(i, out var item) ? item.Headline : headlines.TryGetValue((DateOf(i), index.Positions[i]), out var headline) ? headline : throw ChangedMeanwhile(DateOf(i)),
            i => freshPaths.TryGetValue(i, out var path) ? path : published.Paths[update.Previous[i]],
            articles);
    }

    private DateOnly DateOf(int i) => DateOnly.FromDayNumber(index.DayNumbers[i]);

    /// <summary>A day the links state says did not change is not in the archive as it says: something stored days while this build read them.</summary>
    private static ArchiveStoreException ChangedMeanwhile(DateOnly day) =>
        new($"the archive changed while this build read it (the day {day:yyyy-MM-dd} is not as it was a moment before); nothing was written: build again");

    /// <summary>
    /// For each event, a hash of what its page shows of its source article: a new summary or
    /// image is a page to render again. Carried from the previous build while the articles are
    /// the ones it knew; read for every event (without the events) once they are not.
    /// </summary>
    private ulong[] PageInputs()
    {
        var inputs = new ulong[update.Previous.Count];
        if (versions.Articles == published.Articles)
        {
            var articles = store.ReadArticles(known.Values.SelectMany(item => item.Citations.Select(c => c.Url)));
            for (int e = 0; e < inputs.Length; e++)
            {
                // An event of a re-read day may cite other sources, paired with the previous build's or not.
                if (known.TryGetValue(e, out var item))
                {
                    inputs[e] = BuildContext.PageInput(SitePlan.ArticleOf(item, articles));
                }
                else
                {
                    inputs[e] = published.Pages[update.Previous[e]];
                }
            }

            return inputs;
        }

        var keys = new Dictionary<EventKey, int>(inputs.Length);
        for (int e = 0; e < inputs.Length; e++)
        {
            keys[index.KeyOf(e)] = e;
        }

        foreach (var (date, position, article) in store.ReadFirstKnownArticles())
        {
            if (keys.TryGetValue(new EventKey(date, position), out int e))
            {
                inputs[e] = BuildContext.PageInput(article);
            }
        }

        return inputs;
    }

    /// <summary>The site tables' rows to take out: those of the re-read days' events as the previous build had them (with their entities' titles).</summary>
    private List<(long, IReadOnlyList<string>)> Gone()
    {
        var gone = new List<(long, IReadOnlyList<string>)>();
        var keys = links.Keys;
        var entityStart = links.EntityStart;
        var entities = links.Entities;
        for (int o = 0; o < keys.Length; o++)
        {
            if (changes.Reread.Contains(keys[o].DayNumber))
            {
                var titles = new string[entityStart[o + 1] - entityStart[o]];
                for (int k = 0; k < titles.Length; k++)
                {
                    titles[k] = links.Titles[entities[entityStart[o] + k]];
                }

                gone.Add((keys[o].Id, titles));
            }
        }

        return gone;
    }

    /// <summary>Each event's page: the previous paths in runs (the events of unchanged days keep their order), the rewritten days' between them.</summary>
    private TextTable Paths()
    {
        bool Fresh(int e, int o) => o < 0 || changes.Rewritten.Contains(index.DayNumbers[e]);
        long size = 0;
        var starts = published.Paths.Starts;
        for (int e = 0; e < index.Count; e++)
        {
            int o = update.Previous[e];
            size += !Fresh(e, o) ? starts[o + 1] - starts[o] : System.Text.Encoding.UTF8.GetByteCount(freshPaths[e]);
        }

        var table = new TextTable.Builder((int)Math.Min(size, Array.MaxLength));
        for (int e = 0; e < index.Count;)
        {
            int o = update.Previous[e];
            if (Fresh(e, o))
            {
                table.Add(freshPaths[e++]);
                continue;
            }

            int run = 1;
            while (e + run < index.Count && update.Previous[e + run] == o + run && !changes.Rewritten.Contains(index.DayNumbers[e + run]))
            {
                run++;
            }

            table.AddRange(published.Paths, o, run);
            e += run;
        }

        return table.Build();
    }
}
