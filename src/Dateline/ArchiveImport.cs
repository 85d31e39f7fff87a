using Dateline.Model;
using Dateline.Portal;
using Dateline.Store;

namespace Dateline;

/// <summary>What an import did.</summary>
public sealed record ImportReport(int Added, int Replaced, int Unchanged, int Older, int Events, IReadOnlyList<PortalError> Errors)
{
    public int Pages => Added + Replaced + Unchanged + Older;
}

/// <summary>
/// Reads day pages from files, folders and exports into the archive, in one transaction. A page
/// that cannot be read is reported (file, line, reason) and skipped; the others are stored.
/// </summary>
public static class ArchiveImport
{
    /// <param name="progress">Called after each page with the count of pages read so far.</param>
    public static ImportReport Run(
        ArchiveStore store,
        IEnumerable<string> inputs,
        string? redirectsFile = null,
        Action<PortalError>? onError = null,
        Action<int>? progress = null,
        CancellationToken cancel = default)
    {
        var errors = new List<PortalError>();
        void Report(PortalError error)
        {
            errors.Add(error);
            onError?.Invoke(error);
        }

        int added = 0, replaced = 0, unchanged = 0, older = 0, events = 0, pages = 0;
        using var batch = store.BeginImport();
        if (redirectsFile is not null)
        {
            var table = RedirectFile.Read(redirectsFile, Report);
            batch.StoreRedirects(table, redirectsFile);
        }

        foreach (var text in PortalInputs.Read(inputs, Report))
        {
            cancel.ThrowIfCancellationRequested();
            DayPage page;
            try
            {
                page = DayPageParser.Parse(text.Wikitext, text.ExpectedDate, text.ExpectedFrom);
            }
            catch (DayPageException e)
            {
                Report(new PortalError(text.DisplaySource, text.FileLine(e.Line), e.Message));
                continue;
            }

            var record = new DayPageRecord(page.Date, text.Title ?? PortalTitle.For(page.Date), text.Source, page.Layout.ToString(),
                text.RevisionId, text.RevisionTime, text.Wikitext);
            switch (batch.StoreDay(record, page.Day))
            {
                case DayChange.Added: added++; events += page.Day.Events.Count; break;
                case DayChange.Replaced: replaced++; events += page.Day.Events.Count; break;
                case DayChange.Unchanged: unchanged++; break;
                case DayChange.Older: older++; break;
            }

            progress?.Invoke(++pages);
        }

        batch.Commit();
        return new ImportReport(added, replaced, unchanged, older, events, errors);
    }

    /// <summary>Replaces the stored redirect table with the one in <paramref name="file"/>.</summary>
    public static int StoreRedirects(ArchiveStore store, string file, Action<PortalError>? onError = null)
    {
        var table = RedirectFile.Read(file, e => onError?.Invoke(e));
        using var batch = store.BeginImport();
        batch.StoreRedirects(table, file);
        batch.Commit();
        return table.Count;
    }
}
