using Dateline.Model;
using Dateline.Portal;

namespace Dateline.Tests.Portal;

/// <summary>
/// What real day pages hold beyond links and citations (FORMAT.md, "What real pages hold"),
/// each on a line written here: templates that print text, inline HTML, nowiki, invisible
/// characters, what stands between citations, continuation lines and sections that are not news.
/// The real pages themselves are read by the tests under RealPages/.
/// </summary>
public sealed class ReaderConstructsTests
{
    private static DayPage Page(string items) => DayPageParser.Parse(DayPageParserTests.Sandwich(items));

    private static Event Single(string items) => Assert.Single(Page(items).Day.Events);

    private static string HeadlineOf(string bullet) => Single("*" + bullet).Headline;

    [Theory]
    [InlineData("A {{nowrap|£5.5 million}} grant.", "A £5.5 million grant.")]
    [InlineData("A deal worth {{€|12 billion}} (US$13.9 billion).", "A deal worth €12 billion (US$13.9 billion).")]
    [InlineData("A {{US$|5 million}} fine.", "A US$5 million fine.")]
    [InlineData("A {{£|40}} fee and {{¥|300}} and {{₹|9 crore}}.", "A £40 fee and ¥300 and ₹9 crore.")]
    [InlineData("A second {{M|w|4.7}} earthquake.", "A second Mw 4.7 earthquake.")]
    [InlineData("A range of {{convert|10|km|mi}}.", "A range of 10 km.")]
    [InlineData("Heat of {{convert|45|C}} and {{convert|104|F|C}}.", "Heat of 45 °C and 104 °F.")]
    [InlineData("Waves of {{convert|10|-|20|m|ft|adj=on}}.", "Waves of 10–20 m.")]
    [InlineData("Waves of {{convert|3|to|5|m}}.", "Waves of 3 to 5 m.")]
    [InlineData("From 1990{{ndash}}2000 {{mdash}} a decade{{snd}}or so.", "From 1990–2000 — a decade – or so.")]
    [InlineData("The motto {{lang|fr|liberté}} and {{small|(small)}} and {{nobr|no break}}.", "The motto liberté and (small) and no break.")]
    [InlineData("A {{sic|teh}} typo, {{not a typo|recieve}}.", "A teh typo, recieve.")]
    [InlineData("Nested {{nowrap|{{convert|5|km}} away}}.", "Nested 5 km away.")]
    [InlineData("Price {{Euro}}30 and a{{nbsp}}space.", "Price €30 and a space.")]
    public void Templates_that_print_text_show_it(string bullet, string headline) =>
        Assert.Equal(headline, HeadlineOf(bullet));

    [Fact]
    public void An_interlanguage_link_template_shows_its_title_and_names_it()
    {
        var item = Single("*{{ill|Jean Dupont|fr|Jean Dupont (homme politique)|lt=Dupont}} and {{ill|Ana Lima|pt}} speak.");
        Assert.Equal("Dupont and Ana Lima speak.", item.Headline);
        Assert.Equal(["Jean Dupont", "Ana Lima"], item.Entities);
    }

    [Fact]
    public void Unknown_templates_print_nothing_and_are_counted_silent_ones_are_not()
    {
        var page = Page("*A {{Mystery|x}} and {{mystery|y}} and {{Other}} text.{{Dead link|date=May 2020}}{{cite web|url=x}}\n*B {{Webarchive|url=x}}.");
        Assert.Equal("A and and text.", page.Day.Events[0].Headline);
        Assert.Equal(new Dictionary<string, int> { ["Mystery"] = 1, ["mystery"] = 1, ["Other"] = 1 }, page.DroppedTemplates);
    }

    [Fact]
    public void Deeply_nested_templates_print_to_a_bound_and_stay_linear()
    {
        var nested = string.Concat(Enumerable.Repeat("{{nowrap|", 10_000)) + "deep" + string.Concat(Enumerable.Repeat("}}", 10_000));
        Assert.Equal("Before after.", HeadlineOf("Before " + nested + " after."));
    }

    [Theory]
    [InlineData("One<br>two<br />three<br/>four.", "One two three four.")]
    [InlineData("Score 3<sup>rd</sup> and H<sub>2</sub>O in <span style=\"color:red\">red</span>, <abbr title=\"x\">UN</abbr>, <s>old</s>.", "Score 3rd and H2O in red, UN, old.")]
    [InlineData("A <nowiki>[[not a link]] and ''not italic''</nowiki> text.", "A [[not a link]] and ''not italic'' text.")]
    [InlineData("Empty<nowiki/>mark.", "Emptymark.")]
    [InlineData("Dashes &mdash; and &ndash; and&nbsp;space &amp; more.", "Dashes — and – and space & more.")]
    [InlineData("Zero\u200Bwidth\u200C\u200D\u2060\uFEFF and soft\u00ADhyphen.", "Zerowidth and softhyphen.")]
    public void Inline_html_nowiki_references_and_invisible_characters_read_as_a_reader_sees_them(string bullet, string headline) =>
        Assert.Equal(headline, HeadlineOf(bullet));

    [Fact]
    public void Punctuation_between_citations_goes_with_them_and_the_space_before_stays()
    {
        var item = Single("*A bombing kills at least 30. [https://a.example/1 (AP)], [https://b.example/2 (CTV)]; [https://c.example/3 CBC] and [https://d.example/4 (BBC)]");
        Assert.Equal("A bombing kills at least 30. ", item.Headline);
        Assert.Equal(["AP", "CTV", "CBC", "BBC"], item.Citations.Select(c => c.Label));
    }

