using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dateline.Store;

/// <summary>What is known of one cited URL, as stored in <c>articles</c>.</summary>
public enum ArticleState
{
    /// <summary>Never tried.</summary>
    Unknown,

    /// <summary>Read, and it gave a summary or an image.</summary>
    Found,

    /// <summary>Read, but it gave neither (no preview tags, not HTML…).</summary>
    Empty,

    /// <summary>Tried and could not be read; <c>failure</c> says why.</summary>
    Failed,
}

/// <summary>The outcome of reading one cited URL, a row of <c>articles</c>.</summary>
public sealed record ArticleRecord(
    string Url,
    string? FinalUrl,
    int? Status,
    string? ContentType,
    DateTimeOffset FetchedAt,
    string? Summary,
    string? Image,
    string? ArchivedFrom,
    string? Failure)
{
    /// <summary>The image's declared width (og:image:width), when its height was declared too.</summary>
    public int? ImageWidth { get; init; }

    /// <summary>The image's declared height (og:image:height), when its width was declared too.</summary>
    public int? ImageHeight { get; init; }

    public ArticleState State => Failure is not null ? ArticleState.Failed : Summary is not null || Image is not null ? ArticleState.Found : ArticleState.Empty;
}

/// <summary>A dated event's citation URLs in order: what enrichment works through.</summary>
public sealed record EventCitations(DateOnly Date, int Position, IReadOnlyList<string> Urls);

public sealed partial class ArchiveStore
{
    /// <summary>The events dated within [from, to] (either end open when null) that cite something, in date and page order.</summary>
    public IReadOnlyList<EventCitations> ReadEventCitations(DateOnly? from, DateOnly? to)
    {
        var events = new List<EventCitations>();
        using var command = Command(
            """
            SELECT e.date, e.position, c.url FROM events e JOIN citations c ON c.event_id = e.id
            WHERE ($from IS NULL OR e.date >= $from) AND ($to IS NULL OR e.date <= $to)
            ORDER BY e.date, e.position, c.ordinal
            """);
        command.Parameters.AddWithValue("$from", from is { } f ? FormatDate(f) : DBNull.Value);
        command.Parameters.AddWithValue("$to", to is { } t ? FormatDate(t) : DBNull.Value);
        using var reader = command.ExecuteReader();
        List<string>? urls = null;
        (DateOnly Date, int Position) current = default;
        while (reader.Read())
        {
            var key = (ParseDate(reader.GetString(0)), reader.GetInt32(1));
            if (urls is null || key != current)
            {
                if (urls is not null)
                {
                    events.Add(new EventCitations(current.Date, current.Position, urls));
                }

                urls = new List<string>(2);
                current = key;
            }

            urls.Add(reader.GetString(2));
        }

        if (urls is not null)
        {
            events.Add(new EventCitations(current.Date, current.Position, urls));
        }

        return events;
    }

    /// <summary>What is known of every URL that has a row (absent URLs are <see cref="ArticleState.Unknown"/>).</summary>
    public IReadOnlyDictionary<string, ArticleState> ReadArticleStates()
    {
        var states = new Dictionary<string, ArticleState>(StringComparer.Ordinal);
        using var command = Command("SELECT url, failure IS NOT NULL, summary IS NOT NULL OR image IS NOT NULL FROM articles");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            states[reader.GetString(0)] = reader.GetBoolean(1) ? ArticleState.Failed : reader.GetBoolean(2) ? ArticleState.Found : ArticleState.Empty;
        }

        return states;
    }

    /// <summary>
    /// The distinct URLs cited by events within [from, to] that are still unknown, and also those
    /// whose last try failed when <paramref name="includeFailed"/>: what an enrichment run has to fetch.
    /// </summary>
    public IReadOnlyList<string> ReadUrlsToFetch(DateOnly? from, DateOnly? to, bool includeFailed)
    {
        var urls = new List<string>();
        using var command = Command(
            """
            SELECT DISTINCT c.url FROM events e JOIN citations c ON c.event_id = e.id LEFT JOIN articles a ON a.url = c.url
            WHERE ($from IS NULL OR e.date >= $from) AND ($to IS NULL OR e.date <= $to)
              AND (a.url IS NULL OR ($failed AND a.failure IS NOT NULL))
            ORDER BY c.url
            """);
        command.Parameters.AddWithValue("$from", from is { } f ? FormatDate(f) : DBNull.Value);
        command.Parameters.AddWithValue("$to", to is { } t ? FormatDate(t) : DBNull.Value);
        command.Parameters.AddWithValue("$failed", includeFailed);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            urls.Add(reader.GetString(0));
        }

        return urls;
    }

    /// <summary>The stored outcome for one URL, or null.</summary>
    public ArticleRecord? ReadArticleRecord(string url)
    {
        using var command = Command("SELECT url, final_url, status, content_type, fetched_at, summary, image, archived_from, failure, image_width, image_height FROM articles WHERE url = $url");
        command.Parameters.AddWithValue("$url", url);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new ArticleRecord(reader.GetString(0), Text(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), Text(3),
            DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), Text(5), Text(6), Text(7), Text(8))
        {
            ImageWidth = reader.IsDBNull(9) ? null : reader.GetInt32(9),
            ImageHeight = reader.IsDBNull(10) ? null : reader.GetInt32(10),
        };
    }

    /// <summary>
    /// Stores a batch of outcomes in one transaction, so an interrupted run keeps every batch it
    /// finished. A failure never replaces a summary or image already known: a site that is down
    /// today does not erase what it said yesterday.
    /// </summary>
    public void StoreArticles(IReadOnlyCollection<ArticleRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText =
            """
            INSERT INTO articles(url, final_url, status, content_type, fetched_at, summary, image, archived_from, failure, image_width, image_height)
            VALUES($url, $final, $status, $type, $at, $summary, $image, $archived, $failure, $width, $height)
            ON CONFLICT(url) DO UPDATE SET final_url = excluded.final_url, status = excluded.status, content_type = excluded.content_type,
                fetched_at = excluded.fetched_at, summary = excluded.summary, image = excluded.image,
                archived_from = excluded.archived_from, failure = excluded.failure,
                image_width = excluded.image_width, image_height = excluded.image_height
            WHERE excluded.failure IS NULL OR (articles.summary IS NULL AND articles.image IS NULL)
            """;
        var parameters = new[] { "$url", "$final", "$status", "$type", "$at", "$summary", "$image", "$archived", "$failure", "$width", "$height" }
            .Select(name => upsert.Parameters.Add(new SqliteParameter(name, null)))
            .ToArray();
        foreach (var record in records)
        {
            object?[] values =
            [
                record.Url, record.FinalUrl, record.Status, record.ContentType,
                record.FetchedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                record.Summary, record.Image, record.ArchivedFrom, record.Failure,
                record.ImageWidth, record.ImageHeight,
            ];
            for (int i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
