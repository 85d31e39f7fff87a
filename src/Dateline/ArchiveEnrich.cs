using System.Collections.Concurrent;
using System.Globalization;
using Dateline.Articles;
using Dateline.Articles.Warc;
using Dateline.Model;
using Dateline.Store;

namespace Dateline;

/// <summary>How an enrichment run chooses its work.</summary>
public sealed record EnrichOptions
{
    /// <summary>The first event date to enrich; null: from the start.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last event date to enrich; null: to the end.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Fetch every URL again, known or not.</summary>
    public bool Refresh { get; init; }

    /// <summary>Fetch again the URLs whose last try failed.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>How many fetches may run at once (the source pages keep their own per-host limits).</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>A WARC file to append every fetched page to (gzip per record when it ends in .gz).</summary>
    public string? WarcOut { get; init; }

    /// <summary>Outcomes stored per transaction: an interrupted run loses at most this many.</summary>
    public int BatchSize { get; init; } = 50;
}

/// <summary>Counts so far: URLs fetched, answered from the database, failed, and events done out of all.</summary>
public sealed record EnrichProgress(int Fetched, int FromCache, int Failed, int EventsDone, int Events);

/// <summary>What an enrichment run did.</summary>
/// <param name="Events">Events in the date range that cite something.</param>
/// <param name="Enriched">Of those, events whose citations gave a summary or an image.</param>
/// <param name="Fetched">URLs fetched in this run.</param>
/// <param name="FromCache">URL look-ups answered by what the database already knew.</param>
/// <param name="Failed">URLs fetched in this run that could not be read.</param>
/// <param name="NotArchived">URLs the web archives given hold no capture of (not stored: a later run may find them).</param>
public sealed record EnrichReport(int Events, int Enriched, int Fetched, int FromCache, int Failed, int NotArchived);

/// <summary>
/// Source enrichment: for each event in the date range its citations are tried in order until
/// one gives a summary or an image. Each URL's outcome is stored once (in batches, each its own
/// transaction), so a second run only fetches what is still unknown and an interrupted run keeps
/// what it finished.
/// </summary>
public sealed class ArchiveEnrich
{
    private readonly ArchiveStore store;
    private readonly ISourcePages pages;
    private readonly EnrichOptions options;
    private readonly Action<EnrichProgress>? progress;
    private readonly IReadOnlyDictionary<string, ArticleState> known;
    private readonly ConcurrentDictionary<string, Lazy<Task<ArticleState>>> thisRun = new(StringComparer.Ordinal);
    private readonly List<ArticleRecord> pending = [];
    private readonly Lock storeLock = new();
    private readonly Lock progressLock = new();
    private WarcWriter? warc;
    private int events;
    private int eventsDone;
    private int enriched;
    private int fetched;
    private int fromCache;
    private int failed;
    private int notArchived;

    private ArchiveEnrich(ArchiveStore store, ISourcePages pages, EnrichOptions options, Action<EnrichProgress>? progress)
    {
        this.store = store;
        this.pages = pages;
        this.options = options;
        this.progress = progress;
        known = options.Refresh ? new Dictionary<string, ArticleState>() : store.ReadArticleStates();
    }

    public static async Task<EnrichReport> RunAsync(
        ArchiveStore store,
        ISourcePages pages,
        EnrichOptions options,
        Action<EnrichProgress>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        var run = new ArchiveEnrich(store, pages, options, progress);
        return await run.RunAsync(cancel).ConfigureAwait(false);
    }

