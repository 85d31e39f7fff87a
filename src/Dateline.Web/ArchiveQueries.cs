using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dateline.Publishing;
using Dateline.Store;
using Microsoft.Data.Sqlite;

namespace Dateline.Web;

/// <summary>An event as lists show it.</summary>
public sealed record EventSummary(string Date, string Headline, string Url, string Markdown, string Category);

/// <summary>An event with everything its page shows.</summary>
public sealed record EventDetail(
    string Date,
    string Headline,
    string Url,
    string Markdown,
    string Category,
    string? Summary,
    string? Image,
    IReadOnlyList<JsonCitation> Citations,
    IReadOnlyList<TopicRef> Entities,
    IReadOnlyList<RelatedRef> Related);

/// <summary>An entity as the API names it.</summary>
public sealed record TopicRef(string Title, string Slug, string Url);

/// <summary>A related event, with the entities it shares.</summary>
public sealed record RelatedRef(string Headline, string Url, IReadOnlyList<string> Context);

/// <summary>A page of an entity's events, newest first.</summary>
public sealed record EntityEvents(TopicRef Entity, int Total, int Page, int Size, IReadOnlyList<EventSummary> Events);

/// <summary>One search hit: the headline and summary with highlight marks (see <see cref="SiteIndex.MarkStart"/>).</summary>
public sealed record SearchHit(string Date, string Url, string Headline, string HighlightedHeadline, string? HighlightedSummary, IReadOnlyList<TopicRef> Entities);

/// <summary>A page of search results, best first.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, bool HasMore);

/// <summary>
/// Read-only queries over the site tables a build wrote (migration 3). Each session is one
/// read-only connection with its statements prepared once; sessions are pooled, so a request
/// never pays for opening the database or compiling SQL, and requests on different threads
/// never share a connection.
/// </summary>
public sealed class ArchiveQueries : IDisposable
{
    private const string EventColumns = "date, headline, page, category";

    /// <summary>How many words of a summary a search hit shows.</summary>
    private const int SnippetWords = 24;

    private readonly string connectionString;
    private readonly ConcurrentBag<Session> idle = [];

    public ArchiveQueries(string databasePath)
    {
        SqliteSetup.Apply();

        // Refuse a database that is not an archive (a mistyped path, another program's file), and
        // bring an archive's schema up to date once, so the site tables exist even before the first build.
        using (ArchiveStore.OpenExisting(databasePath))
        {
        }

        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
    }

    public IReadOnlyList<EventSummary> Day(DateOnly date) => Use(session =>
    {
        var command = session.Command($"SELECT {EventColumns} FROM site_events WHERE date = $a ORDER BY position");
        command.Parameters[0].Value = ArchiveStore.FormatDate(date);
        return ReadSummaries(command);
    });

    public EventDetail? Event(string page) => Use(session =>
    {
        var command = session.Command($"SELECT {EventColumns}, summary, image, citations, entities, related FROM site_events WHERE page = $a");
        command.Parameters[0].Value = page;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var summary = Summary(reader);
        var citations = JsonSerializer.Deserialize<JsonCitation[]>(reader.GetString(6), SiteJson.Options) ?? [];
        var entities = JsonSerializer.Deserialize<JsonTopic[]>(reader.GetString(7), SiteJson.Options) ?? [];
        var related = RelatedIds(reader.GetString(8));
        var text = reader.IsDBNull(4) ? null : reader.GetString(4);
        var image = reader.IsDBNull(5) ? null : reader.GetString(5);

        // A related event's context is what the page shows, kept with it; tables of before it was
        // kept give the entities the two events both name, in context order (see RelatedEvents).
        var titles = entities.Select(e => e.Title).ToHashSet(StringComparer.Ordinal);
        var contexts = RelatedContexts(reader.GetString(8));
        reader.Close();
        var relatedEvents = new Dictionary<long, RelatedRef>(related.Length);
        var lookup = session.Command("SELECT id, headline, page, entities FROM site_events WHERE id IN (SELECT value FROM json_each($a))");
        lookup.Parameters[0].Value = JsonSerializer.Serialize(related);
        using (var rows = lookup.ExecuteReader())
        {
            while (rows.Read())
            {
                long id = rows.GetInt64(0);
                if (!contexts.TryGetValue(id, out var shared))
                {
                    var computed = Topics(rows.GetFieldValue<byte[]>(3)).Select(t => t.Title).Where(titles.Contains).ToList();
                    computed.Sort(Linking.RelatedEvents.ContextOrder);
                    shared = computed;
                }

                relatedEvents[id] = new RelatedRef(rows.GetString(1).Trim(), Url(rows.GetString(2)), shared);
            }
        }

        return new EventDetail(
            summary.Date,
            summary.Headline,
            summary.Url,
            summary.Markdown,
            summary.Category,
            text,
            image,
            citations,
            [.. entities.Select(Topic)],
            [.. related.Where(relatedEvents.ContainsKey).Select(id => relatedEvents[id])]);
    });

