using System.Globalization;
using System.Xml.Linq;
using Dateline.Building;
using Dateline.Store;
using Dateline.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Dateline.Web.Tests;

/// <summary>
/// A topic with more events than a page lists, over several years, lists its newest year's on
/// its page with every year linked, and each other year's on a page of its own; a smaller topic
/// keeps one page. The archive is made here: a port authority named by every event over three
/// years, all under a story whose title carries markup, and a trust named by a few of them.
/// </summary>
public sealed class TopicYearPagesTests : IDisposable
{
    private const int Above = 4;
    private const string StoryTitle = "Quay works <script>alert(1)</script> \"phase\" two & more";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private readonly string root = Path.Combine(Path.GetTempPath(), "dateline-web-tests", Guid.NewGuid().ToString("N"));

    public TopicYearPagesTests()
    {
        var days = Path.Combine(root, "days");
        Directory.CreateDirectory(days);
        (DateOnly Date, int Events)[] plan = [(new(2018, 3, 4), 2), (new(2018, 9, 12), 2), (new(2019, 1, 20), 2), (new(2019, 6, 2), 2), (new(2019, 12, 30), 2), (new(2020, 2, 14), 3), (new(2020, 7, 1), 3), (new(2020, 8, 15), 3), (new(2020, 10, 5), 3)];
        foreach (var (date, events) in plan)
        {
            var items = Enumerable.Range(1, events).Select(k =>
                $"**The [[Harbour Authority]] opens berth number {k} at the north quay{(k == 1 && date.Month < 7 ? " with the [[Lighthouse Trust]]" : string.Empty)}. [https://port.example/{date:yyyyMMdd}/{k} (Port News)]");
            File.WriteAllText(
                Path.Combine(days, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".wiki"),
                string.Create(CultureInfo.InvariantCulture, $"{{{{Current events|year={date.Year}|month={date.Month}|day={date.Day}|content=\n<!-- All news items below this line -->\n'''Business and economy'''\n*{StoryTitle}\n{string.Join('\n', items)}\n<!-- All news items above this line -->}}}}\n"));
        }

        Database = Path.Combine(root, "archive.db");
        Site = Path.Combine(root, "site");
        using var store = ArchiveStore.Open(Database);
        var report = ArchiveImport.Run(store, [days], null);
        Assert.Empty(report.Errors);
        ArchiveBuild.Run(store, Site, new BuildOptions(Html: true, Topics: true, YearPagesAbove: Above));
    }

    private string Database { get; }

