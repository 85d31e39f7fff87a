using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dateline.Publishing.Html;

/// <summary>
/// Renders the page model as a static HTML site: the same paths as the Markdown with
/// <c>.html</c>, semantic HTML5, one stylesheet, no script. Every piece of text goes through
/// <see cref="HtmlText.AppendHtml"/>; only http(s) URLs become links or images.
/// </summary>
/// <param name="baseUrl">The site's address (for JSON-LD), e.g. <c>http://127.0.0.1:8080</c>, no trailing slash.</param>
/// <param name="besideMarkdown">Whether the build also writes the Markdown pages: only then does a page name its Markdown twin (<c>--format html</c> writes none).</param>
/// <param name="topicsBesideMarkdown">Whether the Markdown pages include the entity and story pages (<c>--topics</c>): only then do those name a twin.</param>
public sealed class HtmlPages(string baseUrl, bool besideMarkdown = true, bool topicsBesideMarkdown = true)
{
    public const string Extension = "html";

    /// <summary>The stylesheet's path, written once per site.</summary>
    public const string StylesheetPath = "assets/site.css";

    /// <summary>The site's icon, written once per site (without one, every browser asks for /favicon.ico and gets a 404).</summary>
    public const string IconPath = "assets/icon.svg";

    /// <summary>A "D" on a blue square.</summary>
    public const string Icon =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#1f5fa8\"/>" +
        "<text x=\"16\" y=\"23\" font-family=\"Georgia,serif\" font-size=\"20\" font-weight=\"700\" fill=\"#fff\" text-anchor=\"middle\">D</text></svg>\n";

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    [ThreadStatic]
    private static StringBuilder? builder;

    // This thread's JSON-LD writer and buffers, reused from event page to event page.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? jsonLdBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? jsonLd;

    [ThreadStatic]
    private static char[]? jsonLdChars;

    [ThreadStatic]
    private static char[]? jsonLdUrl;

    /// <summary>
    /// JSON-LD sits inside a script element: the default encoder writes '&lt;', '&gt;', '&amp;' and
    /// quotes as \u escapes, so no text can close the element ("&lt;/script&gt;") or open a comment.
    /// </summary>
    private static readonly JsonWriterOptions JsonLdOptions = new() { Encoder = JavaScriptEncoder.Default };

    public string BaseUrl { get; } = baseUrl.TrimEnd('/');

    /// <summary>An event: date and category, headline, cover image and summary, sources, entities, related events, JSON-LD.</summary>
    public string Event(EventPage page) => EventHtml(page).ToString();

