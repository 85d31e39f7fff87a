using System.Text;
using Dateline.Model;
using Dateline.Publishing;
using Dateline.Publishing.Markdown;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Dateline.Tests.Publishing;

/// <summary>
/// "Text is written as Markdown that means what it says" (FORMAT.md): what Dateline writes, a
/// CommonMark reader (Markdig) reads back as the same plain text and the same URLs.
/// </summary>
public sealed class MarkdownTextTests
{
    private static readonly MarkdownPipeline CommonMark = new MarkdownPipelineBuilder().Build();

    // ---- what a reader gets back ------------------------------------------------------------------

    /// <summary>The text of inlines; fails on anything but literal text (emphasis, links, code, HTML, breaks).</summary>
    private static string PlainText(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        for (var inline = inlines?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                default:
                    Assert.Fail($"the reader found a {inline.GetType().Name}, not plain text");
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// What a reader should get back for <paramref name="text"/>: a line end is a space (the text
    /// is one line), and U+0000 is U+FFFD (CommonMark replaces it; no escape can carry it).
    /// </summary>
    private static string OneLine(string text) =>
        text.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', '\uFFFD');

    /// <summary>Spaces and tabs around a paragraph's or heading's content are not content in CommonMark.</summary>
    private static string Stripped(string text) => OneLine(text).Trim(' ', '\t');

    private static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, CommonMark);

    // ---- generators -------------------------------------------------------------------------------

    private static readonly string[] Pieces =
    [
        "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "![", "](", "<", ">", "</", "<a href=\"x\">", "<!--", "\\", "\\\\", "&", "&amp;",
        "&#123;", "&#x1F600;", "&copy", "&nbsp;", "&notanentity;", "#", "##", " #", "-", "--", "---", "+", "=", "==", "|", "~", "~~~", "```",
        "!", ":", "\"", "'", "(c)", " ", "  ", "   ", "    ", "\t", "\n", "\r", "\r\n", "1.", "1)", "12345.", "http://x.example/", "<http://x>",
        "www.x.example", "a", "b", "Z", "é", "😀", "\0", "\u00A0", "\u2028", "\f", "\v", "[x]: /url", "> ", "- ", "+ ", "* ", "1. ", "===",
    ];

    private static Gen<string> Tricky =>
        Gen.OneOf(
            Gen.Elements(Pieces).ListOf().Select(p => string.Concat(p)),
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            Gen.Elements(Pieces).ListOf().Zip(ArbMap.Default.GeneratorFor<string>()).Select(t => string.Concat(t.Item1) + t.Item2));

    // ---- AppendText --------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property AppendText_inside_a_paragraph_reads_back_as_the_same_plain_text() =>
        Prop.ForAll(Tricky.ToArbitrary(), text =>
        {
            var markdown = new StringBuilder("Text: ").AppendText(text).ToString();
            var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(Parse(markdown)));
            Assert.Equal(("Text: " + OneLine(text)).TrimEnd(' ', '\t'), PlainText(paragraph.Inline));
        });

    [Property(MaxTest = 300)]
    public Property AppendText_as_a_link_label_reads_back_as_the_label() =>
        Prop.ForAll(Tricky.ToArbitrary(), text =>
        {
            var markdown = new StringBuilder("1. [").AppendText(text).Append("](http://x.example/)").ToString();
            var list = Assert.IsType<ListBlock>(Assert.Single(Parse(markdown)));
            var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(Assert.IsType<ListItemBlock>(Assert.Single(list))));
            var link = Assert.IsType<LinkInline>(Assert.Single(paragraph.Inline!));
            Assert.Equal("http://x.example/", link.Url);
            Assert.Equal(OneLine(text), PlainText(link));
        });

    [Theory]
    [InlineData("\"crusaders and apostates\". ")]
    [InlineData("it's (really) a well-known 'quote' - isn't it?")]
    [InlineData("Abu Bakr al-Baghdadi, Islamic State")]
    [InlineData("2–1 in the round of 16: 100% #1! ~tilde~ = + | {braces}")]
    public void The_seeds_characters_are_written_as_they_are(string text)
    {
        Assert.Equal(text, new StringBuilder().AppendText(text).ToString());
        Assert.Equal(text, new StringBuilder().AppendHeading(text).ToString());
    }

