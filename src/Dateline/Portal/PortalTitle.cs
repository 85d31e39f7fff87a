using System.Globalization;

namespace Dateline.Portal;

/// <summary>The Portal's page titles: <c>Portal:Current events/2017 September 28</c>.</summary>
internal static class PortalTitle
{
    public const string Prefix = "Portal:Current events/";

    /// <summary>The title of the day page for a date (full English month, day without a leading zero).</summary>
    public static string For(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{date.Year} {MonthName(date.Month)} {date.Day}");

    public static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);

    /// <summary>Reads the date from a day page's title; false for any other title (e.g. a month's page).</summary>
    public static bool TryParse(string title, out DateOnly date)
    {
        date = default;
        if (!title.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return DateOnly.TryParseExact(
            title.AsSpan(Prefix.Length).Trim(),
            "yyyy MMMM d",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out date);
    }

    /// <summary>
    /// A file name may confirm a page's date: <c>2017-09-28.wiki</c> or <c>2017 September 28.txt</c>.
    /// Returns false when the name says nothing about a date.
    /// </summary>
    public static bool TryParseFileName(string fileName, out DateOnly date)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        return DateOnly.TryParseExact(stem, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || DateOnly.TryParseExact(stem, "yyyy MMMM d", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || DateOnly.TryParseExact(stem, "yyyy_MMMM_d", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
