using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Dateline.Publishing.Html;

namespace Dateline.Web.Tests.Support;

/// <summary>
/// Checks that a page can run nothing: the only script elements are JSON-LD data blocks that
/// parse as JSON, no element carries an event handler or a style attribute, nothing embeds
/// other documents, and every link or image points into the site or to an http(s) URL. Inline
/// SVG (a topic's chart) holds only the shapes and text the chart draws: nothing the CSP
/// (default-src 'none'; style-src 'self') would block or that could run or fetch.
/// </summary>
internal static class HtmlSafety
{
    private static readonly HtmlParser Parser = new();

    private static readonly string[] SvgElements = ["svg", "line", "rect", "title", "text"];

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background", "cite"];

    public static IDocument AssertInert(string html, string where)
    {
        var document = Parser.ParseDocument(html);
        foreach (var element in document.All)
        {
            var name = element.LocalName;
            Assert.False(name is "iframe" or "object" or "embed" or "base" or "frame" or "applet" or "style", $"{where}: <{name}> element");
            if (element.NamespaceUri == "http://www.w3.org/2000/svg")
            {
                Assert.True(SvgElements.Contains(name), $"{where}: <{name}> in inline SVG");
            }

            if (name == "script")
            {
                Assert.Equal("application/ld+json", element.GetAttribute("type"));
                Assert.False(element.HasAttribute("src"), $"{where}: script with src");
                using var json = JsonDocument.Parse(element.TextContent); // a data block that is not JSON was broken into
            }

            if (name == "meta")
            {
                Assert.False(element.HasAttribute("http-equiv"), $"{where}: meta http-equiv");
            }

            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{where}: event handler {attribute.Name}=\"{attribute.Value}\" on <{name}>");
                Assert.False(attribute.Name == "style", $"{where}: style attribute on <{name}>");
                if (UrlAttributes.Contains(attribute.Name))
                {
                    Assert.True(IsSafeUrl(attribute.Value), $"{where}: <{name} {attribute.Name}=\"{attribute.Value}\">");
                }
            }
        }

        return document;
    }

    /// <summary>A path inside the site, or an http(s) URL.</summary>
    public static bool IsSafeUrl(string value) =>
        (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.Contains(':', StringComparison.Ordinal)) || HtmlText.IsWebUrl(value);
}
