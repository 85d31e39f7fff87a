using System.Xml.Linq;
using Dateline.Publishing;

namespace Dateline.Tests.Publishing;

public sealed class SiteFeedsTests
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public void A_sitemap_of_more_pages_than_one_part_holds_lists_them_all_in_order_in_parts_the_index_names()
    {
        int count = (2 * SiteFeeds.SitemapLimit) + 1;
        var pages = Enumerable.Range(0, count).Select(i => $"news/2020/01/{i % 28 + 1}/page-{i}").ToArray();

        var files = SiteFeeds.Sitemaps("https://news.example", pages).ToArray();

        Assert.Equal([SiteFeeds.SitemapIndex, "sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml", "sitemaps/sitemap-3.xml"], files.Select(f => f.Path));
        Assert.All(files, f => Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", f.Content, StringComparison.Ordinal));
        Assert.All(files, f => Assert.EndsWith(">\n", f.Content, StringComparison.Ordinal));
        var index = XDocument.Parse(files[0].Content);
        Assert.Equal(
            ["https://news.example/sitemaps/sitemap-1.xml", "https://news.example/sitemaps/sitemap-2.xml", "https://news.example/sitemaps/sitemap-3.xml"],
            index.Descendants(Sitemap + "loc").Select(l => l.Value));
        var urls = files[1..].SelectMany(f => XDocument.Parse(f.Content).Descendants(Sitemap + "loc").Select(l => l.Value)).ToArray();
        Assert.Equal(pages.Select(p => $"https://news.example/{p}.html"), urls);
        Assert.Single(XDocument.Parse(files[3].Content).Descendants(Sitemap + "url"));
    }

    [Theory]
    [InlineData("https://news.example")]
    [InlineData("https://news.example/a&b<c>d")]
    public void A_sitemap_part_is_what_an_xml_writer_writes_byte_for_byte(string baseUrl)
    {
        string[] pages = ["news/index", "news/2020/01/2/a-b", "news/entity/caf%C3%A9"];

        var part = SiteFeeds.Sitemaps(baseUrl, pages).Single(f => f.Path.StartsWith(SiteFeeds.SitemapFolder, StringComparison.Ordinal)).Content;

        var expected = new System.Text.StringBuilder();
        using (var xml = System.Xml.XmlWriter.Create(expected, new System.Xml.XmlWriterSettings { Indent = true, NewLineChars = "\n" }))
        {
            xml.WriteStartElement("urlset", Sitemap.NamespaceName);
            foreach (var page in pages)
            {
                xml.WriteStartElement("url");
                xml.WriteElementString("loc", baseUrl + Dateline.Publishing.Html.HtmlText.Link(page));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        Assert.Equal(expected.Append('\n').ToString().Replace("utf-16", "utf-8", StringComparison.Ordinal), part);
        Assert.Equal(pages.Select(p => baseUrl + Dateline.Publishing.Html.HtmlText.Link(p)), XDocument.Parse(part).Descendants(Sitemap + "loc").Select(l => l.Value));
    }
}
