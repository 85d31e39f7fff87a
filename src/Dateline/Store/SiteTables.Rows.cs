using System.Buffers;
using System.Text;
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
    /// The related events' ids, in rank order. Rows hold [[id, context…]] (see
    /// <see cref="RelatedJson"/>); rows of site tables written before held [{id, context}] or
    /// plain ids: those are read too, until the next build rewrites them.
    /// </summary>
    internal static long[] RelatedIds(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.Array => item[0].GetInt64(),
            JsonValueKind.Object => item.GetProperty("id").GetInt64(),
            _ => item.GetInt64(),
        })];
    }

    /// <summary>
    /// The contexts kept with the related events, by id: a context's title is a place in the
    /// row's <paramref name="entities"/> (a number below their count), the title itself (a
    /// string), or a title given as a string earlier in the list (a number from the entities'
    /// count on: the first such title is <c>entities.Count</c>, the next one more). None for
    /// tables that kept only ids.
    /// </summary>
    internal static Dictionary<long, IReadOnlyList<string>> RelatedContexts(string json, IReadOnlyList<JsonTopic> entities)
    {
        var contexts = new Dictionary<long, IReadOnlyList<string>>();
        var others = new List<string>();
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                var titles = new string[item.GetArrayLength() - 1];
                for (int i = 0; i < titles.Length; i++)
                {
                    var title = item[i + 1];
                    if (title.ValueKind != JsonValueKind.Number)
                    {
                        others.Add(titles[i] = title.GetString() ?? string.Empty);
                        continue;
                    }

                    int at = title.GetInt32();
                    titles[i] = at >= 0 && at < entities.Count ? entities[at].Title
                        : at >= entities.Count && at - entities.Count < others.Count ? others[at - entities.Count]
                        : throw new JsonException("site_events.related: a context names no title of its row");
                }

                contexts[item[0].GetInt64()] = titles;
            }
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Array)
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

    /// <summary>
    /// The JSON columns of a row, written straight with a <see cref="Utf8JsonWriter"/> (the
    /// serializer's general path was most of the tables thread's own time after SQLite), in the
    /// shape and escaping the serializer gave the citations and entities (the web defaults:
    /// camel-case names, the default encoder).
    /// </summary>
    private sealed class RowJson
    {
        private readonly ArrayBufferWriter<byte> buffer = new(4096);
        private readonly Utf8JsonWriter writer;
        private readonly List<string> others = [];

        public RowJson() => writer = new Utf8JsonWriter(buffer);

        /// <summary>[{"label", "url"}].</summary>
        public string Citations(IReadOnlyList<JsonCitation> citations)
        {
            Start();
            writer.WriteStartArray();
            foreach (var citation in citations)
            {
                writer.WriteStartObject();
                writer.WriteString("label"u8, citation.Label);
                writer.WriteString("url"u8, citation.Url);
                writer.WriteEndObject();
            }

            return End();
        }

        /// <summary>[{"title", "page"}] (read by <see cref="Topics"/>).</summary>
        public string Entities(IReadOnlyList<JsonTopic> entities)
        {
            Start();
            writer.WriteStartArray();
            foreach (var entity in entities)
            {
                writer.WriteStartObject();
                writer.WriteString("title"u8, entity.Title);
                writer.WriteString("page"u8, entity.Page);
                writer.WriteEndObject();
            }

            return End();
        }

        /// <summary>
        /// [[id, context…]]: each title of a context as its place in the row's entities (a
        /// context names titles the event shares with another, mostly entities it links); a title
        /// that is not one (a story's) in full the first time, then as entities' count + its place
        /// among those (see <see cref="RelatedContexts"/>). The titles in full, repeated for every
        /// related event, were a third of the table (663 bytes a row on the benchmark archive).
        /// </summary>
        public string Related(IReadOnlyList<JsonRelated> related, IReadOnlyList<JsonTopic> entities)
        {
            Start();
            others.Clear();
            writer.WriteStartArray();
            foreach (var item in related)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(item.Id);
                foreach (var title in item.Context)
                {
                    int at = Place(entities, title);
                    if (at < 0 && others.IndexOf(title) is int other && other >= 0)
                    {
                        at = entities.Count + other;
                    }

                    if (at >= 0)
                    {
                        writer.WriteNumberValue(at);
                    }
                    else
                    {
                        writer.WriteStringValue(title);
                        others.Add(title);
                    }
                }

                writer.WriteEndArray();
            }

            return End();
        }

        private static int Place(IReadOnlyList<JsonTopic> entities, string title)
        {
            for (int i = 0; i < entities.Count; i++)
            {
                if (string.Equals(entities[i].Title, title, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private void Start()
        {
            buffer.ResetWrittenCount();
            writer.Reset();
        }

        private string End()
        {
            writer.WriteEndArray();
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    /// <summary>The related column of a row (see <see cref="RowJson.Related"/>): for tests.</summary>
    internal static string RelatedJson(IReadOnlyList<JsonRelated> related, IReadOnlyList<JsonTopic> entities) => new RowJson().Related(related, entities);

    /// <summary>The statement that adds an event's row (and, when asked, its search entry), to the tables named with <paramref name="suffix"/> (see <see cref="Staged"/>).</summary>
    private sealed class EventRows(SqliteConnection connection, SqliteTransaction? transaction, bool search, string suffix = "") : IDisposable
    {
        private readonly SqliteCommand insert = Prepare(
            connection,
            transaction,
            $"""
            INSERT INTO site_events{suffix}(id, date, position, page, category, headline, summary, image, citations, entities, related, entity_titles)
            VALUES($id, $date, $position, $page, $category, $headline, $summary, $image, $citations, $entities, $related, $titles)
            """,
            "$id", "$date", "$position", "$page", "$category", "$headline", "$summary", "$image", "$citations", "$entities", "$related", "$titles");

        private readonly SqliteCommand? searchEntry = search
            ? Prepare(connection, transaction, $"INSERT INTO site_search{suffix}(rowid, headline, summary, entity_titles) VALUES($id, $headline, $summary, $titles)", "$id", "$headline", "$summary", "$titles")
            : null;

        private readonly RowJson json = new();

        public void Add(SiteEvent row)
        {
            var headline = Searchable(row.Headline);
            var summary = row.Summary is null ? null : Searchable(row.Summary);
            var titles = Searchable(string.Join(" · ", row.Entities.Select(t => t.Title)));
            Run(insert, row.Id, ArchiveStore.FormatDate(row.Date), row.Position, row.Page, row.Category, headline, summary, row.Image,
                json.Citations(row.Citations), json.Entities(row.Entities), json.Related(row.Related, row.Entities), titles);
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