    private string Site { get; }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_topic_over_the_limit_lists_its_newest_year_and_links_a_page_for_each_other_year()
    {
        var events = EventsNaming("Harbour Authority");
        Assert.True(events.Length > Above);
        var byYear = events.GroupBy(e => e.Date[..4]).OrderByDescending(g => g.Key, StringComparer.Ordinal).ToArray();
        Assert.Equal(["2020", "2019", "2018"], byYear.Select(g => g.Key));

        var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(Site, "news", "entity", "harbour-authority.html")), "topic by year");
        Assert.Equal($"{events.Length} events, {events[0].Date} to {events[^1].Date}. Atom feed", document.QuerySelector("main > p")!.TextContent);
        var years = document.QuerySelectorAll("nav.years li").Select(li => (li.QuerySelector("a")!.TextContent, li.QuerySelector("a")!.GetAttribute("href")!, li.QuerySelector(".count")!.TextContent)).ToArray();
        Assert.Equal(
            byYear.Select((g, k) => (g.Key, k == 0 ? "/news/entity/harbour-authority.html" : $"/news/entity/harbour-authority/{g.Key}.html", g.Count().ToString(CultureInfo.InvariantCulture))),
            years);
        Assert.Equal("2020", document.QuerySelector("nav.years a[aria-current=page]")!.TextContent); // the newest year is this page
        Assert.Equal("Events in 2020", document.QuerySelector("section.events h2")!.TextContent);
        Assert.Equal(Newest(byYear[0]), Listed(document));

        // Each other year on its own page, back to the topic; the newest year has none (its page is the topic's).
        foreach (var year in byYear.Skip(1))
        {
            var page = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(Site, "news", "entity", "harbour-authority", year.Key + ".html")), "year page");
            Assert.Equal($"Harbour Authority: {year.Key}", page.QuerySelector("h1")!.TextContent);
            Assert.Contains(page.QuerySelectorAll("nav.crumbs a, main > p a"), a => a.GetAttribute("href") == "/news/entity/harbour-authority.html");
            Assert.Equal(Newest(year), Listed(page));

            var markdown = File.ReadAllText(Path.Combine(Site, "news", "entity", "harbour-authority", year.Key + ".md"));
            Assert.Equal(Newest(year).Select(l => l[..^5] + ".md)"), markdown.Split('\n').Where(l => l.StartsWith("- " + year.Key, StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf('(') + 1)..]));
        }

        Assert.False(File.Exists(Path.Combine(Site, "news", "entity", "harbour-authority", "2020.html")));
        Assert.Equal(byYear.Length - 1, Directory.GetFiles(Path.Combine(Site, "news", "entity", "harbour-authority"), "*.html").Length);

        // The feed is the topic's newest events, whatever year they fall in, as many as a topic's feed carries.
        Assert.True(events.Length > Dateline.Publishing.SitePlan.TopicFeedLength && byYear[0].Count() < Dateline.Publishing.SitePlan.TopicFeedLength);
        var feed = XDocument.Load(Path.Combine(Site, "news", "entity", "harbour-authority.atom"));
        Assert.Equal(
            events.Reverse().Take(Dateline.Publishing.SitePlan.TopicFeedLength).Select(e => "http://127.0.0.1:8080/" + e.Page + ".html"),
            feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value));
    }

    [Fact]
    public void A_year_page_of_a_topic_whose_title_carries_markup_shows_it_as_text()
    {
        var story = Assert.Single(Directory.GetDirectories(Path.Combine(Site, "news", "story")));
        var years = Directory.GetFiles(story, "*.html").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["2018.html", "2019.html"], years.Select(Path.GetFileName));
        foreach (var year in years)
        {
            var page = HtmlSafety.AssertInert(File.ReadAllText(year), "story year page");
            Assert.Equal($"{StoryTitle}: {Path.GetFileNameWithoutExtension(year)}", page.QuerySelector("h1")!.TextContent);
            Assert.Equal($"{StoryTitle}: {Path.GetFileNameWithoutExtension(year)} · Dateline", page.Title);
            Assert.Contains(page.QuerySelectorAll("nav.crumbs a"), a => a.GetAttribute("href") == "/news/story/" + Path.GetFileName(story) + ".html" && a.TextContent == StoryTitle);
        }
    }

    [Fact]
    public void A_topic_within_the_limit_keeps_one_page_of_every_event()
    {
        var events = EventsNaming("Lighthouse Trust");
        Assert.InRange(events.Length, 2, Above);
        Assert.True(events.Select(e => e.Date[..4]).Distinct().Count() > 1);

        var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(Site, "news", "entity", "lighthouse-trust.html")), "topic on one page");
        Assert.Empty(document.QuerySelectorAll("nav.years"));
        Assert.Equal("Events", document.QuerySelector("section.events h2")!.TextContent);
        Assert.Equal(events.Reverse().Select(e => "/" + e.Page + ".html"), Listed(document));
        Assert.False(Directory.Exists(Path.Combine(Site, "news", "entity", "lighthouse-trust")));
    }

    [Fact]
    public async Task The_server_serves_the_year_pages_and_the_sitemap_files_of_each_year()
    {
        using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Dateline:Site", Site);
            builder.UseSetting("Dateline:Database", Database);
        });
        using var client = factory.CreateClient();

        using var page = await client.GetAsync(new Uri("/news/entity/harbour-authority/2019.html", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>Harbour Authority: 2019</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var sitemap = await client.GetAsync(new Uri("/sitemaps/2019.xml", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, sitemap.StatusCode);
        Assert.Contains("/news/2019/06/2/index.html</loc>", await sitemap.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sitemap_lists_the_year_pages_with_every_other_page()
    {
        var index = XDocument.Load(Path.Combine(Site, "sitemap.xml"));
        var urls = index.Root!.Elements(Sitemap + "sitemap")
            .SelectMany(s => XDocument.Load(Path.Combine(Site, new Uri(s.Element(Sitemap + "loc")!.Value).AbsolutePath.TrimStart('/'))).Root!.Elements(Sitemap + "url"))
            .Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath.TrimStart('/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var pages = Directory.EnumerateFiles(Site, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Site, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(pages, urls);
        Assert.Contains("news/entity/harbour-authority/2018.html", urls);
    }

    private static string[] Newest(IEnumerable<(long Id, string Date, string Page)> events) =>
        [.. events.OrderByDescending(e => e.Id).Select(e => "/" + e.Page + ".html")];

    private static string[] Listed(AngleSharp.Dom.IDocument document) =>
        [.. document.QuerySelectorAll("section.events li a").Select(a => a.GetAttribute("href")!)];

    private (long Id, string Date, string Page)[] EventsNaming(string title) => SiteQueries.EventsNaming(Database, title);
}
