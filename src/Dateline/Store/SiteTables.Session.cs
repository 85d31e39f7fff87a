using Microsoft.Data.Sqlite;

namespace Dateline.Store;

internal static partial class SiteTables
{
    /// <summary>One connection and its prepared statements, used by one request at a time.</summary>
    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

        public Session(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            connection.Open();
            using var pragma = connection.CreateCommand();
            // Pages are read through a shared memory map (no copy into each connection's own
            // cache, one copy in memory for all of them); this connection never writes.
            pragma.CommandText = "PRAGMA mmap_size = 2147418112; PRAGMA cache_size = -4096; PRAGMA query_only = ON";
            pragma.ExecuteNonQuery();
            HasRank = SearchRank.TryRegister(connection);
        }

        /// <summary>Whether this connection's FTS5 took <see cref="SearchRank"/> (if not, bm25 ranks every search: the same order, at its cost).</summary>
        public bool HasRank { get; }

        /// <summary>The prepared statement for <paramref name="sql"/>, with parameters $a, $b, … in order of appearance.</summary>
        public SqliteCommand Command(string sql)
        {
            if (!commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                foreach (var name in new[] { "$a", "$b", "$c", "$d", "$e", "$f" })
                {
                    if (sql.Contains(name, StringComparison.Ordinal))
                    {
                        command.Parameters.Add(new SqliteParameter { ParameterName = name });
                    }
                }

                command.Prepare();
                commands[sql] = command;
            }

            return command;
        }

        /// <summary>Recompilations of every statement of this connection, SQLite's own (FTS5's) included.</summary>
        public long Recompilations()
        {
            const int Reprepare = 5; // SQLITE_STMTSTATUS_REPREPARE
            var handle = connection.Handle!.DangerousGetHandle();
            long total = 0;
            for (var statement = NativeSqlite.NextStatement(handle, 0); statement != 0; statement = NativeSqlite.NextStatement(handle, statement))
            {
                total += NativeSqlite.StatementStatus(statement, Reprepare, 0);
            }

            return total;
        }

        public void Dispose()
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}

/// <summary>
/// Process-wide SQLite settings for the server, applied before SQLite first starts (they cannot
/// change after). Memory statistics are turned off: with them on, every allocation SQLite makes
/// takes one global lock, and concurrent searches, which allocate a lot, queue on it (a tenth of
/// the server's processor time went to that lock under load). Nothing in Dateline reads them.
/// </summary>
internal static class SqliteSetup
{
    private const int ConfigMemoryStatistics = 9; // SQLITE_CONFIG_MEMSTATUS

    private static readonly Lazy<bool> Applied = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_config(ConfigMemoryStatistics, 0) == SQLitePCL.raw.SQLITE_OK;
    });

    /// <summary>True when the settings took; false when SQLite had already started in this process (then they cannot).</summary>
    public static bool Apply() => Applied.Value;
}

/// <summary>The two SQLite calls the wrapper does not offer for statements it did not prepare itself (FTS5's).</summary>
internal static class NativeSqlite
{
    [System.Runtime.InteropServices.DllImport("e_sqlite3", EntryPoint = "sqlite3_next_stmt")]
    internal static extern nint NextStatement(nint connection, nint statement);

    [System.Runtime.InteropServices.DllImport("e_sqlite3", EntryPoint = "sqlite3_stmt_status")]
    internal static extern int StatementStatus(nint statement, int operation, int reset);
}
