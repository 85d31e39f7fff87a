using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dateline.Store;

/// <summary>
/// One query read row by row on a read-only connection of its own (WAL lets several run side
/// by side), through SQLite's C interface: a build reads 800,000 rows of the benchmark archive,
/// and Microsoft.Data.Sqlite's per-value bookkeeping was most of that time.
/// </summary>
internal sealed class RowReader : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt statement;
    private char[] buffer = new char[256];

    public RowReader(string path, string sql)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var database = connection.Handle!;
        if (raw.sqlite3_prepare_v2(database, sql, out statement) != raw.SQLITE_OK)
        {
            var message = raw.sqlite3_errmsg(database).utf8_to_string();
            connection.Dispose();
            throw new SqliteException($"SQLite Error: '{message}'.", raw.SQLITE_ERROR);
        }
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Next()
    {
        int result = raw.sqlite3_step(statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        if (result == raw.SQLITE_DONE)
        {
            return false;
        }

        throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(connection.Handle!).utf8_to_string()}'.", result);
    }

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public int Int32(int column) => raw.sqlite3_column_int(statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    /// <summary>The column's text as UTF-8, valid until the next row.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(statement, column);

    public string Text(int column) => Encoding.UTF8.GetString(Utf8(column));

    /// <summary>The column's text, one string per distinct text in <paramref name="pool"/>: titles and labels repeat by the thousand.</summary>
    public string Text(int column, Dictionary<string, string> pool)
    {
        var bytes = Utf8(column);
        if (buffer.Length < bytes.Length)
        {
            buffer = new char[bytes.Length];
        }

        int length = Encoding.UTF8.GetChars(bytes, buffer);
        var lookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = buffer.AsSpan(0, length);
        if (!lookup.TryGetValue(text, out var known))
        {
            known = new string(text);
            pool[known] = known;
        }

        return known;
    }

    /// <summary>A date column written as yyyy-MM-dd, read without a string.</summary>
    public DateOnly Date(int column)
    {
        var text = Utf8(column);
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            throw new FormatException($"not a yyyy-MM-dd date: '{Encoding.UTF8.GetString(text)}'");
        }

        return new DateOnly(Digits(text[..4]), Digits(text[5..7]), Digits(text[8..]));
    }

    public void Dispose()
    {
        statement.Dispose();
        connection.Dispose();
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        int value = 0;
        foreach (byte b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                throw new FormatException("not a digit in a date");
            }

            value = (value * 10) + (b - '0');
        }

        return value;
    }
}
