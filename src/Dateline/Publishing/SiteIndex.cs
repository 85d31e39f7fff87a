using System.Text.Json;
using Dateline.Linking;
using Dateline.Model;
using Dateline.Store;
using Microsoft.Data.Sqlite;

namespace Dateline.Publishing;

/// <summary>
/// Writes what a build published into the site tables (migration 3): the server answers search
/// and the JSON API from them, straight from the database, with the same paths, entities and
/// related lists as the pages. One transaction replaces everything, so a reader sees the old
/// site or the new one, never half of each.
/// </summary>
public static class SiteIndex
{
    /// <summary>Marks search highlights; removed from the stored (and so indexed) text so a headline cannot fake one.</summary>
    public const char MarkStart = '\uE000';

    /// <summary>Ends a search highlight.</summary>
    public const char MarkEnd = '\uE001';

    /// <summary>
    /// True when the site tables are those of the build made from <paramref name="source"/> (see
    /// <see cref="SiteWriter.Source"/>): a build that finds its pages current may skip them only
    /// then, and a build that follows another changes only some rows only then (tables emptied,
    /// filled by another build, or a database from before these tables would be left half made).
    /// </summary>
    /// <param name="events">How many events the tables must hold (by default, as many as the archive).</param>
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

    /// <summary>An event's id in the site tables: its key (day number, then place on the day), so ids follow archive order and stay put when other days change.</summary>
    public static long EventId(DateOnly date, int position) => new EventKey(date, position).Id;

    /// <summary>Replaces the site tables with the whole archive's <paramref name="plan"/>.</summary>
    /// <param name="related">Each event's related events (by index in archive order), as the plan's pages list them.</param>
    /// <param name="source">What the build was made from (see <see cref="Holds"/>).</param>
    public static void Replace(ArchiveStore store, SitePlan plan, EntityIndex index, IReadOnlyList<RelatedEvent[]?> related, string source)
    {
        var connection = store.Connection;
        Execute(connection, null, "PRAGMA cache_size = -131072"); // 128 MiB: the rewrite touches every page of these tables
        using var transaction = connection.BeginTransaction();

        // 'delete-all' empties an external-content index without reading it; the plain tables
        // have no triggers, so DELETE without WHERE truncates them.
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('delete-all')");
        Execute(connection, transaction, "DELETE FROM site_events");
        ReplaceEntities(connection, transaction, plan, index);

        // In archive order (the order of ids), so the table is appended to rather than split page by page.
        using (var insert = new EventRows(connection, transaction, index, related, search: false))
        {
            foreach (int p in ArchiveOrder(plan))
            {
                insert.Add(plan.EventPages[p], plan.EventIndexes[p]);
            }
        }

        // One pass over the content, then every segment merged into one: a query reads one
        // doclist per term instead of merging a dozen (half the cost of a typical search).
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('rebuild')");
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('optimize')");
        MarkBuild(connection, transaction, source);
        transaction.Commit();
    }

    /// <summary>
    /// For a build that followed another: the rows of the events in <paramref name="gone"/> (ids
    /// of the previous build, with the entity titles they named) and of the plan's events are
    /// taken out, search index included, and the plan's events put in. Entities keep their ids; a
    /// new title gets the next free one, a title no event names any more goes. Rows of other
    /// events stay as they are: their pages did not change.
    /// </summary>
    public static void Update(ArchiveStore store, SitePlan plan, EntityIndex index, IReadOnlyList<RelatedEvent[]?> related, IReadOnlyList<(long Id, IReadOnlyList<string> Titles)> gone, string source)
    {
        var connection = store.Connection;
        using var transaction = connection.BeginTransaction();
        var ids = gone.Select(g => g.Id).Concat(plan.EventIndexes.Select(e => index.KeyOf(e).Id)).Distinct().Order().ToArray();

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

        var entityIds = UpdateEntities(connection, transaction, plan, index);
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
            foreach (int e in plan.EventIndexes)
            {
                foreach (int entity in index.EventEntities[e])
                {
                    Run(link, entityIds[entity], index.KeyOf(e).Id);
                }
            }
        }

