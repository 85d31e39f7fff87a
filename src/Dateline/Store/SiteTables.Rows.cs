using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>The columns of site_events as text: written from a build's rows, read back for the server.</summary>
internal static partial class SiteTables
{
    /// <summary>
    /// The entities of a row, read straight from the JSON the build stored ([{title, page}], as
    /// UTF-8 from SQLite): a page of hits reads a few dozen, and the serializer's general path
    /// (records with constructors) was a tenth of a search's time.
    /// </summary>
    internal static List<JsonTopic> Topics(ReadOnlySpan<byte> json)
    {
        var topics = new List<JsonTopic>();
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

            topics.Add(new JsonTopic(title ?? throw new JsonException("site_events.entities: an entity without a title"), page ?? throw new JsonException("site_events.entities: an entity without a page")));
        }

        return topics;
    }

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

    private static string Searchable(string text) =>
        text.Contains(MarkStart, StringComparison.Ordinal) || text.Contains(MarkEnd, StringComparison.Ordinal)
            ? text.Replace(MarkStart.ToString(), string.Empty, StringComparison.Ordinal).Replace(MarkEnd.ToString(), string.Empty, StringComparison.Ordinal)
            : text;

    private static string Json<T>(IReadOnlyList<T> items) => JsonSerializer.Serialize(items as T[] ?? [.. items], SiteJson.Options);

    /// <summary>The statement that adds an event's row (and, when asked, its search entry).</summary>
    private sealed class EventRows(SqliteConnection connection, SqliteTransaction transaction, bool search) : IDisposable
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

        public void Add(SiteEvent row)
        {
            var headline = Searchable(row.Headline);
            var summary = row.Summary is null ? null : Searchable(row.Summary);
            var titles = Searchable(string.Join(" · ", row.Entities.Select(t => t.Title)));
            Run(insert, row.Id, ArchiveStore.FormatDate(row.Date), row.Position, row.Page, row.Category, headline, summary, row.Image,
                Json(row.Citations), Json(row.Entities), Json(row.Related), titles);
            if (searchEntry is not null)
            {
                Run(searchEntry, row.Id, headline, summary, titles);
            }
        }

        public void Dispose()
        {
            insert.Dispose();
            searchEntry?.Dispose();
        }
    }
}
