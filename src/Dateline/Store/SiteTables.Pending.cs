namespace Dateline.Store;

internal static partial class SiteTables
{
    /// <summary>
    /// Site tables written but not yet the ones readers see (see <see cref="Begin"/> and
    /// <see cref="BeginUpdate"/>): readers see the old tables until <see cref="Commit"/>;
    /// disposing of it uncommitted leaves them as they were.
    /// </summary>
    public sealed class Pending : IDisposable
    {
        private readonly Action commit;
        private readonly Action abandon;
        private bool settled;

        /// <param name="commit">Makes the new tables the ones readers see; when it throws, <paramref name="abandon"/> still runs on disposal.</param>
        /// <param name="abandon">Undoes what was written.</param>
        internal Pending(Action commit, Action abandon)
        {
            this.commit = commit;
            this.abandon = abandon;
        }

        /// <summary>Runs <paramref name="write"/> in a new transaction and leaves it open; rolled back if it throws.</summary>
        public static Pending Of(Microsoft.Data.Sqlite.SqliteConnection connection, Action<Microsoft.Data.Sqlite.SqliteTransaction> write)
        {
            var transaction = connection.BeginTransaction();
            try
            {
                write(transaction);
            }
            catch
            {
                transaction.Dispose();
                throw;
            }

            return new Pending(
                () =>
                {
                    transaction.Commit();
                    transaction.Dispose();
                },
                transaction.Dispose);
        }

        /// <summary>Makes the new tables the ones readers see.</summary>
        public void Commit()
        {
            ObjectDisposedException.ThrowIf(settled, this);
            commit();
            settled = true;
        }

        public void Dispose()
        {
            if (!settled)
            {
                settled = true;
                abandon();
            }
        }
    }
}
