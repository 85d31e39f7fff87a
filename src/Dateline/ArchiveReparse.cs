using Dateline.Model;
using Dateline.Portal;
using Dateline.Store;

namespace Dateline;

/// <summary>What reading a stored day again changed in its events.</summary>
public sealed record DayRereading(DateOnly Date, int Added, int Removed, int Changed);

/// <summary>What a re-reading of stored days did.</summary>
/// <param name="Days">The days read again (those that could not be read included).</param>
/// <param name="ChangedDays">The days whose events the new reading changed, in date order.</param>
/// <param name="Errors">The days whose stored wikitext this reader cannot read: they keep their events.</param>
public sealed record ReparseReport(int Days, IReadOnlyList<DayRereading> ChangedDays, IReadOnlyList<PortalError> Errors)
{
    public int Added => ChangedDays.Sum(d => d.Added);

    public int Removed => ChangedDays.Sum(d => d.Removed);

    public int Changed => ChangedDays.Sum(d => d.Changed);

    /// <summary>The days read again whose events came out as they were stored.</summary>
    public int Unchanged => Days - ChangedDays.Count - Errors.Count;

    /// <summary>The templates the days read again held whose text this reader could not show, by name, with how often.</summary>
    public IReadOnlyDictionary<string, int> DroppedTemplates { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// Reads stored days again from the wikitext the archive keeps, so an archive made by an older
/// reader gets this reader's events without fetching anything. One transaction: interrupted or
/// failed, the archive stays as it was. A day whose events come out the same keeps its event ids
/// and its version (the next build has nothing to do for it); a day that changed gets a new
/// version, so the next build follows the last one and renders only what that day reaches.
/// </summary>
public static class ArchiveReparse
{
    /// <summary>Re-reads the days an older reader read, or every stored day when <paramref name="all"/>.</summary>
    /// <param name="progress">Called with (days done, days to do) as the days are stored.</param>
    /// <param name="onError">Called for each day whose stored wikitext cannot be read (date, line, reason).</param>
    public static ReparseReport Run(
        ArchiveStore store,
        bool all = false,
        Action<int, int>? progress = null,
        Action<PortalError>? onError = null,
        CancellationToken cancel = default)
    {
        // Everything is read before the transaction starts: the store's reads of events go
        // through connections of their own and must see the events as they were stored.
        var days = store.ReadDaysToReread(DayPageParser.ReaderVersion, all);
        if (days.Count == 0)
        {
            return new ReparseReport(0, [], []);
        }

        var stored = store.ReadDays(days.Select(d => d.Date)).ToDictionary(d => d.Date);
        cancel.ThrowIfCancellationRequested();

        // Parsing is most of the work and each day is read on its own: in parallel, a few days
        // ahead of storing, and stored in date order as the days come.
        var readings = days.AsParallel().AsOrdered().WithCancellation(cancel).Select(day =>
        {
            try
            {
                return (day.Date, Page: DayPageParser.Parse(day.Wikitext, day.Date, "title"), Error: (PortalError?)null);
            }
            catch (DayPageException e)
            {
                return (day.Date, Page: (DayPage?)null, Error: new PortalError(ArchiveStore.FormatDate(day.Date), e.Line, e.Message));
            }
        });

        var changedDays = new List<DayRereading>();
        var errors = new List<PortalError>();
        var dropped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int done = 0;
        using var batch = store.BeginImport();
        foreach (var (date, page, error) in readings)
        {
            cancel.ThrowIfCancellationRequested();
            if (page is null)
            {
                // The day keeps its events and its reader, so it is tried again (and reported) next time.
                errors.Add(error!);
                onError?.Invoke(error!);
            }
            else
            {
                var before = stored.TryGetValue(date, out var day) ? day.Events : [];
                var difference = EventComparison.Compare(before, page.Day.Events);
                if (!difference.None)
                {
                    changedDays.Add(new DayRereading(date, difference.Added, difference.Removed, difference.Changed));
                }

                foreach (var (name, count) in page.DroppedTemplates)
                {
                    dropped[name] = dropped.GetValueOrDefault(name) + count;
                }

                batch.Reread(date, page.Day, DayPageParser.ReaderVersion, page.DroppedTemplates, changed: !difference.None);
            }

            progress?.Invoke(++done, days.Count);
        }

        cancel.ThrowIfCancellationRequested();
        batch.Commit();
        return new ReparseReport(days.Count, changedDays, errors) { DroppedTemplates = dropped };
    }
}
