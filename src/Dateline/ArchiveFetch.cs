using System.Globalization;
using Dateline.Portal;
using Dateline.Portal.Api;
using Dateline.Store;

namespace Dateline;

/// <summary>Why one day could not be fetched or read, in words for the user.</summary>
public sealed record DayFetchError(DateOnly Date, string Title, string Reason)
{
    public override string ToString() => $"{Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} [{Title}]: {Reason}";
}

/// <summary>What a fetch did, day by day.</summary>
/// <param name="Days">Days asked about.</param>
/// <param name="Added">Days new to the archive.</param>
/// <param name="Replaced">Days whose events were replaced by a newer revision.</param>
/// <param name="Unchanged">Days whose latest revision the archive already holds (not fetched again), or fetched with the same text.</param>
/// <param name="Older">Days whose fetched revision is older than the archive's (kept as they were).</param>
/// <param name="Missing">Days the wiki has no page for (recorded, not an error).</param>
/// <param name="Events">Events stored from added and replaced days.</param>
/// <param name="Changed">The added and replaced days, in date order.</param>
/// <param name="Errors">Days that could not be fetched or read, each with its reason.</param>
/// <param name="Unreachable">No question about any day got an answer: the wiki could not be asked at all.</param>
/// <param name="Requests">HTTP requests sent, retries included.</param>
public sealed record FetchReport(
    int Days,
    int Added,
    int Replaced,
    int Unchanged,
    int Older,
    int Missing,
    int Events,
    IReadOnlyList<DateOnly> Changed,
    IReadOnlyList<DayFetchError> Errors,
    bool Unreachable,
    int Requests);