    private async Task<EnrichReport> RunAsync(CancellationToken cancel)
    {
        var work = store.ReadEventCitations(options.From, options.To);
        events = work.Count;
        try
        {
            if (options.WarcOut is { } path)
            {
                warc = WarcWriter.Append(path);
                warc.WriteWarcInfo(
                [
                    new("software", $"Dateline {typeof(ArchiveEnrich).Assembly.GetName().Version?.ToString(3)}"),
                    new("format", "WARC File Format 1.1"),
                    new("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
                    new("description", "Source pages cited by Current Events Portal events, as fetched for their summaries and images"),
                ]);
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancel };
            await Parallel.ForEachAsync(work, parallel, async (item, token) =>
            {
                if (await EnrichEventAsync(item, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref enriched);
                }

                Interlocked.Increment(ref eventsDone);
                Report();
            }).ConfigureAwait(false);
        }
        finally
        {
            // Also on cancellation: whatever finished is stored.
            Flush(all: true);
            warc?.Dispose();
        }

        return new EnrichReport(events, enriched, fetched, fromCache, failed, notArchived);
    }

    /// <summary>Tries the event's citations in order; true when one gave a summary or an image.</summary>
    private async Task<bool> EnrichEventAsync(EventCitations item, CancellationToken cancel)
    {
        foreach (var url in item.Urls)
        {
            var state = await StateOfAsync(url, item.Date, cancel).ConfigureAwait(false);
            Report();
            if (state == ArticleState.Found)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<ArticleState> StateOfAsync(string url, DateOnly date, CancellationToken cancel)
    {
        if (known.TryGetValue(url, out var stored) && !(stored == ArticleState.Failed && options.RetryFailed))
        {
            Interlocked.Increment(ref fromCache);
            return stored;
        }

        if (pages is WarcSourcePages archive && !archive.Contains(url))
        {
            Interlocked.Increment(ref notArchived);
            return ArticleState.Unknown;
        }

        var ours = new Lazy<Task<ArticleState>>(() => FetchAsync(url, date, cancel));
        var fetch = thisRun.GetOrAdd(url, ours);
        var state = await fetch.Value.ConfigureAwait(false);
        if (!ReferenceEquals(fetch, ours))
        {
            Interlocked.Increment(ref fromCache); // another event of this run cites it too
        }

        return state;
    }

    private async Task<ArticleState> FetchAsync(string url, DateOnly date, CancellationToken cancel)
    {
        SourceFetch result;
        try
        {
            result = await pages.FetchAsync(url, date, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            // One broken page must not stop the run: it is recorded as a failure like any other.
            result = SourceFetch.Failed($"{e.GetType().Name}: {e.Message}");
        }

        var record = Outcome(url, result);
        if (result.Page is { } page && warc is not null)
        {
            lock (storeLock)
            {
                warc.WriteExchange(page);
            }
        }

        Interlocked.Increment(ref fetched);
        if (record.State == ArticleState.Failed)
        {
            Interlocked.Increment(ref failed);
        }

        lock (storeLock)
        {
            pending.Add(record);
        }

        Flush(all: false);
        return record.State;
    }

    /// <summary>A fetch as a row: errors and non-2xx statuses are failures; a page is read for its summary and image.</summary>
    private static ArticleRecord Outcome(string url, SourceFetch result)
    {
        if (result.Page is not { } page)
        {
            return new ArticleRecord(url, null, null, null, DateTimeOffset.UtcNow, null, null, null, result.Failure ?? "no page");
        }

        if (page.Status is < 200 or >= 300)
        {
            return new ArticleRecord(url, page.FinalUrl, page.Status, page.ContentType, page.FetchedAt, null, null, page.ArchivedFrom,
                "HTTP " + page.Status.ToString(CultureInfo.InvariantCulture));
        }

        Article article;
        try
        {
            article = ArticleExtractor.Extract(page);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ArticleRecord(url, page.FinalUrl, page.Status, page.ContentType, page.FetchedAt, null, null, page.ArchivedFrom,
                $"cannot be read as HTML: {e.Message}");
        }

        return new ArticleRecord(url, page.FinalUrl, page.Status, page.ContentType, page.FetchedAt, article.Summary, article.Image, page.ArchivedFrom, null)
        {
            ImageWidth = article.ImageWidth,
            ImageHeight = article.ImageHeight,
        };
    }

    private void Flush(bool all)
    {
        lock (storeLock)
        {
            if (pending.Count == 0 || (!all && pending.Count < options.BatchSize))
            {
                return;
            }

            store.StoreArticles(pending);
            pending.Clear();
        }
    }

    private void Report()
    {
        if (progress is null)
        {
            return;
        }

        lock (progressLock)
        {
            progress(new EnrichProgress(Volatile.Read(ref fetched), Volatile.Read(ref fromCache), Volatile.Read(ref failed),
                Volatile.Read(ref eventsDone), events));
        }
    }
}
