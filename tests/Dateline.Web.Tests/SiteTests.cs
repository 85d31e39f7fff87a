using System.Xml.Linq;
using Dateline.Building;
using Dateline.Store;
using Dateline.Web.Tests.Support;

namespace Dateline.Web.Tests;

/// <summary>The static site that `build --html` writes beside the Markdown.</summary>
[Collection(SiteCollection.Name)]
public sealed class SiteTests(SiteFixture site)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public void Every_markdown_page_has_an_html_page_beside_it_and_the_other_way_round()
    {
        var markdown = Pages("*.md").Select(p => p[..^3]).Order(StringComparer.Ordinal).ToArray();
        var html = Pages("*.html").Select(p => p[..^5]).Order(StringComparer.Ordinal).ToArray();
        Assert.True(markdown.Length > 300);
        Assert.Equal(markdown, html);
    }

    [Fact]
    public void One_stylesheet_serves_every_page()
    {
        Assert.Single(Directory.GetFiles(site.Site, "*.css", SearchOption.AllDirectories));
        foreach (var page in Pages("*.html"))
        {
            var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, page)), page);
            Assert.Equal("/assets/site.css", Assert.Single(document.QuerySelectorAll("link[rel=stylesheet]")).GetAttribute("href"));
            Assert.Single(document.QuerySelectorAll("main"));
            Assert.Single(document.QuerySelectorAll("h1"));
        }
    }

    [Fact]
    public void Day_pages_link_their_month_and_neighbouring_days_and_all_links_resolve()
    {
        var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, "news", "2019", "10", "9", "index.html")), "day");
        Assert.Equal("/news/2019/10/8/index.html", document.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/news/2019/10/10/index.html", document.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Contains(document.QuerySelectorAll(".crumbs a"), a => a.GetAttribute("href") == "/news/2019/10/index.html");

        // Every link between pages of the site leads to a file the build wrote.
        foreach (var page in Pages("*.html").Where(p => !p.Contains("entity", StringComparison.Ordinal)))
        {
            var links = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, page)), page).QuerySelectorAll("a[href^='/news/']");
            Assert.All(links, a => Assert.True(File.Exists(Path.Combine(site.Site, a.GetAttribute("href")!.TrimStart('/'))), $"{page}: {a.GetAttribute("href")}"));
        }
    }

    [Fact]
    public void An_entity_page_lists_every_event_naming_it_newest_first_with_a_chart_and_companions()
    {
        var events = EventsNaming("Carrie Lam");
        Assert.True(events.Length >= 2);

        var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, "news", "entity", "carrie-lam.html")), "entity");
        Assert.Equal("Carrie Lam", document.QuerySelector("h1")!.TextContent);
        var listed = document.QuerySelectorAll("section.events li a").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal(events.OrderByDescending(e => e.Id).Select(e => "/" + e.Page + ".html"), listed);

        // The chart: a bar per month with events, each with its count as a tooltip.
        var svg = document.QuerySelector("figure.chart svg")!;
        var bars = svg.QuerySelectorAll("rect").Select(r => r.QuerySelector("title")!.TextContent).ToArray();
        var months = events.GroupBy(e => e.Date[..7]).Select(g => $"{g.Key}: {g.Count()} event{(g.Count() == 1 ? "" : "s")}").ToArray();
        Assert.Equal(months, bars);

        var companions = document.QuerySelectorAll("section.companions li").ToArray();
        Assert.NotEmpty(companions);
        var counts = companions.Select(li => int.Parse(li.QuerySelector(".count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.DoesNotContain(companions, li => li.QuerySelector("a")!.TextContent == "Carrie Lam");

        // The Markdown page says the same, with the chart as an image beside it.
        var markdown = File.ReadAllText(Path.Combine(site.Site, "news", "entity", "carrie-lam.md"));
        Assert.Contains("![Events per month](/news/entity/carrie-lam.svg)", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(site.Site, "news", "entity", "carrie-lam.svg")));
        Assert.Equal(listed.Select(l => l[..^5] + ".md)"), markdown.Split('\n').Where(l => l.StartsWith("- 2019", StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf('(') + 1)..]));
    }

    [Fact]
    public void Story_pages_list_the_events_under_the_story()
    {
        var page = Path.Combine(site.Site, "news", "story", "2019-turkish-offensive-into-north-eastern-syria.html");
        var document = HtmlSafety.AssertInert(File.ReadAllText(page), "story");
        Assert.Equal("2019 Turkish offensive into north-eastern Syria", document.QuerySelector("h1")!.TextContent);
        Assert.True(document.QuerySelectorAll("section.events li").Length >= 3);
        Assert.True(File.Exists(Path.ChangeExtension(page, ".md")));
    }

    [Fact]
    public void The_feeds_carry_the_latest_events_newest_first_with_absolute_links()
    {
        var feed = XDocument.Load(Path.Combine(site.Site, "news", "feed.atom"));
        var entries = feed.Root!.Elements(Atom + "entry").ToArray();
        Assert.Equal(50, entries.Length);
        var updated = entries.Select(e => e.Element(Atom + "updated")!.Value).ToArray();
        Assert.Equal(updated.OrderDescending(StringComparer.Ordinal), updated);
        Assert.All(entries, e => Assert.StartsWith("http://127.0.0.1:8080/news/", e.Element(Atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal));

        var entity = XDocument.Load(Path.Combine(site.Site, "news", "entity", "carrie-lam.atom"));
        Assert.Equal(EventsNaming("Carrie Lam").Length, entity.Root!.Elements(Atom + "entry").Count());
    }

    [Fact]
    public void The_sitemap_lists_every_html_page()
    {
        var index = XDocument.Load(Path.Combine(site.Site, "sitemap.xml"));
        var parts = index.Root!.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value).ToArray();
        var urls = parts
            .SelectMany(p => XDocument.Load(Path.Combine(site.Site, new Uri(p).AbsolutePath.TrimStart('/'))).Root!.Elements(Sitemap + "url"))
            .Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath.TrimStart('/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Pages("*.html").Order(StringComparer.Ordinal), urls);
    }

    [Fact]
    public void A_second_build_writes_the_same_bytes_whatever_the_thread_count()
    {
        var again = Path.Combine(Path.GetTempPath(), "dateline-web-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = ArchiveStore.Open(site.Database))
            {
                ArchiveBuild.Run(store, again, new BuildOptions(Html: true), parallelism: 1);
            }

            var first = Pages("*.*").Order(StringComparer.Ordinal).ToArray();
            var second = Directory.EnumerateFiles(again, "*.*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(again, f).Replace('\\', '/'))
                .Where(p => !p.StartsWith(".dateline/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(first, second);
            Assert.All(first, p => Assert.True(File.ReadAllBytes(Path.Combine(site.Site, p)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, p))), p));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    private (long Id, string Date, string Page)[] EventsNaming(string title)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={site.Database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.id, e.date, e.page FROM site_event_entities x JOIN site_events e ON e.id = x.event_id
            WHERE x.entity_id = (SELECT id FROM site_entities WHERE title = $t) ORDER BY e.id
            """;
        command.Parameters.AddWithValue("$t", title);
        var list = new List<(long, string, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return [.. list];
    }

    private IEnumerable<string> Pages(string pattern) =>
        Directory.EnumerateFiles(site.Site, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site.Site, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith(".dateline/", StringComparison.Ordinal));
}
