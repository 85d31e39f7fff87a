using Dateline.Model;
using Dateline.Portal;
using Dateline.Tests.Support;
using static Dateline.Tests.Portal.RealPages.RealPortal;

namespace Dateline.Tests.Portal.RealPages;

/// <summary>
/// Real day pages read by hand (FORMAT.md, "What real pages hold"): every value below was worked out by reading the
/// page's wikitext, not by running the parser. Wikipedia's sentences are not copied here: a headline is checked by
/// its first words, its last words with the exact ending (FORMAT.md: the end is not trimmed, so a single space stays
/// where a citation stood), and a short fragment wherever a construct applies. Events are named by their first words;
/// the comment beside each names the line of the .wiki file.
/// </summary>
public sealed class RealPageExpectationsTests
{
    private static readonly string[] NoStories = [];
    private static readonly Citation[] NoCitations = [];

    private static IReadOnlyList<Event> Events(string file) => Parse(file).Day.Events;

    private static void Count(IReadOnlyList<Event> events, int expected) =>
        Assert.True(events.Count == expected, $"{expected} events expected, the parser gives {events.Count}");

    /// <summary>The one event whose headline begins with <paramref name="start"/>.</summary>
    private static Event Find(IReadOnlyList<Event> events, string start)
    {
        var found = events.Where(e => e.Headline.StartsWith(start, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"one event beginning «{start}» expected, found {found.Count}");
        return found[0];
    }

    /// <summary>
    /// The event beginning <paramref name="start"/>: its headline ends exactly with <paramref name="end"/>, holds each
    /// fragment and no wikitext; its stories and citations are exactly these.
    /// </summary>
    private static Action Check(IReadOnlyList<Event> events, string start, string end, string[] stories, Citation[] citations, params string[] fragments) => () =>
    {
        var e = Find(events, start);
        Assert.Multiple(
            () => Assert.True(e.Headline.EndsWith(end, StringComparison.Ordinal), $"headline «{start}…» should end «{end}», ends «{Tail(e.Headline, end.Length + 12)}»"),
            () => Assert.All(fragments, f => Assert.True(e.Headline.Contains(f, StringComparison.Ordinal), $"headline «{start}…» should hold «{f}»")),
            () => AssertNoWikitext($"headline «{start}…»", e.Headline),
            () => Assert.Equal(stories, e.Stories),
            () => Assert.Equal(citations, e.Citations));
    };

    private static string Tail(string s, int n) => s.Length <= n ? s : s[^n..];

    private static Citation[] Cites(params Citation[] c) => c;

    // ---- 2004–2005: template content with the marker before it, no headings, stories with a colon ---------------

    [RealPortalFact]
    public void P2004_10_01_character_references_grouped_citations_a_link_in_the_prose_and_stories_with_a_colon()
    {
        var events = Events("2004-10-01.wiki");
        Assert.Multiple(
            () => Count(events, 12),
            () => Assert.All(events, e => Assert.Equal("", e.Category)),
            // line 8: &mdash; twice
            Check(events, "At least 19 people are killed", "a leading Sunni cleric. ", NoStories,
                Cites(Cite("BBC", "http://news.bbc.co.uk/2/hi/south_asia/3706506.stm")),
                "explosion—suspected to be", "bombing—at a Shia mosque"),
            // line 13: "[url footage]" is a link in the prose; "(Haaretz: [url1 1], [url2 2])" groups two citations
            Check(events, "The Israeli military releases unmanned drone", "being loaded into a van. ",
                ["Israeli-Palestinian conflict", "2004 Israeli operation in the northern Gaza Strip"],
                Cites(
                    Cite("Islam Online", "https://web.archive.org/web/20061009041833/http://www.islam-online.net/English/News/2004-10/03/article02.shtml"),
                    Cite("Haaretz 1", "https://web.archive.org/web/20041012123029/http://www.haaretzdaily.com/hasen/spages/483950.html"),
                    Cite("Haaretz 2", "http://www.haaretz.com/hasen/spages/484003.html")),
                "unmanned drone footage of the Gaza Strip"),
            // line 16: story "[[Iraqi resistance|Conflict in Iraq]]:" (trailing colon); {{Dead link}} between citations
            Check(events, "U.S. officials say that U.S.", "on the city of Samarra. ", ["Conflict in Iraq"],
                Cites(
                    Cite("Reuters", "https://www.reuters.com/newsArticle.jhtml?type=worldNews&storyID=6387832"),
                    Cite("The Australian", "https://web.archive.org/web/20051115122627/http://www.theaustralian.news.com.au/common/story_page/0,5744,10941391%255E1702,00.html"))),
            // line 6: a link with a #section names the article
            () => Assert.Contains("Territorial claims in the Arctic", Find(events, "The government of Denmark is").Entities));
    }

    [RealPortalFact]
    public void P2004_10_12_nowrap_a_reference_in_a_label_glued_citations_and_a_source_group()
    {
        var events = Events("2004-10-12.wiki");
        Assert.Multiple(
            () => Count(events, 9),
            // line 6: two spaces before the citation fold to one; {{Dead link}} after it is not text
            Check(events, "Moussa Arafat, cousin of Yasser Arafat", "explodes in his convoy. ", ["Israeli-Palestinian conflict"],
                Cites(Cite("Reuters", "https://www.reuters.com/newsArticle.jhtml?type=worldNews&storyID=6481140&section=news"))),
            // line 7: "(BBC: [url 1], [url 2]) [url (CNN)]"
            Check(events, "In the Gaza Strip, Ghadir Mokheimer,", "coming under mortar attack. ", ["Israeli-Palestinian conflict"],
                Cites(
                    Cite("BBC 1", "http://news.bbc.co.uk/1/hi/world/middle_east/3737218.stm"),
                    Cite("BBC 2", "http://news.bbc.co.uk/1/hi/world/middle_east/3739148.stm"),
                    Cite("CNN", "http://www.cnn.com/2004/WORLD/meast/10/12/mideast.violence/index.html"))),
            // line 12: {{Nowrap|1,500 km}}; "][" glued citations; (The Hindu &#91;India&#93;)
            Check(events, "Pakistan test fires a nuclear-capable missile", "routinely test their missiles. ", NoStories,
                Cites(
                    Cite("BBC", "http://news.bbc.co.uk/2/hi/south_asia/3735380.stm"),
                    Cite("The Hindu [India]", "https://web.archive.org/web/20071014174113/http://www.hinduonnet.com/thehindu/holnus/001200410121003.htm")),
                "a range of 1,500 km (930 miles),"));
    }

    [RealPortalFact]
    public void P2004_10_27_nowrap_amounts_dashes_italics_and_webarchive()
    {
        var events = Events("2004-10-27.wiki");
        Assert.Multiple(
            () => Count(events, 13),
            // line 3: &mdash; and &ndash;, no citation: nothing to leave a space
            Check(events, "The Boston Red Sox win their", "2004 World Series of baseball.", NoStories, NoCitations,
                "since 1918—and break the", "Bambino\"—by beating", "Cardinals 3–0 in"),
            // line 7: ''[[Homo floresiensis]].'' and &mdash;
            Check(events, "Scientists announce the discovery on the", "160,000 years ago. ", NoStories,
                Cites(Cite("AP", "http://story.news.yahoo.com/news?tmpl=story&cid=1894&e=1&u=/ap/20041027/ap_on_sc/dwarf_cavewoman")),
                "named Homo floresiensis. Unusually", "3 feet (90 cm) tall—dates"),
            // line 8: {{Nowrap|£5.5 million}} ({{Nowrap|$10 million}})
            Check(events, "Four British citizens, who were detained", "General Richard Myers. ", NoStories,
                Cites(Cite("BBC", "http://news.bbc.co.uk/1/hi/world/3959635.stm")),
                "for £5.5 million ($10 million) each"),
            // line 10: {{Webarchive}} after the citation is neither text nor a citation
            Check(events, "Three militants with alleged links to", "border with Afghanistan. ", NoStories,
                Cites(Cite("Reuters", "https://www.reuters.com/newsArticle.jhtml?type=worldNews&storyID=6625878"))));
    }

    [RealPortalFact]
    public void P2005_01_08_header_table_with_the_marker_before_it_and_the_footer()
    {
        var page = Parse("2005-01-08.wiki");
        var events = page.Day.Events;
        Assert.Multiple(
            () => Assert.Equal(DayPageLayout.HeaderTable, page.Layout),
            () => Assert.Equal(new DateOnly(2005, 1, 8), page.Date),
            () => Count(events, 7),
            () => Assert.All(events, e => Assert.Equal("", e.Category)),
            // line 3: [[USS San Francisco (SSN-711)|USS ''San Francisco'']]
            Check(events, "A U.S. Navy nuclear submarine, USS", "Pacific island of Guam. ", NoStories,
                Cites(
                    Cite("AP via USA Today", "https://www.usatoday.com/news/world/2005-01-08-sub_x.htm"),
                    Cite("BBC", "http://news.bbc.co.uk/2/hi/americas/4157517.stm")),
                "USS San Francisco, runs aground"),
            // line 5: under "* [[2004 Indian Ocean earthquake]]: " (colon and a space)
            Check(events, "The United States National Oceanic and", "tsunami timeline. ", ["2004 Indian Ocean earthquake"],
                Cites(
                    Cite("CNN", "http://edition.cnn.com/interactive/world/0412/timeline.tsunami/content.1.html"),
                    Cite("NOAA Press Release", "http://www.noaanews.noaa.gov/stories2004/s2358.htm"))),
            // line 11: the last bullet before the footer, no citation
            Check(events, "Cyclone Gudrun hit Sweden and Denmark", "the loss of 22 lives.", NoStories, NoCitations));
    }

    [RealPortalFact]
    public void P2005_12_04_notes_after_citations_and_a_label_with_parentheses()
    {
        var events = Events("2005-12-04.wiki");
        Assert.Multiple(
            () => Count(events, 8),
            // line 3: a linked "story: text" bullet without deeper bullets is an event
            Check(events, "Israeli-Palestinian Conflict: Israel launches a", "in the Gaza Strip. ", NoStories,
                Cites(Cite("BBC", "http://news.bbc.co.uk/2/hi/middle_east/4496658.stm"))),
            // line 4: "[…] (Link dead as of …), […] (registration required), […]"
            Check(events, "Hong Kong people marched today to", "the figure at 63,000. ", NoStories,
                Cites(
                    Cite("AP via Yahoo!News", "https://news.yahoo.com/s/ap/20051205/ap_on_re_as/hong_kong_democracy_protest"),
                    Cite("NYTimes", "https://www.nytimes.com/2005/12/05/international/asia/05hong.html"),
                    Cite("Xinhua", "http://news.xinhuanet.com/english/2005-12/04/content_3876230.htm"))),
            // line 8: "[…]{{Dead link…}}(Link dead as of …), […] (registration required)"
            Check(events, "Former prime minister Iyad Allawi says", "debris by a mob. ", ["Conflict in Iraq"],
                Cites(
                    Cite("ReutersUK", "http://today.reuters.co.uk/news/newsArticle.aspx?type=worldNews&storyID=2005-12-04T174641Z_01_MOL463885_RTRUKOC_0_UK-IRAQ.xml"),
                    Cite("NYTimes", "https://www.nytimes.com/2005/12/04/international/middleeast/04cnd-iraq.html?hp&ex=1133758800&en=5c16772029d814d2&ei=5094&partner=homepage"))),
            // line 11: {{Webarchive}} between citations; "(Photo of aircraft (Airliners.net))"
            Check(events, "A London tabloid claims that the", "and Edinburgh Airport. ", NoStories,
                Cites(
                    Cite("BBC News", "http://news.bbc.co.uk/2/hi/uk_news/scotland/4496672.stm"),
                    Cite("Hindustan Times", "http://www.hindustantimes.com/news/181_1564503,00050003.htm"),
                    Cite("Photo of aircraft (Airliners.net)", "http://www.airliners.net/search/photo.search?regsearch=N187D&distinct_entry=true"))));
    }

    [RealPortalFact]
    public void P2005_12_13_wikinews_a_glued_citation_and_a_comment_after_a_citation()
    {
        var events = Events("2005-12-13.wiki");
        Assert.Multiple(
            () => Count(events, 14),
            // line 7: [[n:New Jersey apartment building collapses after explosion|(Wikinews)]]
            Check(events, "The collapse of a residential building", "smoke into the air. ", NoStories,
                Cites(
                    Cite("BBC", "http://news.bbc.co.uk/2/hi/americas/4525548.stm"),
                    Cite("Wikinews", "https://en.wikinews.org/wiki/New_Jersey_apartment_building_collapses_after_explosion"))),
            // line 8: a comment after the citation
            Check(events, "The President of the United States,", "of the Iraq War. ", NoStories,
                Cites(Cite("The Australian", "https://web.archive.org/web/20051216114456/http://www.theaustralian.news.com.au/common/story_page/0,5744,17562309%255E31477,00.html"))),
            // line 13: "…election.[url (Toronto Star)]" leaves no space
            Check(events, "In response to Canadian Prime Minister", "during an election.", NoStories,
                Cites(Cite("Toronto Star", "https://www.thestar.com/NASApp/cs/ContentServer?pagename=thestar/Layout/Article_Type1&c=Article&cid=1134515413621&call_pageid=968332188492&col=968793972154"))),
            // line 16: no citation
            Check(events, "US Federal Reserve rises the target", "in more than four years.", NoStories, NoCitations));
    }

    [RealPortalFact]
    public void P2005_12_15_a_link_into_the_wikipedia_namespace_shows_its_text()
    {
        var events = Events("2005-12-15.wiki");
        Assert.Multiple(
            () => Count(events, 10),
            // line 9: [[Wikipedia:External peer review/Nature December 2005|comparison of 42 articles]]
            Check(events, "A comparison of 42 articles by", "more disorganized than Britannica's. ", NoStories,
                Cites(
                    Cite("Nature", "http://www.nature.com/news/2005/051212/full/438900a.html"),
                    Cite("BBC", "http://news.bbc.co.uk/2/hi/technology/4530930.stm"),
                    Cite("NPR", "https://www.npr.org/templates/story/story.php?storyId=5055388")),
                "by the journal Nature concludes", "as the Encyclopædia Britannica."),
            () => Assert.DoesNotContain(Find(events, "A comparison of 42").Entities, t => t.StartsWith("Wikipedia:", StringComparison.OrdinalIgnoreCase)),
            () => Assert.Contains("Nature (journal)", Find(events, "A comparison of 42").Entities),
            // line 11: (''The Future'')
            Check(events, "Marwan Barghouti launches a new party", "Palestinian National Authority. ", NoStories,
                Cites(Cite("BBC", "http://news.bbc.co.uk/2/hi/middle_east/4530206.stm")),
                "al-Mustaqbal (The Future), splitting"));
    }

    [RealPortalFact]
    public void P2005_12_18_dead_link_notes_with_commas_an_apostrophe_after_italics_and_wikinews()
    {
        var events = Events("2005-12-18.wiki");
        Assert.Multiple(
            () => Count(events, 11),
            // line 5: "[…] […] (Link dead as of 22:48, 14 January 2007 (UTC))"
            Check(events, "The Democratic Republic of the Congo", "poll in 40 years. ", NoStories,
                Cites(
                    Cite("BBC", "http://news.bbc.co.uk/2/hi/africa/4539238.stm"),
                    Cite("Reuters", "http://www.alertnet.org/thenews/newsdesk/L18075629.htm"))),
            // line 8: ''[[Time (magazine)|Time]]'''s reads Time's
            Check(events, "Bono, Melinda Gates and Bill Gates", "Persons of the Year. ", NoStories,
                Cites(Cite("CNN", "http://www.cnn.com/2005/US/12/18/time.poy/index.html")),
                "named Time's Persons"),
            // line 9: "[…] (Link dead as of …), […] (Link dead as of …)"
            Check(events, "U.S. Vice President Dick Cheney is", "to Iraq today. ", NoStories,
                Cites(
                    Cite("Yahoo! News", "https://news.yahoo.com/s/ap/20051218/ap_on_re_mi_ea/cheney_iraq"),
                    Cite("Reuters", "http://www.alertnet.org/thenews/newsdesk/L18757872.htm"))),
            // line 11: [[n:Israeli PM Sharon suffers 'mild stroke'|(Wikinews)]]
            Check(events, "The prime minister of Israel Ariel", "pray for his death. ", NoStories,
                Cites(
                    Cite("Ynetnews", "http://www.ynetnews.com/articles/0,7340,L-3186378,00.html"),
                    Cite("Wikinews", "https://en.wikinews.org/wiki/Israeli_PM_Sharon_suffers_'mild_stroke'"))));
    }

    // ---- 2008–2015: definition-line headings arrive --------------------------------------------------------------

    [RealPortalFact]
    public void P2008_09_02_wikinews_after_a_dead_link_and_a_glued_citation()
    {
        var events = Events("2008-09-02.wiki");
        Assert.Multiple(
            () => Count(events, 8),
            // line 4: "in  [[Alger, Washington]], [[United States]].[url (CBS News)] " is FORMAT.md's own example of a
            // glued citation that leaves no space (the space at the end of the line, after the citation, is not one that
            // stood before it)
            Check(events, "A gunman goes on a shooting", "Alger, Washington, United States.", NoStories,
                Cites(Cite("CBS News", "http://www.cbsnews.com/stories/2008/09/02/national/main4409150.shtml")),
                "injured, in Alger"),
            // line 5: (AP via ''Minneapolis StarTribune'')
            Check(events, "The United States Environmental Protection Agency", "impact on wetlands. ", NoStories,
                Cites(Cite("AP via Minneapolis StarTribune", "http://www.startribune.com/nation/27770314.html"))),
            // line 12: "[…]{{Dead link…}} [[n:…|(Wikinews)]]"
            Check(events, "A memorial service is held for", "prevent future disasters. ", NoStories,
                Cites(
                    Cite("Canadian Press", "http://canadianpress.google.com/article/ALeqM5gW9-VI7ohlmDGaZL1wbx8xNw271w"),
                    Cite("Wikinews", "https://en.wikinews.org/wiki/Service_held_in_Nova_Scotia_on_tenth_anniversary_of_Swissair_crash_that_killed_229"))));
    }

    [RealPortalFact]
    public void P2010_11_04_sup_and_commas_between_citations()
    {
        var events = Events("2010-11-04.wiki");
        Assert.Multiple(
            () => Count(events, 25),
            // line 7: 14<sup>th</sup>
            Check(events, "Two men are charged with terrorism", "detonated by police. ", NoStories,
                Cites(
                    Cite("AFP", "http://www.google.com/hostednews/afp/article/ALeqM5gbjsLiiD5uTPICdvAxa4AeQiQpeg?docId=CNG.e8b48c4874bff22ac42fef23e4e46678.7a1"),
                    Cite("BBC", "https://www.bbc.co.uk/news/world-europe-11692949")),
                "as a 14th bomb addressed"),
            () => Assert.Equal("Armed conflicts and attacks", Find(events, "Two men are charged").Category),
            // line 26: "[…]{{Dead link…}}, […], […]" under "*[[Qantas Flight 32]]:"
            Check(events, "Qantas Flight 32 from Singapore to", "in Indonesia. ", ["Qantas Flight 32"],
                Cites(
                    Cite("MSN", "http://news.ph.msn.com/business/article.aspx?cp-documentid=4437791"),
                    Cite("AFP via Yahoo! News", "https://news.yahoo.com/s/afp/20101104/wl_afp/singaporeaustraliaairlineincidentland"),
                    Cite("BBC", "https://www.bbc.co.uk/news/world-asia-pacific-11691197"))),
            () => Assert.Equal("Disasters and accidents", Find(events, "Qantas Flight 32 from").Category),
            // line 28: a sibling of the story bullet, no citation
            Check(events, "Aero Caribbean Flight 883 crashes in", "68 people on board.", NoStories, NoCitations));
    }

    [RealPortalFact]
    public void P2010_11_06_a_colon_link_into_a_category()
    {
        var events = Events("2010-11-06.wiki");
        Assert.Multiple(
            () => Count(events, 31),
            // line 14: [[:Category:Colossal statues of Jesus|biggest statue of Jesus]]; "Poland [url (AP)]"
            Check(events, "Christ the King, the world's biggest", "Świebodzin, Poland ", NoStories,
                Cites(Cite("AP", "http://www.google.com/hostednews/ap/article/ALeqM5jl4gAKRLm6GA5JHGsu19b4VCAW7Q?docId=145283da4231446ea852f4ca5f562a41")),
                "the world's biggest statue of Jesus, is"),
            () => Assert.Equal(["Christ the King (statue)", "Świebodzin", "Poland"], Find(events, "Christ the King,").Entities),
            () => Assert.Equal("Arts and culture", Find(events, "Christ the King,").Category),
            // line 34: curly quotes kept, two spaces folded; (''The Jerusalem Post'')
            Check(events, "Hamas leader Mahmoud Zahar says “the", "corrupted these countries.\" ", NoStories,
                Cites(Cite("The Jerusalem Post", "http://www.jpost.com/MiddleEast/Article.aspx?id=194259")),
                "European countries “because"));
    }

    [RealPortalFact]
    public void P2014_06_01_an_interlanguage_link_template()
    {
        var page = Parse("2014-06-01.wiki");
        var events = page.Day.Events;
        Assert.Multiple(
            () => Assert.Equal(DayPageLayout.TemplateContent, page.Layout),
            () => Count(events, 10),
            // line 14: ({{Interlanguage link multi|Мунозеро (деревня)|ru}}), the long name of {{ill}}
            Check(events, "A Mil Mi-8 helicopter crashes near", "passengers unclear. ", NoStories,
                Cites(Cite("ITAR-TASS", "http://en.itar-tass.com/russia/734214")),
                "near Munozero (Мунозеро (деревня)) in northern"),
            () => Assert.Equal("Disasters and accidents", Find(events, "A Mil Mi-8").Category),
            // line 17: two spaces folded; (''Times of Israel'')
            Check(events, "A Muslim Frenchman with connections to", "Jewish Museum of Belgium shooting. ", NoStories,
                Cites(Cite("Times of Israel", "http://www.timesofisrael.com/suspected-brussels-gunman-admitted-to-attack-on-film/")),
                "in the Jewish Museum"));
    }

    [RealPortalFact]
    public void P2015_02_15_convert_with_abbreviations()
    {
        var events = Events("2015-02-15.wiki");
        Assert.Multiple(
            () => Count(events, 10),
            // line 27: {{convert|251.5|m|ft|abbr=on}}
            Check(events, "In ski jumping, Anders Fannemel of", "at Vikersund. ", NoStories,
                Cites(Cite("BBC", "https://www.bbc.com/sport/0/winter-sports/31482510?ocid=socialflow_twitter")),
                "a leap of 251.5 m at Vikersund"),
            () => Assert.Equal("Sports", Find(events, "In ski jumping").Category),
            // line 7: a URL ending with '#'
            Check(events, "Danish police kill a man at", "two previous attacks. ", ["2015 Copenhagen shootings"],
                Cites(
                    Cite("Reuters/AFP via ABC News Australia", "http://www.abc.net.au/news/2015-02-15/danish-police-kill-man-in-copenhagen-close-to-earlier-attacks/6107034"),
                    Cite("BBC", "https://www.bbc.com/news/world-europe-31475803#")),
                "the Nørrebro train station"));
    }

    // ---- 2017–2023: template content and bold headings ------------------------------------------------------------

    [RealPortalFact]
    public void P2017_05_05_excerpt_header_table_with_definition_headings()
    {
        var page = Parse("2017-05-05-excerpt.wiki");
        var events = page.Day.Events;
        Assert.Multiple(
            () => Assert.Equal(DayPageLayout.HeaderTable, page.Layout),
            () => Assert.Equal(new DateOnly(2017, 5, 5), page.Date),
            () => Count(events, 4),
            // line 6: "** Russia, Iran  and Turkey"
            Check(events, "Russia, Iran and Turkey reach an", "barred from flying. ", ["Syrian Civil War"],
                Cites(
                    Cite("Reuters", "http://www.reuters.com/article/us-mideast-crisis-syria-agreement-idUSKBN1811KJ"),
                    Cite("Fox News", "http://www.foxnews.com/world/2017/05/05/report-russia-says-syria-safe-zones-will-be-shut-for-us-warplanes.html"))),
            () => Assert.Equal("Armed conflicts and attacks", Find(events, "Russia, Iran and").Category),
            // line 11: ([[…|D]]-[[Maryland|MD]])
            Check(events, "United States senators Ben Cardin (D-MD)", "over its drug war. ", NoStories,
                Cites(Cite("Rappler", "http://www.rappler.com/nation/168973-us-bill-restrictions-weapons-exports-pnp")),
                "Marco Rubio (R-FL) file"),
            () => Assert.Equal("International relations", Find(events, "United States senators").Category));
    }

    [RealPortalFact]
    public void P2017_09_28_the_seed_page_entities_from_its_own_text_and_nested_stories()
    {
        var events = Events("2017-09-28.wiki");
        Assert.Multiple(
            () => Count(events, 8),
            // line 6: the seed event
            Check(events, "The Islamic State of Iraq and", "\"crusaders and apostates\". ", ["Syrian Civil War"],
                Cites(Cite("Los Angeles Times", "http://www.latimes.com/world/la-fg-islamic-state-abu-bakr-20170928-story.html"))),
            () => Assert.Equal(["Islamic State of Iraq and the Levant", "Abu Bakr al-Baghdadi"], Find(events, "The Islamic State of").Entities),
            // line 15: two stories deep
            Check(events, "U.S. President Donald Trump waives the", "too high in Puerto Rico. ", ["2017 Atlantic hurricane season", "Hurricane Maria"],
                Cites(Cite("Newsweek", "http://www.newsweek.com/puerto-rico-hurricane-maria-donald-trump-jones-act-relief-aid-672778"))));
    }

    [RealPortalFact]
    public void P2018_10_01_a_convert_range_sub_and_a_piped_story()
    {
        var events = Events("2018-10-01.wiki");
        Assert.Multiple(
            () => Count(events, 13),
            // line 34: [[2015 TG387|2015 TG<sub>387</sub>]]; {{convert|200|–|600|km|mi|adj=on}}
            Check(events, "The discovery of a third Sednoid,", "than twice Neptune's distance. ", NoStories,
                Cites(Cite("Nature", "https://www.nature.com/articles/d41586-018-06885-1")),
                "2015 TG387, is announced", "The 200–600 km wide asteroid"),
            // line 6: story [[Ahvaz military parade attack|2018 Eastern Euphrates missile strike]]
            Check(events, "Iran fires six ballistic missiles from", "Ahvaz military parade attack. ", ["2018 Eastern Euphrates missile strike"],
                Cites(Cite("The Independent", "https://www.independent.co.uk/news/world/middle-east/iran-syria-bombing-missiles-air-strike-abu-kamal-attack-latest-ahvaz-parade-shooting-a8562776.html"))));
    }

    [RealPortalFact]
    public void P2019_08_13_a_story_bullet_without_a_link()
    {
        var events = Events("2019-08-13.wiki");
        Assert.Multiple(
            () => Count(events, 9),
            // line 15: under "*2019 Sydney stabbing attack"
            Check(events, "A man in Sydney, Australia, stabs", "is unknown. ", ["2019 Sydney stabbing attack"],
                Cites(Cite("Australian Broadcasting Corporation", "https://www.abc.net.au/news/2019-08-13/sydney-cbd-armed-man-police-operation-woman-stabbed/11409194"))),
            () => Assert.Equal("Law and crime", Find(events, "A man in Sydney").Category),
            // line 24: the second event under one story
            Check(events, "Earlier in the day, over a", "stricter environmental regulations. ", ["Presidency of Jair Bolsonaro"],
                Cites(
                    Cite("BBC News", "https://www.bbc.com/news/world-latin-america-49329680"),
                    Cite("Telesur English", "https://www.telesurenglish.net/news/Brazil-Indigenous-Women-Occupy-Health-Ministry-Demand-Rights-20190812-0014.html"))));
    }

    [RealPortalFact]
    public void P2019_10_17_convert_twice_and_a_story_with_two_links()
    {
        var events = Events("2019-10-17.wiki");
        Assert.Multiple(
            () => Count(events, 13),
            // line 35: {{convert|3|cm|in}} and {{Convert|35|cm|in}}
            Check(events, "NASA announces that the InSight Mars", "in November 2018. ", NoStories,
                Cites(Cite("Space.com", "https://www.space.com/mars-insight-lander-burrowing-probe-hope.html")),
                "dug 3 cm into the ground", "stuck 35 cm in the ground"),
            // line 19: under "*[[Brexit negotiations]], [[Brexit]]"
            Check(events, "The United Kingdom and the European", "oppose the deal. ", ["Brexit negotiations, Brexit"],
                Cites(Cite("BBC News", "https://www.bbc.co.uk/news/uk-politics-50079385"))));
    }

    [RealPortalFact]
    public void P2020_11_22_nbsp_template_five_levels_and_stories_with_two_links()
    {
        var events = Events("2020-11-22.wiki");
        Assert.Multiple(
            () => Count(events, 19),
            // line 41: 10:00{{nbsp}} p.m.
            Check(events, "Los Angeles County public health officials", "U.S. largest county. ",
                ["COVID-19 pandemic", "COVID-19 pandemic in North America", "COVID-19 pandemic in the United States", "COVID-19 pandemic in California"],
                Cites(Cite("Los Angeles Times", "https://www.latimes.com/california/story/2020-11-22/l-a-county-suspends-outdoor-dining-at-restaurants-as-coronavirus-surges")),
                "at 10:00 p.m. PST due"),
            // line 25: "**** The" (a space after the stars)
            Check(events, "The Dubai Health Authority (DHA) begins", "to test children. ",
                ["COVID-19 pandemic", "COVID-19 pandemic in Asia", "COVID-19 pandemic in the United Arab Emirates, COVID-19 testing"],
                Cites(Cite("Gulf News", "https://gulfnews.com/uae/health/dubai-introduces-new-saliva-test-to-detect-covid-19-in-kids-1.75428919"))),
            // line 30
            Check(events, "Prime Minister Pedro Sánchez states that", "within three months. ",
                ["COVID-19 pandemic", "COVID-19 pandemic in Europe", "COVID-19 pandemic in Spain, COVID-19 vaccine"],
                Cites(Cite("France 24", "https://www.france24.com/en/europe/20201122-spain-plans-to-begin-vaccination-programme-in-january-pm-sanchez"))));
    }

    [RealPortalFact]
    public void P2021_10_12_a_currency_template()
    {
        var events = Events("2021-10-12.wiki");
        Assert.Multiple(
            () => Count(events, 19),
            // line 16: {{€|12 billion}} ([[United States dollar|US$]]13.9 billion)
            Check(events, "The European Commission raises a climate", "global capital market. ", NoStories,
                Cites(Cite("AFP via Times of Malta", "https://timesofmalta.com/articles/view/eu-holds-worlds-largest-green-bond-sale.907516")),
                "worth €12 billion (US$13.9 billion) as"),
            // line 13: [[Euro|€]]30 billion
            Check(events, "President Emmanuel Macron announces a", "innovation and research\". ", ["Economy of France"],
                Cites(Cite("CNA", "https://www.channelnewsasia.com/world/macron-announces-30-billion-euro-plan-re-industrialise-france-2238671")),
                "a €30 billion plan"));
    }

    [RealPortalFact]
    public void P2022_08_19_convert_in_celsius()
    {
        var events = Events("2022-08-19.wiki");
        Assert.Multiple(
            () => Count(events, 16),
            // line 23: {{convert|45|C}}
            Check(events, "Temperatures in Chongqing, China, reach", "outside of Xinjiang. ", NoStories,
                Cites(Cite("AP", "https://apnews.com/article/china-droughts-economy-chongqing-13e7b32da8113aea92e4f69b4aaf62cd")),
                "reach 45 °C during a historic drought"),
            // line 10: stories with piped links
            Check(events, "At least 10 people are killed", "car bomb blasts and gunfire. ", ["Somali Civil War", "2022 Mogadishu hotel attack"],
                Cites(Cite("Al Jazeera", "https://www.aljazeera.com/news/2022/8/19/unidentified-attackers-seize-control-of-hotel-in-mogadishu"))));
    }

    [RealPortalFact]
    public void P2023_06_11_sup_in_a_score()
    {
        var events = Events("2023-06-11.wiki");
        Assert.Multiple(
            () => Count(events, 12),
            // line 32: 7–6<sup>(7–1)</sup>, 6–3, 7–5
            Check(events, "In tennis, Novak Djokovic defeats Casper", "Grand Slam titles (23). ", ["2023 French Open"],
                Cites(Cite("The Guardian", "https://www.theguardian.com/sport/2023/jun/11/novak-djokovic-casper-ruud-french-open-23-grand-slam-titles-tennis")),
                "Ruud 7–6(7–1), 6–3, 7–5 in the final"),
            // line 8: a story title with letters outside ASCII
            Check(events, "Four police officers are killed and", "Sixteen people are arrested. ", ["2023 Đắk Lắk shooting"],
                Cites(Cite("CNA", "https://www.channelnewsasia.com/asia/several-killed-wounded-vietnam-central-highlands-police-station-attacks-3554261")),
                "in Cư Kuin, Đắk Lắk, Vietnam."));
    }

    [RealPortalFact]
    public void P2023_10_07_a_cited_bullet_with_deeper_bullets_and_a_holiday_section()
    {
        var events = Events("2023-10-07.wiki");
        string[] war = ["Gaza–Israel conflict", "Israel–Hamas war"];
        Assert.Multiple(
            () => Count(events, 18),
            // line 8: cited, with deeper bullets (lines 9–13): an event, not a story
            Check(events, "Targeted communities include Be'eri, Ofakim,", "Be'er Sheva and Sde Yemen. ", war,
                Cites(Cite("Haaretz", "https://www.haaretz.com/israel-news/2023-10-07/ty-article-live/israel-under-attack-terrorists-infiltrate-from-gaza-amid-massive-rocket-barrages/0000018b-088b-dae9-adcb-abbff50f0000"))),
            () => Assert.Equal(
                ["Kibbutz", "Be'eri", "Ofakim", "Sderot", "Kfar Aza", "Kerem Shalom", "Nirim", "Netiv HaAsara", "Nir Oz", "Nahal Oz (kibbutz)", "Holit", "Nir Am", "Nir Yitzhak", "Be'er Sheva"],
                Find(events, "Targeted communities").Entities),
            // line 9: under the cited bullet; its stories are the story bullets above, its entities its own links
            Check(events, "Yonatan Steinberg, commander of the 933rd", "in Kerem Shalom. ", war,
                Cites(Cite("The Times of Israel", "https://www.timesofisrael.com/commander-of-idfs-nahal-brigade-killed-in-clashes-with-hamas-on-gaza-border/")),
                "the 933rd \"Nahal\" Brigade"),
            () => Assert.Equal(["Yonatan Steinberg", "Nahal Brigade", "Kerem Shalom"], Find(events, "Yonatan Steinberg").Entities),
            // line 13: "**** Scores" and two spaces before the citation
            Check(events, "Scores of Israeli and non-Israeli civilians", "resistance tunnels\". ", war,
                Cites(Cite("The Independent", "https://www.independent.co.uk/news/world/middle-east/israel-palestine-hamas-war-hostage-b2425961.html"))),
            // lines 43–47: "Holidays not aligned to the Gregorian Calendar" holds no events
            () => Assert.DoesNotContain(events, e => e.Headline.StartsWith("Jewish holiday", StringComparison.Ordinal)),
            () => Assert.DoesNotContain(events, e => e.Category.StartsWith("Holidays", StringComparison.Ordinal)));
    }

    // ---- 2024–2026: {{ill}}, <small>, zero-width characters and the sandwich layout -----------------------------

    [RealPortalFact]
    public void P2024_01_18_ill_with_a_shown_text_and_a_story_with_three_links()
    {
        var events = Events("2024-01-18.wiki");
        Assert.Multiple(
            () => Count(events, 16),
            // line 29: {{ill|César Suárez (Ecuadorian prosecutor)|es|César Suárez|lt=César Suárez}}
            Check(events, "Two people are arrested for killing", "public prosecutor César Suárez. ", ["2024 Ecuadorian conflict"],
                Cites(Cite("NBC News", "https://www.nbcnews.com/news/latino/ecuadorian-prosecutor-probing-tv-studio-attack-killed-rcna134411"))),
            () => Assert.Contains("César Suárez (Ecuadorian prosecutor)", Find(events, "Two people are arrested").Entities),
            // line 6: under "**[[…]], [[…]], [[…]]"
            Check(events, "The Pakistan Air Force launches \"precision", "reportedly hit. ",
                ["Insurgency in Balochistan", "2024 Iranian missile strikes in Pakistan, Operation Marg Bar Sarmachar, 2024 Iran–Pakistan border skirmishes"],
                Cites(
                    Cite("India Today", "https://www.indiatoday.in/world/story/pakistan-hits-militant-targets-in-iran-day-after-strikes-killed-2-in-balochistan-sources-2490166-2024-01-18"),
                    Cite("First Post", "https://www.firstpost.com/world/pakistan-strikes-militant-targets-in-iran-day-after-serious-consequences-warning-13627002.html"))));
    }

    [RealPortalFact]
    public void P2024_01_25_ill_as_a_story_and_in_the_text()
    {
        var events = Events("2024-01-25.wiki");
        Assert.Multiple(
            () => Count(events, 10),
            // line 13: under "*{{ill|2024 Greater São Paulo Piper PA-24 Comanche crash|pt|…}}"
            Check(events, "A Piper PA-24 Comanche crashes in", "Two people were killed. ", ["2024 Greater São Paulo Piper PA-24 Comanche crash"],
                Cites(Cite("O Globo", "https://oglobo.globo.com/brasil/sao-paulo/noticia/2024/01/25/duas-pessoas-morrem-em-queda-de-aviao-de-pequeno-porte-na-grande-sp.ghtml"))),
            // line 20: {{ill|Darya Trepova|ru|…}}; the story bullet ends with a space
            Check(events, "A court in Russia sentences", "in April 2023. ", ["Assassination of Vladlen Tatarsky"],
                Cites(Cite("AP", "https://apnews.com/article/russia-ukraine-girkin-strelkov-putin-court-f1fbe68cdd2627fba16b2cff9ab89fa1")),
                "sentences Darya Trepova to 27 years"),
            () => Assert.Contains("Darya Trepova", Find(events, "A court in Russia").Entities));
    }

    [RealPortalFact]
    public void P2025_10_14_euro_template_ill_and_small_in_a_label()
    {
        var events = Events("2025-10-14.wiki");
        Assert.Multiple(
            () => Count(events, 24),
            // line 24: {{Euro}}157 million
            Check(events, "The European Union fines luxury brands", "through price fixing. ", NoStories,
                Cites(
                    Cite("DW", "https://www.dw.com/en/eu-fines-gucci-chloe-loewe-for-price-fixing/a-74350522"),
                    Cite("The Fashion Law", "https://www.thefashionlaw.com/eu-slaps-luxury-giants-with-e157m-in-fines-over-illegal-price-controls/")),
                "over €157 million (US$182.5 million) for"),
            // line 30: (''Milenio'' <small>in Spanish</small>)
            Check(events, "The death toll from the past", "from the Gulf of Mexico. ", ["October 2025 Mexico floods and landslides"],
                Cites(
                    Cite("NPR", "https://www.npr.org/2025/10/14/g-s1-93322/death-toll-torrential-rains-mexico"),
                    Cite("Milenio in Spanish", "https://www.milenio.com/estados/veracruz-que-pasa-en-poza-rica-otras-zonas-lluvias-e-indundaciones"))),
            // line 49: {{ill|Ernesto Álvarez Miranda|es}}
            Check(events, "President of Peru José Jerí appoints", "new Prime Minister. ", NoStories,
                Cites(Cite("Reuters", "https://www.reuters.com/world/americas/perus-jeri-taps-constitutional-lawyer-new-pm-says-party-leader-2025-10-14/")),
                "appoints Ernesto Álvarez Miranda as the new"),
            () => Assert.Contains("Ernesto Álvarez Miranda", Find(events, "President of Peru").Entities));
    }

    [RealPortalFact]
    public void P2026_06_04_sandwich_small_in_labels_and_a_zero_width_space()
    {
        var page = Parse("2026-06-04.wiki");
        var events = page.Day.Events;
        Assert.Multiple(
            () => Assert.Equal(DayPageLayout.Sandwich, page.Layout),
            () => Assert.Equal(new DateOnly(2026, 6, 4), page.Date),
            () => Count(events, 22),
            // line 33: (El Nacional <small>in Spanish</small>)
            Check(events, "Seven people are killed in an", "inside the shaft. ", NoStories,
                Cites(
                    Cite("El Nacional in Spanish", "https://www.elnacional.com/2026/06/seis-muertos-deja-explosion-en-mina-ilegal-de-carbon-en-colombia/"),
                    Cite("El Tiempo in Spanish", "https://www.eltiempo.com/bogota/estas-son-las-identidades-de-los-siete-mineros-fallecidos-tras-la-emergencia-en-mina-de-sutatausa-cundinamarca-3562469"))),
            // line 41: "on \u200B[[Russia]]"
            Check(events, "The United States House of Representatives", "new sanctions on Russia. ",
                ["International sanctions during the Russo-Ukrainian war, United States and the Russo-Ukrainian war"],
                Cites(Cite("Reuters", "https://www.reuters.com/world/us/us-house-backs-russia-sanctions-ukraine-aid-latest-blow-trump-2026-06-05/"))));
    }

    [RealPortalFact]
    public void P2026_08_18_sandwich_the_magnitude_template_and_small_in_labels()
    {
        var page = Parse("2026-08-18.wiki");
        var events = page.Day.Events;
        Assert.Multiple(
            () => Assert.Equal(DayPageLayout.Sandwich, page.Layout),
            () => Count(events, 23),
            // line 39: {{M|w|4.7}}
            Check(events, "A second", "Alhambra is evacuated. ", NoStories,
                Cites(Cite("BBC News", "https://www.bbc.com/news/articles/cdx755dyy1yo")),
                "A second Mw 4.7 earthquake strikes"),
            // line 34: "** At least"
            Check(events, "At least 100 people are killed", "border with Cameroon. ", ["2026 Zamboye mine collapse"],
                Cites(Cite("RTÉ", "https://www.rte.ie/news/world/2026/0819/1588552-gold-mine-collapse/"))),
            // line 36: (Xinhua <small>in Chinese</small>)
            Check(events, "Five people are killed and 17", "Sichuan, China. ", NoStories,
                Cites(Cite("Xinhua in Chinese", "https://www.news.cn/local/20260819/266a8f9cbc2d49e9a06203f3fbca7095/c.html"))),
            // line 25: (Latinus <small>in Spanish</small>)
            Check(events, "Five gunmen are killed by members", "Los Reyes, Michoacán. ", ["Mexican drug war"],
                Cites(Cite("Latinus in Spanish", "https://latinus.us/mexico/2026/8/18/ejercito-abate-cinco-hombres-armados-en-michoacan-suman-once-muertos-en-cinco-dias-181954.html"))));
    }
}
