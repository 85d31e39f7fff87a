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
        /// <summary>Runs <paramref name="write"/> in a new transaction and leaves it open; rolled back if it throws.</summary>
        public static Pending Of(SqliteConnection connection, Action<SqliteTransaction> write)
        {
            var transaction = connection.BeginTransaction();
            try
            {
                write(transaction);
                return new Pending(transaction);
            }
            catch
            {
                transaction.Dispose();
                throw;
            }
        }

        /// <summary>Makes the new tables the ones readers see.</summary>
        public void Commit() => transaction.Commit();

        public void Dispose() => transaction.Dispose();
    }
}
