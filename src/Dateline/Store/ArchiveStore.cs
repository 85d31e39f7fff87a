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

    /// <summary>The open connection, for the rest of Store (the site tables, see <see cref="SiteTables"/>) and tests.</summary>
    internal SqliteConnection Connection => connection;

    /// <summary>
    /// Opens the archive at <paramref name="path"/>, creating it if there is no file or an empty
    /// database, and brings its schema up to date. Only the commands that bring day pages in
    /// (import, fetch) create an archive; the others use <see cref="OpenExisting"/>. A database
    /// that is not a Dateline archive is refused either way, before anything is written to it.
    /// </summary>
    public static ArchiveStore Open(string path) => Open(path, create: true);

    /// <summary>
    /// Opens the archive at <paramref name="path"/>, which must exist and be a Dateline archive
    /// (<see cref="ArchiveStoreException"/> otherwise, with nothing created or changed), and
    /// brings its schema up to date: a mistyped <c>--db</c> must not make an empty archive that
    /// a build would then publish over the real one's pages.
    /// </summary>
    public static ArchiveStore OpenExisting(string path) => Open(path, create: false);

    private static ArchiveStore Open(string path, bool create)
    {
        if (!create && !File.Exists(path))
        {
            throw new ArchiveStoreException($"{path}: no archive database there ('dateline import' or 'dateline fetch' creates one)");
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (create && directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 5000;");

            // Before anything that writes (WAL mode is kept in the file's header, migrations add tables).
            Recognise(connection, path, create);
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            Schema.Migrate(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new ArchiveStoreException($"{path}: cannot be opened as an archive database ({e.Message})", e);
        }
        catch (ArchiveStoreException)
        {
            connection.Dispose();
            throw;
        }

        return new ArchiveStore(connection, path);
    }

    /// <summary>
    /// Refuses a database that is not a Dateline archive: one with a schema version (every
    /// archive has one from its first migration) but without the archive's first tables, or one
    /// with no version but tables of its own (another program's). An empty database is a new
    /// archive only when <paramref name="create"/>.
    /// </summary>
    private static void Recognise(SqliteConnection connection, string path, bool create)
    {
        long Number(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        long version = Number("PRAGMA user_version");
        if (version == 0)
        {
            long objects = Number("SELECT count(*) FROM sqlite_schema");
            if (objects == 0 && create)
            {
                return;
            }

            throw new ArchiveStoreException(objects == 0
                ? $"{path}: an empty database, not a Dateline archive ('dateline import' or 'dateline fetch' creates one)"
                : $"{path}: not a Dateline archive (a SQLite database of something else); it was left as it was");
        }

        if (Number("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('days', 'events')") != 2)
        {
            throw new ArchiveStoreException($"{path}: not a Dateline archive (schema version {version}, but no days and events tables); it was left as it was");
        }
    }

    public int SchemaVersion => Convert.ToInt32(Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);

    /// <summary>Starts an import: everything stored through it appears at once on commit, or not at all.</summary>
    public ImportBatch BeginImport() => new(connection);

    /// <summary>Reads the whole archive: days in date order, events in page order.</summary>
    /// <remarks>
    /// Events, their entities and their citations are read at once on three connections (WAL
    /// lets readers run side by side) and joined by event id.
    /// </remarks>
    public Archive ReadArchive() => ReadArchive(ReadRedirects());

    /// <summary>The whole archive, with the redirect table already read (see <see cref="ReadVersion"/>).</summary>
    public Archive ReadArchive(RedirectTable redirects) => new(ReadDaysWhere(null), redirects, ReadArticles());

    /// <summary>
    /// The days of <paramref name="dates"/> that have events, with their events, in date order
    /// (for a build that follows another: the days that changed, and those it renders again).
    /// </summary>
    public IReadOnlyList<Day> ReadDays(IEnumerable<DateOnly> dates)
    {
        var wanted = dates.Distinct().Order().ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        // Dates written by this method itself (yyyy-MM-dd), never text from outside: safe inside the statement.
        return ReadDaysWhere($"date IN ({string.Join(", ", wanted.Select(d => $"'{FormatDate(d)}'"))})");
    }

    /// <summary>
    /// Every day the archive holds (with events or without), ascending, with its version: a
    /// number that changes whenever the day's page is stored again with other text or read
    /// again into other events, the only ways its events change (<see cref="ImportBatch.StoreDay"/>,
    /// <see cref="ImportBatch.Reread"/>).
    /// </summary>
    public IReadOnlyList<(DateOnly Date, ulong Version)> ReadDayVersions()
    {
        var days = new List<(DateOnly, ulong)>();
        using var reader = new RowReader(Path, "SELECT date, sha256, rereadings FROM days ORDER BY date");
        while (reader.Next())
        {
            // The first 64 bits of the page's SHA-256, and as many steps of a large odd number as
            // re-readings changed its events (none: the version an archive of before re-reading had).
            var sha = reader.Utf8(1);
            if (sha.Length < 16 || !ulong.TryParse(sha[..16], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out ulong version))
            {
                version = System.IO.Hashing.XxHash64.HashToUInt64(sha);
            }

            version += unchecked((ulong)reader.Int64(2) * 0x9E3779B97F4A7C15UL);

            days.Add((reader.Date(0), version));
        }

        return days;
    }

    /// <summary>The days with an event that names (as linked) one of <paramref name="titles"/>, ascending.</summary>
    public IReadOnlyList<DateOnly> ReadDaysNaming(IReadOnlyCollection<string> titles)
    {
        var days = new List<DateOnly>();
        if (titles.Count == 0)
        {
            return days;
        }

        using var command = Command("""
            SELECT DISTINCT e.date FROM event_entities x JOIN events e ON e.id = x.event_id
            WHERE x.title IN (SELECT value FROM json_each($titles)) ORDER BY e.date
            """);
        command.Parameters.AddWithValue("$titles", System.Text.Json.JsonSerializer.Serialize(titles));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            days.Add(ParseDate(reader.GetString(0)));
        }

        return days;
    }

    /// <summary>The headlines of the events of <paramref name="keys"/> (date and position); keys with no event are left out.</summary>
    public IReadOnlyDictionary<(DateOnly Date, int Position), string> ReadHeadlines(IEnumerable<(DateOnly Date, int Position)> keys)
    {
        // One indexed lookup a key (the UNIQUE(date, position) index), or for many keys one pass
        // over the table: a row-value IN list was read as a scan of events per chunk of keys.
        var headlines = new Dictionary<(DateOnly, int), string>();
        var wanted = keys.ToHashSet();
        if (wanted.Count > 5000)
        {
            using var all = new RowReader(Path, "SELECT date, position, headline FROM events");
            while (all.Next())
            {
                var key = (all.Date(0), all.Int32(1));
                if (wanted.Contains(key))
                {
                    headlines[key] = all.Text(2);
                }
            }

            return headlines;
        }

        using var command = Command("SELECT headline FROM events WHERE date = $date AND position = $position");
        var date = command.Parameters.Add("$date", SqliteType.Text);
        var position = command.Parameters.Add("$position", SqliteType.Integer);
        command.Prepare();
        foreach (var key in wanted)
        {
            date.Value = FormatDate(key.Date);
            position.Value = key.Position;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                headlines[key] = reader.GetString(0);
            }
        }

        return headlines;
    }

    /// <summary>A version of the known articles (every summary and image by URL): it changes whenever one of them does.</summary>
    public string ArticlesVersion()
    {
        var hash = new System.IO.Hashing.XxHash128();
        using var reader = new RowReader(Path, "SELECT url, summary, image, image_width || 'x' || image_height FROM articles WHERE summary IS NOT NULL OR image IS NOT NULL ORDER BY url");
        while (reader.Next())
        {
            for (int i = 0; i < 3; i++)
            {
                hash.Append(reader.IsNull(i) ? "\u0000"u8 : reader.Utf8(i));
                hash.Append("\u001F"u8);
            }

            // Only a declared size adds to the hash: an archive without any keeps the version it had.
            if (!reader.IsNull(3))
            {
                hash.Append(reader.Utf8(3));
                hash.Append("\u001E"u8);
            }
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The known articles (summary or image) of the URLs given; the others are left out.</summary>
    public IReadOnlyDictionary<string, Article> ReadArticles(IEnumerable<string> urls)
    {
        var articles = new Dictionary<string, Article>(StringComparer.Ordinal);
        using var command = Command("SELECT summary, image, image_width, image_height FROM articles WHERE url = $url AND (summary IS NOT NULL OR image IS NOT NULL)");
        var url = command.Parameters.Add("$url", SqliteType.Text);
        foreach (var wanted in urls.Distinct(StringComparer.Ordinal))
        {
            url.Value = wanted;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                articles[wanted] = new Article(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
                {
                    ImageWidth = reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    ImageHeight = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                };
            }
        }

        return articles;
    }

    /// <summary>
    /// <see cref="ReadFirstKnownArticles()"/> for the events of <paramref name="keys"/> only: one
    /// indexed lookup a key, or for many keys the whole pass, kept to those. A build that follows
    /// another needs the summaries of the few thousand events topic feeds show, not of every
    /// enriched event (a join of every event, citation and article, sorted).
    /// </summary>
    public IReadOnlyDictionary<(DateOnly Date, int Position), Article> ReadFirstKnownArticles(IReadOnlySet<(DateOnly Date, int Position)> keys)
    {
        var found = new Dictionary<(DateOnly, int), Article>();
        if (keys.Count > 5000)
        {
            foreach (var (day, place, article) in ReadFirstKnownArticles())
            {
                if (keys.Contains((day, place)))
                {
                    found[(day, place)] = article;
                }
            }

            return found;
        }

        using var command = Command("""
            SELECT a.summary, a.image, a.image_width, a.image_height
            FROM events e JOIN citations c ON c.event_id = e.id JOIN articles a ON a.url = c.url
            WHERE e.date = $date AND e.position = $position AND (a.summary IS NOT NULL OR a.image IS NOT NULL)
            ORDER BY c.ordinal LIMIT 1
            """);
        var date = command.Parameters.Add("$date", SqliteType.Text);
        var position = command.Parameters.Add("$position", SqliteType.Integer);
        command.Prepare();
        foreach (var key in keys)
        {
            date.Value = FormatDate(key.Date);
            position.Value = key.Position;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                found[key] = new Article(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
                {
                    ImageWidth = reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    ImageHeight = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                };
            }
        }

        return found;
    }

    /// <summary>
    /// For every event with a known article, the first of its citations (in order) whose article
    /// gives a summary or an image, and what it gives: what the event's page shows of it (the rule
    /// of SitePlan.ArticleOf), read without reading the events. Archive order.
    /// </summary>
    public IReadOnlyList<(DateOnly Date, int Position, Article Article)> ReadFirstKnownArticles()
    {
        var found = new List<(DateOnly, int, Article)>();
        using var reader = new RowReader(Path, """
            SELECT e.date, e.position, a.summary, a.image, a.image_width, a.image_height
            FROM events e JOIN citations c ON c.event_id = e.id JOIN articles a ON a.url = c.url
            WHERE a.summary IS NOT NULL OR a.image IS NOT NULL
            ORDER BY e.date, e.position, c.ordinal
            """);
        (DateOnly Date, int Position) last = default;
        while (reader.Next())
        {
            var key = (reader.Date(0), reader.Int32(1));
            if (found.Count > 0 && key == last)
            {
                continue;
            }

            last = key;
            found.Add((key.Item1, key.Item2, new Article(reader.IsNull(2) ? null : reader.Text(2), reader.IsNull(3) ? null : reader.Text(3))
            {
                ImageWidth = reader.IsNull(4) ? null : reader.Int32(4),
                ImageHeight = reader.IsNull(5) ? null : reader.Int32(5),
            }));
        }

        return found;
    }

    private List<Day> ReadDaysWhere(string? filter)
    {
        string Where(string column) => filter is null ? string.Empty : $" WHERE {column}";
        var eventsTask = Task.Run(() =>
        {
            var rows = new List<(long Id, DateOnly Date, int Position, string Category, string Stories, string Headline, int Line)>();
            var pool = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = new RowReader(Path, $"SELECT id, date, position, category, stories, headline, line FROM events{Where(filter!)} ORDER BY date, position");
            while (reader.Next())
            {
                rows.Add((reader.Int64(0), reader.Date(1), reader.Int32(2), reader.Text(3, pool), reader.Text(4, pool), reader.Text(5), reader.Int32(6)));
            }

            return (rows, pool);
        });
        var entitiesTask = Task.Run(() =>
        {
            var rows = new List<(long EventId, string Title, bool Story)>();
            var pool = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = new RowReader(Path, $"SELECT event_id, title, story FROM event_entities{Where($"event_id IN (SELECT id FROM events WHERE {filter})")} ORDER BY event_id, ordinal");
            while (reader.Next())
            {
                rows.Add((reader.Int64(0), reader.Text(1, pool), reader.Int32(2) != 0));
            }

            return rows;
        });
        var citationsTask = Task.Run(() =>
        {
            var rows = new List<(long EventId, string Label, string Url)>();
            var pool = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = new RowReader(Path, $"SELECT event_id, label, url FROM citations{Where($"event_id IN (SELECT id FROM events WHERE {filter})")} ORDER BY event_id, ordinal");
            while (reader.Next())
            {
                rows.Add((reader.Int64(0), reader.Text(1, pool), reader.Text(2)));
            }

            return rows;
        });
        var (rows, titles) = eventsTask.GetAwaiter().GetResult();

        var index = new Dictionary<long, int>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            index[rows[i].Id] = i;
        }

        var entities = new List<string>?[rows.Count];
        var storyTitles = new List<string>?[rows.Count];
        foreach (var (eventId, title, story) in entitiesTask.GetAwaiter().GetResult())
        {
            if (index.TryGetValue(eventId, out int at))
            {
                (story ? (storyTitles[at] ??= new List<string>(2)) : (entities[at] ??= new List<string>(4))).Add(title);
            }
        }

        var citations = new List<Citation>?[rows.Count];
        foreach (var (eventId, label, url) in citationsTask.GetAwaiter().GetResult())
        {
            if (index.TryGetValue(eventId, out int at))
            {
                (citations[at] ??= new List<Citation>(2)).Add(new Citation(label, url));
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
                (IReadOnlyList<string>?)entities[i] ?? [], (IReadOnlyList<Citation>?)citations[i] ?? [], row.Line)
            {
                StoryTitles = (IReadOnlyList<string>?)storyTitles[i] ?? [],
            });
            if (i + 1 == rows.Count || rows[i + 1].Date != row.Date)
            {
                days.Add(new Day(row.Date, [.. dayEvents]));
                dayEvents.Clear();
            }
        }

        return days;
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
        using var command = Command("SELECT url, summary, image, image_width, image_height FROM articles WHERE summary IS NOT NULL OR image IS NOT NULL");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            articles[reader.GetString(0)] = new Article(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            {
                ImageWidth = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                ImageHeight = reader.IsDBNull(4) ? null : reader.GetInt32(4),
            };
        }

        return articles;
    }

    /// <summary>
    /// What a build reads of the archive before its events: each day's version, the version of
    /// the known articles and the redirect table (read in that order, before any event).
    /// </summary>
    public ArchiveVersion ReadVersion() => new(ReadDayVersions(), ArticlesVersion(), ReadRedirects());

    /// <summary>
    /// A fingerprint of everything a build reads: the day pages (by their versions), the events,
    /// entities and citations stored from them (their counts), the redirect table and the known
    /// articles, given as <paramref name="version"/> (see <see cref="ReadVersion"/>). Whoever
    /// writes to the archive, a change shows here; reading it costs a fraction of a build.
    /// </summary>
    public string Fingerprint(ArchiveVersion version)
    {
        var hash = new System.IO.Hashing.XxHash128();
        void Add(string text)
        {
            hash.Append(System.Text.Encoding.UTF8.GetBytes(text));
            hash.Append("\u001F"u8);
        }

        void AddRows(string sql)
        {
            using var command = Command(sql);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    Add(reader.IsDBNull(i) ? "\u0000" : reader.GetString(i));
                }
            }
        }

        AddRows("PRAGMA user_version");
        foreach (var (date, day) in version.Days)
        {
            Add(string.Create(CultureInfo.InvariantCulture, $"{FormatDate(date)} {day:x16}"));
        }

        AddRows("SELECT count(*), max(id) FROM events");
        AddRows("SELECT count(*) FROM event_entities");
        AddRows("SELECT count(*) FROM citations");
        foreach (var (from, to) in version.Redirects.Entries)
        {
            Add(from);
            Add(to);
        }

        Add(version.Articles);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
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

    /// <summary>Dropped templates as stored: "name&lt;TAB&gt;count" lines, names in ordinal order.</summary>
    internal static string JoinDropped(IReadOnlyDictionary<string, int> dropped) =>
        string.Join('\n', dropped.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key.Replace('\t', ' ').Replace('\n', ' ')}\t{d.Value}")));

    internal static void AddDropped(string stored, IDictionary<string, int> into)
    {
        foreach (var line in stored.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int tab = line.LastIndexOf('\t');
            if (tab > 0 && int.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                var name = line[..tab];
                into[name] = into.TryGetValue(name, out int known) ? known + count : count;
            }
        }
    }

    /// <summary>The templates the reader could not show, summed over every stored day: name → how often.</summary>
    public IReadOnlyDictionary<string, int> ReadDroppedTemplates()
    {
        var dropped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using var command = Command("SELECT dropped_templates FROM days WHERE dropped_templates <> ''");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            AddDropped(reader.GetString(0), dropped);
        }

        return dropped;
    }

    /// <summary>
    /// The stored days read by a reader older than <paramref name="reader"/> (every day when
    /// <paramref name="all"/>), ascending, with the wikitext and title they were stored with.
    /// </summary>
    public IReadOnlyList<(DateOnly Date, string Title, string Wikitext)> ReadDaysToReread(int reader, bool all)
    {
        var days = new List<(DateOnly, string, string)>();
        using var command = Command($"SELECT date, title, wikitext FROM days{(all ? string.Empty : " WHERE reader < $reader")} ORDER BY date");
        command.Parameters.AddWithValue("$reader", reader);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            days.Add((ParseDate(rows.GetString(0)), rows.GetString(1), rows.GetString(2)));
        }

        return days;
    }

    /// <summary>How many stored days were read by a reader older than <paramref name="reader"/>.</summary>
    public int CountDaysToReread(int reader)
    {
        using var command = Command("SELECT count(*) FROM days WHERE reader < $reader");
        command.Parameters.AddWithValue("$reader", reader);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

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
