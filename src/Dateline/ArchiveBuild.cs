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

    /// <summary>
    /// For a build that followed another (see <see cref="LinkUpdate"/>): how many related lists
    /// were ranked again and how many event pages were rendered; null for a full build.
    /// </summary>
    public (int Relinked, int Rendered)? Followed { get; init; }
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

        // One build at a time in a folder (see OutputLock): taken before the manifest is read.
        using var folderLock = OutputLock.Take(outputFolder);

        // Like make: when the archive and this Dateline are what the last build used and its
        // pages are untouched, the pages would come out byte for byte the same.
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

        // The links state describes the pages on disk only while no build is under way: it is
        // taken away first and written again once the manifest is, so a build that dies halfway
        // leaves none, and the next build links everything.
        var statePath = Path.Combine(writer.Root, SiteWriter.StateFolder, LinkState.FileName);
        var previous = force || writer.HasUnlistedPages ? null : LinkState.Read(statePath);
        if (File.Exists(statePath))
        {
            File.Delete(statePath);
        }

        var linkSource = $"dateline {Version} {options.Describe()} related {RelatedEvents.DefaultCount}";
        (BuildReport Report, LinkState State)? followed = null;
        if (previous is not null && previous.Source == linkSource)
        {
            // A stat a page, on threads of their own while the changed days are read and linked,
            // and joined before anything is written (see Follow).
            followed = Follow(store, previous, archive, linkSource, writer, options, clock, parallelism, progress, writer.StartPageCheck());
        }

        var (report, state) = followed ?? BuildAll(store, archive, linkSource, writer, options, clock, parallelism, progress);
        state.Write(statePath);
        previous?.Dispose(); // read in place until now
        return report;
    }

    /// <summary>Reads the whole archive, links every event and publishes every page.</summary>
    private static (BuildReport Report, LinkState State) BuildAll(ArchiveStore store, ArchiveVersion versions, string linkSource, SiteWriter writer, BuildOptions options, Stopwatch clock, int parallelism, Action<int, int>? progress)
    {
        var archive = store.ReadArchive(versions.Redirects);
        var read = clock.Elapsed;

        var index = EntityIndex.Build(archive);
        var (lists, next, nextSameSet) = RelatedEvents.ComputeFor(index, null, RelatedEvents.DefaultCount, parallelism);
        var link = clock.Elapsed - read;

        var stories = SitePlan.StoryRuns([.. archive.Events.Select(e => SitePlan.StoriesOf(e, archive.Redirects))]);
        var plan = SitePlan.Create(archive, index, lists!, options.WithTopics, parallelism, stories);
        var html = (Wall: TimeSpan.Zero, Processor: TimeSpan.Zero);
        var output = Publish(plan, writer, options, parallelism, progress, elapsed => html = elapsed);
        var publish = clock.Elapsed - read - link;

        // The site tables follow the pages just written, so search and the API link to pages that exist.
        if (options.Html)
        {
            SiteIndex.Replace(store, plan, index, lists!, writer.Source!);
        }

        var report = new BuildReport(index.Count, output, read, link, publish) { Html = html.Wall, HtmlProcessor = html.Processor, Index = clock.Elapsed - read - link - publish };
        var pages = plan.EventPages.Select(p => PageInput(p.Summary, p.Image)).ToArray();
        var state = LinkState.Create(linkSource, versions.Days, versions.Articles, versions.Redirects, index, LinkState.Flatten(lists!), next, nextSameSet, pages, TextTable.Of([.. plan.EventPages.Select(p => p.Page)]), stories);
        return (report, state);
    }

    /// <summary>
    /// After another build: reads only the days that changed since, ranks again the related
    /// lists a change can reach (see <see cref="LinkUpdate"/>), reads the events of the pages
    /// that can change and renders those, keeping every other page of the previous build as it
    /// is. Those are the pages of the changed days' events, of events whose related list or
    /// source article changed, the changed days' pages and their neighbours', every month page
    /// and the front page; with topics, also the topic pages a change reaches (see
    /// <see cref="FollowTopics"/>), and with HTML the feeds, the sitemap and the site tables' rows
    /// of those events (see <see cref="SiteIndex.Update"/>).
    /// </summary>
    /// <param name="pagesAsLeft">
    /// Whether every page is as the last build left it: only then can pages be kept without
    /// reading them (a page deleted or edited by hand makes the build a full one, which
    /// restores or reports it).
    /// </param>
    /// <returns>Null when <paramref name="pagesAsLeft"/> finds a page not as the last build left it: then nothing was written, and the build must be a full one.</returns>
    private static (BuildReport Report, LinkState State)? Follow(ArchiveStore store, LinkState previous, ArchiveVersion versions, string linkSource, SiteWriter writer, BuildOptions options, Stopwatch clock, int parallelism, Action<int, int>? progress, SiteWriter.PageCheck pagesAsLeft)
    {
        // Days stored again (other text: any of their pages may change), and days naming a title
        // that now resolves otherwise (a redirect added, removed or changed since: the same
        // text, but some events name other entities). Both are read again and linked afresh.
        var textChanged = previous.ChangedDays(versions.Days);
        var changedDays = new HashSet<int>(textChanged);
        changedDays.UnionWith(store.ReadDaysNaming(previous.TitlesResolvedOtherwise(versions.Redirects)).Select(d => d.DayNumber));
        var changed = store.ReadDays(changedDays.Select(DateOnly.FromDayNumber));
        var read = clock.Elapsed;
        var index = EntityIndex.Follow(previous, changedDays, changed, versions.Redirects);
        var update = LinkUpdate.Compute(index, previous, changedDays, RelatedEvents.DefaultCount, parallelism);
        var link = clock.Elapsed - read;

        // The events of the days read again (in archive order, as in the index) and their pages.
        // Those of days with other text are all rendered: their text may differ even where
        // linking paired them with the previous build's.
        var known = new Dictionary<int, Event>();
        var freshPaths = new Dictionary<int, string>();
        bool OnChangedDay(int i) => textChanged.Contains(index.DayNumbers[i]);
        int e = 0;
        foreach (var day in changed)
        {
            var paths = SitePlan.EventPaths(day);
            for (int k = 0; k < day.Events.Count; k++)
            {
                while (!changedDays.Contains(index.DayNumbers[e]))
                {
                    e++;
                }

                known[e] = day.Events[k];
                freshPaths[e++] = paths[k];
            }
        }

        var pages = PageInputs(store, previous, versions, index, update, known);

        // For each event of the previous build, whether its day's text changed: its page may show other text.
        var keys = previous.Keys;
        var rewritten = new bool[previous.EventCount];
        for (int o = 0; o < rewritten.Length && textChanged.Count > 0; o++)
        {
            rewritten[o] = textChanged.Contains(keys[o].DayNumber);
        }

        var render = new List<int>();
        for (e = 0; e < index.Count; e++)
        {
            int o = update.Previous[e];
            // An HTML page lists the event's entities too: on a day naming a title that now resolves otherwise, they may differ.
            if (o < 0 || OnChangedDay(e) || previous.Pages[o] != pages[e] || !SameList(update, previous, rewritten, e, o)
                || (options.WithTopics && changedDays.Contains(index.DayNumbers[e])))
            {
                render.Add(e);
            }
        }

        var lists = new RelatedEvent[]?[index.Count];
        foreach (int r in render)
        {
            lists[r] = update.Carried[r] ? RelatedEvents.WithContexts(index, r, update.ListOf(r)) : update.ListOf(r);
        }

        // A changed day's page, and the pages of the days with events on either side of it (their links to the previous and next day).
        var dayNumbers = index.DayNumbers.Distinct().ToArray(); // ascending: events are in date order
        var days = new HashSet<int>();
        foreach (int day in textChanged)
        {
            int at = Array.BinarySearch(dayNumbers, day);
            int before = at >= 0 ? at - 1 : ~at - 1;
            int after = at >= 0 ? at + 1 : ~at;
            days.Add(day);
            days.UnionWith(new[] { before, after }.Where(i => i >= 0 && i < dayNumbers.Length).Select(i => dayNumbers[i]));
        }

        // What those pages show of other days: the rendered events and the events of the day
        // pages, whole; of their related events, the headlines.
        var shown = render.Select(i => index.DayNumbers[i]).Concat(days);
        foreach (var day in store.ReadDays(shown.Where(d => !changedDays.Contains(d)).Select(DateOnly.FromDayNumber)))
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

        var linked = render.SelectMany(r => lists[r]!.Select(x => x.Event)).Where(i => !known.ContainsKey(i)).Distinct().ToArray();
        var headlines = store.ReadHeadlines(linked.Select(i => (DateOnly.FromDayNumber(index.DayNumbers[i]), index.Positions[i])));
        var articles = store.ReadArticles(render.SelectMany(r => known[r].Citations.Select(c => c.Url)));
        DateOnly DateOf(int i) => DateOnly.FromDayNumber(index.DayNumbers[i]);
        var events = new KnownEvents(
            i => known.TryGetValue(i, out var item) ? item : throw ChangedMeanwhile(DateOf(i)),
            i => known.TryGetValue(i, out var item) ? item.Headline : headlines.TryGetValue((DateOf(i), index.Positions[i]), out var headline) ? headline : throw ChangedMeanwhile(DateOf(i)),
            i => freshPaths.TryGetValue(i, out var path) ? path : previous.Paths[update.Previous[i]],
            articles);

        // Each event's stories: a changed day's as its events say now, any other's as the previous build knew them.
        var stories = StoriesOf(previous, index, update, changedDays, known, versions.Redirects);
        var plan = SitePlan.CreateFor(index, events, lists, render, days);
        var topics = options.WithTopics ? FollowTopics(store, previous, index, update, changedDays, known, events, pages, stories, plan) : null;
        if (!pagesAsLeft.Result() || (options.WithTopics && topics is null) || (options.Html && !SiteIndex.Holds(store, writer.PreviousSource, previous.EventCount)))
        {
            return null;
        }

        var changedFolders = textChanged.Select(d => ArchivePaths.Day(DateOnly.FromDayNumber(d))).Select(p => p[..(p.LastIndexOf('/') + 1)]).ToHashSet(StringComparer.Ordinal);
        var inChangedFolder = changedFolders.GetAlternateLookup<ReadOnlySpan<char>>();
        var retiredTopics = (topics ?? []).GetAlternateLookup<ReadOnlySpan<char>>();
        writer.KeepPreviousPages(path => inChangedFolder.Contains(path[..(path.LastIndexOf('/') + 1)]) || IsMonthOrRoot(path) || IsSiteWide(path)
            || (path.StartsWith("news/", StringComparison.Ordinal) && path.LastIndexOf('.') is int dot and > 0 && retiredTopics.Contains(path[..dot])));

        var html = (Wall: TimeSpan.Zero, Processor: TimeSpan.Zero);
        var output = Publish(plan, writer, options, parallelism, progress, elapsed => html = elapsed);
        var publish = clock.Elapsed - read - link;
        if (options.Html)
        {
            // The rows of the events rendered again, and of the changed days' events as the previous build had them.
            var gone = new List<(long, IReadOnlyList<string>)>();
            var entityStart = previous.EntityStart;
            var entities = previous.Entities;
            for (int o = 0; o < keys.Length; o++)
            {
                if (changedDays.Contains(keys[o].DayNumber))
                {
                    var titles = new string[entityStart[o + 1] - entityStart[o]];
                    for (int k = 0; k < titles.Length; k++)
                    {
                        titles[k] = previous.Titles[entities[entityStart[o] + k]];
                    }

                    gone.Add((keys[o].Id, titles));
                }
            }

            SiteIndex.Update(store, plan, index, lists, gone, writer.Source!);
        }

        var report = new BuildReport(index.Count, output, read, link, publish) { Followed = (update.Relinked, render.Count), Html = html.Wall, HtmlProcessor = html.Processor, Index = clock.Elapsed - read - link - publish };

        long size = 0;
        var starts = previous.Paths.Starts;
        for (e = 0; e < index.Count; e++)
        {
            int o = update.Previous[e];
            size += o >= 0 && !OnChangedDay(e) ? starts[o + 1] - starts[o] : System.Text.Encoding.UTF8.GetByteCount(freshPaths[e]);
        }

        // The previous paths in runs (the events of unchanged days keep their order), the changed days' between them.
        var table = new TextTable.Builder((int)Math.Min(size, Array.MaxLength));
        for (e = 0; e < index.Count;)
        {
            int o = update.Previous[e];
            if (o < 0 || OnChangedDay(e))
            {
                table.Add(freshPaths[e++]);
                continue;
            }

            int run = 1;
            while (e + run < index.Count && update.Previous[e + run] == o + run && !OnChangedDay(e + run))
            {
                run++;
            }

            table.AddRange(previous.Paths, o, run);
            e += run;
        }

        return (report, LinkState.Create(linkSource, versions.Days, versions.Articles, versions.Redirects, index, update.Flat(), update.Next, update.NextSameSet, pages, table.Build(), stories));
    }

    /// <summary>A day the links state says did not change is not in the archive as it says: something stored days while this build read them.</summary>
    private static ArchiveStoreException ChangedMeanwhile(DateOnly day) =>
        new($"the archive changed while this build read it (the day {day:yyyy-MM-dd} is not as it was a moment before); nothing was written: build again");

    /// <summary>
    /// For each event, a hash of what its page shows of its source article: a new summary or
    /// image is a page to render again. Carried from the previous build while the articles are
    /// the ones it knew; read for every event (without the events) once they are not.
    /// </summary>
    private static ulong[] PageInputs(ArchiveStore store, LinkState previous, ArchiveVersion versions, EntityIndex index, LinkUpdate update, Dictionary<int, Event> fresh)
    {
        var pages = new ulong[update.Previous.Count];
        if (versions.Articles == previous.Articles)
        {
            var articles = store.ReadArticles(fresh.Values.SelectMany(item => item.Citations.Select(c => c.Url)));
            for (int e = 0; e < pages.Length; e++)
            {
                // An event of a changed day may cite other sources, paired with the previous build's or not.
                if (fresh.TryGetValue(e, out var item))
                {
                    var (summary, image) = SitePlan.ArticleOf(item, articles);
                    pages[e] = PageInput(summary, image);
                }
                else
                {
                    pages[e] = previous.Pages[update.Previous[e]];
                }
            }

            return pages;
        }

        var keys = new Dictionary<EventKey, int>(pages.Length);
        for (int e = 0; e < pages.Length; e++)
        {
            keys[index.KeyOf(e)] = e;
        }

        foreach (var (date, position, summary, image) in store.ReadFirstKnownArticles())
        {
            if (keys.TryGetValue(new EventKey(date, position), out int e))
            {
                pages[e] = PageInput(summary, image);
            }
        }

        return pages;
    }

    /// <summary>A hash of what an event's page shows of its article (0: nothing).</summary>
    private static ulong PageInput(string? summary, string? image) => summary is null && image is null ? 0 : LinkState.TextHash(summary, image);

    /// <summary>
    /// True when event e's new list names the same events, in the same order, as its previous
    /// page did, none of them on a changed day (whose events may have a new headline or path).
    /// </summary>
    /// <param name="rewritten">For each event of the previous build, whether its day's text changed.</param>
    private static bool SameList(LinkUpdate update, LinkState previous, bool[] rewritten, int e, int o)
    {
        int start = previous.RelatedStart[o];
        int length = previous.RelatedStart[o + 1] - start;
        var related = previous.Related;
        if (update.SameMembers(e))
        {
            // The previous list's members, paired; each still has to be on a day that did not change.
            for (int i = start; i < start + length; i++)
            {
                if (rewritten[related[i]])
                {
                    return false;
                }
            }

            return true;
        }

        var list = update.ListOf(e);
        if (length != list.Length)
        {
            return false;
        }

        for (int i = 0; i < list.Length; i++)
        {
            int member = list[i].Event;
            if (update.Previous[member] != related[start + i] || update.Previous[member] < 0 || rewritten[update.Previous[member]])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Month pages and the front page (in either format): always rendered after a change, so any not rendered again is gone.</summary>
    private static bool IsMonthOrRoot(ReadOnlySpan<char> path) =>
        path.SequenceEqual(ArchivePaths.File(ArchivePaths.Root, MarkdownPages.Extension))
        || path.SequenceEqual(ArchivePaths.File(ArchivePaths.Root, HtmlPages.Extension))
        || ((path.EndsWith("/index." + MarkdownPages.Extension, StringComparison.Ordinal) || path.EndsWith("/index." + HtmlPages.Extension, StringComparison.Ordinal)) && path.Count('/') == 3);

    /// <summary>The site's feed and sitemaps: written by every HTML build, so any not written again is gone.</summary>
    private static bool IsSiteWide(ReadOnlySpan<char> path) =>
        path.SequenceEqual(ArchivePaths.File(ArchivePaths.Feed, "atom"))
        || path.SequenceEqual(SiteFeeds.SitemapIndex)
        || path.StartsWith(SiteFeeds.SitemapFolder, StringComparison.Ordinal);

    /// <summary>
    /// Every event's stories (as <see cref="SitePlan.StoryRuns"/> lays them out): a changed day's
    /// from its events (all in <paramref name="known"/>), any other's carried as ids from the
    /// previous build. Both title lists are in ordinal order, so an old id maps to a new one in
    /// the same order and a carried event's ids stay ascending.
    /// </summary>
    private static (string[] Titles, int[] Start, int[] Ids) StoriesOf(LinkState previous, EntityIndex index, LinkUpdate update, HashSet<int> changedDays, Dictionary<int, Event> known, RedirectTable redirects)
    {
        var start = previous.StoryStart;
        var ids = previous.Stories;
        var oldTitles = previous.StoryTitles;
        int n = index.Count;
        var onChangedDay = new bool[n];
        var used = new bool[oldTitles.Length];
        var fresh = new SortedSet<string>(StringComparer.Ordinal);
        for (int e = 0; e < n; e++)
        {
            if (onChangedDay[e] = changedDays.Contains(index.DayNumbers[e]))
            {
                fresh.UnionWith(SitePlan.StoriesOf(known[e], redirects));
                continue;
            }

            int o = update.Previous[e];
            for (int k = start[o]; k < start[o + 1]; k++)
            {
                used[ids[k]] = true;
            }
        }

        // The titles of both, merged in order; each old title still used gets its new id.
        var titles = new List<string>(oldTitles.Length + fresh.Count);
        var newId = new int[oldTitles.Length];
        using (var next = fresh.GetEnumerator())
        {
            bool more = next.MoveNext();
            for (int t = 0; t < oldTitles.Length; t++)
            {
                if (!used[t])
                {
                    continue;
                }

                int order;
                while (more && (order = string.CompareOrdinal(next.Current, oldTitles[t])) <= 0)
                {
                    if (order < 0)
                    {
                        titles.Add(next.Current);
                    }

                    more = next.MoveNext();
                }

                newId[t] = titles.Count;
                titles.Add(oldTitles[t]);
            }

            for (; more; more = next.MoveNext())
            {
                titles.Add(next.Current);
            }
        }

        var idOf = new Dictionary<string, int>(fresh.Count, StringComparer.Ordinal);
        foreach (var title in fresh)
        {
            idOf[title] = titles.BinarySearch(title, StringComparer.Ordinal);
        }

        var newStart = new int[n + 1];
        var newIds = new List<int>(ids.Length + 16);
        for (int e = 0; e < n; e++)
        {
            if (onChangedDay[e])
            {
                newIds.AddRange(SitePlan.StoriesOf(known[e], redirects).Select(t => idOf[t]).Order());
            }
            else
            {
                int o = update.Previous[e];
                for (int k = start[o]; k < start[o + 1]; k++)
                {
                    newIds.Add(newId[ids[k]]);
                }
            }

            newStart[e + 1] = newIds.Count;
        }

        return ([.. titles], newStart, [.. newIds]);
    }

    /// <summary>
    /// The topic pages a change can reach, added to <paramref name="plan"/>: those of every entity
    /// and story an event of a changed day names (now or in the previous build) and of every
    /// event whose article changed; each with all its events (read for the timeline). Returns the
    /// pages (without extension) of the previous build's topics those replace or that are gone,
    /// or null when a topic's page moved (a new title took its slug: every link to it changes,
    /// and the build must be a full one).
    /// </summary>
    private static HashSet<string>? FollowTopics(ArchiveStore store, LinkState previous, EntityIndex index, LinkUpdate update, HashSet<int> changedDays, Dictionary<int, Event> known, KnownEvents events, ulong[] pages, (string[] Titles, int[] Start, int[] Ids) stories, SitePlan plan)
    {
        var entityTitles = index.Titles.ToArray();
        var oldEntitySlugs = TopicSlugs.For(previous.Titles);
        var entitySlugs = TopicSlugs.For(entityTitles);
        var oldStorySlugs = TopicSlugs.For(previous.StoryTitles);
        var storySlugs = TopicSlugs.For(stories.Titles);
        var retired = new HashSet<string>(StringComparer.Ordinal);
        var entities = new HashSet<int>();
        var storyIds = new HashSet<int>();

        // A previous topic: the same page now, or gone; null when it moved.
        bool Previous(string title, string oldSlug, string[] titles, string[] slugs, HashSet<int> affected, Func<string, string> page)
        {
            int id = Array.BinarySearch(titles, title, StringComparer.Ordinal);
            if (id < 0 || (titles == entityTitles && index.EntityPostings[id].Length == 0))
            {
                retired.Add(page(oldSlug)); // no event names it now (or, of an entity, links it)
                return true;
            }

            affected.Add(id);
            return slugs[id] == oldSlug;
        }

        var keys = previous.Keys;
        var entityStart = previous.EntityStart;
        var oldEntities = previous.Entities;
        var storyStart = previous.StoryStart;
        var oldStories = previous.Stories;
        for (int o = 0; o < keys.Length; o++)
        {
            if (!changedDays.Contains(keys[o].DayNumber))
            {
                continue;
            }

            for (int k = entityStart[o]; k < entityStart[o + 1]; k++)
            {
                if (!Previous(previous.Titles[oldEntities[k]], oldEntitySlugs[oldEntities[k]], entityTitles, entitySlugs, entities, ArchivePaths.Entity))
                {
                    return null;
                }
            }

            for (int k = storyStart[o]; k < storyStart[o + 1]; k++)
            {
                if (!Previous(previous.StoryTitles[oldStories[k]], oldStorySlugs[oldStories[k]], stories.Titles, storySlugs, storyIds, ArchivePaths.Story))
                {
                    return null;
                }
            }
        }

        // Any other title of both builds must keep its slug: its page is kept, and so are the links to it.
        if (!SameSlugs(previous.Titles, oldEntitySlugs, entityTitles, entitySlugs) || !SameSlugs(previous.StoryTitles, oldStorySlugs, stories.Titles, storySlugs))
        {
            return null;
        }

        for (int e = 0; e < index.Count; e++)
        {
            int o = update.Previous[e];
            if (changedDays.Contains(index.DayNumbers[e]) || o < 0 || previous.Pages[o] != pages[e])
            {
                entities.UnionWith(index.EventEntities[e]);
                for (int k = stories.Start[e]; k < stories.Start[e + 1]; k++)
                {
                    storyIds.Add(stories.Ids[k]);
                }
            }
        }

        // The events those pages list, and the latest events (the front page and the site's feed).
        var storyPostings = new List<int>[stories.Titles.Length];
        for (int e = 0; e < index.Count; e++)
        {
            for (int k = stories.Start[e]; k < stories.Start[e + 1]; k++)
            {
                if (storyIds.Contains(stories.Ids[k]))
                {
                    (storyPostings[stories.Ids[k]] ??= []).Add(e);
                }
            }
        }

        var shown = new HashSet<int>(Enumerable.Range(Math.Max(0, index.Count - SitePlan.FeedLength), Math.Min(index.Count, SitePlan.FeedLength)));
        foreach (int id in entities)
        {
            shown.UnionWith(index.EntityPostings[id]);
        }

        foreach (var postings in storyPostings)
        {
            shown.UnionWith(postings ?? []);
        }

        DateOnly DateOf(int i) => DateOnly.FromDayNumber(index.DayNumbers[i]);
        var headlines = store.ReadHeadlines(shown.Where(i => !known.ContainsKey(i)).Select(i => (DateOf(i), index.Positions[i])));
        var wanted = shown.Select(index.KeyOf).ToHashSet();
        var summaries = new Dictionary<EventKey, string?>();
        foreach (var (date, position, summary, _) in store.ReadFirstKnownArticles())
        {
            var key = new EventKey(date, position);
            if (wanted.Contains(key))
            {
                summaries[key] = summary;
            }
        }

        var entries = new Dictionary<int, TimelineEntry>(shown.Count);
        foreach (int i in shown)
        {
            var headline = known.TryGetValue(i, out var item) ? item.Headline : headlines.TryGetValue((DateOf(i), index.Positions[i]), out var h) ? h : throw ChangedMeanwhile(DateOf(i));
            entries[i] = new TimelineEntry(DateOf(i), headline, events.PathOf!(i), summaries.GetValueOrDefault(index.KeyOf(i)));
        }

        plan.AddTopicsFor(index, stories, entities, storyIds, i => entries[i]);
        foreach (var page in plan.EntityPages.Concat(plan.StoryPages))
        {
            retired.Add(page.Page);
        }

        return retired;
    }

    /// <summary>True when every title of <paramref name="oldTitles"/> that is also in <paramref name="titles"/> has the same slug in both (both lists ascending).</summary>
    private static bool SameSlugs(string[] oldTitles, string[] oldSlugs, string[] titles, string[] slugs)
    {
        for (int o = 0, n = 0; o < oldTitles.Length && n < titles.Length;)
        {
            int order = string.CompareOrdinal(oldTitles[o], titles[n]);
            if (order == 0 && oldSlugs[o++] != slugs[n++])
            {
                return false;
            }

            if (order < 0)
            {
                o++;
            }
            else if (order > 0)
            {
                n++;
            }
        }

        return true;
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
            writer.Write(File(page.Page), MarkdownPages.EventText(page));
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
            writer.Write(File(page.Page), html.EventHtml(page));
            step();
        });
        Parallel.ForEach(plan.DayPages, options, page =>
        {
            writer.Write(File(page.Page), html.DayHtml(page));
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
            writer.Write(File(page.Page), html.TopicHtml(page));
            if (page.Feed is not null)
            {
                writer.Write(ArchivePaths.File(page.Feed, "atom"), SiteFeeds.Atom(baseUrl, page.Title, page.Feed, page.Page, page.Events.Take(SitePlan.FeedLength).ToArray()));
            }

            step();
        });

        writer.Write(ArchivePaths.File(ArchivePaths.Feed, "atom"), SiteFeeds.Atom(baseUrl, "Dateline: latest events", ArchivePaths.Feed, ArchivePaths.Root, plan.Latest));
        foreach (var (path, content) in SiteFeeds.Sitemaps(baseUrl, plan.AllPages))
        {
            writer.Write(path, content);
        }
    }
}