/// <summary>
/// Fetches day pages from the wiki into the archive, incrementally: first the latest revision id
/// of every day (<c>prop=info</c>, a batch of titles a request), then the wikitext of only the
/// days whose revision the archive does not hold. Each day is stored through the import path, so
/// a newer revision replaces the day's events and the same text changes nothing. A day the wiki
/// does not have is recorded as missing; a day that cannot be fetched or read is reported with its
/// reason and the other days go on. Each batch of content is committed on its own, so an
/// interrupted fetch keeps what it finished.
/// </summary>
public static class ArchiveFetch
{
    public static async Task<FetchReport> RunAsync(
        ArchiveStore store,
        MediaWikiClient client,
        IReadOnlyList<DateOnly> dates,
        Action<DayFetchError>? onError = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(client);
        var days = dates.Distinct().Order().ToArray();
        var stored = store.ReadStoredDays();
        var checks = store.ReadPortalChecks();
        int requestsBefore = client.Requests;
        var errors = new List<DayFetchError>();
        var changed = new List<DateOnly>();
        var tally = new DayTally();
        int missing = 0, done = 0, answered = 0;
        int batchSize = client.Options.BatchSize;

        void Fail(DateOnly date, string reason, List<PortalPageCheck> records, PortalPageState state = PortalPageState.Failed, long? revision = null)
        {
            var error = new DayFetchError(date, PortalTitle.For(date), reason);
            errors.Add(error);
            onError?.Invoke(error);

            // A question that got no answer says nothing new of the page: the failed check keeps
            // the revision and text hash the last good one knew, so a revision known to hold the
            // stored text is not downloaded again after a failed run (see Holds).
            string? sha = null;
            if (state == PortalPageState.Failed && revision is null && checks.TryGetValue(date, out var last) && last.Sha256 is not null)
            {
                (revision, sha) = (last.RevisionId, last.Sha256);
            }

            records.Add(new PortalPageCheck(date, error.Title, state, revision, sha, DateTimeOffset.UtcNow, reason));
        }

        // Step 1: which days changed since the archive's copy.
        var toFetch = new List<(DateOnly Date, long Revision)>();
        foreach (var batch in days.Chunk(batchSize))
        {
            cancel.ThrowIfCancellationRequested();
            var records = new List<PortalPageCheck>();
            var titles = batch.Select(PortalTitle.For).ToArray();
            Dictionary<string, PageInfo> infos;
            try
            {
                infos = await WikiQueries.LatestRevisionsAsync(client, titles, cancel).ConfigureAwait(false);
                answered++;
            }
            catch (MediaWikiException e)
            {
                foreach (var date in batch)
                {
                    Fail(date, e.Message, records);
                }

                store.RecordPortalChecks(records);
                progress?.Invoke(done += batch.Length, days.Length);
                continue;
            }

            for (int i = 0; i < batch.Length; i++)
            {
                var date = batch[i];
                var info = infos[titles[i]];
                if (info.Problem is { } problem)
                {
                    Fail(date, problem, records);
                    done++;
                }
                else if (info.Missing)
                {
                    missing++;
                    done++;
                    records.Add(new PortalPageCheck(date, titles[i], PortalPageState.Missing, null, null, DateTimeOffset.UtcNow, null));
                }
                else if (Holds(stored, checks, date, info.LastRevisionId!.Value) is { } sha)
                {
                    tally.CountUnchanged();
                    done++;
                    records.Add(new PortalPageCheck(date, titles[i], PortalPageState.Present, info.LastRevisionId, sha, DateTimeOffset.UtcNow, null));
                }
                else
                {
                    toFetch.Add((date, info.LastRevisionId!.Value));
                }
            }

            store.RecordPortalChecks(records);
            progress?.Invoke(done, days.Length);
        }

        // Step 2: the text of the changed days, a batch a request and a transaction a batch.
        foreach (var batch in toFetch.Chunk(batchSize))
        {
            cancel.ThrowIfCancellationRequested();
            var records = new List<PortalPageCheck>();
            var titles = batch.Select(b => PortalTitle.For(b.Date)).ToArray();
            Dictionary<string, PageRevision> revisions;
            try
            {
                revisions = await WikiQueries.LatestContentAsync(client, titles, cancel).ConfigureAwait(false);
                answered++;
            }
            catch (MediaWikiException e)
            {
                foreach (var (date, _) in batch)
                {
                    Fail(date, e.Message, records);
                }

                store.RecordPortalChecks(records);
                progress?.Invoke(done += batch.Length, days.Length);
                continue;
            }

            using (var import = store.BeginImport())
            {
                for (int i = 0; i < batch.Length; i++)
                {
                    var (date, latest) = batch[i];
                    var title = titles[i];
                    var revision = revisions[title];
                    var dayRecords = new List<PortalPageCheck>();
                    if (revision.Missing)
                    {
                        // Deleted between the two questions.
                        missing++;
                        dayRecords.Add(new PortalPageCheck(date, title, PortalPageState.Missing, null, null, DateTimeOffset.UtcNow, null));
                    }
                    else if (revision.Content is not { } wikitext)
                    {
                        Fail(date, revision.Problem ?? "the wiki gave no text", dayRecords, PortalPageState.Unreadable, revision.RevisionId ?? latest);
                    }
                    else
                    {
                        try
                        {
                            var page = DayPageParser.Parse(wikitext, date, "title");
                            if (tally.Store(import, page, title, client.Options.Endpoint.AbsoluteUri, revision.RevisionId ?? latest, revision.Timestamp, wikitext) is DayChange.Added or DayChange.Replaced)
                            {
                                changed.Add(date);
                            }

                            dayRecords.Add(new PortalPageCheck(date, title, PortalPageState.Present, revision.RevisionId ?? latest,
                                ArchiveStore.Sha256Of(wikitext), DateTimeOffset.UtcNow, null));
                        }
                        catch (DayPageException e)
                        {
                            Fail(date, $"revision {revision.RevisionId ?? latest}, line {e.Line}: {e.Message}", dayRecords, PortalPageState.Unreadable, revision.RevisionId ?? latest);
                        }
                    }

                    foreach (var check in dayRecords)
                    {
                        import.RecordPortalPage(check);
                    }

                    done++;
                }

                import.Commit();
            }

            progress?.Invoke(done, days.Length);
        }

        changed.Sort();
        return new FetchReport(days.Length, tally.Added, tally.Replaced, tally.Unchanged, tally.Older, missing, tally.Events, changed, errors,
            Unreachable: days.Length > 0 && answered == 0, client.Requests - requestsBefore);
    }

    /// <summary>
    /// The stored text's hash when the archive already holds the wiki's latest revision of the
    /// day: stored with that revision id, or stored from a fetch of that revision (a revision that
    /// changed nothing in the text leaves the day's row as it was, with its older id). A failed
    /// check carries what the check before it knew.
    /// </summary>
    private static string? Holds(Dictionary<DateOnly, StoredDay> stored, Dictionary<DateOnly, PortalPageCheck> checks, DateOnly date, long latest)
    {
        if (!stored.TryGetValue(date, out var day))
        {
            return null;
        }

        if (day.RevisionId == latest)
        {
            return day.Sha256;
        }

        return checks.TryGetValue(date, out var check) && check.State is PortalPageState.Present or PortalPageState.Failed
            && check.RevisionId == latest && check.Sha256 == day.Sha256
            ? day.Sha256
            : null;
    }
}
