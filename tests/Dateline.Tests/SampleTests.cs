using Dateline.Model;
using Dateline.Store;
using Dateline.Tests.Support;

namespace Dateline.Tests;

/// <summary>
/// The bundled sample (<c>samples/portal</c>) shows the constructs real Portal pages use (FORMAT.md, "What real pages
/// hold"). Each expected value below was written from the sample's own wikitext by hand, not taken from the reader:
/// the sample is imported as a user imports it and every event written to show a construct is checked whole.
/// </summary>
public sealed class SampleTests : IDisposable
{
    private readonly TempFolder work = new();
    private readonly Archive archive;

    public SampleTests()
    {
        using var store = ArchiveStore.Open(work.File("sample.db"));
        var report = ArchiveImport.Run(store, [Path.Combine(TestPaths.Samples, "portal")], Path.Combine(TestPaths.Samples, "redirects.tsv"));
        Assert.Empty(report.Errors);
        Assert.Empty(report.DroppedTemplates);
        archive = store.ReadArchive();
    }

    public void Dispose() => work.Dispose();

    private static readonly string[] NoStories = [];

    private IReadOnlyList<Event> Day(int month, int day) => archive.Days.Single(d => d.Date == new DateOnly(2019, month, day)).Events;

    /// <summary>The one event of the day whose headline is exactly <paramref name="headline"/>.</summary>
    private Event Find(int month, int day, string headline)
    {
        var events = Day(month, day);
        var found = events.Where(e => e.Headline == headline).ToList();
        Assert.True(found.Count == 1, $"2019-{month:00}-{day:00}: one event with the headline «{headline}» expected, found {found.Count}; the day has:\n" + string.Join("\n", events.Select(e => "«" + e.Headline + "»")));
        return found[0];
    }

    private static Citation Cite(string label, string url) => new(label, url);

    private void Check(int month, int day, string category, string headline, string[] stories, Citation[] citations, string[] entities)
    {
        var e = Find(month, day, headline);
        Assert.Equal(category, e.Category);
        Assert.Equal(stories, e.Stories);
        Assert.Equal(citations, e.Citations);
        Assert.Equal(entities, e.Entities);
    }

    [Fact]
    public void Inline_html_and_a_pound_template_show_their_text()
    {
        // 2019-10-07.wiki line 17: <br /> reads as a space, {{£|100 million}} as "£100 million".
        Check(10, 7, "Business and economy",
            "The last flight of Operation Matterhorn lands in Manchester from Orlando, ending the largest peacetime repatriation in British history: about 150,000 holidaymakers flown home in two weeks. The government puts the cost at close to £100 million. ",
            ["Thomas Cook Group"],
            [Cite("BBC News", "https://www.bbc.example/news/business-49958427")],
            ["Operation Matterhorn", "Manchester Airport", "Orlando, Florida"]);
    }

    [Fact]
    public void An_interlanguage_link_template_a_colon_link_and_a_Wikinews_citation()
    {
        // 2019-10-12.wiki line 16: {{ill|…|fr|…}} shows and names its English title; [[:fr:Le Parisien|''Le Parisien'']]
        // shows its text and names nothing; [[n:…|(Wikinews)]] is a citation, before the Le Monde one.
        Check(10, 12, "Law and crime",
            "Police in Scotland release a man arrested at Glasgow Airport the day before as Xavier Dupont de Ligonnès, wanted in France since his wife and four children were found dead in Nantes in 2011; fingerprint and DNA checks show he is a retired man from the Paris region. The arrest had first been reported by Le Parisien. ",
            NoStories,
            [
                Cite("Wikinews", "https://en.wikinews.org/wiki/Man_arrested_at_Glasgow_Airport_released_after_identity_checks"),
                Cite("Le Monde", "https://www.lemonde.example/police-justice/article/2019/10/12/dupont-de-ligonnes-glasgow-erreur-identite_6015237_1653578.html"),
            ],
            ["Scotland", "Glasgow Airport", "Xavier Dupont de Ligonnès", "France", "Nantes"]);
    }

