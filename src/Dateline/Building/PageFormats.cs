using Dateline.Publishing;
using Dateline.Publishing.Html;
using Dateline.Publishing.Markdown;

namespace Dateline.Building;

/// <summary>The formats a build writes its pages in: a new format is a folder under Publishing and a line here.</summary>
internal static class PageFormats
{
    /// <summary>The Markdown archive always, and the HTML site when the options ask for it.</summary>
    public static IReadOnlyList<PageFormat> For(BuildOptions options) =>
        options.Html ? [new MarkdownFormat(), new HtmlFormat(options.BaseUrl)] : [new MarkdownFormat()];
}
