using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>
/// The site tables (migrations 3 and 5: <c>site_events</c>, <c>site_entities</c>,
/// <c>site_event_entities</c>, the FTS5 index <c>site_search</c>, <c>site_build</c>): the published
/// site as the server reads it, with the same paths, entities and related lists as the pages.
/// Every statement that writes or reads them is here: a build replaces them whole or updates the
/// rows it changed (rows made by Publishing from its page model), and the server reads them
/// through <see cref="Reader"/>. An event's id is its day number * 2^32 + its place on the day,
/// so ids follow archive order (the search reads a date range as a range of ids) and stay put
/// when other days change. One transaction each time, so a reader sees the old site or the new
/// one, never half of each.
/// </summary>
internal static partial class SiteTables
{
    /// <summary>Marks search highlights; removed from the stored (and so indexed) text so a headline cannot fake one.</summary>
    public const char MarkStart = '\uE000';

    /// <summary>Ends a search highlight.</summary>
    public const char MarkEnd = '\uE001';

    /// <summary>
    /// True when the tables are those of the build made from <paramref name="source"/> and hold
    /// <paramref name="events"/> events (by default, as many as the archive): a build that finds
    /// its pages current may skip them only then, and a build that follows another changes only
    /// some rows only then (tables emptied, filled by another build, or a database from before
    /// these tables would be left half made).
    /// </summary>
    public static bool Holds(ArchiveStore store, string? source, int? events = null)
    {
        if (source is null)
        {
            return false;
        }

        using var command = store.Connection.CreateCommand();
        command.CommandText = """
            SELECT coalesce((SELECT source FROM site_build) = $source, 0)
               AND (SELECT count(*) FROM site_events) = coalesce($events, (SELECT count(*) FROM events))
            """;
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$events", events is { } n ? n : DBNull.Value);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>Replaces the tables with a whole archive's rows, recorded as the build made from <paramref name="source"/>.</summary>
    /// <param name="entities">Every entity title the build links; an entity's id is its place in this list + 1 (ordinal title order).</param>
    /// <param name="links">The events naming each entity, in entity order, then event order.</param>
    /// <param name="events">Every event, in id order (read as they are written).</param>
    public static void Replace(ArchiveStore store, IReadOnlyList<SiteEntity> entities, IEnumerable<SiteLink> links, IEnumerable<SiteEvent> events, string source)
    {
        using var pending = Begin(store, entities, links, events, source);
        pending.Commit();
    }

    /// <summary>
    /// Writes what <see cref="Replace"/> writes into a transaction left open: the caller commits
    /// it (<see cref="Pending.Commit"/>) once the pages the rows name are on disk, or disposes of
    /// it, which rolls it back and leaves the tables as they were. Until then nothing else may
    /// use the store's connection.
    /// </summary>
    public static Pending Begin(ArchiveStore store, IReadOnlyList<SiteEntity> entities, IEnumerable<SiteLink> links, IEnumerable<SiteEvent> events, string source)
    {
        Execute(store.Connection, null, "PRAGMA cache_size = -131072"); // 128 MiB: the rewrite touches every page of these tables
        return Pending.Of(store.Connection, transaction => Fill(store.Connection, transaction, entities, links, events, source));
    }

    private static void Fill(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<SiteEntity> entities, IEnumerable<SiteLink> links, IEnumerable<SiteEvent> events, string source)
    {

        // 'delete-all' empties an external-content index without reading it; the plain tables
        // have no triggers, so DELETE without WHERE truncates them.
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('delete-all')");
        Execute(connection, transaction, "DELETE FROM site_events");
        ReplaceEntities(connection, transaction, entities, links);

        // In id order, so the table is appended to rather than split page by page.
        using (var insert = new EventRows(connection, transaction, search: false))
        {
            foreach (var row in events)
            {
                insert.Add(row);
            }
        }

        // One pass over the content, then every segment merged into one: a query reads one
        // doclist per term instead of merging a dozen (half the cost of a typical search). With
        // 64 MiB of terms held before a segment is written (1 MiB by default) the pass writes a
        // few segments instead of a hundred merged as it goes: the rebuild and merge took 0.9 s
        // of processor time instead of 1.5 s on the benchmark archive. (A setting the index
        // keeps; a build that follows another writes far less than that in one go anyway.)
        Execute(connection, transaction, "INSERT INTO site_search(site_search, rank) VALUES('hashsize', 67108864)");
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('rebuild')");
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('optimize')");
        MarkBuild(connection, transaction, source);
    }

    /// <summary>
    /// For a build that followed another: the rows of the events in <paramref name="gone"/> (ids
    /// of the previous build, with the entity titles they named) and of <paramref name="events"/>
    /// are taken out, search index included, and <paramref name="events"/> put in. Entities keep
    /// their ids; a new title gets the next free one, a title no event names any more goes. Rows
    /// of other events stay as they are: their pages did not change.
    /// </summary>
    /// <param name="entities">Every entity title the build links (as for <see cref="Replace"/>).</param>
    /// <param name="links">The entities each event of <paramref name="events"/> names.</param>
    /// <param name="events">The events whose pages the build rendered, in id order.</param>
    public static void Update(
        ArchiveStore store,
        IReadOnlyList<SiteEntity> entities,
        IEnumerable<SiteLink> links,
        IReadOnlyList<SiteEvent> events,
        IReadOnlyList<(long Id, IReadOnlyList<string> Titles)> gone,
        string source)
    {
        using var pending = BeginUpdate(store, entities, links, events, gone, source);
        pending.Commit();
    }

    /// <summary>
    /// Writes what <see cref="Update"/> writes, in a transaction the caller commits once the
    /// pages are on disk, or disposes of to leave the tables as they were (as <see cref="Begin"/>).
    /// </summary>
    public static Pending BeginUpdate(
        ArchiveStore store,
        IReadOnlyList<SiteEntity> entities,
        IEnumerable<SiteLink> links,
        IReadOnlyList<SiteEvent> events,
        IReadOnlyList<(long Id, IReadOnlyList<string> Titles)> gone,
        string source)
    {
        return Pending.Of(store.Connection, transaction => Change(store.Connection, transaction, entities, links, events, gone, source));
    }

    private static void Change(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<SiteEntity> entities,
        IEnumerable<SiteLink> links,
        IReadOnlyList<SiteEvent> events,
        IReadOnlyList<(long Id, IReadOnlyList<string> Titles)> gone,
        string source)
    {
        var ids = gone.Select(g => g.Id).Concat(events.Select(e => e.Id)).Distinct().Order().ToArray();

        // An external-content index forgets a row only when told its indexed text: read from the row before it goes.
        using (var forget = Prepare(connection, transaction, "INSERT INTO site_search(site_search, rowid, headline, summary, entity_titles) SELECT 'delete', id, headline, summary, entity_titles FROM site_events WHERE id = $id", "$id"))
        using (var delete = Prepare(connection, transaction, "DELETE FROM site_events WHERE id = $id", "$id"))
        {
            foreach (long id in ids)
            {
                Run(forget, id);
                Run(delete, id);
            }
        }

        var entityIds = UpdateEntities(connection, transaction, entities);
        using (var unlink = Prepare(connection, transaction, "DELETE FROM site_event_entities WHERE entity_id = (SELECT id FROM site_entities WHERE title = $title) AND event_id = $event", "$title", "$event"))
        {
            foreach (var (id, titles) in gone)
            {
                foreach (var title in titles)
                {
                    Run(unlink, title, id);
                }
            }
        }

        // An event rendered again on a day that did not change names what it named: its links are there already.
        using (var link = Prepare(connection, transaction, "INSERT OR IGNORE INTO site_event_entities(entity_id, event_id) VALUES($entity, $event)", "$entity", "$event"))
        {
            foreach (var (entity, id) in links)
            {
                Run(link, entityIds[entity], id);
            }
        }

        Execute(connection, transaction, "DELETE FROM site_entities WHERE events = 0");
        using (var insert = new EventRows(connection, transaction, search: true))
        {
            foreach (var row in events)
            {
                insert.Add(row);
            }
        }

        // The changes are a new, small segment of the search index, left to FTS5's automerge
        // (four segments of a level make one of the next). Merging everything into one here
        // ('optimize') rewrote the whole index, 24 MB through the WAL, for a day's few hundred
        // rows: 0.55 s of a build that should take under 3, for a search tail that did not move
        // measurably with the segments of six follows left apart. A full build optimizes.
        MarkBuild(connection, transaction, source);
    }

    private static void MarkBuild(SqliteConnection connection, SqliteTransaction transaction, string source)
    {
        Execute(connection, transaction, "DELETE FROM site_build");
        using var insert = Prepare(connection, transaction, "INSERT INTO site_build(source) VALUES($source)", "$source");
        Run(insert, source);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
