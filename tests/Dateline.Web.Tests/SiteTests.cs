using System.Globalization;
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
    public void Day_pages_link_across_days_without_events_to_the_nearest_days_with_events()
    {
        // The fixture has no page for 5 November and an empty one for the 6th: neither gets a page or a link.
        Assert.False(File.Exists(Path.Combine(site.Site, "news", "2019", "11", "5", "index.html")));
        Assert.False(File.Exists(Path.Combine(site.Site, "news", "2019", "11", "6", "index.html")));
        var last = Day("news/2019/11/4/index.html");
        Assert.Equal("/news/2019/11/7/index.html", last.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        var hostile = Day("news/2019/11/7/index.html");
        Assert.Equal("/news/2019/11/4/index.html", hostile.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(hostile.QuerySelector("a[rel=next]")); // the last day with events
        Assert.Null(Day("news/2019/10/1/index.html").QuerySelector("a[rel=prev]"));

        AngleSharp.Dom.IDocument Day(string page) => HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, page)), page);
    }

    [Fact]
    public void Each_related_event_shows_its_date_beside_its_headline()
    {
        int seen = 0;
        foreach (var page in Pages("*.html").Where(p => p.StartsWith("news/2019/10/2", StringComparison.Ordinal) && !p.EndsWith("/index.html", StringComparison.Ordinal)))
        {
            var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, page)), page);
            foreach (var item in document.QuerySelectorAll("section.related li"))
            {
                // The date is the one the linked page is filed under: /news/yyyy/M/d/slug.html.
                var parts = item.QuerySelector("a")!.GetAttribute("href")!.Split('/');
                var date = new DateOnly(int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), int.Parse(parts[4], CultureInfo.InvariantCulture));
                var time = item.QuerySelector("time")!;
                // The date a machine reads: the datetime attribute, or without one the text (as HTML says).
                Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), time.GetAttribute("datetime") ?? time.TextContent);
                Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), time.TextContent);
                seen++;
            }
        }

        Assert.True(seen > 100, $"only {seen} related events");
    }

    [Fact]
    public void An_event_page_shows_its_source_s_summary_and_cover_image_at_the_size_the_source_declared()
    {
        var page = Directory.GetFiles(Path.Combine(site.Site, "news", "2019", "10", "27"), "donald-trump-announces*.html").Single();
        var document = HtmlSafety.AssertInert(File.ReadAllText(page), "Baghdadi event");
        Assert.StartsWith("President Trump announced", document.QuerySelector(".lead .summary")!.TextContent, StringComparison.Ordinal);
        var cover = Assert.Single(document.QuerySelectorAll(".lead .cover img"));
        Assert.Equal("https://img.reuters.example/media/20191027/baghdadi-raid-statement.jpg", cover.GetAttribute("src"));
        Assert.Equal(document.QuerySelector("h1")!.TextContent, cover.GetAttribute("alt"));
        Assert.Equal(("800", "450"), (cover.GetAttribute("width"), cover.GetAttribute("height")));
        Assert.Equal("lazy", cover.GetAttribute("loading"));

        // Where no size was declared (the hostile event's source), the page lays it out at Open Graph's 1200 × 630, scaled by the stylesheet.
        var hostile = Directory.GetFiles(Path.Combine(site.Site, "news", "2019", "11", "7"), "*.html").Select(f => HtmlSafety.AssertInert(File.ReadAllText(f), f))
            .Single(d => d.QuerySelector(".cover img") is not null).QuerySelector(".cover img")!;
        Assert.Equal(("1200", "630"), (hostile.GetAttribute("width"), hostile.GetAttribute("height")));
        Assert.Contains(".cover img { max-width: 100%; height: auto;", File.ReadAllText(Path.Combine(site.Site, "assets", "site.css")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_front_page_shows_the_latest_days_with_their_events_above_the_months()
    {
        var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, "news", "index.html")), "front page");
        var days = document.QuerySelectorAll("section.latest-day").ToArray();
        Assert.Equal(
            ["2019-11-07", "2019-11-04", "2019-11-03", "2019-11-02", "2019-11-01", "2019-10-31", "2019-10-30"],
            days.Select(d => d.QuerySelector("h3 time")!.GetAttribute("datetime")!));
        foreach (var day in days)
        {
            // Each lists its day page's events, in the same order, with the same links.
            var href = day.QuerySelector("h3 a")!.GetAttribute("href")!;
            var dayPage = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, href.TrimStart('/'))), href);
            Assert.Equal(
                dayPage.QuerySelectorAll("section.category a").Select(a => (a.GetAttribute("href"), a.TextContent)),
                day.QuerySelectorAll("li a").Select(a => (a.GetAttribute("href"), a.TextContent)));
        }

        var latest = document.QuerySelector("section.latest")!;
        var firstYear = document.QuerySelector("section.year")!;
        Assert.Equal(AngleSharp.Dom.DocumentPositions.Following, latest.CompareDocumentPosition(firstYear) & AngleSharp.Dom.DocumentPositions.Following);
    }

    [Fact]
    public void An_entity_page_lists_every_event_naming_it_newest_first_with_a_chart_and_companions()
    {
        // Evo Morales is named in October and in November: two months, so a chart.
        var events = EventsNaming("Evo Morales");
        Assert.True(events.Length >= 2);
        Assert.True(events.Select(e => e.Date[..7]).Distinct().Count() >= 2);

        var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, "news", "entity", "evo-morales.html")), "entity");
        Assert.Equal("Evo Morales", document.QuerySelector("h1")!.TextContent);
        var listed = document.QuerySelectorAll("section.events li a").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal(events.OrderByDescending(e => e.Id).Select(e => "/" + e.Page + ".html"), listed);

        // The chart, inline: a bar per month with events, each with its count as a tooltip.
        var svg = document.QuerySelector("figure.chart svg")!;
        var bars = svg.QuerySelectorAll("rect").Select(r => r.QuerySelector("title")!.TextContent).ToArray();
        var months = events.GroupBy(e => e.Date[..7]).Select(g => $"{g.Key}: {g.Count()} event{(g.Count() == 1 ? "" : "s")}").ToArray();
        Assert.Equal(months, bars);

        var companions = document.QuerySelectorAll("section.companions li").ToArray();
        Assert.NotEmpty(companions);
        var counts = companions.Select(li => int.Parse(li.QuerySelector(".count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.DoesNotContain(companions, li => li.QuerySelector("a")!.TextContent == "Evo Morales");

        // The Markdown page says the same, with the chart as an image beside it.
        var markdown = File.ReadAllText(Path.Combine(site.Site, "news", "entity", "evo-morales.md"));
        Assert.Contains("![Events per month](/news/entity/evo-morales.svg)", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(site.Site, "news", "entity", "evo-morales.svg")));
        Assert.Equal(listed.Select(l => l[..^5] + ".md)"), markdown.Split('\n').Where(l => l.StartsWith("- 2019", StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf('(') + 1)..]));
    }

    [Fact]
    public void A_topic_under_the_thresholds_gets_no_chart_file_nor_feed_and_its_pages_link_none()
    {
        // Carrie Lam: a few events, all in October (fewer than 10, a single month).
        var events = EventsNaming("Carrie Lam");
        Assert.InRange(events.Length, 1, Dateline.Publishing.SitePlan.TopicFeedThreshold - 1);
        Assert.Single(events.Select(e => e.Date[..7]).Distinct());
        var folder = Path.Combine(site.Site, "news", "entity");
        Assert.False(File.Exists(Path.Combine(folder, "carrie-lam.svg")));
        Assert.False(File.Exists(Path.Combine(folder, "carrie-lam.atom")));

        var document = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(folder, "carrie-lam.html")), "entity under the thresholds");
        Assert.Empty(document.QuerySelectorAll("figure.chart, svg"));
        Assert.DoesNotContain(document.QuerySelectorAll("a[href], link[href]"), l => l.GetAttribute("href")!.EndsWith(".atom", StringComparison.Ordinal) && l.GetAttribute("href") != "/news/feed.atom");
        var markdown = File.ReadAllText(Path.Combine(folder, "carrie-lam.md"));
        Assert.DoesNotContain("Events per month", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(".svg", markdown, StringComparison.Ordinal);

        // No page of the site links a chart file or a feed that was not written.
        foreach (var page in Pages("*.html").Concat(Pages("*.md")))
        {
            var text = File.ReadAllText(Path.Combine(site.Site, page));
            foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(text, @"/news/[a-z0-9/-]+\.(svg|atom)"))
            {
                Assert.True(File.Exists(Path.Combine(site.Site, link.Value.TrimStart('/'))), $"{page} links {link.Value}");
            }
        }

        // Every topic with a chart file spans two months or more, and every topic feed holds 10 events or more.
        Assert.All(Pages("*.svg").Where(p => p.StartsWith("news/", StringComparison.Ordinal)), svg => Assert.True(
            System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(site.Site, svg)), "<rect ").Count >= 1 && File.ReadAllText(Path.Combine(site.Site, svg)).Contains("text-anchor=\"end\"", StringComparison.Ordinal), svg));
        Assert.All(Pages("*.atom").Where(p => p != "news/feed.atom"), feed => Assert.True(
            XDocument.Load(Path.Combine(site.Site, feed)).Root!.Elements(Atom + "entry").Count() >= Dateline.Publishing.SitePlan.TopicFeedThreshold, feed));
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

        // A topic with 10 events or more has a feed of its own, linked from its page.
        var story = XDocument.Load(Path.Combine(site.Site, "news", "story", "syrian-civil-war.atom"));
        Assert.InRange(story.Root!.Elements(Atom + "entry").Count(), Dateline.Publishing.SitePlan.TopicFeedThreshold, Dateline.Publishing.SitePlan.TopicFeedLength);
        var page = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, "news", "story", "syrian-civil-war.html")), "story");
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/news/story/syrian-civil-war.atom");
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
                ArchiveBuild.Run(store, again, new BuildOptions(Html: true, Topics: true), parallelism: 1);
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

    private (long Id, string Date, string Page)[] EventsNaming(string title) => SiteQueries.EventsNaming(site.Database, title);

    private IEnumerable<string> Pages(string pattern) =>
        Directory.EnumerateFiles(site.Site, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site.Site, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith(".dateline/", StringComparison.Ordinal));
}
