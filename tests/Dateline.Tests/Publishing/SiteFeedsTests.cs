using System.Xml.Linq;
using Dateline.Publishing;

namespace Dateline.Tests.Publishing;

public sealed class SiteFeedsTests
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public void A_group_of_more_pages_than_one_file_holds_lists_them_all_in_order_in_files_the_index_names()
    {
        int count = (2 * SiteFeeds.SitemapLimit) + 1;
        var pages = Enumerable.Range(0, count).Select(i => $"news/2020/01/{i % 28 + 1}/page-{i}").ToArray();

        var files = SiteFeeds.Sitemaps("https://news.example", [new SitemapGroup("news", 1, ["news/index"]), new SitemapGroup("2020", count, pages)]).ToArray();

        Assert.Equal([SiteFeeds.SitemapIndex, "sitemaps/news.xml", "sitemaps/2020.xml", "sitemaps/2020-2.xml", "sitemaps/2020-3.xml"], files.Select(f => f.Path));
        Assert.All(files, f => Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", f.Content, StringComparison.Ordinal));
        Assert.All(files, f => Assert.EndsWith(">\n", f.Content, StringComparison.Ordinal));
        var index = XDocument.Parse(files[0].Content);
        Assert.Equal(files[1..].Select(f => "https://news.example/" + f.Path), index.Descendants(Sitemap + "loc").Select(l => l.Value));
        var urls = files[2..].SelectMany(f => XDocument.Parse(f.Content).Descendants(Sitemap + "loc").Select(l => l.Value)).ToArray();
        Assert.Equal(pages.Select(p => $"https://news.example/{p}.html"), urls);
        Assert.Single(XDocument.Parse(files[4].Content).Descendants(Sitemap + "url"));
        Assert.All(files[2..], f => Assert.True(SiteFeeds.IsYearSitemap(f.Path, out int year) && year == 2020, f.Path));
        Assert.False(SiteFeeds.IsYearSitemap(files[1].Path, out _));
    }

    [Fact]
    public void A_group_the_last_build_wrote_is_listed_by_the_index_and_not_made_again()
    {
        int kept = SiteFeeds.SitemapLimit + 1; // two files, as the last build wrote them
        var files = SiteFeeds.Sitemaps("https://news.example", [new SitemapGroup("news", 1, ["news/index"]), new SitemapGroup("2019", kept, null), new SitemapGroup("2020", 1, ["news/2020/01/1/a"])]).ToArray();

        Assert.Equal([SiteFeeds.SitemapIndex, "sitemaps/news.xml", "sitemaps/2020.xml"], files.Select(f => f.Path));
        Assert.Equal(
            ["https://news.example/sitemaps/news.xml", "https://news.example/sitemaps/2019.xml", "https://news.example/sitemaps/2019-2.xml", "https://news.example/sitemaps/2020.xml"],
            XDocument.Parse(files[0].Content).Descendants(Sitemap + "loc").Select(l => l.Value));
    }

    [Theory]
    [InlineData("https://news.example")]
    [InlineData("https://news.example/a&b<c>d")]
    public void A_sitemap_part_is_what_an_xml_writer_writes_byte_for_byte(string baseUrl)
    {
        string[] pages = ["news/index", "news/2020/01/2/a-b", "news/entity/caf%C3%A9"];

        var part = SiteFeeds.Sitemaps(baseUrl, [new SitemapGroup("news", pages.Length, pages)]).Single(f => f.Path.StartsWith(SiteFeeds.SitemapFolder, StringComparison.Ordinal)).Content;

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
