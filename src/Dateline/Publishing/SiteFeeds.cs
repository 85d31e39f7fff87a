using System.Text;
using System.Xml;
using Dateline.Publishing.Html;

namespace Dateline.Publishing;

/// <summary>
/// Atom feeds (the site's latest events, one per entity) and the sitemap. Both need absolute
/// URLs, so they are made from the site's base URL. Dates come from the archive, never the
/// clock: the same archive gives the same bytes.
/// </summary>
public static class SiteFeeds
{
    /// <summary>The sitemap group of the front page and the topic pages (see <see cref="SitemapGroup"/>); the others are years.</summary>
    public const string TopicsSitemap = "news";

    /// <summary>The most URLs one sitemap file may list (sitemaps.org).</summary>
    public const int SitemapLimit = 50_000;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        NewLineChars = "\n",
        OmitXmlDeclaration = false,
    };

    /// <summary>An Atom feed of <paramref name="entries"/> (newest first).</summary>
    /// <param name="baseUrl">The site's address without a trailing slash.</param>
    /// <param name="feedPage">The feed's own path without extension.</param>
    /// <param name="alternatePage">The HTML page the feed belongs to.</param>
    public static string Atom(string baseUrl, string title, string feedPage, string alternatePage, IReadOnlyList<TimelineEntry> entries)
    {
        var text = new StringBuilder(1024 + (entries.Count * 512));
        using (var xml = XmlWriter.Create(text, Settings))
        {
            xml.WriteStartElement("feed", "http://www.w3.org/2005/Atom");
            xml.WriteElementString("title", Clean(title));
            xml.WriteElementString("id", baseUrl + "/" + feedPage + ".atom");
            xml.WriteElementString("updated", entries.Count > 0 ? Timestamp(entries[0].Date) : "1970-01-01T00:00:00Z");
            Link(xml, "self", baseUrl + "/" + feedPage + ".atom");
            Link(xml, "alternate", baseUrl + HtmlText.Link(alternatePage));
            xml.WriteStartElement("author");
            xml.WriteElementString("name", "Dateline");
            xml.WriteEndElement();
            xml.WriteElementString("generator", "Dateline");
            foreach (var entry in entries)
            {
                var url = baseUrl + HtmlText.Link(entry.Page);
                xml.WriteStartElement("entry");
                xml.WriteElementString("title", Clean(entry.Headline.Trim()));
                xml.WriteElementString("id", url);
                xml.WriteElementString("updated", Timestamp(entry.Date));
                Link(xml, "alternate", url);
                if (entry.Summary is not null)
                {
                    // type="text": readers show it as text, never as markup.
                    xml.WriteStartElement("summary");
                    xml.WriteAttributeString("type", "text");
                    xml.WriteString(Clean(entry.Summary));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return text.Append('\n').ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    /// <summary>The sitemap index's path.</summary>
    public const string SitemapIndex = "sitemap.xml";

    /// <summary>The folder of the sitemap's parts.</summary>
    public const string SitemapFolder = "sitemaps/";

    /// <summary>
    /// The sitemap files: an index (<c>sitemap.xml</c>) and each group's files of at most
    /// <see cref="SitemapLimit"/> URLs, <c>sitemaps/{name}.xml</c> then <c>{name}-2.xml</c> and on.
    /// A group without pages is one whose files the last build wrote and this one keeps: the
    /// index lists them, nothing else is made of it.
    /// </summary>
    /// <returns>Pairs of (path, content).</returns>
    public static IEnumerable<(string Path, string Content)> Sitemaps(string baseUrl, IReadOnlyList<SitemapGroup> groups)
    {
        var files = groups.SelectMany(g => Enumerable.Range(0, Math.Max(1, (g.Count + SitemapLimit - 1) / SitemapLimit)).Select(k => (Group: g, Part: k))).ToArray();
        var index = new StringBuilder(256 + (files.Length * 128));
        using (var xml = XmlWriter.Create(index, Settings))
        {
            xml.WriteStartElement("sitemapindex", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var (group, part) in files)
            {
                xml.WriteStartElement("sitemap");
                xml.WriteElementString("loc", $"{baseUrl}/{SitemapPart(group.Name, part)}");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        yield return (SitemapIndex, Utf8(index));
        var parts = files
            .Where(f => f.Group.Pages is not null)
            .Select(f => (Path: SitemapPart(f.Group.Name, f.Part), Urls: f.Group.Pages!.Skip(f.Part * SitemapLimit).Take(SitemapLimit).ToArray()))
            .ToArray();

        // The parts made on every core, in order. Written out by hand, byte for byte what an
        // XmlWriter writes, at a fifth of its cost (28 MB of them on the benchmark archive).
        var made = parts.AsParallel().AsOrdered().Select(p =>
        {
            var urls = p.Urls;
            var part = new StringBuilder(128 + (urls.Length * (baseUrl.Length + 96)));
            part.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            foreach (var page in urls)
            {
                part.Append("  <url>\n    <loc>");
                AppendXmlText(part, baseUrl);
                AppendXmlText(part, HtmlText.Link(page));
                part.Append("</loc>\n  </url>\n");
            }

            part.Append("</urlset>\n");
            return (p.Path, part.ToString());
        });
        foreach (var part in made)
        {
            yield return part;
        }
    }

    /// <summary>The path of a group's sitemap file: its first part is named for the group, the next numbered from 2.</summary>
    private static string SitemapPart(string group, int part) =>
        part == 0 ? $"{SitemapFolder}{group}.xml" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{SitemapFolder}{group}-{part + 1}.xml");

    /// <summary>Whether <paramref name="path"/> is a sitemap file of one year's pages (<c>sitemaps/2019.xml</c>, <c>sitemaps/2019-2.xml</c>), and which year.</summary>
    public static bool IsYearSitemap(ReadOnlySpan<char> path, out int year)
    {
        year = 0;
        if (!path.StartsWith(SitemapFolder, StringComparison.Ordinal))
        {
            return false;
        }

        var name = path[SitemapFolder.Length..];
        return name.Length > 4 && (name[4] == '.' || name[4] == '-') && name.EndsWith(".xml", StringComparison.Ordinal)
            && int.TryParse(name[..4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year);
    }

    /// <summary>The text with a final newline, its XML declaration naming the encoding it is written in (only the declaration is searched: a part is 4 MB).</summary>
    private static string Utf8(StringBuilder text) => text.Append('\n').Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", 0, Math.Min(text.Length, 64)).ToString();

    /// <summary>Appends <paramref name="text"/> as XML element content escapes it (an XmlWriter's rules for text: the three markup characters).</summary>
    private static void AppendXmlText(StringBuilder to, string text)
    {
        var rest = text.AsSpan();
        for (int i; (i = rest.IndexOfAny(MarkupCharacters)) >= 0; rest = rest[(i + 1)..])
        {
            to.Append(rest[..i]).Append(rest[i] switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
        }

        to.Append(rest);
    }

    private static readonly System.Buffers.SearchValues<char> MarkupCharacters = System.Buffers.SearchValues.Create("&<>");

    private static void Link(XmlWriter xml, string rel, string href)
    {
        xml.WriteStartElement("link");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Timestamp(DateOnly date) => HtmlPages.IsoDate(date) + "T00:00:00Z";

    /// <summary>Drops characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates), which would make the writer throw.</summary>
    private static string Clean(string text)
    {
        bool clean = true;
        for (int i = 0; i < text.Length && clean; i++)
        {
            clean = XmlConvert.IsXmlChar(text[i]) || (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]) && ++i > 0);
        }

        if (clean)
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i, 2);
                i++;
            }
        }

        return kept.ToString();
    }
}

/// <summary>
/// Pages the sitemap lists in files of their own: the front page and the topics' pages, or one
/// year's months, days and events (so a build that follows another makes again only the years it
/// changed). <see cref="Pages"/> is null when the build keeps the last build's files of the group.
/// </summary>
/// <param name="Name">The group's file name without extension: <see cref="SiteFeeds.TopicsSitemap"/> or a year, <c>2019</c>.</param>
/// <param name="Count">How many pages the group has.</param>
public sealed record SitemapGroup(string Name, int Count, IReadOnlyList<string>? Pages);
