using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>
/// <c>dateline_rank(site_search, w0, w1, w2)</c>: FTS5's bm25 for a query of one phrase, at
/// half the cost. bm25 multiplies each phrase's weight in a row by the phrase's IDF, which FTS5
/// finds by running the phrase again over the whole index (every match visited twice: most of
/// what a search for "Ministry of Health (…)" costs, "of" being in most rows). With one phrase,
/// the IDF is one positive number for every row: it scales all scores alike and cannot change
/// their order, so this function leaves it out and returns the rest of bm25, term for term
/// (k1 = 1.2, b = 0.75, the frequencies weighted by column, the row's length against the
/// average). Searches of more than one phrase keep bm25 (their IDFs differ). A test holds the
/// order to bm25's on the sample archive.
/// </summary>
internal static unsafe class SearchRank
{
    public const string Name = "dateline_rank";

    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>
    /// Adds the function to this connection's FTS5 (once per connection); false when this SQLite
    /// cannot take it (no FTS5, or not its C interface), and searches then rank with bm25.
    /// </summary>
    public static bool TryRegister(SqliteConnection connection)
    {
        try
        {
            Register(connection);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The function that hands each row's weighted frequency to <see cref="Collect"/> (for the build).</summary>
    public const string CollectName = "dateline_collect";

    /// <summary>Where <see cref="CollectRow"/> hands its rows, while <see cref="Collect"/> runs on this thread.</summary>
    [ThreadStatic]
    private static Action<long, double>? collector;

    /// <summary>Adds dateline_collect (see <see cref="RegisterCollector"/>); false when this SQLite cannot take it.</summary>
    public static bool TryRegisterCollector(SqliteConnection connection)
    {
        try
        {
            RegisterCollector(connection);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Adds the function to this connection's FTS5 (once per connection).</summary>
    public static void Register(SqliteConnection connection) => Register(connection, Text("dateline_rank"u8), &Rank);

    /// <summary>
    /// Adds <c>dateline_collect(site_search, w0, w1, w2)</c> to this connection's FTS5: for each
    /// row of the query, it hands <see cref="Collect"/>'s callback the row's id and the phrase's
    /// frequency weighted by column, as <c>dateline_rank</c> counts it, and returns NULL.
    /// </summary>
    public static void RegisterCollector(SqliteConnection connection) => Register(connection, Text("dateline_collect"u8), &CollectRow);

    /// <summary>Runs <paramref name="query"/> (which calls dateline_collect) with <paramref name="add"/> receiving its rows.</summary>
    public static void Collect(Action<long, double> add, Action query)
    {
        collector = add;
        try
        {
            query();
        }
        finally
        {
            collector = null;
        }
    }

    private static void Register(SqliteConnection connection, byte* name, delegate* unmanaged[Cdecl]<Fts5ExtensionApi*, nint, nint, int, nint*, void> function)
    {
        var db = connection.Handle!.DangerousGetHandle();
        nint statement;
        if (Native.Prepare(db, Text("SELECT fts5(?1)"u8), -1, &statement, null) != 0)
        {
            throw new InvalidOperationException("FTS5 is not in this SQLite");
        }

        try
        {
            Fts5Api* api = null;
            // FTS5 writes its interface's address where the bound pointer points, as it runs the statement.
            if (Native.BindPointer(statement, 1, &api, Text("fts5_api_ptr"u8), 0) != 0 || Native.Step(statement) is not (100 or 101) || api is null)
            {
                throw new InvalidOperationException("cannot reach FTS5's interface");
            }

            int result = api->CreateFunctionPointer(api, name, null, function, 0);
            if (result != 0)
            {
                throw new InvalidOperationException($"cannot add a function to FTS5 (SQLite error {result})");
            }
        }
        finally
        {
            Native.Finalize(statement);
        }
    }

    /// <summary>A C string from a UTF-8 literal: the compiler stores those with a NUL after them, for the life of the process.</summary>
    private static byte* Text(ReadOnlySpan<byte> literal) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(literal));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rank(Fts5ExtensionApi* api, nint fts, nint context, int count, nint* values)
    {
        long rows = 0;
        long total = 0;
        int size = 0;
        if (api->RowCount(fts, &rows) != 0 || api->ColumnTotalSize(fts, -1, &total) != 0 || api->ColumnSize(fts, -1, &size) != 0 || !Frequency(api, fts, count, values, out double frequency))
        {
            Native.ResultError(context, Text("dateline_rank: FTS5 could not say what it matched"u8), -1);
            return;
        }

        Native.ResultDouble(context, -Score(frequency, size, rows, total)); // smaller is better, as with bm25
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void CollectRow(Fts5ExtensionApi* api, nint fts, nint context, int count, nint* values)
    {
        if (collector is not { } add || !Frequency(api, fts, count, values, out double frequency))
        {
            Native.ResultError(context, Text("dateline_collect: nothing to collect for, or FTS5 could not say what it matched"u8), -1);
            return;
        }

        try
        {
            add(api->Rowid(fts), frequency);
        }
        catch (Exception)
        {
            Native.ResultError(context, Text("dateline_collect: the collector failed"u8), -1);
        }
    }

    /// <summary>The phrase's occurrences in the current row, each weighted by its column's value among <paramref name="values"/> (1 beyond them).</summary>
    private static bool Frequency(Fts5ExtensionApi* api, nint fts, int count, nint* values, out double frequency)
    {
        frequency = 0;
        int instances = 0;
        if (api->InstCount(fts, &instances) != 0)
        {
            return false;
        }

        for (int i = 0; i < instances; i++)
        {
            int phrase, column, offset;
            if (api->Inst(fts, i, &phrase, &column, &offset) != 0)
            {
                return false;
            }

            frequency += column < count ? Native.ValueDouble(values[column]) : 1.0;
        }

        return true;
    }

    /// <summary>
    /// The score of a row (greater is better): <paramref name="frequency"/> is the phrase's count
    /// in each column times the column's weight, summed; <paramref name="size"/> the row's length
    /// in words; <paramref name="rows"/> and <paramref name="total"/> the index's row count and
    /// length in words. The one computation of it, for FTS5's rows and for the rankings a build
    /// makes (<see cref="SiteTables.RankTopTerms"/>), so both give the same number, bit for bit.
    /// </summary>
    public static double Score(double frequency, int size, long rows, long total)
    {
        double average = rows > 0 ? (double)total / rows : 1.0;
        return frequency * (K1 + 1.0) / (frequency + (K1 * (1 - B + (B * size / average))));
    }

    /// <summary>The start of FTS5's fts5_api: the version, then its functions (only the one used here is named).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5Api
    {
        public int Version;
        public nint CreateTokenizer;
        public nint FindTokenizer;
        public delegate* unmanaged[Cdecl]<Fts5Api*, byte*, void*, delegate* unmanaged[Cdecl]<Fts5ExtensionApi*, nint, nint, int, nint*, void>, nint, int> CreateFunctionPointer;
    }

    /// <summary>The start of Fts5ExtensionApi, in its order (members up to xColumnSize, there since FTS5's first version).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ExtensionApi
    {
        public int Version;
        public nint UserData;
        public nint ColumnCount;
        public delegate* unmanaged[Cdecl]<nint, long*, int> RowCount;
        public delegate* unmanaged[Cdecl]<nint, int, long*, int> ColumnTotalSize;
        public nint Tokenize;
        public nint PhraseCount;
        public nint PhraseSize;
        public delegate* unmanaged[Cdecl]<nint, int*, int> InstCount;
        public delegate* unmanaged[Cdecl]<nint, int, int*, int*, int*, int> Inst;
        public delegate* unmanaged[Cdecl]<nint, long> Rowid;
        public nint ColumnText;
        public delegate* unmanaged[Cdecl]<nint, int, int*, int> ColumnSize;
    }

    private static class Native
    {
        [DllImport("e_sqlite3", EntryPoint = "sqlite3_prepare_v2")]
        public static extern int Prepare(nint db, byte* sql, int length, nint* statement, byte** tail);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_bind_pointer")]
        public static extern int BindPointer(nint statement, int index, void* pointer, byte* type, nint destroy);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_step")]
        public static extern int Step(nint statement);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_finalize")]
        public static extern int Finalize(nint statement);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_value_double")]
        public static extern double ValueDouble(nint value);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_result_double")]
        public static extern void ResultDouble(nint context, double value);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_result_error")]
        public static extern void ResultError(nint context, byte* message, int length);
    }
}
