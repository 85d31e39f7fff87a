using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dateline.Store;

/// <summary>
/// A statement the import runs once per row (events, their entities and citations): compiled
/// once, its parameters bound by position, stepped and reset. It runs on the import's own
/// connection, so it is part of the import's transaction like every other statement.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite looks every parameter up by name and walks its statement list on each
/// execution; over the benchmark archive's 115,000 events and 600,000 rows that bookkeeping cost
/// more than SQLite's own work. Going to SQLite's C interface (which Microsoft.Data.Sqlite itself
/// sits on) for these few statements made the store thread of an import about twice as fast.
/// </remarks>
internal sealed class BulkStatement : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;

    public BulkStatement(SqliteConnection connection, string sql)
    {
        database = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(database, sql, out statement));
        ParameterCount = raw.sqlite3_bind_parameter_count(statement);
    }

    public int ParameterCount { get; }

    /// <summary>Binds parameter <paramref name="index"/> (from 1).</summary>
    public BulkStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(statement, index, value));
        return this;
    }

    public BulkStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value));
        return this;
    }

    public BulkStatement Bind(int index, long? value) => value is { } v ? Bind(index, v) : Bind(index, (string?)null);

    /// <summary>Runs the statement with the values bound, then makes it ready for the next row.</summary>
    public void Run()
    {
        int result = raw.sqlite3_step(statement);
        if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
        {
            var message = raw.sqlite3_errmsg(database).utf8_to_string();
            raw.sqlite3_reset(statement);
            throw new SqliteException($"SQLite Error {result}: '{message}'.", result);
        }

        raw.sqlite3_reset(statement);
    }

    /// <summary>Steps a statement that reads: true while it gives a row (read it with <see cref="Int64"/> and <see cref="Double"/>); at the end it is reset.</summary>
    public bool Next()
    {
        int result = raw.sqlite3_step(statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        Run(); // reports an error, or resets after the last row
        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public double Double(int column) => raw.sqlite3_column_double(statement, column);

    public void Dispose() => statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(database).utf8_to_string()}'.", result);
        }
    }
}
