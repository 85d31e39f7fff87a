using System.Globalization;

namespace Dateline.Publishing;

/// <summary>
/// Where each page lives, relative to the output folder, with '/' separators. Pages link to each
/// other by these paths with a leading '/'. Every path is made of digits, a slug (a-z, 0-9, '-')
/// and fixed names, so no title can lead a path out of the output folder.
/// </summary>
public static class ArchivePaths
{
    public const string Root = "news/index";

    public static string Day(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"news/{date.Year:D4}/{date.Month:D2}/{date.Day}/{Slugs.DayPageName}");

    public static string Event(DateOnly date, string slug) =>
        string.Create(CultureInfo.InvariantCulture, $"news/{date.Year:D4}/{date.Month:D2}/{date.Day}/{slug}");

    public static string Month(int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"news/{year:D4}/{month:D2}/index");

    /// <summary>The page of an entity; <paramref name="slug"/> comes from <see cref="TopicSlugs"/>.</summary>
    public static string Entity(string slug) => $"news/entity/{slug}";

    /// <summary>The page of a story; <paramref name="slug"/> comes from <see cref="TopicSlugs"/>.</summary>
    public static string Story(string slug) => $"news/story/{slug}";

    /// <summary>The page of one year of a topic's events (see <see cref="TopicYearPage"/>): <c>news/entity/slug/2019</c>.</summary>
    public static string TopicYear(string topic, int year) => string.Create(CultureInfo.InvariantCulture, $"{topic}/{year:D4}");

    /// <summary>The Atom feed of the latest events (without extension).</summary>
    public const string Feed = "news/feed";

    /// <summary>A page's file name for a format, e.g. <c>news/2017/09/28/index.md</c>.</summary>
    public static string File(string page, string extension) => $"{page}.{extension}";

    /// <summary>A link to a page from another page of the site: <c>/news/2017/09/28/index.md</c>.</summary>
    public static string Link(string page, string extension) => $"/{page}.{extension}";
}
