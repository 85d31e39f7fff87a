using System.Globalization;
using System.Text.Json;

namespace Dateline.Articles.Web;

/// <summary>
/// The Wayback Machine's availability API: which snapshot of a URL is closest to a date.
/// The answer looks like <c>{"archived_snapshots": {"closest": {"available": true, "url": "…",
/// "timestamp": "20200102030405", "status": "200"}}}</c>; an empty <c>archived_snapshots</c> means none.
/// </summary>
internal static class WaybackLookup
{
    public static Uri QueryFor(Uri endpoint, string url, DateOnly date)
    {
        var query = $"url={Uri.EscapeDataString(url)}&timestamp={date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        var builder = new UriBuilder(endpoint);
        builder.Query = builder.Query.Length > 1 ? $"{builder.Query[1..]}&{query}" : query;
        return builder.Uri;
    }

    /// <summary>The closest usable snapshot, or null when there is none (or the answer is unreadable).</summary>
    public static WaybackSnapshot? Closest(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("archived_snapshots", out var snapshots)
                || snapshots.ValueKind != JsonValueKind.Object
                || !snapshots.TryGetProperty("closest", out var closest)
                || closest.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            bool available = closest.TryGetProperty("available", out var flag) && flag.ValueKind == JsonValueKind.True;
            var address = Text(closest, "url");
            var status = Text(closest, "status");

            // A snapshot of an error page or of a redirect is no better than the dead link.
            if (!available || address is null || (status is not null && !status.StartsWith('2'))
                || !Uri.TryCreate(address, UriKind.Absolute, out var snapshot)
                || (snapshot.Scheme != Uri.UriSchemeHttp && snapshot.Scheme != Uri.UriSchemeHttps))
            {
                return null;
            }

            return new WaybackSnapshot(snapshot, CapturedAt(Text(closest, "timestamp")));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? CapturedAt(string? timestamp) =>
        DateTime.TryParseExact(
            timestamp,
            "yyyyMMddHHmmss",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var captured)
            ? new DateTimeOffset(captured, TimeSpan.Zero)
            : null;
}

/// <summary>A Wayback Machine copy of a page.</summary>
/// <param name="Url">Where the copy is served.</param>
/// <param name="CapturedAt">When it was captured, when the API says.</param>
internal sealed record WaybackSnapshot(Uri Url, DateTimeOffset? CapturedAt);
