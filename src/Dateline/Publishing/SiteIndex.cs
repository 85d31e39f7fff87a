using System.Text.Json;
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
    /// True when the site tables hold every event: a build that finds its pages current may skip
    /// them only then (a database upgraded to these tables after its last build has them empty).
    /// </summary>
    public static bool IsFilled(ArchiveStore store)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM site_events) = (SELECT count(*) FROM events)";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public static void Replace(ArchiveStore store, SitePlan plan)
    {
        var connection = store.Connection;
        Execute(connection, null, "PRAGMA cache_size = -131072"); // 128 MiB: the rewrite touches every page of these tables
        using var transaction = connection.BeginTransaction();

        // 'delete-all' empties an external-content index without reading it; the plain tables
        // have no triggers, so DELETE without WHERE truncates them.
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('delete-all')");
        foreach (var table in new[] { "site_events", "site_entities", "site_event_entities" })
        {
            Execute(connection, transaction, $"DELETE FROM {table}");
        }

        using (var insert = Prepare(connection, transaction, "INSERT INTO site_entities(id, title, slug, events) VALUES($id, $title, $slug, $events)", "$id", "$title", "$slug", "$events"))
        {
            for (int id = 0; id < plan.EntityLinks.Count; id++)
            {
                var link = plan.EntityLinks[id];
                Run(insert, id + 1, link.Title, link.Page["news/entity/".Length..], plan.EntityPages[id].Events.Count);
            }
        }

        using var insertEvent = Prepare(
            connection,
            transaction,
            """
            INSERT INTO site_events(id, date, position, page, category, headline, summary, image, citations, entities, related, entity_titles)
            VALUES($id, $date, $position, $page, $category, $headline, $summary, $image, $citations, $entities, $related, $titles)
            """,
            "$id", "$date", "$position", "$page", "$category", "$headline", "$summary", "$image", "$citations", "$entities", "$related", "$titles");
        // Ids follow archive order (date, then position), whatever order the plan lists events
        // in: the server turns a date range into a range of ids, which FTS5 seeks to directly.
        var order = ArchiveOrder(plan.EventPages);
        var idOf = new int[order.Length];
        for (int rank = 0; rank < order.Length; rank++)
        {
            idOf[order[rank]] = rank + 1;
        }

        var ids = new Dictionary<string, int>(plan.EventPages.Count, StringComparer.Ordinal);
        for (int i = 0; i < plan.EventPages.Count; i++)
        {
            ids[plan.EventPages[i].Page] = idOf[i];
        }

        var links = new List<(int Entity, int Event)>(plan.EventPages.Count * 4);
        foreach (int i in order)
        {
            var page = plan.EventPages[i];
            var item = page.Event;
            Run(insertEvent, idOf[i], ArchiveStore.FormatDate(item.Date), item.Position, page.Page, item.Category, Searchable(item.Headline),
                page.Summary is null ? null : Searchable(page.Summary), page.Image,
                Json(item.Citations.Select(c => new JsonCitation(c.Label, c.Url))),
                Json(page.Entities.Select(e => new JsonTopic(e.Title, e.Page))),
                Json(page.Related.Select(r => ids[r.Page])),
                Searchable(string.Join(" · ", page.Entities.Select(e => e.Title))));
            foreach (int entity in plan.EventEntityIds[i])
            {
                links.Add((entity + 1, idOf[i]));
            }
        }

        // In key order, so the WITHOUT ROWID table is appended to rather than split page by page.
        links.Sort();
        using (var insertLink = Prepare(connection, transaction, "INSERT INTO site_event_entities(entity_id, event_id) VALUES($entity, $event)", "$entity", "$event"))
        {
            foreach (var (entity, item) in links)
            {
                Run(insertLink, entity, item);
            }
        }

        // One pass over the content, then every segment merged into one: a query reads one
        // doclist per term instead of merging a dozen (half the cost of a typical search).
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('rebuild')");
        Execute(connection, transaction, "INSERT INTO site_search(site_search) VALUES('optimize')");
        transaction.Commit();
    }

    /// <summary>Indexes of <paramref name="pages"/> sorted by date, then position (a stable sort: the plan's order breaks ties).</summary>
    private static int[] ArchiveOrder(IReadOnlyList<EventPage> pages)
    {
        var order = new int[pages.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        return [.. order.OrderBy(i => pages[i].Event.Date).ThenBy(i => pages[i].Event.Position)];
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

/// <summary>A citation as the site tables keep it.</summary>
public sealed record JsonCitation(string Label, string Url);

/// <summary>An entity or story link as the site tables keep it (page without extension).</summary>
public sealed record JsonTopic(string Title, string Page);

