using System.Collections.Concurrent;
using Dateline.Model;
using Dateline.Portal;
using Dateline.Store;

namespace Dateline;

/// <summary>What an import did.</summary>
public sealed record ImportReport(int Added, int Replaced, int Unchanged, int Older, int Events, IReadOnlyList<PortalError> Errors)
{
    public int Pages => Added + Replaced + Unchanged + Older;

    /// <summary>The templates the pages read held whose text the reader could not show, by name, with how often.</summary>
    public IReadOnlyDictionary<string, int> DroppedTemplates { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// Reads day pages from files, folders and exports into the archive, in one transaction. A page
/// that cannot be read is reported (file, line, reason) and skipped; the others are stored.
/// </summary>
public static class ArchiveImport
{
    /// <param name="progress">Called after each page with the count of pages read so far.</param>
    /// <param name="onDropped">Called for each page that held templates whose text the reader could not show: where, and which (no error: the page is stored).</param>
    public static ImportReport Run(
        ArchiveStore store,
        IEnumerable<string> inputs,
        string? redirectsFile = null,
        Action<PortalError>? onError = null,
        Action<int>? progress = null,
        CancellationToken cancel = default,
        Action<string, IReadOnlyDictionary<string, int>>? onDropped = null)
    {
        var errors = new List<PortalError>();
        var errorsGate = new Lock();
        void Report(PortalError error)
        {
            lock (errorsGate)
            {
                errors.Add(error);
                onError?.Invoke(error);
            }
        }

        var tally = new DayTally();
        int pages = 0;

        // Read before the transaction begins: a table that cannot be read throws and changes nothing.
        var redirects = redirectsFile is null ? null : RedirectFile.Read(redirectsFile, Report);
        using var batch = store.BeginImport();
        if (redirects is not null)
        {
            batch.StoreRedirects(redirects, redirectsFile!);
        }

        // Reading and parsing run on a thread of their own, a few pages ahead of storing: the two
        // halves of an import take about the same time, and SQLite wants one writer. Pages are
        // stored in the order they are read, so the result is the same as one thread's.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var parsed = new BlockingCollection<(PortalPageText Text, DayPage Page)>(boundedCapacity: 256);
        var reader = Task.Run(
            () =>
            {
                try
                {
                    foreach (var text in PortalInputs.Read(inputs, Report))
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        try
                        {
                            var page = DayPageParser.Parse(text.Wikitext, text.ExpectedDate, text.ExpectedFrom);
                            foreach (var item in page.Day.Events.Where(e => e.Headline.Length > Headlines.MaxChars))
                            {
                                Report(new PortalError(text.DisplaySource, text.FileLine(item.Line),
                                    $"a headline of {item.Headline.Length:N0} characters is stored cut to {Headlines.MaxChars:N0}"));
                            }

                            parsed.Add((text, page), stop.Token);
                        }
                        catch (DayPageException e)
                        {
                            Report(new PortalError(text.DisplaySource, text.FileLine(e.Line), e.Message));
                        }
                    }
                }
                finally
                {
                    parsed.CompleteAdding();
                }
            },
            stop.Token);

        try
        {
            foreach (var (text, page) in parsed.GetConsumingEnumerable(stop.Token))
            {
                cancel.ThrowIfCancellationRequested();
                if (page.DroppedTemplates.Count > 0)
                {
                    onDropped?.Invoke(text.DisplaySource, page.DroppedTemplates);
                }

                tally.Store(batch, page, text.Title ?? PortalTitle.For(page.Date), text.Source, text.RevisionId, text.RevisionTime, text.Wikitext);

                progress?.Invoke(++pages);
            }

            reader.GetAwaiter().GetResult(); // what went wrong while reading, if anything
        }
        catch
        {
            stop.Cancel();
            try
            {
                reader.Wait(TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // The reader stops because it was told to; the first failure is the one to report.
            }

            throw;
        }

        batch.Commit();
        return new ImportReport(tally.Added, tally.Replaced, tally.Unchanged, tally.Older, tally.Events, errors) { DroppedTemplates = tally.DroppedTemplates };
    }

    /// <summary>
    /// Replaces the stored redirect table with the one in <paramref name="file"/>; throws
    /// <see cref="RedirectFileException"/>, changing nothing, when the file cannot be read.
    /// </summary>
    public static int StoreRedirects(ArchiveStore store, string file, Action<PortalError>? onError = null)
    {
        var table = RedirectFile.Read(file, e => onError?.Invoke(e));
        using var batch = store.BeginImport();
        batch.StoreRedirects(table, file);
        batch.Commit();
        return table.Count;
    }
}
