using System.Globalization;
using Dateline.Model;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>
/// The archive database: one SQLite file in WAL mode. Day pages go in through
/// <see cref="BeginImport"/> (one transaction per import); builds read everything back with
/// <see cref="ReadArchive"/>.
/// </summary>
public sealed partial class ArchiveStore : IDisposable
{
    private const char StorySeparator = '\u001F';

    private readonly SqliteConnection connection;

    private ArchiveStore(SqliteConnection connection, string path)
    {
        this.connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The open connection, for the site index written at build time.</summary>
    internal SqliteConnection Connection => connection;

    /// <summary>Opens (creating if needed) the archive at <paramref name="path"/> and brings its schema up to date.</summary>
    public static ArchiveStore Open(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
            Schema.Migrate(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new ArchiveStoreException($"{path}: cannot be opened as an archive database ({e.Message})", e);
        }

        return new ArchiveStore(connection, path);
    }

    public int SchemaVersion => Convert.ToInt32(Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);

    /// <summary>Starts an import: everything stored through it appears at once on commit, or not at all.</summary>
    public ImportBatch BeginImport() => new(connection);

    /// <summary>Reads the whole archive: days in date order, events in page order.</summary>
    public Archive ReadArchive()
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal); // one string per distinct title
        var rows = new List<(long Id, DateOnly Date, int Position, string Category, string Stories, string Headline, int Line)>();
        var index = new Dictionary<long, int>();
        using (var command = Command("SELECT id, date, position, category, stories, headline, line FROM events ORDER BY date, position"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                index[reader.GetInt64(0)] = rows.Count;
                rows.Add((reader.GetInt64(0), ParseDate(reader.GetString(1)), reader.GetInt32(2), Intern(titles, reader.GetString(3)),
                    reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
            }
        }

        var entities = new List<string>?[rows.Count];
        using (var command = Command("SELECT event_id, title FROM event_entities ORDER BY event_id, ordinal"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (index.TryGetValue(reader.GetInt64(0), out int at))
                {
                    (entities[at] ??= new List<string>(4)).Add(Intern(titles, reader.GetString(1)));
                }
            }
        }

        var citations = new List<Citation>?[rows.Count];
        using (var command = Command("SELECT event_id, label, url FROM citations ORDER BY event_id, ordinal"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (index.TryGetValue(reader.GetInt64(0), out int at))
                {
                    (citations[at] ??= new List<Citation>(2)).Add(new Citation(Intern(titles, reader.GetString(1)), reader.GetString(2)));
                }
            }
        }

        var days = new List<Day>();
        var dayEvents = new List<Event>();
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var stories = row.Stories.Length == 0
                ? Array.Empty<string>()
                : row.Stories.Split(StorySeparator).Select(s => Intern(titles, s)).ToArray();
            dayEvents.Add(new Event(row.Date, row.Position, row.Category, stories, row.Headline,
                (IReadOnlyList<string>?)entities[i] ?? [], (IReadOnlyList<Citation>?)citations[i] ?? [], row.Line));
            if (i + 1 == rows.Count || rows[i + 1].Date != row.Date)
            {
                days.Add(new Day(row.Date, [.. dayEvents]));
                dayEvents.Clear();
            }
        }

        return new Archive(days, ReadRedirects(), ReadArticles());
    }

    public RedirectTable ReadRedirects()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        using var command = Command("SELECT from_title, to_title FROM redirects ORDER BY from_title");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pairs.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return new RedirectTable(pairs);
    }

    /// <summary>Summaries and images known for cited URLs; URLs whose fetch failed are left out.</summary>
    public IReadOnlyDictionary<string, Article> ReadArticles()
    {
        var articles = new Dictionary<string, Article>(StringComparer.Ordinal);
        using var command = Command("SELECT url, summary, image FROM articles WHERE summary IS NOT NULL OR image IS NOT NULL");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            articles[reader.GetString(0)] = new Article(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return articles;
    }

    /// <summary>The raw wikitext kept for a day, so it can be parsed again.</summary>
    public string? ReadWikitext(DateOnly date)
    {
        using var command = Command("SELECT wikitext FROM days WHERE date = $date");
        command.Parameters.AddWithValue("$date", FormatDate(date));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Counts of what the archive holds.</summary>
    public StoreCounts ReadCounts() => new(
        Count("SELECT count(*) FROM days"),
        Count("SELECT count(*) FROM events"),
        Count("SELECT count(*) FROM citations"),
        Count("SELECT count(*) FROM redirects"),
        Count("SELECT count(*) FROM articles WHERE summary IS NOT NULL OR image IS NOT NULL"));

    public void Dispose() => connection.Dispose();

    internal static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string JoinStories(IReadOnlyList<string> stories) => string.Join(StorySeparator, stories);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Intern(Dictionary<string, string> pool, string value)
    {
        if (pool.TryGetValue(value, out var existing))
        {
            return existing;
        }

        pool[value] = value;
        return value;
    }

    private int Count(string sql) => Convert.ToInt32(Scalar(sql), CultureInfo.InvariantCulture);

    private object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>How many of each thing the archive database holds.</summary>
public sealed record StoreCounts(int Days, int Events, int Citations, int Redirects, int Articles);
