using Microsoft.AspNetCore.Http;

namespace Dateline.Web;

/// <summary>A search as asked for in the query string, checked: each problem names its parameter.</summary>
internal sealed record SearchRequest(string Text, SearchQuery Query, DateOnly? From, DateOnly? To, string? EntityText, long? Entity, string? EntityTitle, int Page, int Size)
{
    public const int MaxPage = 500;
    public const int MaxSize = 50;
    public const int DefaultSize = 20;

    public int Offset => (Page - 1) * Size;

    /// <summary>What makes two requests the same search (for <see cref="SearchCache"/>).</summary>
    public string CacheKey(string kind) =>
        string.Join('\u001F', kind, Query.Match, From?.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            To?.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Entity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            Page.ToString(System.Globalization.CultureInfo.InvariantCulture), Size.ToString(System.Globalization.CultureInfo.InvariantCulture), Text);

    /// <summary>Reads q, from, to, entity, page and size; null with (parameter, message) when one is wrong.</summary>
    public static SearchRequest? Read(IQueryCollection query, ArchiveQueries archive, out (string Parameter, string Message)? problem)
    {
        problem = null;
        string? Single(string name)
        {
            var values = query[name];
            return values.Count == 0 ? null : values[^1];
        }

        var text = Single("q");
        var match = SearchQuery.Parse(text, out var error);
        if (match is null)
        {
            problem = ("q", error!);
            return null;
        }

        DateOnly? from = null, to = null;
        if (Single("from") is { Length: > 0 } fromText)
        {
            if (!Formats.TryDate(fromText, out var date))
            {
                problem = ("from", "must be a date written yyyy-MM-dd");
                return null;
            }

            from = date;
        }

        if (Single("to") is { Length: > 0 } toText)
        {
            if (!Formats.TryDate(toText, out var date))
            {
                problem = ("to", "must be a date written yyyy-MM-dd");
                return null;
            }

            to = date;
        }

        if (from > to)
        {
            problem = ("from", "must not be after 'to'");
            return null;
        }

        long? entity = null;
        string? entityTitle = null;
        var entityText = Single("entity");
        if (entityText is { Length: > 0 })
        {
            if (entityText.Length > 300 || archive.Entity(entityText) is not { } found)
            {
                problem = ("entity", "names no entity of the archive (give its slug or its exact title)");
                return null;
            }

            entity = found.Id;
            entityTitle = found.Entity.Title;
        }

        if (!Number(Single("page"), 1, 1, MaxPage, out int page))
        {
            problem = ("page", $"must be a whole number from 1 to {MaxPage}");
            return null;
        }

        if (!Number(Single("size"), DefaultSize, 1, MaxSize, out int size))
        {
            problem = ("size", $"must be a whole number from 1 to {MaxSize}");
            return null;
        }

        return new SearchRequest(text!, match, from, to, entityText, entity, entityTitle, page, size);
    }

    public static bool Number(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
