using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dateline.Model;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>What storing a day page did.</summary>
public enum DayChange
{
    /// <summary>The archive had no page for that day.</summary>
    Added,

    /// <summary>The day's events were replaced by this page's.</summary>
    Replaced,

    /// <summary>The archive already holds exactly this page.</summary>
    Unchanged,

    /// <summary>The archive holds a newer revision of the page; this one was passed over.</summary>
    Older,
}

/// <summary>A day page as stored: where it came from, its revision and its raw wikitext.</summary>
public sealed record DayPageRecord(
    DateOnly Date,
    string Title,
    string Source,
    string Layout,
    long? RevisionId,
    DateTimeOffset? RevisionTime,
    string Wikitext)
{
    /// <summary>The version of the reader that read its events (see <c>DayPageParser.ReaderVersion</c>).</summary>
    public int Reader { get; init; } = 1;

    /// <summary>Templates the reader could not show, by name, with how often each stood there.</summary>
    public IReadOnlyDictionary<string, int> DroppedTemplates { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// One import, one transaction: the day is the unit of change, and nothing is visible until
/// <see cref="Commit"/>. Disposed without a commit (or killed), the archive stays as it was.
/// </summary>
public sealed partial class ImportBatch : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly SqliteCommand findDay;
    private readonly SqliteCommand deleteEntities;
    private readonly SqliteCommand deleteCitations;
    private readonly SqliteCommand deleteEvents;
    private readonly SqliteCommand upsertDay;
    private readonly SqliteCommand setWikitext;
    private readonly BulkStatement insertEvent;
    private readonly RowInserter insertEntities;
    private readonly RowInserter insertCitations;
    private readonly string importedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    private bool committed;
    private long nextEventId;

    internal ImportBatch(SqliteConnection connection)
    {
        this.connection = connection;
        transaction = connection.BeginTransaction();
        findDay = Prepare("SELECT revision_id, sha256, reader FROM days WHERE date = $date", "$date");
        deleteEntities = Prepare("DELETE FROM event_entities WHERE event_id IN (SELECT id FROM events WHERE date = $date)", "$date");
        deleteCitations = Prepare("DELETE FROM citations WHERE event_id IN (SELECT id FROM events WHERE date = $date)", "$date");
        deleteEvents = Prepare("DELETE FROM events WHERE date = $date", "$date");
        upsertDay = Prepare(
            """
            INSERT INTO days(date, title, source, layout, revision_id, revision_time, sha256, wikitext, imported_at, reader, dropped_templates)
            VALUES($date, $title, $source, $layout, $rev, $revtime, $sha, $text, $at, $reader, $dropped)
            ON CONFLICT(date) DO UPDATE SET title = excluded.title, source = excluded.source, layout = excluded.layout,
                revision_id = excluded.revision_id, revision_time = excluded.revision_time, sha256 = excluded.sha256,
                wikitext = excluded.wikitext, imported_at = excluded.imported_at, reader = excluded.reader,
                dropped_templates = excluded.dropped_templates,
                rereadings = rereadings + (sha256 = excluded.sha256)
            """,
            "$date", "$title", "$source", "$layout", "$rev", "$revtime", "$sha", "$text", "$at", "$reader", "$dropped");
        setWikitext = Prepare("UPDATE days SET wikitext = $text WHERE date = $date", "$date", "$text");
        insertEvent = new BulkStatement(connection, "INSERT INTO events(id, date, position, category, stories, headline, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");

        // Ids are handed out here rather than read back per row: the import is the only writer
        // inside its transaction, and a round trip per event is most of an import's time.
        using (var maxId = Prepare("SELECT coalesce(max(id), 0) FROM events"))
        {
            nextEventId = (long)maxId.ExecuteScalar()! + 1;
        }
        insertEntities = new RowInserter(this, "event_entities(event_id, ordinal, title, story)", columns: 4);
        insertCitations = new RowInserter(this, "citations(event_id, ordinal, label, url)", columns: 4);
    }

    /// <summary>
    /// Stores a day page and its events, replacing what the archive held for that day unless it
    /// holds the same page (unchanged) or a newer revision of it (older).
    /// </summary>
    public DayChange StoreDay(DayPageRecord page, Day day)
    {
        var date = ArchiveStore.FormatDate(page.Date);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(page.Wikitext)));
        findDay.Parameters["$date"].Value = date;
        bool exists = false;
        using (var reader = findDay.ExecuteReader())
        {
            if (reader.Read())
            {
                exists = true;
                long? storedRevision = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                if (reader.GetString(1) == sha && reader.GetInt32(2) >= page.Reader)
                {
                    return DayChange.Unchanged; // the same page, read by this reader (an older one's reading is replaced)
                }

                if (storedRevision is { } stored && page.RevisionId is { } incoming && incoming < stored)
                {
                    return DayChange.Older;
                }
            }
        }

        if (exists)
        {
            DeleteEvents(date);
        }

        // The day's row is written without its text until its events are in. Each event's
        // foreign key is checked by looking its day up, and `days` is a WITHOUT ROWID table: a
        // lookup that meets a row spilling into overflow pages reads the whole row. With the
        // text in place that was the whole page once per event: quadratic in the size of a day
        // (40,000 events in one day took 62 s to store, the same events over 40 days 2.5 s).
        Set(upsertDay, ("$date", date), ("$title", page.Title), ("$source", page.Source), ("$layout", page.Layout),
            ("$rev", page.RevisionId), ("$revtime", page.RevisionTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("$sha", sha), ("$text", string.Empty), ("$at", importedAt), ("$reader", page.Reader), ("$dropped", ArchiveStore.JoinDropped(page.DroppedTemplates)));
        upsertDay.ExecuteNonQuery();

        InsertEvents(date, day);
        Set(setWikitext, ("$date", date), ("$text", page.Wikitext));
        setWikitext.ExecuteNonQuery();
        return exists ? DayChange.Replaced : DayChange.Added;
    }

    /// <summary>
    /// Stores what a newer reader read from a stored day's own wikitext: its events (when
    /// <paramref name="changed"/>: the day's version then changes, so the next build renders
    /// it), the reader's version and the templates it could not show. The page itself stays.
    /// </summary>
    public void Reread(DateOnly date, Day day, int reader, IReadOnlyDictionary<string, int> dropped, bool changed)
    {
        var text = ArchiveStore.FormatDate(date);
        if (changed)
        {
            DeleteEvents(text);
            InsertEvents(text, day);
        }

        using var update = Prepare(
            "UPDATE days SET reader = $reader, dropped_templates = $dropped, rereadings = rereadings + $changed WHERE date = $date",
            "$reader", "$dropped", "$changed", "$date");
        Set(update, ("$reader", reader), ("$dropped", ArchiveStore.JoinDropped(dropped)), ("$changed", changed ? 1 : 0), ("$date", text));
        update.ExecuteNonQuery();
    }

    private void DeleteEvents(string date)
    {
        foreach (var delete in new[] { deleteEntities, deleteCitations, deleteEvents })
        {
            delete.Parameters["$date"].Value = date;
            delete.ExecuteNonQuery();
        }
    }

    private void InsertEvents(string date, Day day)
    {
        foreach (var item in day.Events)
        {
            long id = nextEventId++;
            insertEvent.Bind(1, id).Bind(2, date).Bind(3, item.Position).Bind(4, item.Category)
                .Bind(5, ArchiveStore.JoinStories(item.Stories)).Bind(6, Headlines.Bounded(item.Headline)).Bind(7, item.Line)
                .Run();
            int linked = item.Entities.Count;
            insertEntities.Insert(linked + item.StoryTitles.Count, (row, statement, at) => statement
                .Bind(at, id).Bind(at + 1, row).Bind(at + 2, row < linked ? item.Entities[row] : item.StoryTitles[row - linked]).Bind(at + 3, row < linked ? 0 : 1));
            insertCitations.Insert(item.Citations.Count, (row, statement, at) => statement
                .Bind(at, id).Bind(at + 1, row).Bind(at + 2, item.Citations[row].Label).Bind(at + 3, item.Citations[row].Url));
        }
    }

    /// <summary>Replaces the redirect table with <paramref name="redirects"/>.</summary>
    public void StoreRedirects(IEnumerable<KeyValuePair<string, string>> redirects, string source)
    {
        using (var clear = Prepare("DELETE FROM redirects"))
        {
            clear.ExecuteNonQuery();
        }

        using var insert = Prepare(
            "INSERT INTO redirects(from_title, to_title, source, loaded_at) VALUES($from, $to, $source, $at) ON CONFLICT(from_title) DO UPDATE SET to_title = excluded.to_title",
            "$from", "$to", "$source", "$at");
        foreach (var (from, to) in redirects)
        {
            Set(insert, ("$from", from), ("$to", to), ("$source", source), ("$at", importedAt));
            insert.ExecuteNonQuery();
        }
    }

    public void Commit()
    {
        transaction.Commit();
        committed = true;
    }

    public void Dispose()
    {
        if (!committed)
        {
            transaction.Rollback();
        }

        insertEntities.Dispose();
        insertCitations.Dispose();
        insertEvent.Dispose();
        foreach (var command in new[] { findDay, deleteEntities, deleteCitations, deleteEvents, upsertDay, setWikitext })
        {
            command.Dispose();
        }

        transaction.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare(); // compiled once, bound and stepped for every row
        return command;
    }

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
    }

    /// <summary>
    /// Inserts an event's rows (its entities, its citations) with one statement of up to eight
    /// rows rather than one statement a row: the per-statement cost is most of an import.
    /// </summary>
    private sealed class RowInserter(ImportBatch batch, string table, int columns) : IDisposable
    {
        private const int MaxRows = 8;
        private readonly BulkStatement?[] byRows = new BulkStatement?[MaxRows + 1];

        /// <summary>Inserts <paramref name="count"/> rows; <paramref name="bind"/> binds row i's values from parameter <c>at</c> on.</summary>
        public void Insert(int count, Action<int, BulkStatement, int> bind)
        {
            for (int start = 0; start < count; start += MaxRows)
            {
                int rows = Math.Min(MaxRows, count - start);
                var statement = byRows[rows] ??= Create(rows);
                for (int r = 0; r < rows; r++)
                {
                    bind(start + r, statement, (r * columns) + 1);
                }

                statement.Run();
            }
        }

        public void Dispose()
        {
            foreach (var statement in byRows)
            {
                statement?.Dispose();
            }
        }

        private BulkStatement Create(int rows)
        {
            var tuples = Enumerable.Range(0, rows)
                .Select(r => "(" + string.Join(", ", Enumerable.Range((r * columns) + 1, columns).Select(i => $"?{i}")) + ")");
            return new BulkStatement(batch.connection, $"INSERT INTO {table} VALUES {string.Join(", ", tuples)}");
        }
    }
}