        Execute(connection, transaction, "DELETE FROM site_entities WHERE events = 0");
        using (var insert = new EventRows(connection, transaction, index, related, search: true))
        {
            foreach (int p in ArchiveOrder(plan))
            {
                insert.Add(plan.EventPages[p], plan.EventIndexes[p]);
            }
        }

        // The changes are a new segment of the search index: merged into the rest at once, so a
        // search still reads one doclist a term (0.55 s on the benchmark archive, against a
        // search tail that did not move measurably with the segments of six follows left apart).
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('optimize')");
        MarkBuild(connection, transaction, source);
        transaction.Commit();
    }

    /// <summary>
    /// Brings site_entities to the index's entities, ids kept by title: a changed slug or count is
    /// updated, a new title inserted with the next free id, and a title the index no longer has
    /// set to no events (removed once its links are). Returns the site id of each entity id.
    /// </summary>
    private static long[] UpdateEntities(SqliteConnection connection, SqliteTransaction transaction, SitePlan plan, EntityIndex index)
    {
        var stored = new Dictionary<string, (long Id, string Slug, long Events)>(StringComparer.Ordinal);
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT id, title, slug, events FROM site_entities";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                stored[reader.GetString(1)] = (reader.GetInt64(0), reader.GetString(2), reader.GetInt64(3));
            }
        }

        long next = stored.Count == 0 ? 1 : stored.Values.Max(v => v.Id) + 1;

        // First the titles no event names now (all their events were on changed days, so their
        // links go with those): their slugs let go, so a new title may take one.
        var titles = plan.EntityLinks.Select(l => l.Title).ToHashSet(StringComparer.Ordinal);
        using (var none = Prepare(connection, transaction, "UPDATE site_entities SET events = 0, slug = 'gone ' || id WHERE id = $id", "$id"))
        {
            foreach (var (title, row) in stored)
            {
                if (!titles.Contains(title))
                {
                    Run(none, row.Id);
                }
            }
        }

        var ids = new long[plan.EntityLinks.Count];
        using var update = Prepare(connection, transaction, "UPDATE site_entities SET slug = $slug, events = $events WHERE id = $id", "$slug", "$events", "$id");
        using var insert = Prepare(connection, transaction, "INSERT INTO site_entities(id, title, slug, events) VALUES($id, $title, $slug, $events)", "$id", "$title", "$slug", "$events");
        for (int id = 0; id < ids.Length; id++)
        {
            var link = plan.EntityLinks[id];
            var slug = link.Page["news/entity/".Length..];
            int events = index.EntityPostings[id].Length;
            if (stored.TryGetValue(link.Title, out var row))
            {
                ids[id] = row.Id;
                if (row.Slug != slug || row.Events != events)
                {
                    Run(update, slug, events, row.Id);
                }

                continue;
            }

            if (events == 0)
            {
                continue; // a title only stories name: no entity
            }

            ids[id] = next++;
            Run(insert, ids[id], link.Title, slug, events);
        }

        return ids;
    }

    /// <summary>Every entity (id: entity id + 1, in ordinal title order) and the events naming it, made again whole from the index.</summary>
    private static void ReplaceEntities(SqliteConnection connection, SqliteTransaction transaction, SitePlan plan, EntityIndex index)
    {
        Execute(connection, transaction, "DELETE FROM site_entities");
        Execute(connection, transaction, "DELETE FROM site_event_entities");
        using (var insert = Prepare(connection, transaction, "INSERT INTO site_entities(id, title, slug, events) VALUES($id, $title, $slug, $events)", "$id", "$title", "$slug", "$events"))
        {
            for (int id = 0; id < plan.EntityLinks.Count; id++)
            {
                // A title only stories name is no entity: no row (a build that follows removes such rows too).
                var link = plan.EntityLinks[id];
                if (index.EntityPostings[id].Length > 0)
                {
                    Run(insert, id + 1, link.Title, link.Page["news/entity/".Length..], index.EntityPostings[id].Length);
                }
            }
        }

        // In key order (entity, then event: postings are in archive order), so the WITHOUT ROWID table is appended to.
        using var insertLink = Prepare(connection, transaction, "INSERT INTO site_event_entities(entity_id, event_id) VALUES($entity, $event)", "$entity", "$event");
        for (int id = 0; id < plan.EntityLinks.Count; id++)
        {
            foreach (int e in index.EntityPostings[id])
            {
                Run(insertLink, id + 1, index.KeyOf(e).Id);
            }
        }
    }

    /// <summary>The statement that adds an event's row (and, when asked, its search entry).</summary>
    private sealed class EventRows(SqliteConnection connection, SqliteTransaction transaction, EntityIndex index, IReadOnlyList<RelatedEvent[]?> related, bool search) : IDisposable
    {
        private readonly SqliteCommand insert = Prepare(
            connection,
            transaction,
            """
            INSERT INTO site_events(id, date, position, page, category, headline, summary, image, citations, entities, related, entity_titles)
            VALUES($id, $date, $position, $page, $category, $headline, $summary, $image, $citations, $entities, $related, $titles)
            """,
            "$id", "$date", "$position", "$page", "$category", "$headline", "$summary", "$image", "$citations", "$entities", "$related", "$titles");

        private readonly SqliteCommand? searchEntry = search
            ? Prepare(connection, transaction, "INSERT INTO site_search(rowid, headline, summary, entity_titles) VALUES($id, $headline, $summary, $titles)", "$id", "$headline", "$summary", "$titles")
            : null;

        public void Add(EventPage page, int e)
        {
            var item = page.Event;
            long id = EventId(item.Date, item.Position);
            var headline = Searchable(item.Headline);
            var summary = page.Summary is null ? null : Searchable(page.Summary);
            var titles = Searchable(string.Join(" · ", page.Entities.Select(t => t.Title)));
            var list = related[e] ?? throw new ArgumentException($"no related list for event {e}", nameof(related));
            Run(insert, id, ArchiveStore.FormatDate(item.Date), item.Position, page.Page, item.Category, headline, summary, page.Image,
                Json(item.Citations.Select(c => new JsonCitation(c.Label, c.Url))),
                Json(page.Entities.Select(t => new JsonTopic(t.Title, t.Page))),
                Json(list.Select((r, k) => new JsonRelated(index.KeyOf(r.Event).Id, page.Related[k].Context))),
                titles);
            if (searchEntry is not null)
            {
                Run(searchEntry, id, headline, summary, titles);
            }
        }

        public void Dispose()
        {
            insert.Dispose();
            searchEntry?.Dispose();
        }
    }

    /// <summary>Places in <paramref name="plan"/>'s event pages, sorted by date, then position (a stable sort: the plan's order breaks ties).</summary>
    private static int[] ArchiveOrder(SitePlan plan)
    {
        var pages = plan.EventPages;
        var order = new int[pages.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        return [.. order.OrderBy(i => pages[i].Event.Date).ThenBy(i => pages[i].Event.Position)];
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

    private static string Searchable(string text) =>
        text.Contains(MarkStart, StringComparison.Ordinal) || text.Contains(MarkEnd, StringComparison.Ordinal)
            ? text.Replace(MarkStart.ToString(), string.Empty, StringComparison.Ordinal).Replace(MarkEnd.ToString(), string.Empty, StringComparison.Ordinal)
            : text;

    private static string Json<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items.ToArray(), SiteJson.Options);

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

/// <summary>The JSON stored in the site tables and returned by the API.</summary>
public static class SiteJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// A related event as the site tables keep it: its id and its context as the page shows it
/// (FORMAT.md: shared titles either event links, else the shared stories; not derivable from
/// the two events' entities alone, so kept).
/// </summary>
public sealed record JsonRelated(long Id, IReadOnlyList<string> Context);

/// <summary>A citation as the site tables keep it.</summary>
public sealed record JsonCitation(string Label, string Url);

/// <summary>An entity or story link as the site tables keep it (page without extension).</summary>
public sealed record JsonTopic(string Title, string Page);