    [Fact]
    public void Characters_that_open_markup_are_escaped_with_a_backslash()
    {
        Assert.Equal(@"a\*b\_c\`d\[e\]f\<g\>h\\i", new StringBuilder().AppendText(@"a*b_c`d[e]f<g>h\i").ToString());
        Assert.Equal(@"AT&T \&amp; \&#123; \&#x1F; &;", new StringBuilder().AppendText("AT&T &amp; &#123; &#x1F; &;").ToString());
    }

    // ---- AppendHeading -------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property AppendHeading_reads_back_as_a_heading_of_the_same_text() =>
        Prop.ForAll(Tricky.ToArbitrary(), text =>
        {
            var markdown = new StringBuilder("# ").AppendHeading(text).Append('\n').ToString();
            var heading = Assert.IsType<HeadingBlock>(Assert.Single(Parse(markdown)));
            Assert.Equal(1, heading.Level);
            Assert.Equal(Stripped(text), PlainText(heading.Inline));
        });

    [Theory]
    [InlineData("Ends with #")]
    [InlineData("Ends with ###  ")]
    [InlineData("Tab before\t#")]
    [InlineData("Line end before\n#")]
    [InlineData("#")]
    [InlineData("No space#")]
    public void A_heading_keeps_a_closing_run_of_hashes(string text)
    {
        var heading = Assert.IsType<HeadingBlock>(Assert.Single(Parse(new StringBuilder("# ").AppendHeading(text).ToString())));
        Assert.Equal(Stripped(text), PlainText(heading.Inline));
    }

