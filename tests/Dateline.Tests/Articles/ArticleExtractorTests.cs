using System.Text;
using Dateline.Articles;

namespace Dateline.Tests.Articles;

public sealed class ArticleExtractorTests
{
    private const string PageUrl = "https://news.example.org/world/2021/05/harbour-reopens.html";

    internal static SourcePage Page(string html, string? contentType = "text/html; charset=utf-8", string finalUrl = PageUrl) =>
        Page(Encoding.UTF8.GetBytes(html), contentType, finalUrl);

    internal static SourcePage Page(byte[] body, string? contentType, string finalUrl = PageUrl) =>
        new(finalUrl, finalUrl, 200, contentType, [], body, new DateTimeOffset(2021, 5, 4, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Open_graph_tags_win_over_every_other_source()
    {
        var html = """
            <html><head>
            <meta name="description" content="Plain description.">
            <meta name="twitter:description" content="Twitter words.">
            <meta property="og:description" content="The harbour reopened on Tuesday after a week of storms.">
            <meta name="twitter:image" content="https://img.example.org/t.jpg">
            <meta property="og:image" content="https://img.example.org/og.jpg">
            <script type="application/ld+json">{"@type":"NewsArticle","description":"From JSON-LD.","image":"https://img.example.org/ld.jpg"}</script>
            <link rel="image_src" href="https://img.example.org/link.jpg">
            </head><body><p>Body.</p></body></html>
            """;
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("The harbour reopened on Tuesday after a week of storms.", article.Summary);
        Assert.Equal("https://img.example.org/og.jpg", article.Image);
    }

    [Fact]
    public void Twitter_tags_come_next()
    {
        var html = """
            <head><meta name="description" content="Plain.">
            <meta name="twitter:description" content="Ferries run again.">
            <meta name="twitter:image" content="https://img.example.org/t.jpg"></head>
            <body><script type="application/ld+json">{"@type":"Article","description":"LD.","image":"https://img.example.org/ld.jpg"}</script></body>
            """;
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("Ferries run again.", article.Summary);
        Assert.Equal("https://img.example.org/t.jpg", article.Image);
    }

    [Fact]
    public void The_og_image_keeps_the_size_its_page_declared()
    {
        var html = """<head><meta property="og:image" content="https://img.example.org/og.jpg"><meta property="og:image:width" content=" 1200 "><meta property="og:image:height" content="675"></head>""";
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal((1200, 675), (article.ImageWidth, article.ImageHeight));
    }

    [Theory]
    [InlineData("""<meta property="og:image:width" content="1200">""")] // a width alone gives no shape
    [InlineData("""<meta property="og:image:width" content="1200px"><meta property="og:image:height" content="675">""")]
    [InlineData("""<meta property="og:image:width" content="-5"><meta property="og:image:height" content="675">""")]
    [InlineData("""<meta property="og:image:width" content="0"><meta property="og:image:height" content="675">""")]
    [InlineData("""<meta property="og:image:width" content="99999999999"><meta property="og:image:height" content="675">""")]
    public void A_size_that_is_not_two_plain_positive_numbers_is_left_out(string tags)
    {
        var article = ArticleExtractor.Extract(Page($"""<head><meta property="og:image" content="https://img.example.org/og.jpg">{tags}</head>"""));
        Assert.Equal("https://img.example.org/og.jpg", article.Image);
        Assert.Null(article.ImageWidth);
        Assert.Null(article.ImageHeight);
    }

    [Fact]
    public void An_og_image_size_does_not_go_with_another_tag_s_image()
    {
        // The og:image is not http(s), so the Twitter image is shown: the declared size is the og:image's, not its.
        var html = """<head><meta property="og:image" content="data:image/png;base64,AAAA"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630"><meta name="twitter:image" content="https://img.example.org/t.jpg"></head>""";
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("https://img.example.org/t.jpg", article.Image);
        Assert.Null(article.ImageWidth);
    }

    [Fact]
    public void Secure_og_image_stands_in_for_a_missing_og_image()
    {
        var html = """<head><meta property="og:image:secure_url" content="https://img.example.org/secure.jpg"><meta name="twitter:image" content="https://img.example.org/t.jpg"></head>""";
        Assert.Equal("https://img.example.org/secure.jpg", ArticleExtractor.Extract(Page(html)).Image);
    }

    [Fact]
    public void Json_ld_article_comes_before_the_plain_description_even_inside_a_graph_in_the_body()
    {
        var html = """
            <head><meta name="description" content="Site-wide blurb."></head>
            <body><p>Text</p>
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","description":"Not this one."},
              {"@type":["ReportageNewsArticle"],"description":"Dock workers &amp; crews return.",
               "image":[{"@type":"ImageObject","url":"/media/dock.jpg"}]}]}
            </script></body>
            """;
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("Dock workers & crews return.", article.Summary);
        Assert.Equal("https://news.example.org/media/dock.jpg", article.Image);
    }

    [Fact]
    public void Json_ld_in_a_top_level_array_with_an_image_object()
    {
        var html = """
            <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"schema:NewsArticle","description":"Array form.","image":{"url":"https://img.example.org/a.png"}}]</script>
            """;
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("Array form.", article.Summary);
        Assert.Equal("https://img.example.org/a.png", article.Image);
    }

    [Fact]
    public void Meta_description_and_image_src_link_are_the_last_resort()
    {
        var html = "<head><meta name=\"description\" content=\"  Only   the\n\t plain one.  \"><link rel=\"preload image_src\" href=\"pictures/last.jpg\"></head>";
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("Only the plain one.", article.Summary);
        Assert.Equal("https://news.example.org/world/2021/05/pictures/last.jpg", article.Image);
    }

    [Fact]
    public void Broken_json_ld_is_passed_over_and_the_next_block_is_read()
    {
        var html = """
            <script type="application/ld+json">{"@type":"NewsArticle","description":"never closed"</script>
            <script type="application/ld+json">{"@type":"NewsArticle","description":"Second block.",}</script>
            """;
        Assert.Equal("Second block.", ArticleExtractor.Extract(Page(html)).Summary);
    }

    [Fact]
    public void Broken_json_ld_alone_gives_nothing_but_the_plain_description()
    {
        var html = """<meta name="description" content="Fallback."><script type="application/ld+json">{{{ not json</script>""";
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("Fallback.", article.Summary);
        Assert.Null(article.Image);
    }

    [Fact]
    public void Malformed_html_still_yields_its_tags()
    {
        var html = "<html><head><title>Unclosed <meta property=og:description content='Storm damage was lighter than feared.'><meta property=\"og:image\" content=\"//cdn.example.org/x.jpg\"<body><div><p>never closed";
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Null(article.Summary); // the unclosed <title> swallows the first tag, as in a browser
        Assert.Null(article.Image);

        var sloppy = "<HEAD><META PROPERTY=og:description CONTENT='Storm damage was lighter than feared.'><Meta Property=\"og:image\" Content=\"//cdn.example.org/x.jpg\"><BODY><div><p>never closed";
        var read = ArticleExtractor.Extract(Page(sloppy));
        Assert.Equal("Storm damage was lighter than feared.", read.Summary);
        Assert.Equal("https://cdn.example.org/x.jpg", read.Image);
    }

    [Fact]
    public void Entities_are_decoded_once_and_double_escaped_ones_twice()
    {
        var html = """<meta property="og:description" content="Smith &amp; Sons say &quot;yes&quot; &amp;#8212; again&nbsp;today.">""";
        Assert.Equal("Smith & Sons say \"yes\" — again today.", ArticleExtractor.Extract(Page(html)).Summary);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("ftp://files.example.org/a.jpg")]
    public void Only_http_and_https_images_are_kept(string image)
    {
        var html = $"""<meta property="og:image" content="{image}"><meta name="twitter:image" content="https://img.example.org/ok.jpg">""";
        Assert.Equal("https://img.example.org/ok.jpg", ArticleExtractor.Extract(Page(html)).Image);
    }

    [Fact]
    public void Relative_images_resolve_against_the_final_url()
    {
        var page = Page("""<meta property="og:image" content="../img/boat.jpg?w=600&amp;h=400">""", finalUrl: "https://news.example.org/a/b/story");
        Assert.Equal("https://news.example.org/a/img/boat.jpg?w=600&h=400", ArticleExtractor.Extract(page).Image);
    }

    [Fact]
    public void A_long_summary_is_cut_at_a_sentence_end()
    {
        var sentence = "The council met again to weigh the harbour plan in detail. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 30)).Trim();
        var summary = ArticleExtractor.Extract(Page($"""<meta property="og:description" content="{text}">""")).Summary!;
        Assert.True(summary.Length <= 1000, $"{summary.Length} characters");
        Assert.EndsWith("in detail.", summary, StringComparison.Ordinal);
        Assert.Equal(16 * sentence.Length - 1, summary.Length);
    }

    [Fact]
    public void A_long_summary_without_sentence_ends_is_cut_at_a_word()
    {
        var text = string.Concat(Enumerable.Repeat("word ", 400));
        var summary = ArticleExtractor.Extract(Page($"""<meta property="og:description" content="{text}">""")).Summary!;
        Assert.True(summary.Length <= 1000);
        Assert.EndsWith("word…", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Charset_from_the_content_type_header()
    {
        var bytes = Encoding.Latin1.GetBytes("<meta property=\"og:description\" content=\"Caf\u00e9 owners cheer.\">");
        Assert.Equal("Café owners cheer.", ArticleExtractor.Extract(Page(bytes, "text/html; charset=ISO-8859-1")).Summary);
    }

    [Fact]
    public void Charset_from_a_meta_tag_when_the_header_has_none()
    {
        // 0x93 and 0x94 are curly quotes in windows-1252, control characters in Latin-1, invalid in UTF-8.
        byte[] bytes = [.. "<head><meta charset=\"windows-1252\"><meta property=\"og:description\" content=\""u8, 0x93, .. "Fine"u8, 0x94, .. " harbour\"></head>"u8];
        Assert.Equal("\u201cFine\u201d harbour", ArticleExtractor.Extract(Page(bytes, "text/html")).Summary);
    }

    [Fact]
    public void Charset_from_an_http_equiv_tag()
    {
        var bytes = Encoding.Latin1.GetBytes("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><meta name=\"description\" content=\"Se\u00f1or\">");
        Assert.Equal("Señor", ArticleExtractor.Extract(Page(bytes, null)).Summary);
    }

    [Fact]
    public void Without_any_charset_utf8_is_assumed_and_a_bom_is_honoured()
    {
        var utf8 = Encoding.UTF8.GetBytes("<meta name=\"description\" content=\"Zürich\">");
        Assert.Equal("Zürich", ArticleExtractor.Extract(Page(utf8, "text/html")).Summary);

        byte[] withBom = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<meta name=\"description\" content=\"Zürich\">")];
        Assert.Equal("Zürich", ArticleExtractor.Extract(Page(withBom, "text/html")).Summary);
    }

    [Fact]
    public void Non_html_content_gives_nothing()
    {
        var article = ArticleExtractor.Extract(Page("""<meta property="og:description" content="x">""", "application/pdf"));
        Assert.Null(article.Summary);
        Assert.Null(article.Image);
    }

    [Fact]
    public void Tags_after_the_head_are_still_found_when_the_head_lacks_them()
    {
        var filler = string.Concat(Enumerable.Repeat("<p>Paragraph of body text.</p>", 2000));
        var html = $"""<html><head><title>t</title><meta property="og:description" content="In the head."></head><body>{filler}<meta property="og:image" content="/late.jpg"></body></html>""";
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("In the head.", article.Summary);
        Assert.Equal("https://news.example.org/late.jpg", article.Image);
    }

    [Fact]
    public void Json_ld_in_the_head_is_read_when_open_graph_tags_are_missing()
    {
        var html = """
            <html><head><meta name="description" content="Site blurb.">
            <script type="application/ld+json">{"@type":"NewsArticle","description":"From the head's JSON-LD.","image":"https://img.example.org/h.jpg"}</script>
            </head><body><p>Text.</p></body></html>
            """;
        var article = ArticleExtractor.Extract(Page(html));
        Assert.Equal("From the head's JSON-LD.", article.Summary);
        Assert.Equal("https://img.example.org/h.jpg", article.Image);
    }

    [Fact]
    public void A_charset_mentioned_in_some_other_meta_tag_is_not_a_declaration()
    {
        var bytes = Encoding.UTF8.GetBytes("<meta name=\"keywords\" content=\"charset=windows-1252\"><meta name=\"description\" content=\"Gr\u00fc\u00dfe\">");
        Assert.Equal("Grüße", ArticleExtractor.Extract(Page(bytes, "text/html")).Summary);
    }
}
