using System.Diagnostics;
using Dateline.Store;

namespace Dateline.Building;

/// <summary>
/// The site tables of a build, written on a thread of their own while the pages are: the pages
/// are mostly the kernel creating files, the tables mostly SQLite and FTS5 in user time, so on
/// two cores they overlap instead of adding up (a full build's rows and index; a followed build's
/// few hundred rows and their search entries). The rows are
/// committed only once the pages and the manifest are on disk (<see cref="Commit"/>), so search
/// and the API never link to a page that is not there; when writing the pages fails, the
/// transaction is rolled back (<see cref="Abandon"/>) and the tables stay those of the last
/// build, as before. Nothing else uses the store's connection in between: the pages are
/// written from the plan alone.
/// </summary>
internal sealed class SiteTablesAlongside
{
    private readonly Task<(SiteTables.Pending Tables, TimeSpan Took)> writing;

    private SiteTablesAlongside(Task<(SiteTables.Pending, TimeSpan)> writing) => this.writing = writing;

    /// <summary>Starts <paramref name="begin"/>, which writes the tables in a transaction it leaves open.</summary>
    public static SiteTablesAlongside Start(Func<SiteTables.Pending> begin) =>
        new(Task.Factory.StartNew(
            () =>
            {
                var clock = Stopwatch.StartNew();
                var tables = begin();
                return (tables, clock.Elapsed);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning, // a thread of its own, not one the pages' loops would use
            TaskScheduler.Default));

    /// <summary>Waits for the tables and commits them; returns how long writing them took.</summary>
    public TimeSpan Commit()
    {
        var (tables, took) = writing.GetAwaiter().GetResult();
        using (tables)
        {
            tables.Commit();
        }

        return took;
    }

    /// <summary>Waits for the tables and rolls them back: the pages failed, and that failure is the one to report.</summary>
    public void Abandon()
    {
        try
        {
            writing.GetAwaiter().GetResult().Tables.Dispose();
        }
        catch (Exception)
        {
            // Their own failure, if any, rolled them back already (see SiteTables.Begin).
        }
    }
}