    /// <summary>
    /// The related events' ids, in rank order. Site tables written before the contexts were
    /// left out held [{id, context}]: those are read too, until the next build rewrites them.
    /// </summary>
    internal static long[] RelatedIds(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object ? item.GetProperty("id").GetInt64() : item.GetInt64())];
    }

    /// <summary>The contexts kept with the related events ([{id, context}]), by id; none for tables that keep only ids.</summary>
    internal static Dictionary<long, IReadOnlyList<string>> RelatedContexts(string json)
    {
        var contexts = new Dictionary<long, IReadOnlyList<string>>();
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Array)
            {
                contexts[item.GetProperty("id").GetInt64()] = [.. context.EnumerateArray().Select(c => c.GetString() ?? string.Empty)];
            }
        }

        return contexts;
    }

    /// <summary>An entity by slug, or by exact title.</summary>
    public (long Id, TopicRef Entity, int Events)? Entity(string slugOrTitle) => Use<(long, TopicRef, int)?>(session =>
    {
        var command = session.Command("SELECT id, title, slug, events FROM site_entities WHERE slug = $a OR title = $a ORDER BY slug = $a DESC LIMIT 1");
        command.Parameters[0].Value = slugOrTitle;
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), new TopicRef(reader.GetString(1), reader.GetString(2), "/news/entity/" + reader.GetString(2) + ".html"), reader.GetInt32(3))
            : null;
    });

    public IReadOnlyList<EventSummary> EntityEvents(long entity, int offset, int limit) => Use(session =>
    {
        var command = session.Command(
            $"SELECT {EventColumns} FROM site_event_entities x JOIN site_events e ON e.id = x.event_id WHERE x.entity_id = $a ORDER BY x.event_id DESC LIMIT $b + 0 OFFSET $c + 0");
        command.Parameters[0].Value = entity;
        command.Parameters[1].Value = limit;
        command.Parameters[2].Value = offset;
        return ReadSummaries(command);
    });

    /// <summary>
    /// Full-text search, ranked by bm25 (headline counts most, then entity titles, then the
    /// summary; for a search of one phrase the same order at half the cost, see
    /// <see cref="SearchRank"/>); newer first on equal rank. One statement: the ranked page of
    /// rowids (the FTS index alone, plus the entity's event list when filtered), joined to the
    /// rows of that page only. A date range is a range of rowids (site_events ids follow date
    /// order, see <see cref="SiteIndex"/>), which FTS5 seeks to in its doclists instead of
    /// testing each match. The terms are marked in the page's texts here
    /// (<see cref="SearchMarks"/>), not by FTS5, which would have to match the whole search
    /// again to do it.
    /// </summary>
    public SearchResults Search(SearchQuery query, DateOnly? from, DateOnly? to, long? entity, int offset, int limit) => Use(session =>
    {
        long low = 1, high = long.MaxValue;
        if (from is { } first)
        {
            var command = session.Command("SELECT id FROM site_events WHERE date >= $a ORDER BY date, position LIMIT 1");
            command.Parameters[0].Value = ArchiveStore.FormatDate(first);
            low = command.ExecuteScalar() is long id ? id : long.MaxValue;
        }

        if (to is { } last)
        {
            var command = session.Command("SELECT id FROM site_events WHERE date <= $a ORDER BY date DESC, position DESC LIMIT 1");
            command.Parameters[0].Value = ArchiveStore.FormatDate(last);
            high = command.ExecuteScalar() is long id ? id : 0;
        }

        if (low > high)
        {
            return new SearchResults([], false);
        }

        // '+' keeps the entity a filter over the FTS matches, checked against the entity's events
        // gathered once; as an index constraint FTS5 would re-run the MATCH for every one of them.
        var filter = entity is null ? string.Empty : " AND +rowid IN (SELECT event_id FROM site_event_entities WHERE entity_id = $d)";
        var search = session.Command(
            $"""
            SELECT e.id, e.date, e.page, e.headline, e.entities, e.summary
            FROM (SELECT rowid AS id, {(query.OnePhrase && session.HasRank ? SearchRank.Name : "bm25")}(site_search, 10.0, 2.0, 5.0) AS score FROM site_search
                  WHERE site_search MATCH $a AND rowid BETWEEN $b AND $c{filter}
                  ORDER BY score, rowid DESC LIMIT $e + 0 OFFSET $f + 0) AS r
            JOIN site_events AS e ON e.id = r.id
            ORDER BY r.score, r.id DESC
            """);
        search.Parameters["$a"].Value = query.Match;
        search.Parameters["$b"].Value = low;
        search.Parameters["$c"].Value = high;
        if (entity is { } entityId)
        {
            search.Parameters["$d"].Value = entityId;
        }

        search.Parameters["$e"].Value = limit + 1;
        search.Parameters["$f"].Value = offset;
        var marks = new SearchMarks(query);
        var hits = new List<SearchHit>(limit + 1);
        using (var reader = search.ExecuteReader())
        {
            while (reader.Read())
            {
                var headline = reader.GetString(3);
                var entities = Topics(reader.GetFieldValue<byte[]>(4));
                var summary = reader.IsDBNull(5) ? null : marks.Snippet(reader.GetString(5), SiteIndex.MarkStart, SiteIndex.MarkEnd, "…", SnippetWords);
                hits.Add(new SearchHit(
                    reader.GetString(1),
                    Url(reader.GetString(2)),
                    headline.Trim(),
                    marks.Highlight(headline, SiteIndex.MarkStart, SiteIndex.MarkEnd).Trim(),
                    summary is { Length: > 0 } ? summary : null,
                    entities));
            }
        }

        bool more = hits.Count > limit;
        if (more)
        {
            hits.RemoveAt(limit);
        }

        return new SearchResults(hits, more);
    });

    /// <summary>
    /// How many times the idle sessions' statements were compiled again. SQLite recompiles a
    /// statement whenever a parameter it planned with changes (a bare LIMIT or OFFSET parameter
    /// is one: hence the "+ 0" that makes them plain values), which would undo the point of
    /// preparing once.
    /// </summary>
    internal long Recompilations() => idle.Sum(session => session.Recompilations());

    public void Dispose()
    {
        while (idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    internal static string Url(string page) => "/" + page + ".html";

    /// <summary>
    /// The entities of a hit, read straight from the JSON the build stored ([{title, page}], as
    /// UTF-8 from SQLite): a page of hits reads a few dozen, and the serializer's general path
    /// (records with constructors) was a tenth of a search's time.
    /// </summary>
    internal static List<TopicRef> Topics(ReadOnlySpan<byte> json)
    {
        var topics = new List<TopicRef>();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("site_events.entities: not a JSON array");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? title = null, page = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isTitle = reader.ValueTextEquals("title"u8);
                bool isPage = !isTitle && reader.ValueTextEquals("page"u8);
                reader.Read();
                if (isTitle)
                {
                    title = reader.GetString();
                }
                else if (isPage)
                {
                    page = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            topics.Add(Topic(new JsonTopic(title ?? throw new JsonException("site_events.entities: an entity without a title"), page ?? throw new JsonException("site_events.entities: an entity without a page"))));
        }

        return topics;
    }

    private static TopicRef Topic(JsonTopic topic) => new(topic.Title, topic.Page[(topic.Page.LastIndexOf('/') + 1)..], Url(topic.Page));

    private static EventSummary Summary(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1).Trim(), Url(reader.GetString(2)), "/" + reader.GetString(2) + ".md", reader.GetString(3));

    private static List<EventSummary> ReadSummaries(SqliteCommand command)
    {
        var list = new List<EventSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(Summary(reader));
        }

        return list;
    }

    private T Use<T>(Func<Session, T> query)
    {
        if (!idle.TryTake(out var session))
        {
            session = new Session(connectionString);
        }

        try
        {
            var result = query(session);
            idle.Add(session);
            return result;
        }
        catch
        {
            session.Dispose(); // a session that failed mid-query is not trusted again
            throw;
        }
    }

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

/// <summary>Formats shared by the API and the search page.</summary>
internal static class Formats
{
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
