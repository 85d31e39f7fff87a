using System.Buffers;
using System.Text;

namespace Dateline.Publishing.Html;

/// <summary>
/// Writes text into HTML so that it is only ever text: every character that could open a tag,
/// an entity or leave an attribute value is encoded, in element content and in (quoted)
/// attributes alike. URLs from the archive are only made links or images when they are
/// absolute http or https URLs, because anything else (<c>javascript:</c>, <c>data:</c>,
/// relative paths) could run script or point into the site itself.
/// </summary>
public static class HtmlText
{
    /// <summary>The characters <see cref="AppendHtml"/> replaces; searched for a vector at a time, since most text has none.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'\0");

    /// <summary>Appends <paramref name="text"/> encoded for element content or a double- or single-quoted attribute.</summary>
    public static StringBuilder AppendHtml(this StringBuilder html, string? text)
    {
        if (text is null)
        {
            return html;
        }

        var rest = text.AsSpan();
        for (int i = rest.IndexOfAny(Special); i >= 0; i = rest.IndexOfAny(Special))
        {
            html.Append(rest[..i]).Append(rest[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => "\uFFFD", // NUL is a parse error in HTML; show the replacement character instead
            });
            rest = rest[(i + 1)..];
        }

        return html.Append(rest);
    }

    /// <summary>Encodes <paramref name="text"/> for HTML (see <see cref="AppendHtml"/>).</summary>
    public static string Encode(string text) => new StringBuilder(text.Length + 16).AppendHtml(text).ToString();

    /// <summary>
    /// True when <paramref name="url"/> may become a link or an image: it starts with
    /// <c>http://</c> or <c>https://</c> (so a browser sees that scheme too: no leading space or
    /// control character lets another scheme through) and parses as an absolute URI.
    /// </summary>
    public static bool IsWebUrl(string? url)
    {
        if (url is null || url.Length > 4096)
        {
            return false;
        }

        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (char c in url)
        {
            if (c < ' ' || c == '\u007F')
            {
                return false; // browsers drop tabs and line ends inside URLs: what we checked would not be what they load
            }
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }

    /// <summary>Appends <see cref="Link"/> of <paramref name="page"/>, encoded as <see cref="AppendHtml"/> would, without making a string of it.</summary>
    public static StringBuilder AppendLink(this StringBuilder html, string page) => html.Append('/').AppendHtml(page).Append('.').Append(HtmlPages.Extension);

    /// <summary>Appends a date as yyyy-MM-dd (<see cref="HtmlPages.IsoDate"/>) without making a string of it.</summary>
    public static StringBuilder AppendIsoDate(this StringBuilder html, DateOnly date)
    {
        Span<char> text = stackalloc char[10];
        return date.TryFormat(text, out int written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ? html.Append(text[..written]) : html.Append(HtmlPages.IsoDate(date));
    }

    /// <summary>A link to a page of the site: <c>/news/2017/09/28/index.html</c>.</summary>
    public static string Link(string page) => ArchivePaths.Link(page, HtmlPages.Extension);
}
