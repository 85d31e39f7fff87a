using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>
/// The site tables (migrations 3 and 5: <c>site_events</c>, <c>site_entities</c>,
/// <c>site_event_entities</c>, the FTS5 index <c>site_search</c>, <c>site_build</c>): the published
/// site as the server reads it, with the same paths, entities and related lists as the pages.
/// Every statement that writes or reads them is here: a build replaces them whole (new tables
/// filled beside them, then renamed into place: <see cref="Begin"/>) or updates the rows it
/// changed (rows made by Publishing from its page model), and the server reads them through
/// <see cref="Reader"/>. An event's id is its day number * 2^32 + its place on the day,
/// so ids follow archive order (the search reads a date range as a range of ids) and stay put
/// when other days change. Either way one transaction makes the new rows the ones readers see,
/// so a reader sees the old site or the new one, never half of each.
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
    /// these tables would be left half made). The events are counted in the search index's
    /// table of document sizes, one row of a few bytes for each row of site_events, written in
    /// the same transactions: site_events has no index since migration 10, so counting it read
    /// all of it (0.47 s with the page cache dropped, on the benchmark archive, against 0.06 s),
    /// in every build that found nothing to do and every build that followed another.
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
               AND (SELECT count(*) FROM site_search_docsize) = coalesce($events, (SELECT count(*) FROM events))
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
    /// Writes what <see cref="Replace"/> writes, into tables of their own beside the ones readers
    /// see (<see cref="Staged"/>), and leaves them there: the caller puts them in place
    /// (<see cref="Pending.Commit"/>: one small transaction that drops the old tables and renames
    /// the new ones) once the pages the rows name are on disk, or disposes of them, which drops
    /// them and leaves the tables as they were. Until then nothing else may use the store's
    /// connection.
    /// </summary>
    /// <remarks>
    /// Why not one transaction, as before: a whole archive's rows are a few hundred megabytes
    /// (the benchmark archive's, 230 MB), and a WAL transaction that large is written twice after
    /// its commit, into the WAL and then by SQLite's checkpoint into the database, both while the
    /// build waits for nothing else (1.6–1.8 s of a 16 s website build). Staged, the rows are
    /// committed in batches while the pages are written and checkpointed as they go; what is left
    /// after the pages is the rename. The old tables' pages go to the free list in the same
    /// transaction (nothing to free in a first build after an import).
    /// </remarks>
    public static Pending Begin(ArchiveStore store, IReadOnlyList<SiteEntity> entities, IEnumerable<SiteLink> links, IEnumerable<SiteEvent> events, string source)
    {
        var connection = store.Connection;
        Execute(connection, null, "PRAGMA cache_size = -16384"); // 16 MiB: the batches are appended; a larger cache was only memory to fault in
        DropStaged(connection); // a build that died before putting its tables in place left them
        foreach (var statement in StagedSchema(connection))
        {
            Execute(connection, null, statement);
        }

        try
        {
            FillStaged(connection, entities, links, events);
        }
        catch
        {
            DropStaged(connection);
            throw;
        }

        return new Pending(() => PutInPlace(connection, source), () => DropStaged(connection));
    }

    /// <summary>The tables a full build fills before they replace the ones readers see, each with <see cref="StagedSuffix"/> added to its name.</summary>
    private static readonly string[] Staged = ["site_events", "site_entities", "site_event_entities", "site_search"];

    /// <summary>Added to the name of a table being filled (see <see cref="Staged"/>).</summary>
    private const string StagedSuffix = "_next";

    /// <summary>
    /// The statements that create the staged tables: those of the tables readers see, as SQLite
    /// keeps them (so the migrations stay the one place that says what the tables are), renamed.
    /// The search index keeps <c>content = 'site_events'</c>, the name its rows will have. Index
    /// names must differ from the old tables' while both are there and cannot be renamed after,
    /// so each full build takes the other of two (<c>name</c>, <c>name_b</c>): queries never name
    /// an index, and a migration that drops one must name both. (site_events has none since
    /// migration 10; its id answers what they did.)
    /// </summary>
    private static List<string> StagedSchema(SqliteConnection connection)
    {
        var tables = new List<string>();
        var indexes = new List<string>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT type, sql FROM sqlite_schema WHERE tbl_name IN ({string.Join(", ", Staged.Select(t => $"'{t}'"))}) AND sql IS NOT NULL ORDER BY type DESC, name";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                (reader.GetString(0) == "table" ? tables : indexes).Add(reader.GetString(1));
            }
        }

        var statements = new List<string>();
        foreach (var sql in tables)
        {
            statements.Add(Rewritten(TableStatement(), sql, match => $"CREATE {match.Groups["virtual"].Value}TABLE {Unquoted(match.Groups["name"])}{StagedSuffix}"));
        }

        foreach (var sql in indexes)
        {
            statements.Add(Rewritten(IndexStatement(), sql, match =>
            {
                var name = Unquoted(match.Groups["name"]);
                var other = name.EndsWith("_b", StringComparison.Ordinal) ? name[..^2] : name + "_b";
                return $"CREATE {match.Groups["unique"].Value}INDEX {other} ON {Unquoted(match.Groups["table"])}{StagedSuffix}";
            }));
        }

        // Terms held in memory until each batch's commit (see FillStaged) rather than written
        // out every 1 MiB: one segment a batch instead of dozens merged as they come. A setting
        // the index keeps; a build that follows another writes far less than that in one go.
        statements.Add($"INSERT INTO site_search{StagedSuffix}(site_search{StagedSuffix}, rank) VALUES('hashsize', 67108864)");
        return statements;
    }

    private static string Rewritten(System.Text.RegularExpressions.Regex statement, string sql, System.Text.RegularExpressions.MatchEvaluator start) =>
        statement.IsMatch(sql) ? statement.Replace(sql, start, 1)
            : throw new InvalidOperationException($"The site tables' schema holds a statement Dateline does not know: {sql}");

    private static string Unquoted(System.Text.RegularExpressions.Group name) => name.Value.Trim('"');

    [System.Text.RegularExpressions.GeneratedRegex("""^CREATE (?<virtual>VIRTUAL )?TABLE (?<name>"?site_\w+"?)""")]
    private static partial System.Text.RegularExpressions.Regex TableStatement();

    [System.Text.RegularExpressions.GeneratedRegex("""^CREATE (?<unique>UNIQUE )?INDEX (?<name>"?\w+"?) ON (?<table>"?site_\w+"?)""")]
    private static partial System.Text.RegularExpressions.Regex IndexStatement();

    /// <summary>Fills the staged tables, committing every <see cref="RowsPerCommit"/> events so the WAL is checkpointed as they are written.</summary>
    private static void FillStaged(SqliteConnection connection, IReadOnlyList<SiteEntity> entities, IEnumerable<SiteLink> links, IEnumerable<SiteEvent> events)
    {
        Execute(connection, null, "BEGIN");
        try
        {
            ReplaceEntities(connection, null, entities, links, StagedSuffix);

            // In id order, so the table is appended to rather than split page by page. The search
            // index is written with the rows (its content table is not yet the one it names, so no
            // 'rebuild'), then merged into one segment: a query reads one doclist per term instead
            // of merging a dozen, half the cost of a typical search.
            using (var insert = new EventRows(connection, null, search: true, StagedSuffix))
            {
                int rows = 0;
                foreach (var row in events)
                {
                    insert.Add(row);
                    if (++rows % RowsPerCommit == 0)
                    {
                        Execute(connection, null, "COMMIT");
                        Execute(connection, null, "BEGIN");
                    }
                }
            }

            Execute(connection, null, $"INSERT INTO site_search{StagedSuffix}(site_search{StagedSuffix}) VALUES('optimize')");
            Execute(connection, null, "COMMIT");
        }
        catch
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0) // still in the batch that failed
            {
                Execute(connection, null, "ROLLBACK");
            }

            throw;
        }
    }

    /// <summary>Events a staged fill writes between commits: about 30 MB of WAL each on the benchmark archive.</summary>
    private const int RowsPerCommit = 16_384;

    /// <summary>Replaces the tables readers see with the staged ones, in one transaction, and records the build.</summary>
    private static void PutInPlace(SqliteConnection connection, string source)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var table in Staged)
        {
            Execute(connection, transaction, $"DROP TABLE {table}");
        }

        foreach (var table in Staged)
        {
            Execute(connection, transaction, $"ALTER TABLE {table}{StagedSuffix} RENAME TO {table}");
        }

        MarkBuild(connection, transaction, source);
        transaction.Commit();
    }

    /// <summary>Drops the staged tables, if any.</summary>
    private static void DropStaged(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var table in Staged)
        {
            Execute(connection, transaction, $"DROP TABLE IF EXISTS {table}{StagedSuffix}");
        }

        transaction.Commit();
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

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] names)
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