    [Fact]
    public void A_cited_bullet_with_deeper_bullets_is_an_event_and_so_is_each_bullet_under_it()
    {
        // 2019-10-25.wiki lines 11-13: the cited march bullet has two bullets under it; all three are events of the
        // Chilean protests story (the cited bullet is not a story of its own children).
        var chile = new[] { "2019 Chilean protests" };
        Check(10, 25, "Politics and elections",
            "More than a million people march peacefully through Santiago in what is described as the country's biggest demonstration since the return of democracy. ",
            chile,
            [Cite("La Tercera", "https://www.latercera.example/nacional/noticia/marcha-mas-grande-de-chile-un-millon/870622/")],
            ["Santiago"]);
        Check(10, 25, "Politics and elections",
            "In Valparaíso, the National Congress is evacuated as demonstrators gather outside the building. ",
            chile,
            [Cite("BioBioChile", "https://www.biobiochile.example/noticias/nacional/region-de-valparaiso/2019/10/25/congreso-evacuado-por-manifestaciones")],
            ["Valparaíso", "National Congress of Chile"]);
        Check(10, 25, "Politics and elections",
            "Piñera writes on Twitter that the march was joyful and peaceful and that everyone has heard its message.",
            chile,
            [],
            ["Sebastián Piñera"]);
        var events = Day(10, 25);
        var march = events.Single(e => e.Headline.StartsWith("More than a million", StringComparison.Ordinal));
        Assert.StartsWith("In Valparaíso,", events.Single(e => e.Position == march.Position + 1).Headline, StringComparison.Ordinal);
        Assert.StartsWith("Piñera writes", events.Single(e => e.Position == march.Position + 2).Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_templates_show_the_value_a_range_and_degrees()
    {
        // 2019-10-26.wiki line 16: {{convert|10|-|15|km|mi}} reads "10–15 km", {{convert|40|C}} "40 °C".
        Check(10, 26, "Disasters and accidents",
            "Firefighters battle a bushfire in the Lake Innes Nature Reserve near Port Macquarie, New South Wales, along a front of 10–15 km, while the weather bureau warns of hot, dry days ahead with temperatures near 40 °C in the west of the state. ",
            ["2019–20 Australian bushfire season"],
            [Cite("ABC News", "https://www.abc.example/news/2019-10-26/port-macquarie-bushfire-lake-innes-nature-reserve/11640130")],
            ["Lake Innes Nature Reserve", "Port Macquarie", "New South Wales"]);

        // 2019-10-28.wiki line 20: {{convert|93|mph|km/h}} reads "93 mph"; "*California wildfires" is a story without a link.
        Check(10, 28, "Disasters and accidents",
            "After a weekend of winds gusting at up to 93 mph, the fire in Sonoma County has reached the edge of Windsor; about 180,000 people remain under evacuation orders, and PG&E has cut power to nearly a million customers in northern California. ",
            ["California wildfires", "Kincade Fire"],
            [Cite("Los Angeles Times", "https://www.latimes.example/california/story/2019-10-28/kincade-fire-sonoma-windsor-evacuations-power-cuts")],
            ["Sonoma County, California", "Windsor, California", "Pacific Gas and Electric Company"]);
    }

    [Fact]
    public void A_story_without_a_link_loses_its_trailing_colon_and_an_earthquake_shows_its_magnitude()
    {
        // 2019-10-29.wiki lines 16-17: "*California wildfires:" names the same story as 2019-10-28's "*California wildfires".
        Check(10, 29, "Disasters and accidents",
            "The Getty Fire, which broke out before dawn on Monday beside the San Diego Freeway in Los Angeles, has destroyed about ten homes in Brentwood; fire officials say a branch blown onto power lines started it. ",
            ["California wildfires"],
            [Cite("Los Angeles Times", "https://www.latimes.example/california/story/2019-10-29/getty-fire-brentwood-homes-branch-power-lines")],
            ["Getty Fire", "Interstate 405 (California)", "Los Angeles", "Brentwood, Los Angeles"]);
        Assert.Equal(["California wildfires"], Find(10, 29, "The Getty Fire, which broke out before dawn on Monday beside the San Diego Freeway in Los Angeles, has destroyed about ten homes in Brentwood; fire officials say a branch blown onto power lines started it. ").StoryTitles);
        Assert.Equal(["California wildfires", "Kincade Fire"], Day(10, 28).Single(e => e.Headline.StartsWith("After a weekend of winds", StringComparison.Ordinal)).StoryTitles);

        // 2019-10-29.wiki line 19: {{M|w|6.6}} reads "Mw 6.6", <small> keeps its text, and the ", " between the two
        // citations goes with them (the space before the first citation stays).
        Check(10, 29, "Disasters and accidents",
            "A Mw 6.6 earthquake strikes near Tulunan in Cotabato, on Mindanao, less than two weeks after a magnitude 6.4 tremor in the same area; buildings collapse in several towns and at least five people are killed (early reports). ",
            ["2019 Cotabato earthquakes"],
            [
                Cite("Rappler", "https://www.rappler.example/nation/tulunan-cotabato-magnitude-6-6-earthquake-october-29-2019"),
                Cite("Philippine Daily Inquirer", "https://newsinfo.inquirer.example/1183416/mindanao-quake-tulunan-cotabato-buildings-collapse"),
            ],
            ["Tulunan", "Cotabato", "Mindanao"]);
    }

    [Fact]
    public void Nowrap_and_euro_templates_show_their_text()
    {
        // 2019-10-31.wiki line 16.
        Check(10, 31, "Business and economy",
            "Fiat Chrysler Automobiles and Groupe PSA agree to merge in an all-share deal that would create the world's fourth-largest carmaker, with a combined market value of about US$50 billion; Fiat Chrysler's shareholders are to receive a special dividend of €5.5 billion. ",
            NoStories,
            [Cite("Reuters", "https://www.reuters.example/business/autos/fiat-chrysler-and-psa-agree-to-merge-2019-10-31/")],
            ["Fiat Chrysler Automobiles", "Groupe PSA"]);
    }

    [Fact]
    public void A_holiday_section_gives_no_events_and_the_news_after_it_still_counts()
    {
        // 2019-11-01.wiki lines 4-6: the heading and its two bullets come first; the day's six news items follow.
        var events = Day(11, 1);
        Assert.DoesNotContain(events, e => e.Category.StartsWith("Holidays", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Headline.Contains("All Saints", StringComparison.Ordinal) || e.Headline.Contains("Day of the Dead", StringComparison.Ordinal));
        Assert.DoesNotContain(archive.Events, e => e.Entities.Contains("All Saints' Day") || e.Entities.Contains("Day of the Dead"));
        Assert.Equal(6, events.Count);
        Assert.Equal("Armed conflicts and attacks", events[0].Category);
        Assert.Equal(1, events[0].Position);
    }

    [Fact]
    public void A_continuation_line_is_appended_to_its_bullet()
    {
        // 2019-11-03.wiki lines 15-16: "*:" continues the bullet above; {{ndash}} reads "–", {{US$|…}} "US$…",
        // &mdash; "—".
        Check(11, 3, "Sports",
            "Ashleigh Barty beats the defending champion Elina Svitolina 6–4, 6–3 in the final of the WTA Finals in Shenzhen and takes home US$4.42 million — the biggest prize ever paid to a tennis player, man or woman. ",
            NoStories,
            [Cite("WTA", "https://www.wtatennis.example/news/1449930/barty-beats-svitolina-to-win-wta-finals-in-shenzhen")],
            ["Ashleigh Barty", "Elina Svitolina", "2019 WTA Finals", "Shenzhen"]);
        Assert.DoesNotContain(Day(11, 3), e => e.Headline.StartsWith("and takes home", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sample_holds_what_its_readme_says()
    {
        Assert.Equal(35, archive.Days.Count);
        Assert.Equal(191, archive.Events.Count());
        Assert.Equal(217, archive.Events.Sum(e => e.Citations.Count));
        Assert.Equal(182, archive.Events.Count(e => e.Citations.Count > 0));
    }
}
