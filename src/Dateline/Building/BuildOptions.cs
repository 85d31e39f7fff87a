using Dateline.Publishing;

namespace Dateline.Building;

/// <summary>Which formats a build publishes (the Markdown archive, the HTML site, or both) and what goes with them.</summary>
/// <param name="Html">Write the HTML site: its pages, the stylesheet, Atom feeds, the sitemap and the search tables the server reads.</param>
/// <param name="BaseUrl">Where the site will be served, for the absolute URLs of feeds, the sitemap and JSON-LD.</param>
/// <param name="Topics">Also write entity and story pages in the Markdown archive (the website always has them; with <c>md,html</c> the Markdown has them only when asked for).</param>
/// <param name="Markdown">Write the Markdown archive (the default; <c>--format html</c> leaves it out).</param>
/// <param name="YearPagesAbove">How many events a topic page lists at most before the topic's events go a year a page (see <see cref="SitePlan.DefaultYearPagesAbove"/>).</param>
public sealed record BuildOptions(bool Html = false, string BaseUrl = BuildOptions.DefaultBaseUrl, bool Topics = false, bool Markdown = true, int YearPagesAbove = SitePlan.DefaultYearPagesAbove)
{
    public const string DefaultBaseUrl = "http://127.0.0.1:8080";

    /// <summary>The values <c>--format</c> takes, as the command line spells them.</summary>
    public static IReadOnlyList<string> FormatNames { get; } = ["md", "html", "md,html"];

    public static BuildOptions MarkdownOnly { get; } = new();

    /// <summary>Entity and story pages: asked for, or part of the website.</summary>
    public bool WithTopics => Topics || Html;

    /// <summary>
    /// The options of a <c>--format</c> value (see <see cref="FormatNames"/>; "html,md" is "md,html"), or null when it names
    /// no format, names one twice, or names none.
    /// </summary>
    public static BuildOptions? ForFormat(string format, string baseUrl = DefaultBaseUrl, bool topics = false)
    {
        var names = format.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length == 0 || names.Length != names.Distinct(StringComparer.Ordinal).Count() || names.Any(n => n is not ("md" or "html")))
        {
            return null;
        }

        return new BuildOptions(names.Contains("html"), baseUrl, topics, names.Contains("md"));
    }

    /// <summary>What is published, as part of what a build is made from (see the up-to-date check).</summary>
    /// <remarks>The Markdown builds keep the words they had before <c>--format</c>, so an upgrade does not make their folders stale.</remarks>
    public string Describe() =>
        (Markdown ? "markdown" + (Topics ? " topics" : string.Empty) : "no-markdown") + (Html ? $" html {BaseUrl}" : string.Empty)
        + (WithTopics ? $" year-pages-above {YearPagesAbove}" : string.Empty);
}
