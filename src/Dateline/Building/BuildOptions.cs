namespace Dateline.Building;

/// <summary>What a build publishes besides the Markdown archive of events, days and months.</summary>
/// <param name="Html">Also write the HTML site: a page beside every Markdown page, the stylesheet, Atom feeds, the sitemap and the search tables the server reads.</param>
/// <param name="BaseUrl">Where the site will be served, for the absolute URLs of feeds, the sitemap and JSON-LD.</param>
/// <param name="Topics">Also write entity and story pages (always with <paramref name="Html"/>).</param>
public sealed record BuildOptions(bool Html = false, string BaseUrl = BuildOptions.DefaultBaseUrl, bool Topics = false)
{
    public const string DefaultBaseUrl = "http://127.0.0.1:8080";

    public static BuildOptions MarkdownOnly { get; } = new();

    /// <summary>Entity and story pages: asked for, or part of the website.</summary>
    public bool WithTopics => Topics || Html;

    /// <summary>What is published, as part of what a build is made from (see the up-to-date check).</summary>
    public string Describe() => "markdown" + (WithTopics ? " topics" : string.Empty) + (Html ? $" html {BaseUrl}" : string.Empty);
}
