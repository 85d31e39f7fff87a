using Microsoft.Data.Sqlite;

namespace Dateline.Store;

internal static partial class SiteTables
{
    /// <summary>
    /// The site tables replaced inside a transaction not yet committed (see <see cref="Begin"/>):
    /// readers see the old tables until <see cref="Commit"/>; disposing of it uncommitted rolls it back.
    /// </summary>
    public sealed class Pending(SqliteTransaction transaction) : IDisposable
    {
        /// <summary>Makes the new tables the ones readers see.</summary>
        public void Commit() => transaction.Commit();

        public void Dispose() => transaction.Dispose();
    }
}