    [Fact]
    public void Brackets_that_held_only_citations_and_notes_after_them_go_with_them()
    {
        var item = Single("*Talks end. ([https://a.example/1 Reuters], [https://b.example/2 AFP]) [https://c.example/3 (NYTimes)] (registration required), [https://d.example/4 (AP)] (Link dead as of 1 May 2007 (UTC))");
        Assert.Equal("Talks end. ", item.Headline);
        Assert.Equal(4, item.Citations.Count);
    }

    [Fact]
    public void Brackets_after_a_citation_inside_the_sentence_stay()
    {
        var item = Single("*The minister [https://a.example/1 (AP)] (a former general) resigns. [https://b.example/2 (BBC)]");
        Assert.Equal("The minister (a former general) resigns. ", item.Headline);
    }

    [Fact]
    public void Citations_grouped_under_a_source_are_labelled_with_it()
    {
        var item = Single("*Troops withdraw. (Haaretz: [https://h.example/1 1], [https://h.example/2 2]) (BBC: [https://b.example/1 1])");
        Assert.Equal("Troops withdraw. ", item.Headline);
        Assert.Equal(["Haaretz 1", "Haaretz 2", "BBC 1"], item.Citations.Select(c => c.Label));
    }

    [Fact]
    public void A_citation_inside_the_sentence_leaves_one_space()
    {
        var item = Single("*The minister resigns [https://a.example/1 (AP)] and the cabinet falls. [https://b.example/2 (BBC)]");
        Assert.Equal("The minister resigns and the cabinet falls. ", item.Headline);
        Assert.Equal(["AP", "BBC"], item.Citations.Select(c => c.Label));
    }

    [Fact]
    public void A_link_in_the_prose_shows_its_label_and_is_no_citation()
    {
        var item = Single("*The army releases [https://v.example/clip drone footage] of the strike. [https://a.example/1 (AP)]");
        Assert.Equal("The army releases drone footage of the strike. ", item.Headline);
        Assert.Equal([new Citation("AP", "https://a.example/1")], item.Citations);
    }

    [Fact]
    public void Wikinews_links_are_citations()
    {
        var item = Single("*A ferry sinks. [https://a.example/1 (AP)] [[n:Ferry sinks off the coast|(Wikinews)]]");
        Assert.Equal("A ferry sinks. ", item.Headline);
        Assert.Equal([new Citation("AP", "https://a.example/1"), new Citation("Wikinews", "https://en.wikinews.org/wiki/Ferry_sinks_off_the_coast")], item.Citations);
        Assert.Empty(item.Entities);
    }

    [Fact]
    public void Continuation_lines_belong_to_the_bullet_above()
    {
        var page = Page("*A storm hits [[Cuba]].\n*: Power is cut in [[Havana]]. [https://a.example/1 (AP)]\n:Schools close.\n*Next event.");
        Assert.Equal(2, page.Day.Events.Count);
        var storm = page.Day.Events[0];
        Assert.Equal("A storm hits Cuba. Power is cut in Havana. Schools close.", storm.Headline);
        Assert.Equal(["Cuba", "Havana"], storm.Entities);
        Assert.Single(storm.Citations);
    }

    [Fact]
    public void Sections_of_holidays_and_observances_hold_no_events()
    {
        var page = Page("'''Holidays and observances'''\n*[[Diwali]]\n'''Sports'''\n*A match ends. [https://a.example/1 (AP)]\n'''Observances'''\n*A day of remembrance.");
        var item = Assert.Single(page.Day.Events);
        Assert.Equal("Sports", item.Category);
    }

    [Fact]
    public void A_cited_bullet_with_deeper_bullets_is_an_event_and_its_children_are_events_of_their_own()
    {
        var page = Page("*[[Gaza war]]\n**Militants attack towns including [[Sderot]]. [https://a.example/1 (Haaretz)]\n***A festival near [[Re'im]] is attacked.\n**Another event.");
        Assert.Equal(["Militants attack towns including Sderot. ", "A festival near Re'im is attacked.", "Another event."], page.Day.Events.Select(e => e.Headline));
        Assert.All(page.Day.Events, e => Assert.Equal(["Gaza war"], e.Stories));
        Assert.All(page.Day.Events, e => Assert.Equal(["Gaza war"], e.StoryTitles));
        Assert.Equal(["Sderot"], page.Day.Events[0].Entities);
    }

    [Fact]
    public void Stories_are_named_by_their_links_else_by_their_text_without_a_trailing_colon()
    {
        var page = Page("*[[Russian invasion of Ukraine|Invasion]], [[Kyiv]]:\n**First.\n*Local elections:\n**Second.");
        Assert.Equal(["Invasion, Kyiv"], page.Day.Events[0].Stories);
        Assert.Equal(["Russian invasion of Ukraine", "Kyiv"], page.Day.Events[0].StoryTitles);
        Assert.Empty(page.Day.Events[0].Entities);
        Assert.Equal(["Local elections"], page.Day.Events[1].Stories);
        Assert.Equal(["Local elections"], page.Day.Events[1].StoryTitles);
    }
}