    /// <summary><see cref="Event"/> in this thread's builder, valid until the thread renders another page (the build writes it from there).</summary>
    internal StringBuilder EventHtml(EventPage page)
    {
        var item = page.Event;
        var html = Open(item.Headline.Trim(), Twin(page.Page), null);
        html.Append("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"").AppendLink(ArchivePaths.Root).Append("\">News archive</a> › <a href=\"")
            .AppendLink(ArchivePaths.Month(item.Date.Year, item.Date.Month)).Append("\">").Append(MonthTitle(item.Date.Year, item.Date.Month))
            .Append("</a> › <a href=\"").AppendLink(page.DayPage).Append("\">").Append(LongDate(item.Date)).Append("</a></nav>\n");
        html.Append("<article class=\"event\">\n<header>\n<p class=\"dateline\"><time>").AppendIsoDate(item.Date).Append("</time>");
        if (item.Category.Length > 0)
        {
            html.Append(" · <span class=\"category\">").AppendHtml(item.Category).Append("</span>");
        }

        html.Append("</p>\n<h1>").AppendHtml(item.Headline.Trim()).Append("</h1>\n");
        if (item.Stories.Count > 0)
        {
            html.Append("<p class=\"stories\">");
            for (int s = 0; s < item.Stories.Count; s++)
            {
                (s > 0 ? html.Append(" › ") : html).AppendHtml(item.Stories[s]);
            }

            html.Append("</p>\n");
        }

        html.Append("</header>\n");
        if (HtmlText.IsWebUrl(page.Image) || page.Summary is not null)
        {
            html.Append("<div class=\"lead\">\n");
            if (HtmlText.IsWebUrl(page.Image))
            {
                AppendCover(html, page.Image!, item.Headline.Trim(), page.ImageSize);
            }

            if (page.Summary is not null)
            {
                html.Append("<p class=\"summary\">").AppendHtml(page.Summary).Append("</p>\n");
            }

            html.Append("</div>\n");
        }

        if (item.Citations.Count > 0)
        {
            html.Append("<section class=\"sources\">\n<h2>Sources</h2>\n<ol>\n");
            foreach (var citation in item.Citations)
            {
                html.Append("<li>");
                AppendExternal(html, citation.Label.Length > 0 ? citation.Label : citation.Url, citation.Url);
                html.Append("</li>\n");
            }

            html.Append("</ol>\n</section>\n");
        }

        if (page.Entities.Count > 0)
        {
            html.Append("<section class=\"entities\">\n<h2>Entities</h2>\n<ul class=\"tags\">\n");
            foreach (var entity in page.Entities)
            {
                html.Append("<li><a href=\"").AppendLink(entity.Page).Append("\">").AppendHtml(entity.Title).Append("</a></li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        if (page.Related.Count > 0)
        {
            html.Append("<section class=\"related\">\n<h2>Related</h2>\n<ol>\n");
            foreach (var related in page.Related)
            {
                html.Append("<li><time>").AppendIsoDate(related.Date).Append("</time> <a href=\"")
                    .AppendLink(related.Page).Append("\">").AppendHtml(related.Headline.Trim()).Append("</a>");
                if (related.Context.Count > 0)
                {
                    html.Append(" <span class=\"context\">Context: ");
                    for (int c = 0; c < related.Context.Count; c++)
                    {
                        (c > 0 ? html.Append(", ") : html).AppendHtml(related.Context[c]);
                    }

                    html.Append("</span>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ol>\n</section>\n");
        }

        html.Append("</article>\n");
        AppendJsonLd(html, page);
        return Closed(html);
    }

    /// <summary>A day: its events by category, under their stories, with the neighbouring days.</summary>
    public string Day(DayPage page) => DayHtml(page).ToString();

    /// <summary><see cref="Day"/> in this thread's builder, valid until the thread renders another page (the build writes it from there).</summary>
    internal StringBuilder DayHtml(DayPage page)
    {
        var html = Open(LongDate(page.Date), Twin(page.Page), null);
        html.Append("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"").AppendLink(ArchivePaths.Root).Append("\">News archive</a> › <a href=\"")
            .AppendLink(page.MonthPage).Append("\">").Append(MonthTitle(page.Date.Year, page.Date.Month)).Append("</a></nav>\n");
        html.Append("<h1><time datetime=\"").AppendIsoDate(page.Date).Append("\">").Append(page.Date.ToString("dddd, d MMMM yyyy", English)).Append("</time></h1>\n");
        AppendNeighbours(html, page.Previous is { } p ? (IsoDate(p.Date), p.Page) : null, page.Next is { } n ? (IsoDate(n.Date), n.Page) : null);

        string? category = null;
        int openLists = 0;
        IReadOnlyList<string> openStories = [];
        foreach (var entry in page.Events)
        {
            if (entry.Category != category)
            {
                CloseLists(html, ref openLists);
                if (category is not null)
                {
                    html.Append("</section>\n");
                }

                category = entry.Category;
                openStories = [];
                html.Append("<section class=\"category\">\n<h2>").AppendHtml(category.Length == 0 ? "Other news" : category).Append("</h2>\n<ul>\n");
                openLists = 1;
            }

            int shared = 0;
            while (shared < openStories.Count && shared < entry.Stories.Count && openStories[shared] == entry.Stories[shared])
            {
                shared++;
            }

            // Close the stories this event is not under, then open its own.
            while (openLists - 1 > shared)
            {
                html.Append("</ul></li>\n");
                openLists--;
            }

            for (int s = shared; s < entry.Stories.Count; s++)
            {
                html.Append("<li class=\"story\">").AppendHtml(entry.Stories[s]).Append("\n<ul>\n");
                openLists++;
            }

            openStories = entry.Stories;
            html.Append("<li><a href=\"").AppendLink(entry.Page).Append("\">").AppendHtml(entry.Headline.Trim()).Append("</a></li>\n");
        }

        CloseLists(html, ref openLists);
        if (category is not null)
        {
            html.Append("</section>\n");
        }

        return Closed(html);
    }

    /// <summary>A month: its days with their counts, and the neighbouring months.</summary>
    public string Month(MonthPage page)
    {
        var html = Open(MonthTitle(page.Year, page.Month), Twin(page.Page), null);
        html.Append("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"").AppendLink(ArchivePaths.Root).Append("\">News archive</a></nav>\n");
        html.Append("<h1>").Append(MonthTitle(page.Year, page.Month)).Append("</h1>\n");
        AppendNeighbours(
            html,
            page.Previous is { } p ? (MonthTitle(p.Year, p.Month), p.Page) : null,
            page.Next is { } n ? (MonthTitle(n.Year, n.Month), n.Page) : null);
        html.Append("<ul class=\"days\">\n");
        foreach (var (day, events) in page.Days)
        {
            html.Append("<li><a href=\"").AppendLink(day.Page).Append("\"><time datetime=\"").AppendIsoDate(day.Date).Append("\">")
                .Append(day.Date.ToString("dddd, d MMMM yyyy", English)).Append("</time></a>: ").Append(Count(events, "event")).Append("</li>\n");
        }

        html.Append("</ul>\n");
        return Close(html);
    }

    /// <summary>The front page: the latest days with their events, then every year with its months.</summary>
    public string Root(RootPage page)
    {
        var html = Open("News archive", Twin(page.Page), null);
        html.Append("<h1>News archive</h1>\n<p>").Append(Count(page.Events, "event")).Append(" on ").Append(Count(page.Days, "day")).Append(".</p>\n");
        if (page.LatestDays.Count > 0)
        {
            html.Append("<section class=\"latest\">\n<h2>Latest days</h2>\n");
            foreach (var (day, events) in page.LatestDays)
            {
                html.Append("<section class=\"latest-day\">\n<h3><a href=\"").AppendLink(day.Page).Append("\"><time datetime=\"").AppendIsoDate(day.Date).Append("\">")
                    .Append(day.Date.ToString("dddd, d MMMM yyyy", English)).Append("</time></a></h3>\n<ul>\n");
                foreach (var entry in events)
                {
                    html.Append("<li><a href=\"").AppendLink(entry.Page).Append("\">").AppendHtml(entry.Headline.Trim()).Append("</a></li>\n");
                }

                html.Append("</ul>\n</section>\n");
            }

            html.Append("<p><a href=\"/").Append(ArchivePaths.Feed).Append(".atom\">Atom feed of the latest events</a></p>\n</section>\n");
        }

        foreach (var year in page.Months.GroupBy(m => m.Month.Year).OrderByDescending(g => g.Key))
        {
            html.Append("<section class=\"year\">\n<h2>").Append(year.Key.ToString(English)).Append(" <small>(").Append(Count(year.Sum(m => m.Events), "event")).Append(")</small></h2>\n<ul class=\"months\">\n");
            foreach (var (month, events) in year)
            {
                html.Append("<li><a href=\"").AppendLink(month.Page).Append("\">").Append(English.DateTimeFormat.GetMonthName(month.Month))
                    .Append("</a>: ").Append(Count(events, "event")).Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        return Close(html);
    }

    /// <summary>An entity or story: the chart inline, its companions, every event newest first (or its years, and the newest year's events).</summary>
    public string Topic(TopicPage page) => TopicHtml(page).ToString();

    /// <summary><see cref="Topic"/> in this thread's builder, valid until the thread renders another page (the build writes it from there).</summary>
    internal StringBuilder TopicHtml(TopicPage page)
    {
        var feed = page.Feed is null ? null : "/" + page.Feed + ".atom";
        var html = Open(page.Title, TopicTwin(page.Page), feed);
        html.Append("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"").AppendLink(ArchivePaths.Root).Append("\">News archive</a> › ")
            .Append(KindName(page.Kind)).Append("</nav>\n");
        html.Append("<h1>").AppendHtml(page.Title).Append("</h1>\n<p>").Append(Count(page.EventCount, "event"));
        if (page.Span is var (first, last))
        {
            html.Append(", <time>").AppendIsoDate(first).Append("</time> to <time>").AppendIsoDate(last).Append("</time>");
        }

        html.Append('.');
        if (feed is not null)
        {
            html.Append(" <a href=\"").AppendHtml(feed).Append("\">Atom feed</a>");
        }

        html.Append("</p>\n");
        if (page.Chart is not null)
        {
            // Inline: no file to write or fetch. Only elements and presentation attributes, no
            // style attribute or element, so the CSP (style-src 'self', no script) lets it draw.
            html.Append("<figure class=\"chart\">").Append(TopicChart.Svg(page.Months)).Append("<figcaption>Events per month</figcaption></figure>\n");
        }

        if (page.CoOccurring.Count > 0)
        {
            html.Append("<section class=\"companions\">\n<h2>Often with</h2>\n<ul class=\"tags\">\n");
            foreach (var (entity, together) in page.CoOccurring)
            {
                html.Append("<li><a href=\"").AppendLink(entity.Page).Append("\">").AppendHtml(entity.Title).Append("</a> <span class=\"count\">")
                    .Append(together.ToString("N0", English)).Append("</span></li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        if (page.Years.Count == 0)
        {
            html.Append("<section class=\"events\">\n<h2>Events</h2>\n");
        }
        else
        {
            html.Append("<nav class=\"years\" aria-labelledby=\"years\">\n<h2 id=\"years\">Years</h2>\n<ul class=\"tags\">\n");
            foreach (var year in page.Years)
            {
                html.Append("<li><a href=\"").AppendLink(year.Page).Append(year.Page == page.Page ? "\" aria-current=\"page\">" : "\">").Append(year.Year.ToString("D4", English)).Append("</a> <span class=\"count\">")
                    .Append(year.Events.ToString("N0", English)).Append("</span></li>\n");
            }

            html.Append("</ul>\n</nav>\n<section class=\"events\">\n<h2>Events in ").Append(page.Years[0].Year.ToString("D4", English)).Append("</h2>\n");
        }

        return Closed(AppendTimeline(html, page.Events).Append("</section>\n"));
    }

    /// <summary>One year of a topic's events, newest first, under a link back to the topic's page (which lists every year).</summary>
    public string TopicYear(TopicYearPage page) => TopicYearHtml(page).ToString();

    /// <summary><see cref="TopicYear"/> in this thread's builder (see <see cref="TopicHtml"/>).</summary>
    internal StringBuilder TopicYearHtml(TopicYearPage page)
    {
        var year = page.Year.ToString("D4", English);
        var html = Open($"{page.Title}: {year}", TopicTwin(page.Page), null);
        html.Append("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"").AppendLink(ArchivePaths.Root).Append("\">News archive</a> › ")
            .Append(KindName(page.Kind)).Append(" › <a href=\"").AppendLink(page.Topic).Append("\">").AppendHtml(page.Title).Append("</a></nav>\n");
        html.Append("<h1>").AppendHtml(page.Title).Append(": ").Append(year).Append("</h1>\n<p>").Append(Count(page.Events.Count, "event")).Append(" in ").Append(year)
            .Append(". <a href=\"").AppendLink(page.Topic).Append("\">Every year</a></p>\n<section class=\"events\">\n<h2>Events</h2>\n");
        return Closed(AppendTimeline(html, page.Events).Append("</section>\n"));
    }

    private static string KindName(TopicKind kind) => kind == TopicKind.Entity ? "Entity" : "Story";

    private static StringBuilder AppendTimeline(StringBuilder html, IReadOnlyList<TimelineEntry> events)
    {
        html.Append("<ul class=\"timeline\">\n");
        foreach (var entry in events)
        {
            AppendTimelineEntry(html, entry);
        }

        return html.Append("</ul>\n");
    }

    /// <summary>The page whose Markdown twin a page announces: none when the build writes no Markdown.</summary>
    private string? Twin(string page) => besideMarkdown ? page : null;

    /// <summary>The page whose Markdown twin an entity or story page announces: none unless the Markdown has topics.</summary>
    private string? TopicTwin(string page) => besideMarkdown && topicsBesideMarkdown ? page : null;

    /// <summary>
    /// Starts a page of the site: the document head, the site header with its search form.
    /// The server's search page uses this too, so every page shares one frame. The page is built
    /// in this thread's builder, kept at its largest size (the build renders pages by the hundred
    /// thousand, and a new builder and a string for each were much of the collector's work), and
    /// is valid until the thread starts another.
    /// </summary>
    /// <param name="title">The page's title, as text.</param>
    /// <param name="page">The page's path without extension, to announce its Markdown twin; null for pages the server makes and when there is no Markdown.</param>
    /// <param name="feed">A feed to announce, as a site path, or null.</param>
    public static StringBuilder Open(string title, string? page, string? feed)
    {
        var html = builder ??= new StringBuilder(16 * 1024);
        html.Clear();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .AppendHtml(title).Append(" · Dateline</title>\n<link rel=\"stylesheet\" href=\"/").Append(StylesheetPath).Append("\">\n")
            .Append("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/").Append(IconPath).Append("\">\n")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Latest events\" href=\"/").Append(ArchivePaths.Feed).Append(".atom\">\n");
        if (feed is not null)
        {
            html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").AppendHtml(title).Append("\" href=\"").AppendHtml(feed).Append("\">\n");
        }

        if (page is not null)
        {
            html.Append("<link rel=\"alternate\" type=\"text/markdown\" href=\"").AppendHtml(ArchivePaths.Link(page, "md")).Append("\">\n");
        }

        html.Append("</head>\n<body>\n<header class=\"site\">\n<a class=\"brand\" href=\"").AppendLink(ArchivePaths.Root).Append("\">Dateline</a>\n")
            .Append("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\"><label for=\"q\" class=\"hidden\">Search the archive</label>")
            .Append("<input id=\"q\" type=\"search\" name=\"q\" placeholder=\"Search the archive\" maxlength=\"200\"><button type=\"submit\">Search</button></form>\n</header>\n<main>\n");
        return html;
    }

    /// <summary>Ends a page started with <see cref="Open"/>.</summary>
    public static string Close(StringBuilder html) => Closed(html).ToString();

    private static StringBuilder Closed(StringBuilder html) =>
        html.Append("</main>\n<footer class=\"site\"><p>Built by Dateline from the Current Events Portal.</p></footer>\n</body>\n</html>\n");

    /// <summary>
    /// One line of a timeline: the date, then the headline linked to its page. A time whose text
    /// is the ISO date has no datetime attribute: HTML reads the date from the text then, and the
    /// attribute was 24 bytes on every line (264 on an event page; see BENCHMARKS.md, "third session").
    /// </summary>
    public static void AppendTimelineEntry(StringBuilder html, TimelineEntry entry) =>
        html.Append("<li><time>").AppendIsoDate(entry.Date).Append("</time> <a href=\"")
            .AppendLink(entry.Page).Append("\">").AppendHtml(entry.Headline.Trim()).Append("</a></li>\n");

    /// <summary>
    /// The size a cover image is laid out at when its page did not declare one: Open Graph's
    /// recommended 1200 × 630. With the stylesheet's <c>height: auto</c> the browser reserves that
    /// shape before the image arrives and then takes the image's own, so a guess never distorts it.
    /// </summary>
    public static readonly ImageSize DefaultCoverSize = new(1200, 630);

    /// <summary>The cover image (an http(s) URL): lazy, with a text alternative and a size, so the page does not jump when it loads.</summary>
    private static void AppendCover(StringBuilder html, string url, string headline, ImageSize? declared)
    {
        var size = declared ?? DefaultCoverSize;
        html.Append("<figure class=\"cover\"><img src=\"").AppendHtml(url).Append("\" alt=\"").AppendHtml(headline.Length > 0 ? headline : "Cover image")
            .Append("\" width=\"").Append(size.Width.ToString(English)).Append("\" height=\"").Append(size.Height.ToString(English))
            .Append("\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\"></figure>\n");
    }

    /// <summary>A link to somewhere else on the web, or just the text (and the URL as text) when the URL is not http(s).</summary>
    public static void AppendExternal(StringBuilder html, string text, string url)
    {
        if (HtmlText.IsWebUrl(url))
        {
            html.Append("<a href=\"").AppendHtml(url).Append("\" rel=\"nofollow noopener noreferrer\">").AppendHtml(text).Append("</a>");
        }
        else
        {
            html.AppendHtml(text).Append(" <span class=\"url\">").AppendHtml(url).Append("</span>");
        }
    }

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", English);

    private static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", English);

    private static string MonthTitle(int year, int month) => $"{English.DateTimeFormat.GetMonthName(month)} {year.ToString(English)}";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString("N0", English)} {noun}s";

    private static void CloseLists(StringBuilder html, ref int openLists)
    {
        while (openLists > 1)
        {
            html.Append("</ul></li>\n");
            openLists--;
        }

        if (openLists == 1)
        {
            html.Append("</ul>\n");
            openLists = 0;
        }
    }

    private static void AppendNeighbours(StringBuilder html, (string Title, string Page)? previous, (string Title, string Page)? next)
    {
        if (previous is null && next is null)
        {
            return;
        }

        html.Append("<nav class=\"pager\" aria-label=\"Neighbours\">");
        if (previous is { } p)
        {
            html.Append("<a rel=\"prev\" href=\"").AppendLink(p.Page).Append("\">← ").AppendHtml(p.Title).Append("</a>");
        }

        if (next is { } n)
        {
            html.Append("<a rel=\"next\" href=\"").AppendLink(n.Page).Append("\">").AppendHtml(n.Title).Append(" →</a>");
        }

        html.Append("</nav>\n");
    }

    /// <summary>"url": the address of a page of the site, written without making a string of it.</summary>
    private void WriteUrl(Utf8JsonWriter json, string page)
    {
        int length = BaseUrl.Length + page.Length + 2 + Extension.Length;
        var url = jsonLdUrl is { } u && u.Length >= length ? u : jsonLdUrl = new char[Math.Max(length, 512)];
        BaseUrl.CopyTo(url);
        url[BaseUrl.Length] = '/';
        page.CopyTo(url.AsSpan(BaseUrl.Length + 1));
        url[BaseUrl.Length + 1 + page.Length] = '.';
        Extension.CopyTo(url.AsSpan(BaseUrl.Length + 2 + page.Length));
        json.WriteString("url"u8, url.AsSpan(0, length));
    }

    /// <summary>
    /// schema.org NewsArticle about the event, in a data block (not script: CSP allows no script,
    /// and browsers never run this type). What a search engine reads of an article: headline,
    /// date, address, section, summary, image. The entities and sources were here too, as
    /// <c>about</c> and <c>citation</c>: the page shows both and the JSON API gives both, and
    /// they were a ninth of an event page's bytes (about 900 of 8,500 on the benchmark archive),
    /// enough to make most pages take three pages of memory and disk instead of two.
    /// </summary>
    private void AppendJsonLd(StringBuilder html, EventPage page)
    {
        var item = page.Event;
        var buffer = jsonLdBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var json = jsonLd ??= new Utf8JsonWriter(buffer, JsonLdOptions);
        json.Reset(buffer);
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteString("@type", "NewsArticle");
            json.WriteString("headline", item.Headline.Trim());
            json.WriteString("datePublished", IsoDate(item.Date));
            WriteUrl(json, page.Page);
            if (item.Category.Length > 0)
            {
                json.WriteString("articleSection", item.Category);
            }

            if (page.Summary is not null)
            {
                json.WriteString("description", page.Summary);
            }

            if (HtmlText.IsWebUrl(page.Image))
            {
                json.WriteString("image", page.Image);
            }

            json.WriteEndObject();
            json.Flush();
        }

        var chars = jsonLdChars is { } c && c.Length >= buffer.WrittenCount ? c : jsonLdChars = new char[Math.Max(buffer.WrittenCount, 4096)];
        html.Append("<script type=\"application/ld+json\">").Append(chars, 0, Encoding.UTF8.GetChars(buffer.WrittenSpan, chars)).Append("</script>\n");
    }
}
