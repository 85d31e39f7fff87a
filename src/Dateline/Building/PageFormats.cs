using Dateline.Publishing;
using Dateline.Publishing.Html;
using Dateline.Publishing.Markdown;

namespace Dateline.Building;

/// <summary>The formats a build writes its pages in: a new format is a folder under Publishing and a line here.</summary>
internal static class PageFormats
{
    /// <summary>The Markdown archive and the HTML site, each when the options ask for it.</summary>
    public static IReadOnlyList<PageFormat> For(BuildOptions options)
    {
        var formats = new List<PageFormat>(2);
        if (options.Markdown)
        {
            formats.Add(new MarkdownFormat(topics: options.Topics));
        }

        if (options.Html)
        {
            // The HTML pages name their Markdown twin only when there is one.
            formats.Add(new HtmlFormat(options.BaseUrl, besideMarkdown: options.Markdown, topicsBesideMarkdown: options.Markdown && options.Topics));
        }

        return formats;
    }
}
