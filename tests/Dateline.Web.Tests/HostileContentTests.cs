using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using Dateline.Publishing.Html;
using Dateline.Web.Tests.Support;

namespace Dateline.Web.Tests;

/// <summary>Hostile text from the Portal or from a source page is shown as text, and nothing in it can run.</summary>
[Collection(SiteCollection.Name)]
public sealed class HostileContentTests(SiteFixture site)
{
    private const string FirstHostileHeadline = "<script>alert(1)</script> Evil Corp says \"hi\" ' onmouseover='alert(2) click me";

    [Fact]
    public void No_page_of_the_site_can_run_anything()
    {
        var pages = Directory.EnumerateFiles(site.Site, "*.html", SearchOption.AllDirectories).ToArray();
        Assert.True(pages.Length > 300, $"only {pages.Length} pages");
        foreach (var page in pages)
        {
            HtmlSafety.AssertInert(File.ReadAllText(page), Path.GetRelativePath(site.Site, page));
        }
    }

    [Fact]
    public void A_hostile_headline_is_shown_as_the_text_it_is()
    {
        var document = HtmlSafety.AssertInert(File.ReadAllText(HostileEventPage(1)), "hostile event");
        Assert.Equal(FirstHostileHeadline, document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Hostile news \" onclick=\"alert(0)", document.QuerySelector(".category")!.TextContent);
        Assert.Equal("Quote \"story\" <x>", document.QuerySelector(".stories")!.TextContent);
        Assert.Equal("<script>alert(1)</script> Evil Corp says \"hi\" ' onmouseover='alert(2) click me · Dateline", document.Title);
    }