    // ---- AppendParagraph -------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property AppendParagraph_reads_back_as_one_paragraph_of_the_same_text() =>
        Prop.ForAll(Tricky.ToArbitrary(), text =>
        {
            var markdown = new StringBuilder().AppendParagraph(text).Append('\n').ToString();
            var blocks = Parse(markdown);
            if (Stripped(text).Length == 0)
            {
                Assert.Empty(blocks);
                return;
            }

            var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(blocks));
            Assert.Equal(Stripped(text), PlainText(paragraph.Inline));
        });

    [Theory]
    [InlineData("# Not a heading")]
    [InlineData("> not a quote")]
    [InlineData("- not a list")]
    [InlineData("+ not a list")]
    [InlineData("* not a list")]
    [InlineData("1. January")]
    [InlineData("2017) was a year")]
    [InlineData("---")]
    [InlineData("***")]
    [InlineData("```code")]
    [InlineData("~~~code")]
    [InlineData("    four spaces are not code")]
    [InlineData("\tnor is a tab")]
    [InlineData("  - nor an indented list")]
    [InlineData("   > nor an indented quote")]
    [InlineData(" 1. nor an indented number")]
    [InlineData("<div>not html</div>")]
    [InlineData("[x]: /not-a-definition")]
    public void A_paragraph_never_becomes_another_block(string text)
    {
        var markdown = new StringBuilder().AppendParagraph(text).Append('\n').ToString();
        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(Parse(markdown)));
        Assert.Equal(Stripped(text), PlainText(paragraph.Inline));
    }

    // ---- AppendUrl --------------------------------------------------------------------------------------

    private static readonly string[] UrlPieces =
    [
        "a", "Z", "0", "/", "?", "=", "&", "&amp;", "&#38;", "&copy;", "&x", "#", "%20", "%", " ", "  ", "(", ")", "((", "<", ">", "\\", "\\\\", "\"", "'",
        "[", "]", "`", "*", "_", "\t", "|", "{", "}", "^", "~", "é", "😀", ":", ";", ",", "!", "@", "+", "\u00A0", "\u007F", "\u0001", "\u3000",
    ];

    private static Gen<string> Urls =>
        from scheme in Gen.Elements("http://", "https://")
        from host in Gen.Elements("example.com", "x.example", "[::1]", "a.example:8080")
        from rest in Gen.Elements(UrlPieces).ListOf()
        select scheme + host + "/" + string.Concat(rest);

    [Property(MaxTest = 300)]
    public Property AppendUrl_gives_a_reader_the_same_url_back() =>
        Prop.ForAll(Urls.ToArbitrary(), url =>
        {
            var markdown = new StringBuilder("[x](").AppendUrl(url).Append(')').ToString();
            var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(Parse(markdown)));
            var link = Assert.IsType<LinkInline>(Assert.Single(paragraph.Inline!));
            Assert.Equal(url, link.Url);
            Assert.Equal("x", PlainText(link));
        });

    [Theory]
    [InlineData("http://www.latimes.com/world/la-fg-islamic-state-abu-bakr-20170928-story.html")]
    [InlineData("https://example.com/a_b*c[d]e")]
    [InlineData("https://example.com/wiki/Mercury_(planet)")]
    [InlineData("https://example.com/a b")]
    [InlineData("https://example.com/<a>")]
    [InlineData("https://example.com/a\\b")]
    [InlineData("https://example.com/?a=1&amp;b=2")]
    [InlineData("https://example.com/\"quoted\"")]
    public void Urls_read_back_unchanged(string url)
    {
        var markdown = new StringBuilder("1. [Cover Image](").AppendUrl(url).Append(")\n").ToString();
        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(Assert.IsType<ListItemBlock>(Assert.Single(Assert.IsType<ListBlock>(Assert.Single(Parse(markdown)))))));
        Assert.Equal(url, Assert.IsType<LinkInline>(Assert.Single(paragraph.Inline!)).Url);
    }

    [Fact]
    public void A_plain_url_is_written_as_it_is()
    {
        const string url = "http://www.latimes.com/world/la-fg-islamic-state-abu-bakr-20170928-story.html?a=1&b=2#top";
        Assert.Equal(url, new StringBuilder().AppendUrl(url).ToString());
    }

    // ---- text in pages --------------------------------------------------------------------------------

    [Theory]
    [InlineData("1. FC Köln")]
    [InlineData("# hashtag story")]
    [InlineData("> quoted")]
    [InlineData("- dashed")]
    [InlineData("+ plus")]
    public void A_story_on_a_day_page_stays_the_text_of_its_list_item(string story)
    {
        var date = new DateOnly(2017, 9, 28);
        var page = new DayPage(
            ArchivePaths.Day(date),
            date,
            ArchivePaths.Month(2017, 9),
            null,
            null,
            [new DayEntry("Sports", [story], "An event.", ArchivePaths.Event(date, "an-event"))]);
        var markdown = MarkdownPages.Day(page);
        var list = Parse(markdown).OfType<ListBlock>().Single();
        var item = Assert.IsType<ListItemBlock>(Assert.Single(list));
        var paragraph = Assert.IsType<ParagraphBlock>(item[0]);
        Assert.Equal(story, PlainText(paragraph.Inline));
        var events = Assert.IsType<ListBlock>(item[1]);
        var link = Assert.IsType<LinkInline>(Assert.Single(Assert.IsType<ParagraphBlock>(Assert.Single(Assert.IsType<ListItemBlock>(Assert.Single(events)))).Inline!));
        Assert.Equal("/news/2017/09/28/an-event.md", link.Url);
    }

    [Fact]
    public void An_event_page_reads_back_as_its_headline_sources_and_related_events()
    {
        var date = new DateOnly(2017, 9, 28);
        var item = new Event(date, 1, "Sports", [], "*Stars* & <b>tags</b> [1] ", ["A_b"], [new Citation("Reuters [wire]", "https://x.example/a_(b)")], 3);
        var page = new EventPage(ArchivePaths.Event(date, "stars"), item, ArchivePaths.Day(date), "1. A summary # with *marks*", null,
            [new RelatedLink("Other *one* ", ArchivePaths.Event(date, "other-one"), date, ["A_b", "C*d"])]);
        var blocks = Parse(MarkdownPages.Event(page));
        var headline = blocks.OfType<HeadingBlock>().Single(h => h.Level == 1);
        Assert.Equal("*Stars* & <b>tags</b> [1]", PlainText(headline.Inline));
        var summary = blocks.OfType<ParagraphBlock>().Single();
        Assert.Equal("1. A summary # with *marks*", PlainText(summary.Inline));
        var lists = blocks.OfType<ListBlock>().ToList();
        var source = Assert.IsType<LinkInline>(Assert.IsType<ParagraphBlock>(Assert.IsType<ListItemBlock>(Assert.Single(lists[0]))[0]).Inline!.FirstChild);
        Assert.Equal("https://x.example/a_(b)", source.Url);
        Assert.Equal("Reuters [wire]", PlainText(source));
        var related = Assert.IsType<ParagraphBlock>(Assert.IsType<ListItemBlock>(Assert.Single(lists[1]))[0]).Inline!;
        var relatedLink = Assert.IsType<LinkInline>(related.FirstChild);
        Assert.Equal("Other *one* ", PlainText(relatedLink));
        Assert.Equal("/news/2017/09/28/other-one.md", relatedLink.Url);
        var context = Assert.IsType<EmphasisInline>(relatedLink.NextSibling!.NextSibling);
        Assert.Equal("Context: A_b, C*d", PlainText(context));
    }

    // ---- sources that are not web links ---------------------------------------------------------------

    /// <summary>Markdig with GitHub-style extensions, autolinks among them: what many readers render.</summary>
    private static readonly MarkdownPipeline Extended = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [Theory]
    [InlineData("//evil.example/path")]
    [InlineData("mailto:someone@evil.example")]
    [InlineData("ftp://files.example/a.zip")]
    [InlineData("javascript:alert(1)")]
    [InlineData(" https://x.example/leading-space")]
    [InlineData("http:no-slashes.example")]
    [InlineData("www.evil.example/`tick``s`")]
    [InlineData("`mailto:x@evil.example`")]
    [InlineData("ftp://a.example/line\nend")]
    public void Only_http_and_https_sources_become_links_others_are_the_label_and_the_url_as_text(string url)
    {
        var date = new DateOnly(2017, 9, 28);
        var item = new Event(date, 1, "Sports", [], "An event", [], [new Citation("Web", "https://x.example/a"), new Citation("Other *one*", url)], 3);
        var page = new EventPage(ArchivePaths.Event(date, "an-event"), item, ArchivePaths.Day(date), null, url, []);
        var markdown = MarkdownPages.Event(page);

        foreach (var pipeline in new[] { CommonMark, Extended })
        {
            var blocks = Markdown.Parse(markdown, pipeline);
            var links = blocks.Descendants<LinkInline>().Select(l => l.Url).ToList();
            Assert.Equal(["/news/2017/09/28/index.md", "https://x.example/a"], links);
            Assert.Empty(blocks.Descendants<AutolinkInline>());
            var sources = Assert.IsType<ListBlock>(blocks.OfType<ListBlock>().Single());
            Assert.Equal(3, sources.Count);
            foreach (var (line, label) in new[] { (sources[1], "Other *one* "), (sources[2], "Cover Image ") })
            {
                var inlines = Assert.IsType<ParagraphBlock>(Assert.Single(Assert.IsType<ListItemBlock>(line))).Inline!;
                var code = Assert.IsType<CodeInline>(inlines.LastChild);
                Assert.Equal(url.Replace("\n", "%0A", StringComparison.Ordinal), code.Content);
                code.Remove();
                Assert.Equal(label, PlainText(inlines));
            }
        }
    }

    [Property(MaxTest = 300)]
    public Property AppendUrlAsText_reads_back_as_code_holding_the_url() =>
        Prop.ForAll(Tricky.Where(t => !string.IsNullOrWhiteSpace(t)).ToArbitrary(), url =>
        {
            var markdown = new StringBuilder("1. Label ").AppendUrlAsText(url).ToString();
            var list = Assert.IsType<ListBlock>(Assert.Single(Parse(markdown)));
            var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(Assert.IsType<ListItemBlock>(Assert.Single(list))));
            var code = Assert.IsType<CodeInline>(paragraph.Inline!.LastChild);
            var expected = url.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal).Replace('\0', '\uFFFD');
            Assert.Equal(expected, code.Content);
        });
}
