using System.Text.Json;
using Dateline.Publishing;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>
/// Writes what a build published into the site tables (migration 3): the server answers search
/// and the JSON API from them, straight from the database, with the same paths, entities and
/// related lists as the pages. One transaction replaces everything, so a reader sees the old
/// site or the new one, never half of each.
/// </summary>
public static class SiteIndex
{
    /// <summary>Marks search highlights; removed from indexed text so a headline cannot fake one.</summary>
    public const char MarkStart = '\uE000';

    /// <summary>Ends a search highlight.</summary>
    public const char MarkEnd = '\uE001';

    public static void Replace(ArchiveStore store, SitePlan plan)
    {
        var connection = store.Connection;
        using var transaction = connection.BeginTransaction();
        foreach (var table in new[] { "site_events", "site_entities", "site_event_entities", "site_search" })
        {
            using var clear = connection.CreateCommand();
            clear.Transaction = transaction;
            clear.CommandText = $"DELETE FROM {table}";
            clear.ExecuteNonQuery();
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
            INSERT INTO site_events(id, date, position, page, category, headline, summary, image, citations, entities, related)
            VALUES($id, $date, $position, $page, $category, $headline, $summary, $image, $citations, $entities, $related)
            """,
            "$id", "$date", "$position", "$page", "$category", "$headline", "$summary", "$image", "$citations", "$entities", "$related");
        using var insertLink = Prepare(connection, transaction, "INSERT INTO site_event_entities(entity_id, event_id) VALUES($entity, $event)", "$entity", "$event");
        using var insertText = Prepare(connection, transaction, "INSERT INTO site_search(rowid, headline, summary, entities) VALUES($id, $headline, $summary, $entities)", "$id", "$headline", "$summary", "$entities");
        for (int i = 0; i < plan.EventPages.Count; i++)
        {
            var page = plan.EventPages[i];
            var item = page.Event;
            long id = i + 1;
            Run(insertEvent, id, ArchiveStore.FormatDate(item.Date), item.Position, page.Page, item.Category, item.Headline, page.Summary, page.Image,
                Json(item.Citations.Select(c => new JsonCitation(c.Label, c.Url))),
                Json(page.Entities.Select(e => new JsonTopic(e.Title, e.Page))),
                Json(page.Related.Select(r => new JsonRelated(r.Headline, r.Page, r.Context))));
            foreach (int entity in plan.EventEntityIds[i])
            {
                Run(insertLink, entity + 1, id);
            }

            Run(insertText, id, Searchable(item.Headline), page.Summary is null ? null : Searchable(page.Summary), Searchable(string.Join(" · ", page.Entities.Select(e => e.Title))));
        }

        transaction.Commit();
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

/// <summary>A related event as the site tables keep it.</summary>
public sealed record JsonRelated(string Headline, string Page, IReadOnlyList<string> Context);