    [Fact]
    public void Only_web_urls_become_links_and_hostile_labels_stay_text()
    {
        var document = HtmlSafety.AssertInert(File.ReadAllText(HostileEventPage(1)), "hostile event");
        var sources = document.QuerySelectorAll(".sources li").ToArray();
        Assert.Equal(3, sources.Length);

        var web = Assert.Single(sources[0].QuerySelectorAll("a"));
        Assert.Equal("https://x.example/a?b=1&c=\"2\"", web.GetAttribute("href"));
        Assert.Equal("\"><img src=x onerror=alert(5)>", web.TextContent);

        // javascript: and data: URLs are written as text beside their label, never as links.
        Assert.Empty(sources[1].QuerySelectorAll("a"));
        Assert.Contains("javascript:alert(8)", sources[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(sources[2].QuerySelectorAll("a"));
        Assert.DoesNotContain(document.QuerySelectorAll("img"), i => i.GetAttribute("src")!.StartsWith("java", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_hostile_summary_and_image_are_text_and_a_safe_url()
    {
        var first = HtmlSafety.AssertInert(File.ReadAllText(HostileEventPage(1)), "hostile event 1");
        Assert.Equal("Plain </script> summary", first.QuerySelector(".summary")!.TextContent);
        var cover = Assert.Single(first.QuerySelectorAll(".cover img"));
        Assert.Equal("https://img.example/x.jpg\" onerror=\"alert(14)", cover.GetAttribute("src"));
        Assert.Null(cover.GetAttribute("onerror"));

        // Its text alternative is the hostile headline, as text: no attribute of its own escapes it.
        Assert.Equal(FirstHostileHeadline, cover.GetAttribute("alt"));
        Assert.Null(cover.GetAttribute("onmouseover"));
        Assert.Equal(["alt", "decoding", "height", "loading", "referrerpolicy", "src", "width"], cover.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal));

        var second = HtmlSafety.AssertInert(File.ReadAllText(HostileEventPage(2)), "hostile event 2");
        Assert.Equal("</p><script>alert(9)</script> \"summary\" ' onfocus='alert(10)", second.QuerySelector(".summary")!.TextContent);
        Assert.Empty(second.QuerySelectorAll(".cover")); // its image is a javascript: URL: not shown at all
    }

    [Fact]
    public void Hostile_entity_titles_get_safe_slugs_and_stay_text()
    {
        var document = HtmlSafety.AssertInert(File.ReadAllText(HostileEventPage(2)), "hostile event 2");
        var entities = document.QuerySelectorAll(".entities a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href")!);
        Assert.Equal("/news/entity/img-src-x-onerror-alert-7.html", entities["<img src=x onerror=alert(7)>"]);
        Assert.Equal("/news/entity/zeta-quoted-title.html", entities["Zeta \"quoted\" ' title"]);
        Assert.DoesNotContain("Quote \"story\" <x>", entities.Keys); // a story bullet's link names its story, not an entity of the event
        var storyPage = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, "news", "story", "quote-story-x.html")), "hostile story");
        Assert.Equal("Quote \"story\" <x>", storyPage.QuerySelector("h1")!.TextContent);

        var entityPage = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(site.Site, "news", "entity", "img-src-x-onerror-alert-7.html")), "hostile entity");
        Assert.Equal("<img src=x onerror=alert(7)>", entityPage.QuerySelector("h1")!.TextContent);
        Assert.Empty(entityPage.QuerySelectorAll("main img"));
    }

    [Fact]
    public void An_inline_chart_on_a_page_with_hostile_titles_draws_under_the_csp_and_runs_nothing()
    {
        // A topic with a hostile title whose events span three months (so it has a chart), with hostile headlines.
        const string title = "</svg><script>alert(30)</script><svg onload=\"alert(31)\"> <style>*{}</style>";
        var page = new Dateline.Publishing.TopicPage(
            "news/entity/t-hostile",
            Dateline.Publishing.TopicKind.Entity,
            title,
            [new(new DateOnly(2019, 12, 1), "<title>x</title></svg><img src=x onerror=alert(32)>", "news/2019/12/1/a", null), new(new DateOnly(2019, 10, 1), "</rect><foreignObject>", "news/2019/10/1/b", null)],
            [new(2019, 10, 1), new(2019, 11, 0), new(2019, 12, 1)],
            [],
            "news/entity/t-hostile.svg",
            null);
        var html = new HtmlPages("http://127.0.0.1:8080").Topic(page);
        var document = HtmlSafety.AssertInert(html, "hostile topic with a chart");
        Assert.Equal(title, document.QuerySelector("h1")!.TextContent);
        Assert.Equal(title + " · Dateline", document.Title);

        // The chart: inline SVG of shapes and text only, drawn with presentation attributes (which
        // style-src does not govern), never a style attribute or element (which it would block).
        var svg = Assert.Single(document.QuerySelectorAll("svg"));
        Assert.Equal("chart", svg.ParentElement!.ClassName);
        Assert.Equal(["2019-10: 1 event", "2019-12: 1 event"], svg.QuerySelectorAll("rect title").Select(t => t.TextContent));
        string[] presentation = ["xmlns", "class", "width", "height", "viewbox", "viewBox", "role", "aria-label", "x", "y", "x1", "y1", "x2", "y2", "stroke", "fill", "font-size", "text-anchor"];
        Assert.All(svg.QuerySelectorAll("*").Prepend(svg), e => Assert.All(e.Attributes, a => Assert.Contains(a.Name, presentation)));
        Assert.DoesNotContain("alert", svg.OuterHtml, StringComparison.Ordinal);

        // The policy the server sends with it allows no script and styles only from the site's stylesheet.
        Assert.Contains("default-src 'none'", DatelineServer.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", DatelineServer.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", DatelineServer.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_page_with_its_inline_chart_is_served_under_the_csp()
    {
        using var client = site.Client();
        using var response = await client.GetAsync(new Uri("/news/entity/evo-morales.html", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal(DatelineServer.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        var document = HtmlSafety.AssertInert(await response.Content.ReadAsStringAsync(), "served entity page");
        Assert.Single(document.QuerySelectorAll("figure.chart svg"));
        Assert.Empty(document.QuerySelectorAll("[style], style, img[src$='.svg']"));
    }

    [Fact]
    public void Json_ld_carries_the_hostile_text_without_closing_its_script_element()
    {
        var html = File.ReadAllText(HostileEventPage(2));
        var document = HtmlSafety.AssertInert(html, "hostile event 2");
        var block = Assert.Single(document.QuerySelectorAll("script"));
        using var json = JsonDocument.Parse(block.TextContent);
        var root = json.RootElement;
        Assert.Equal("NewsArticle", root.GetProperty("@type").GetString());
        Assert.Contains("</script><script>alert(12)</script>", root.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal("</p><script>alert(9)</script> \"summary\" ' onfocus='alert(10)", root.GetProperty("description").GetString());
        Assert.False(root.TryGetProperty("image", out _)); // javascript: image left out
        Assert.Equal("2019-11-07", root.GetProperty("datePublished").GetString());

        // The raw block holds no '<' at all: nothing in it can end the element early.
        Assert.DoesNotContain('<', block.InnerHtml);
    }

    [Fact]
    public async Task The_search_page_encodes_hostile_hits_and_highlights_only_matches()
    {
        using var client = site.Client();
        var html = await client.GetStringAsync(new Uri("/search?q=Evil", UriKind.Relative));
        var document = HtmlSafety.AssertInert(html, "search page");
        var hits = document.QuerySelectorAll("ol.results > li").ToArray();
        Assert.Equal(2, hits.Length);
        Assert.All(document.QuerySelectorAll("mark"), mark => Assert.Equal("Evil", mark.TextContent));
        Assert.Contains(hits, h => h.QuerySelector("a")!.TextContent == FirstHostileHeadline);
    }

    [Fact]
    public async Task A_hostile_query_is_echoed_as_text()
    {
        using var client = site.Client();
        var query = Uri.EscapeDataString("\"><script>alert(20)</script>");
        using var response = await client.GetAsync(new Uri("/search?q=" + query + "&entity=" + query, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode); // no such entity
        var document = HtmlSafety.AssertInert(await response.Content.ReadAsStringAsync(), "search page with hostile query");
        Assert.StartsWith("entity:", document.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("\"><script>alert(20)</script>", document.QuerySelector("form.filters input[name=q]")!.GetAttribute("value"));
    }

    [Fact]
    public void Feeds_hold_hostile_text_as_text()
    {
        var feed = XDocument.Load(Path.Combine(site.Site, "news", "feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToArray();
        Assert.Contains(FirstHostileHeadline, titles);
        var summary = feed.Root.Elements(atom + "entry").Select(e => e.Element(atom + "summary")).First(s => s is not null)!;
        Assert.Equal("text", summary.Attribute("type")!.Value);
    }

    private string HostileEventPage(int position)
    {
        var folder = Path.Combine(site.Site, "news", "2019", "11", "7");
        var pages = Directory.GetFiles(folder, "*.html").Where(f => Path.GetFileName(f) != "index.html").ToArray();
        Assert.Equal(2, pages.Length);

        // The day page lists them in page order.
        var day = HtmlSafety.AssertInert(File.ReadAllText(Path.Combine(folder, "index.html")), "hostile day");
        var links = day.QuerySelectorAll("section.category a").Select(a => a.GetAttribute("href")!).ToArray();
        return Path.Combine(site.Site, links[position - 1].TrimStart('/'));
    }
}
